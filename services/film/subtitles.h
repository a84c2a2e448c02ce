#pragma once

// SubRip subtitles from a script: one or more cues per scene with its narration and dialogue,
// timed by where each scene sits in the film. Long text is split into cues of at most two lines
// of 42 characters, sharing the scene's time in proportion to their length.

#include "core/script.h"

#include <QList>
#include <QString>

namespace t2v {

struct SubtitleSpan
{
    double start = 0; // seconds
    double end = 0;
    QString text; // what is said in this scene (narration, then "Speaker: line")
};

class Subtitles
{
public:
    static QString sceneText(const Scene& scene);
    // One span per scene with text, back to back from 0, each lasting durations[i].
    static QList<SubtitleSpan> spans(const QList<const Scene*>& scenes,
                                     const QList<double>& durations, double overlap = 0);
    static QString toSrt(const QList<SubtitleSpan>& spans);
    static QString timestamp(double seconds); // "00:01:02,345"
};

} // namespace t2v

#pragma once

// Joins the chosen clip of every scene, in order, into final/<title>.mp4. When every clip has
// the same codec parameters, by stream copy (the concat demuxer, seconds for a whole film);
// otherwise each clip is normalised (scaled and padded to the film's size, its frame rate,
// 48 kHz stereo) and re-encoded. Optional fades between scenes (xfade + acrossfade) shorten the
// film by exactly (n - 1) x fade. Subtitles from narration and dialogue: none, soft (a mov_text
// track) or burned in. An optional music bed under the sound, at its own volume.

#include "core/canceltoken.h"
#include "core/error.h"
#include "media/ffmpegtools.h"
#include "media/mediaprobe.h"
#include "project/project.h"

#include <QList>
#include <QSize>
#include <QString>

#include <functional>

namespace t2v {

struct AssemblyOptions
{
    QString subtitles = QStringLiteral("soft");  // none | soft | burn
    QString transition = QStringLiteral("none"); // none | fade
    double fadeSeconds = 0.5;
    QString musicPath;
    double musicVolume = 0.25;

    static AssemblyOptions fromSettings(const ProjectSettings& settings);
    QString validate() const;
};

struct AssemblyClip
{
    int sceneNumber = 0;
    QString jobId;
    QString path;
    MediaInfo info;
};

struct AssemblyPlan
{
    QList<AssemblyClip> clips;
    QString title;
    QString output;    // absolute path of the film
    QString subtitles; // SRT text for the film's own timeline
    QSize size;
    double fps = 24;
    bool streamCopy = false;
    double expectedSeconds = 0;
};

struct AssemblyResult
{
    QString output;
    double durationSeconds = 0;
    bool streamCopy = false;
};

class Assembler
{
public:
    // Picks each scene's clip (the chosen variant, else the first finished one), probes them,
    // and decides how to join them. Fails naming every scene that has no finished clip.
    static Result<AssemblyPlan> plan(const FfmpegTools& tools, const Project& project,
                                     const QString& projectDir, const AssemblyOptions& options,
                                     const CancelToken& cancel = {});
    // Runs the plan. `progress` gets a fraction in [0, 1].
    static Result<AssemblyResult> assemble(const FfmpegTools& tools, const AssemblyPlan& plan,
                                           const AssemblyOptions& options,
                                           const CancelToken& cancel = {},
                                           const std::function<void(double)>& progress = {});

    // A file name from a title: letters, digits, spaces, dashes; "film" when nothing is left.
    static QString fileNameFor(const QString& title);
};

} // namespace t2v

#pragma once

// Finds ffmpeg and ffprobe (a configured path, then $T2V_FFMPEG, then PATH) and checks that
// they run, so that a missing FFmpeg is reported before a run starts, not halfway through.

#include "core/error.h"

#include <QString>

namespace t2v {

struct FfmpegTools
{
    QString ffmpeg;
    QString ffprobe;
    QString version; // "5.1.9-0+deb12u1"

    // `configured` is a path to ffmpeg or to the folder holding it; empty to search.
    // Successful answers are remembered for the rest of the process.
    static Result<FfmpegTools> locate(const QString& configured = {});
    // The same search and check, always run afresh (Settings' Check button).
    static Result<FfmpegTools> probe(const QString& configured);
};

} // namespace t2v

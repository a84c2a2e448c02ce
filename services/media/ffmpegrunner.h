#pragma once

// Runs FFmpeg (or ffprobe) as a blocking job on a pool thread: arguments as a list (never a
// shell string), "-progress pipe:1" parsed line by line, the tail of stderr kept for the error
// message, a timeout, and a graceful stop (terminate, then kill) when cancelled.

#include "core/canceltoken.h"
#include "core/error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

namespace t2v {

struct ProcessOptions
{
    std::chrono::milliseconds timeout{std::chrono::minutes(30)};
    // Called with the media time FFmpeg has reached, in seconds, when it reports progress.
    std::function<void(double seconds)> progress;
    QString workingDirectory;
};

struct ProcessOutput
{
    QByteArray standardOutput;
    QString stderrTail;
};

class FfmpegRunner
{
public:
    // Runs `program` with `args`. For ffmpeg, pass withProgress to add "-progress pipe:1".
    static Result<ProcessOutput> run(const QString& program, const QStringList& args,
                                     const ProcessOptions& options, const CancelToken& cancel,
                                     bool withProgress = false);

    // The common prefix of ffmpeg arguments: quiet, no stdin, overwrite.
    static QStringList baseArgs();
};

} // namespace t2v

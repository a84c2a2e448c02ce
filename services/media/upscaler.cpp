#include "upscaler.h"

#include "media/ffmpegrunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace t2v {

Status Upscaler::resample(const FfmpegTools& tools, const QString& clip, int width, int height,
                          const QString& out, const CancelToken& cancel,
                          const std::function<void(double)>& progress, const QString& preset)
{
    QDir().mkpath(QFileInfo(out).absolutePath());
    const QString part = out + u".part"_s;
    QStringList args = FfmpegRunner::baseArgs();
    args << u"-i"_s << clip << u"-map"_s << u"0:v:0"_s << u"-map"_s << u"0:a?"_s << u"-vf"_s
         << u"scale=%1:-2:flags=lanczos"_s.arg(targetWidth(width, height)) << u"-c:v"_s
         << u"libx264"_s << u"-crf"_s << u"18"_s << u"-preset"_s << preset << u"-pix_fmt"_s
         << u"yuv420p"_s << u"-c:a"_s << u"copy"_s << u"-movflags"_s << u"+faststart"_s << u"-f"_s
         << u"mp4"_s << part;
    ProcessOptions options;
    options.progress = progress;
    auto result = FfmpegRunner::run(tools.ffmpeg, args, options, cancel, true);
    if (!result) {
        QFile::remove(part);
        Error e = result.error();
        if (!e.isCancelled())
            e.message =
                u"The 4K resample of %1 failed: %2"_s.arg(QFileInfo(clip).fileName(), e.message);
        return e;
    }
    QFile::remove(out);
    if (!QFile::rename(part, out))
        return Error::make(ErrorKind::Io, u"Cannot write %1."_s.arg(QDir::toNativeSeparators(out)));
    return {};
}

} // namespace t2v

#include "thumbnailer.h"

#include "media/ffmpegrunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {

Status Thumbnailer::make(const FfmpegTools& tools, const QString& clip, double clipSeconds,
                         const QString& jpeg, const CancelToken& cancel)
{
    QDir().mkpath(QFileInfo(jpeg).absolutePath());
    const QString part = jpeg + u".part"_s;
    const double at = clipSeconds > 1.2 ? 1.0 : 0.0;
    QStringList args = FfmpegRunner::baseArgs();
    args << u"-ss"_s << QString::number(at, 'f', 3) << u"-i"_s << clip << u"-frames:v"_s << u"1"_s
         << u"-vf"_s << u"scale=%1:-2"_s.arg(kWidth) << u"-q:v"_s << u"4"_s << u"-f"_s
         << u"image2"_s << u"-c:v"_s << u"mjpeg"_s << u"-update"_s << u"1"_s << part;
    ProcessOptions options;
    options.timeout = 60s;
    auto out = FfmpegRunner::run(tools.ffmpeg, args, options, cancel);
    if (!out || QFileInfo(part).size() == 0) {
        QFile::remove(part);
        if (!out)
            return Error::make(out.error().kind,
                               u"The thumbnail of %1 failed: %2"_s.arg(QFileInfo(clip).fileName(),
                                                                       out.error().message));
        return Error::make(ErrorKind::Process, u"The thumbnail of %1 came out empty."_s.arg(
                                                   QFileInfo(clip).fileName()));
    }
    QFile::remove(jpeg);
    if (!QFile::rename(part, jpeg))
        return Error::make(ErrorKind::Io,
                           u"Cannot write %1."_s.arg(QDir::toNativeSeparators(jpeg)));
    return {};
}

} // namespace t2v

#include "videoprovider.h"

#include "media/ffmpegrunner.h"
#include "media/ffmpegtools.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace t2v {

Result<ImageInput> lastFrameOf(const QString& clip, const QString& ffmpegPath)
{
    auto failed = [&](const QString& why) {
        Error e =
            Error::make(ErrorKind::Io,
                        u"The clip was not sent: the last frame of %1, which it continues "
                        u"from, could not be taken (%2)."_s.arg(QFileInfo(clip).fileName(), why));
        e.requestSent = false;
        return e;
    };
    auto tools = FfmpegTools::locate(ffmpegPath);
    if (!tools)
        return failed(tools.error().message);
    // Seeking from the end: the frame a viewer sees last, as a PNG on stdout.
    QStringList args = FfmpegRunner::baseArgs();
    args << u"-sseof"_s << u"-0.25"_s << u"-i"_s << clip << u"-frames:v"_s << u"1"_s << u"-f"_s
         << u"image2pipe"_s << u"-c:v"_s << u"png"_s << u"-"_s;
    ProcessOptions options;
    options.timeout = std::chrono::seconds(60);
    Result<ProcessOutput> out = FfmpegRunner::run(tools->ffmpeg, args, options, CancelToken());
    if (!out)
        return failed(out.error().message);
    Result<ImageInput> frame = image::check(out->standardOutput, u"The frame FFmpeg took"_s);
    if (!frame)
        return failed(frame.error().message);
    return frame;
}

Status loadImages(VideoRequest& request)
{
    auto read = [](const QString& path) -> Result<ImageInput> {
        Result<ImageInput> image = image::readFile(path);
        if (!image) {
            Error e = image.error();
            QString why = e.message;
            while (why.endsWith(u'.'))
                why.chop(1);
            e.message = u"The clip was not sent: %1. Make the image again or remove it from the "
                        u"character (t2v refs)."_s.arg(why);
            e.requestSent = false;
            return e;
        }
        return image;
    };
    if (!request.firstFrameClip.isEmpty() && !request.firstFrame) {
        Result<ImageInput> frame = lastFrameOf(request.firstFrameClip, request.ffmpegPath);
        if (!frame)
            return frame.error();
        request.firstFrame = *frame;
    }
    if (!request.firstFrameFile.isEmpty() && !request.firstFrame) {
        Result<ImageInput> image = read(request.firstFrameFile);
        if (!image)
            return image.error();
        request.firstFrame = *image;
    }
    if (request.references.isEmpty()) {
        for (const QString& path : std::as_const(request.referenceFiles)) {
            Result<ImageInput> image = read(path);
            if (!image)
                return image.error();
            request.references.append(*image);
        }
    }
    return {};
}

Status VideoProvider::cancel(const VideoJob&, const CancelToken&)
{
    return Error::make(
        ErrorKind::Unsupported,
        u"%1 cannot cancel a job once it is submitted; it will finish and be billed."_s.arg(
            label()));
}

} // namespace t2v

#include "videoprovider.h"

using namespace Qt::StringLiterals;

namespace t2v {

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

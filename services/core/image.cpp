#include "image.h"

#include "safepath.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace t2v::image {
namespace {

Error tooLarge(const QString& what, qint64 bytes)
{
    return Error::make(ErrorKind::Invalid,
                       u"%1 is %2 MB; images of at most %3 MB are used."_s.arg(what)
                           .arg(double(bytes) / (1024 * 1024), 0, 'f', 1)
                           .arg(kMaxBytes / (1024 * 1024)));
}

} // namespace

QString sniffType(const QByteArray& data)
{
    if (data.startsWith("\x89PNG\r\n\x1a\n"))
        return u"image/png"_s;
    if (data.startsWith("\xff\xd8\xff"))
        return u"image/jpeg"_s;
    if (data.size() >= 12 && data.startsWith("RIFF") && data.mid(8, 4) == "WEBP")
        return u"image/webp"_s;
    return {};
}

QString extension(const QString& mimeType)
{
    if (mimeType == u"image/jpeg"_s)
        return u"jpg"_s;
    if (mimeType == u"image/webp"_s)
        return u"webp"_s;
    return u"png"_s;
}

Result<ImageInput> check(QByteArray data, const QString& what)
{
    if (data.isEmpty())
        return Error::make(ErrorKind::BadResponse, u"%1 is empty."_s.arg(what));
    if (data.size() > kMaxBytes)
        return tooLarge(what, data.size());
    const QString type = sniffType(data);
    if (type.isEmpty())
        return Error::make(ErrorKind::BadResponse,
                           u"%1 is not a PNG, JPEG or WebP image."_s.arg(what));
    return ImageInput{std::move(data), type};
}

Result<ImageInput> readFile(const QString& path)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io,
                           u"Cannot read the image %1: %2"_s.arg(path, file.errorString()));
    if (file.size() > kMaxBytes)
        return tooLarge(name, file.size());
    Result<ImageInput> image = check(file.readAll(), name);
    if (!image)
        return Error::make(ErrorKind::Invalid, image.error().message);
    return image;
}

bool isProjectFile(const QString& file, const QString& folder)
{
    if (!file.startsWith(folder + u'/') || !isSafeRelativePath(file) || file.count(u'/') != 1)
        return false;
    return file.endsWith(u".png"_s) || file.endsWith(u".jpg"_s) || file.endsWith(u".webp"_s);
}

QByteArray dataUri(const ImageInput& image)
{
    return "data:" + image.mimeType.toLatin1() + ";base64," + image.data.toBase64();
}

} // namespace t2v::image

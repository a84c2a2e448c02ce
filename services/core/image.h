#pragma once

// An encoded still image as it travels to and from providers (a character reference, a first
// frame), and the checks every image from outside passes: its type is read from its bytes
// (PNG, JPEG or WebP; a name or a Content-Type can lie), and its size is bounded.

#include "error.h"

#include <QByteArray>
#include <QString>

namespace t2v {

struct ImageInput
{
    QByteArray data; // the encoded file (PNG, JPEG or WebP)
    QString mimeType;

    bool operator==(const ImageInput&) const = default;
};

namespace image {

// Larger than any reference a provider takes inline (Gemini's whole request is capped at
// 20 MB; Veo and fal's data URIs at less).
inline constexpr qint64 kMaxBytes = 16LL * 1024 * 1024;

// "image/png", "image/jpeg" or "image/webp" from the file's first bytes; empty otherwise.
QString sniffType(const QByteArray& data);
// "png", "jpg" or "webp" for a type sniffType() gives.
QString extension(const QString& mimeType);
// Checks bytes that came from a service or a file: a known type, not empty, not too large.
// `what` names them in the error ("The image fal.ai sent").
Result<ImageInput> check(QByteArray data, const QString& what);
// Reads and checks an image file a person chose or the project holds.
Result<ImageInput> readFile(const QString& path);
// Whether a stored name is an image file directly inside the project's `folder` ("refs",
// "keyframes"): a safe file name with an image extension, nothing else. Such entries come
// from project files, which other people may have written.
bool isProjectFile(const QString& file, const QString& folder);
// "data:image/png;base64,..." for APIs that take images as URLs.
QByteArray dataUri(const ImageInput& image);

} // namespace image
} // namespace t2v

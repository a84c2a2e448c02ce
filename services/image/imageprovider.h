#pragma once

// A service that makes still images: character reference sheets and scene keyframes. Same
// accounts and keys as the video services (ProviderRegistry rows with Capability::Image, made
// by ProviderFactory::image). One blocking call per image, for a pool thread.

#include "core/canceltoken.h"
#include "core/error.h"
#include "core/image.h"

#include <QList>
#include <QString>

namespace t2v {

struct ImageRequest
{
    QString prompt;
    QString aspectRatio = QStringLiteral("1:1"); // "1:1", "16:9", "9:16", "4:3", "3:4"
    // Images the new one must agree with (a character's face for a keyframe), for services
    // that take them (ImageProvider::takesReferences).
    QList<ImageInput> references;
    QString model; // empty: the account's
    quint64 seed = 0;

    // What the offline card renderer writes on the card.
    QString title;    // the character's name
    QString subtitle; // the role
    QString text;     // the fixed appearance
    QString badge;    // drawn in the disc; empty: the title's initial
    QString accent = QStringLiteral("#e0b25b");
    QString background = QStringLiteral("#1d2b3a");
};

class ImageProvider
{
public:
    virtual ~ImageProvider() = default;

    virtual QString id() const = 0;
    virtual QString label() const = 0;
    virtual bool isPaid() const { return true; }
    virtual bool takesReferences() const { return false; }
    // One image. Errors are the provider's, classified like its video errors.
    virtual Result<ImageInput> generate(const ImageRequest& request, const CancelToken& cancel) = 0;
};

// The width and height for an aspect ratio with `longSide` pixels on the longer side, in steps
// of 16 (what diffusion models need).
struct ImageSize
{
    int width = 0;
    int height = 0;
};
ImageSize imageSize(const QString& aspectRatio, int longSide);

} // namespace t2v

#pragma once

// The built-in offline image maker: draws a card with FFmpeg (the character's initial in a
// disc of their colour, their name, role and fixed appearance), so references and keyframes
// work with no key and no network. Same aspect ratios as the real services.

#include "image/imageprovider.h"

namespace t2v {

class CardImageProvider final : public ImageProvider
{
public:
    explicit CardImageProvider(QString ffmpegPath = {});

    QString id() const override { return QStringLiteral("local"); }
    QString label() const override { return QStringLiteral("Offline cards (FFmpeg)"); }
    bool isPaid() const override { return false; }
    Result<ImageInput> generate(const ImageRequest& request, const CancelToken& cancel) override;

    // A colour of its own for each name, so two characters' cards never look alike.
    static QString colourFor(const QString& name);

private:
    QString m_ffmpegPath;
};

} // namespace t2v

#pragma once

// Gemini's image models ("Nano Banana", gemini-2.5-flash-image and later) through
// generateContent with image output (python-genai google/genai/models.py
// _GenerateContentConfig_to_mldev and _ImageConfig_to_mldev):
//   POST {base}/models/{model}:generateContent   x-goog-api-key
//   {"contents": [{"role": "user", "parts": [{"inlineData": {mimeType, data}}..., {"text"}]}],
//    "generationConfig": {"responseModalities": ["IMAGE"], "imageConfig": {"aspectRatio"}}}
//   -> candidates[0].content.parts[] with {"inlineData": {"mimeType", "data" (base64)}}
// Reference images go in as inline parts before the text, so a keyframe can keep a face.

#include "image/imageprovider.h"

namespace t2v {

class GeminiImageProvider final : public ImageProvider
{
public:
    GeminiImageProvider(QString baseUrl, QString apiKey, QString model);

    QString id() const override { return QStringLiteral("gemini"); }
    QString label() const override;
    bool takesReferences() const override { return true; }
    Result<ImageInput> generate(const ImageRequest& request, const CancelToken& cancel) override;

    // The first image in a generateContent answer, or why there is none (a blocked prompt, a
    // finish reason such as IMAGE_SAFETY, text instead of an image).
    static Result<ImageInput> imageIn(const QByteArray& body);

private:
    QString m_base;
    QString m_key;
    QString m_model;
};

} // namespace t2v

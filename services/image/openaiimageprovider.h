#pragma once

// OpenAI-style image generation, served by OpenAI and by local servers (vLLM-Omni, LocalAI,
// SGLang Diffusion), after openai-python src/openai/resources/images.py and
// types/image_generate_params.py, types/images_response.py:
//   POST {base}/images/generations   Authorization: Bearer (optional for a local server)
//   {"model", "prompt", "n": 1, "size": "1024x1024"}
//   -> {"created", "data": [{"b64_json"} | {"url"}]}
// response_format is not sent: the GPT image models refuse it and always answer b64_json;
// dall-e and some local servers answer a URL, which is then fetched (with the key only when it
// is on the same server).

#include "image/imageprovider.h"

namespace t2v {

class OpenAiImageProvider final : public ImageProvider
{
public:
    OpenAiImageProvider(QString baseUrl, QString key, QString model, bool paid);

    QString id() const override { return QStringLiteral("openai-image"); }
    QString label() const override;
    bool isPaid() const override { return m_paid; }
    Result<ImageInput> generate(const ImageRequest& request, const CancelToken& cancel) override;

    // "1024x1024", "1536x1024" or "1024x1536": the sizes every server of this API takes.
    static QString sizeFor(const QString& aspectRatio);

private:
    QString m_base;
    QString m_key;
    QString m_model;
    bool m_paid = true;
};

} // namespace t2v

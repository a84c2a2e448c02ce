#include "geminiimageprovider.h"

#include "core/json.h"
#include "net/httpclient.h"
#include "net/providererror.h"
#include "video/geminivideoprovider.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {

GeminiImageProvider::GeminiImageProvider(QString baseUrl, QString apiKey, QString model)
    : m_base(googleapi::v1betaBase(baseUrl))
    , m_key(std::move(apiKey))
    , m_model(std::move(model))
{}

QString GeminiImageProvider::label() const
{
    return u"%1 (Gemini API)"_s.arg(m_model);
}

Result<ImageInput> GeminiImageProvider::imageIn(const QByteArray& body)
{
    const json::Json doc = json::parse(body, nullptr);
    auto bad = [&](const QString& message) {
        Error e = Error::make(ErrorKind::BadResponse, message);
        e.detail = QString::fromUtf8(body.left(500));
        return e;
    };
    if (!doc.is_object())
        return bad(u"The Gemini API's answer is not JSON."_s);
    if (doc.contains("promptFeedback") && doc["promptFeedback"].is_object()) {
        if (const QString reason = json::optString(doc["promptFeedback"], "blockReason");
            !reason.isEmpty())
            return bad(u"The Gemini API blocked the image prompt (%1). Change the character's "
                       u"description and try again."_s.arg(reason));
    }
    if (!doc.contains("candidates") || !doc["candidates"].is_array() || doc["candidates"].empty())
        return bad(u"The Gemini API made no image."_s);
    const json::Json& candidate = doc["candidates"][0];
    QString said;
    if (candidate.is_object() && candidate.contains("content") &&
        candidate["content"].is_object() && candidate["content"].contains("parts") &&
        candidate["content"]["parts"].is_array()) {
        for (const json::Json& part : candidate["content"]["parts"]) {
            if (!part.is_object() || part.value("thought", false))
                continue;
            const auto inline_ = part.find("inlineData");
            if (inline_ != part.end() && inline_->is_object()) {
                const QByteArray data =
                    QByteArray::fromBase64(json::optString(*inline_, "data").toLatin1());
                return image::check(data, u"The image the Gemini API sent"_s);
            }
            said += json::optString(part, "text");
        }
    }
    const QString finish =
        candidate.is_object() ? json::optString(candidate, "finishReason") : QString();
    if (!finish.isEmpty() && finish != u"STOP"_s)
        return bad(u"The Gemini API made no image (%1)."_s.arg(finish));
    if (!said.isEmpty())
        return bad(u"The Gemini API answered with text instead of an image: %1"_s.arg(
            said.simplified().left(200)));
    return bad(u"The Gemini API made no image."_s);
}

Result<ImageInput> GeminiImageProvider::generate(const ImageRequest& request,
                                                 const CancelToken& cancel)
{
    const QString model = request.model.isEmpty() ? m_model : request.model;
    if (model.isEmpty())
        return Error::make(ErrorKind::Invalid,
                           u"No Gemini image model is chosen for this account; set its image "
                           u"model (for example gemini-2.5-flash-image)."_s);
    json::Json parts = json::Json::array();
    for (const ImageInput& reference : request.references)
        parts.push_back({{"inlineData",
                          {{"mimeType", reference.mimeType},
                           {"data", reference.data.toBase64().toStdString()}}}});
    parts.push_back({{"text", request.prompt}});
    const json::Json body = {
        {"contents", json::Json::array({{{"role", "user"}, {"parts", parts}}})},
        {"generationConfig",
         {{"responseModalities", {"IMAGE"}},
          {"imageConfig", {{"aspectRatio", request.aspectRatio}}}}}};
    HttpRequest req = HttpRequest::postJson(m_base + u"/models/"_s + model + u":generateContent"_s,
                                            QByteArray::fromStdString(json::dump(body)));
    req.headers.set("x-goog-api-key", m_key.toUtf8());
    req.timeout = 180s;
    req.freshConnection = true; // a paid request: never re-sent by the HTTP layer
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return googleapi::modelNotFound(classifyGoogleError(r.error()), model);
    return imageIn(r->body);
}

} // namespace t2v

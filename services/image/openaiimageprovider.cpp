#include "openaiimageprovider.h"

#include "core/json.h"
#include "net/httpclient.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {

OpenAiImageProvider::OpenAiImageProvider(QString baseUrl, QString key, QString model, bool paid)
    : m_base(std::move(baseUrl))
    , m_key(std::move(key))
    , m_model(std::move(model))
    , m_paid(paid)
{
    while (m_base.endsWith(u'/'))
        m_base.chop(1);
}

QString OpenAiImageProvider::label() const
{
    return m_model.isEmpty() ? u"Image server at %1"_s.arg(m_base)
                             : u"%1 at %2"_s.arg(m_model, m_base);
}

QString OpenAiImageProvider::sizeFor(const QString& aspectRatio)
{
    const ImageSize s = imageSize(aspectRatio, 1536);
    if (s.width > s.height)
        return u"1536x1024"_s;
    if (s.height > s.width)
        return u"1024x1536"_s;
    return u"1024x1024"_s;
}

Result<ImageInput> OpenAiImageProvider::generate(const ImageRequest& request,
                                                 const CancelToken& cancel)
{
    json::Json body = {
        {"prompt", request.prompt}, {"n", 1}, {"size", sizeFor(request.aspectRatio)}};
    if (const QString model = request.model.isEmpty() ? m_model : request.model; !model.isEmpty())
        body["model"] = model;
    HttpRequest req = HttpRequest::postJson(m_base + u"/images/generations"_s,
                                            QByteArray::fromStdString(json::dump(body)));
    if (!m_key.isEmpty())
        req.headers.set("Authorization", "Bearer " + m_key.toUtf8());
    req.timeout = 300s; // a local GPU may take minutes
    req.freshConnection = true;
    HttpClient http;
    Result<HttpResponse> r = http.send(req, cancel);
    if (!r)
        return r.error();
    const json::Json doc = json::parse(r->body, nullptr);
    const json::Json* first = nullptr;
    if (doc.is_object() && doc.contains("data") && doc["data"].is_array() && !doc["data"].empty() &&
        doc["data"][0].is_object())
        first = &doc["data"][0];
    if (!first) {
        Error e = Error::make(ErrorKind::BadResponse,
                              u"The image server's answer has no image (no data[0])."_s);
        e.detail = QString::fromUtf8(r->body.left(500));
        return e;
    }
    if (const QString b64 = json::optString(*first, "b64_json"); !b64.isEmpty())
        return image::check(QByteArray::fromBase64(b64.toLatin1()), u"The image the server sent"_s);
    const QString url = json::optString(*first, "url");
    if (url.isEmpty())
        return Error::make(ErrorKind::BadResponse,
                           u"The image server's answer has neither b64_json nor url."_s);
    HttpRequest get = bearerGet(url, m_base, m_key);
    get.timeout = 120s;
    Result<HttpResponse> file = http.send(get, cancel);
    if (!file)
        return file.error();
    return image::check(file->body, u"The image at %1"_s.arg(url.left(120)));
}

} // namespace t2v

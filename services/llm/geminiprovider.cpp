#include "geminiprovider.h"

#include "core/logging.h"
#include "net/httpclient.h"
#include "net/providererror.h"

#include <QUrl>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {
namespace {

bool isSafetyReason(const QString& reason)
{
    static const QStringList safety{u"SAFETY"_s,    u"PROHIBITED_CONTENT"_s, u"BLOCKLIST"_s,
                                    u"SPII"_s,      u"RECITATION"_s,         u"IMAGE_SAFETY"_s,
                                    u"JAILBREAK"_s, u"MODEL_ARMOR"_s,        u"LANGUAGE"_s};
    return safety.contains(reason);
}

} // namespace

GeminiProvider::GeminiProvider(LlmConfig config)
    : m_config(std::move(config))
{
    QString base = m_config.baseUrl.isEmpty() ? u"https://generativelanguage.googleapis.com"_s
                                              : m_config.baseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    if (!base.endsWith(u"/v1beta"_s) && !base.endsWith(u"/v1"_s))
        base += u"/v1beta"_s;
    m_base = base;
    // No model of its own: the provider registry chooses it (Google retires text models too).
}

QString GeminiProvider::label() const
{
    QMutexLocker lock(&m_mutex);
    return m_config.model.isEmpty() ? u"the first preferred model the key serves, via Gemini API"_s
                                    : u"%1 via Gemini API"_s.arg(m_config.model);
}

Result<QString> GeminiProvider::endpoint(const CancelToken& cancel)
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_config.model.isEmpty() || !m_config.resolveModel) {
            if (m_config.model.isEmpty())
                return Error::make(ErrorKind::Invalid,
                                   u"No Gemini text model is chosen for this account; set its "
                                   u"text model."_s);
            return QString(m_base + u"/models/"_s + m_config.model + u":generateContent"_s);
        }
    }
    // Outside the lock: the key's model list may be asked for.
    Result<QString> resolved = m_config.resolveModel(cancel);
    if (!resolved)
        return resolved.error(); // asked again with the next request
    QMutexLocker lock(&m_mutex);
    if (m_config.model.isEmpty()) {
        m_config.model = *resolved;
        qCInfo(lcLlm).noquote() << u"Gemini API text model: %1"_s.arg(m_config.model);
    }
    return QString(m_base + u"/models/"_s + m_config.model + u":generateContent"_s);
}

Result<LlmReply> GeminiProvider::complete(const LlmRequest& request, const CancelToken& cancel)
{
    json::Json system = json::Json::array();
    json::Json contents = json::Json::array();
    for (const LlmMessage& m : request.messages) {
        if (m.role == LlmMessage::Role::System) {
            system.push_back({{"text", m.text}});
            continue;
        }
        contents.push_back({{"role", m.role == LlmMessage::Role::Assistant ? "model" : "user"},
                            {"parts", json::Json::array({{{"text", m.text}}})}});
    }
    const Result<QString> address = endpoint(cancel);
    if (!address)
        return address.error();
    HttpClient http;
    for (;;) {
        json::Json config = {{"temperature", request.temperature},
                             {"maxOutputTokens", request.maxOutputTokens}};
        if (!request.schema.is_null()) {
            config["responseMimeType"] = "application/json";
            if (!m_schemaRejected.load())
                config["responseJsonSchema"] = request.schema;
        }
        json::Json body = {{"contents", contents}, {"generationConfig", config}};
        if (!system.empty())
            body["systemInstruction"] = {{"parts", system}};
        HttpRequest req =
            HttpRequest::postJson(*address, QByteArray::fromStdString(json::dump(body)));
        if (!m_config.apiKey.isEmpty())
            req.headers.set("x-goog-api-key", m_config.apiKey.toUtf8());
        req.timeout = m_config.timeout;
        Result<HttpResponse> response = http.send(req, cancel);
        if (!response.ok()) {
            const Error& e = response.error();
            if (e.kind == ErrorKind::Http && e.httpStatus == 400 && !m_schemaRejected.load() &&
                QString(e.message + e.detail).contains(u"responseJsonSchema"_s)) {
                qCInfo(lcLlm) << "this Gemini model does not take responseJsonSchema; falling back";
                m_schemaRejected = true;
                continue;
            }
            return classifyGoogleError(e);
        }
        return parseReply(response->body);
    }
}

Result<LlmReply> GeminiProvider::parseReply(const QByteArray& body)
{
    QString parseError;
    const json::Json doc = json::parse(body, &parseError);
    if (!doc.is_object())
        return llmerror::badAnswer(u"The Gemini API's answer is not JSON (%1)."_s.arg(parseError),
                                   {});
    try {
        const auto candidates = doc.find("candidates");
        if (candidates == doc.end() || !candidates->is_array() || candidates->empty()) {
            QString reason;
            if (const auto fb = doc.find("promptFeedback"); fb != doc.end() && fb->is_object())
                reason = json::optString(*fb, "blockReason");
            if (!reason.isEmpty())
                return llmerror::badAnswer(u"Gemini blocked the request (%1)."_s.arg(reason),
                                           llmerror::Blocked);
            return llmerror::badAnswer(u"The Gemini API answered with no candidates."_s,
                                       llmerror::Empty);
        }
        const json::Json& first = (*candidates)[0];
        LlmReply reply;
        reply.finishReason = json::optString(first, "finishReason");
        reply.model = json::optString(doc, "modelVersion");
        if (const auto content = first.find("content");
            content != first.end() && content->is_object()) {
            if (const auto parts = content->find("parts");
                parts != content->end() && parts->is_array()) {
                for (const json::Json& part : *parts) {
                    if (!part.is_object() || part.value("thought", false))
                        continue;
                    reply.text += json::optString(part, "text");
                }
            }
        }
        if (const auto usage = doc.find("usageMetadata");
            usage != doc.end() && usage->is_object()) {
            reply.promptTokens = json::optInt(*usage, "promptTokenCount");
            reply.outputTokens = json::optInt(*usage, "candidatesTokenCount");
        }
        if (reply.finishReason == u"MAX_TOKENS"_s)
            return llmerror::badAnswer(u"The answer was cut off at the token limit (MAX_TOKENS)."_s,
                                       llmerror::Truncated);
        if (isSafetyReason(reply.finishReason))
            return llmerror::badAnswer(u"Gemini stopped the answer (%1)."_s.arg(reply.finishReason),
                                       llmerror::Blocked);
        if (reply.text.trimmed().isEmpty())
            return llmerror::badAnswer(
                u"Gemini answered with no text (finish reason %1)."_s.arg(
                    reply.finishReason.isEmpty() ? u"none"_s : reply.finishReason),
                llmerror::Empty);
        return reply;
    } catch (const std::exception& e) {
        return llmerror::badAnswer(
            u"The Gemini answer has an unexpected shape: %1"_s.arg(json::errorMessage(e)), {});
    }
}

Status GeminiProvider::testConnection(const CancelToken& cancel)
{
    HttpRequest req = HttpRequest::get(m_base + u"/models?pageSize=1"_s);
    req.headers.set("x-goog-api-key", m_config.apiKey.toUtf8());
    req.timeout = 30s;
    const Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return classifyGoogleError(r.error());
    return {};
}

} // namespace t2v

#include "openaichatprovider.h"

#include "core/logging.h"
#include "net/httpclient.h"

#include <QUrl>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {
namespace {

const char* roleName(LlmMessage::Role role)
{
    switch (role) {
    case LlmMessage::Role::System:
        return "system";
    case LlmMessage::Role::Assistant:
        return "assistant";
    case LlmMessage::Role::User:
        break;
    }
    return "user";
}

// A 400 that says the server does not understand our response_format.
bool rejectsResponseFormat(const Error& e)
{
    if (e.kind != ErrorKind::Http || (e.httpStatus != 400 && e.httpStatus != 422))
        return false;
    const QString text = QString(e.message + u' ' + e.detail).toLower();
    return text.contains(u"response_format"_s) || text.contains(u"json_schema"_s) ||
           text.contains(u"json_object"_s) || text.contains(u"structured output"_s);
}

QString contentText(const json::Json& content)
{
    if (content.is_string())
        return QString::fromStdString(content.get<std::string>());
    QString text;
    if (content.is_array()) {
        // Some servers answer with content parts: [{"type":"text","text":"..."}].
        for (const json::Json& part : content) {
            if (part.is_object() && part.value("type", std::string()) == "text" &&
                part.contains("text") && part["text"].is_string())
                text += QString::fromStdString(part["text"].get<std::string>());
        }
    }
    return text;
}

} // namespace

OpenAiChatProvider::OpenAiChatProvider(LlmConfig config)
    : m_config(std::move(config))
{
    QString base = m_config.baseUrl.isEmpty() ? u"https://api.openai.com/v1"_s : m_config.baseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    m_endpoint = base.endsWith(u"/chat/completions"_s) ? base : base + u"/chat/completions"_s;
}

QString OpenAiChatProvider::label() const
{
    return u"%1 via %2"_s.arg(m_config.model, QUrl(m_endpoint).host());
}

QString OpenAiChatProvider::tokenLimitField() const
{
    if (m_config.tokenLimitField == u"max_tokens"_s ||
        m_config.tokenLimitField == u"max_completion_tokens"_s)
        return m_config.tokenLimitField;
    // Only OpenAI itself wants the newer field; Ollama silently ignores it.
    return QUrl(m_endpoint).host() == u"api.openai.com"_s ? u"max_completion_tokens"_s
                                                          : u"max_tokens"_s;
}

json::Json OpenAiChatProvider::buildBody(const LlmRequest& request, int formatLevel) const
{
    json::Json messages = json::Json::array();
    for (const LlmMessage& m : request.messages)
        messages.push_back({{"role", roleName(m.role)}, {"content", m.text}});
    json::Json body = {
        {"model", m_config.model}, {"messages", messages}, {"temperature", request.temperature}};
    body[tokenLimitField().toStdString()] = request.maxOutputTokens;
    if (!request.schema.is_null()) {
        if (formatLevel == 0) {
            body["response_format"] = {
                {"type", "json_schema"},
                {"json_schema",
                 {{"name", request.schemaName.isEmpty() ? u"reply"_s : request.schemaName},
                  {"schema", request.schema},
                  {"strict", true}}}};
        } else if (formatLevel == 1) {
            body["response_format"] = {{"type", "json_object"}};
        }
    }
    return body;
}

Result<LlmReply> OpenAiChatProvider::complete(const LlmRequest& request, const CancelToken& cancel)
{
    HttpClient http;
    for (;;) {
        const int level = m_formatLevel.load();
        HttpRequest req = HttpRequest::postJson(
            m_endpoint, QByteArray::fromStdString(json::dump(buildBody(request, level))));
        if (!m_config.apiKey.isEmpty())
            req.headers.set("Authorization", "Bearer " + m_config.apiKey.toUtf8());
        req.timeout = m_config.timeout;
        Result<HttpResponse> response = http.send(req, cancel);
        if (!response.ok()) {
            if (rejectsResponseFormat(response.error()) && level < 2 && !request.schema.is_null()) {
                qCInfo(lcLlm).noquote() << QUrl(m_endpoint).host() << "does not accept"
                                        << (level == 0 ? "json_schema" : "json_object")
                                        << "response formats; falling back";
                int expected = level;
                m_formatLevel.compare_exchange_strong(expected, level + 1);
                continue;
            }
            return response.error();
        }
        return parseReply(response->body);
    }
}

Result<LlmReply> OpenAiChatProvider::parseReply(const QByteArray& body)
{
    QString parseError;
    const json::Json doc = json::parse(body, &parseError);
    if (!doc.is_object()) {
        if (body.trimmed().startsWith('<'))
            return llmerror::badAnswer(
                u"The server answered with a web page instead of JSON; check the base URL."_s);
        return llmerror::badAnswer(u"The server's answer is not JSON (%1)."_s.arg(parseError));
    }
    try {
        // OpenRouter and vLLM can answer 200 with an error inside.
        if (doc.contains("error") && !doc["error"].is_null()) {
            const json::Json& err = doc["error"];
            const QString message = err.is_object()
                                        ? json::optString(err, "message", u"unknown error"_s)
                                        : QString::fromStdString(err.dump());
            Error e =
                Error::make(ErrorKind::Http, u"The server reported an error: %1"_s.arg(message));
            if (err.is_object() && err.contains("code") && err["code"].is_number_integer())
                e.httpStatus = err["code"].get<int>();
            return e;
        }
        if (doc.value("object", std::string()) == "error")
            return Error::make(ErrorKind::Http, u"The server reported an error: %1"_s.arg(
                                                    json::optString(doc, "message")));
        const auto choices = doc.find("choices");
        if (choices == doc.end() || !choices->is_array() || choices->empty())
            return llmerror::badAnswer(u"The answer has no choices."_s, llmerror::Empty);
        const json::Json& choice = (*choices)[0];
        const json::Json message = choice.value("message", json::Json::object());
        LlmReply reply;
        reply.finishReason = json::optString(choice, "finish_reason");
        reply.model = json::optString(doc, "model");
        if (message.contains("refusal") && message["refusal"].is_string() &&
            !message["refusal"].get<std::string>().empty()) {
            Error e =
                Error::make(ErrorKind::BadResponse,
                            u"The model refused: %1"_s.arg(json::optString(message, "refusal")));
            e.code = llmerror::Refused;
            return e;
        }
        reply.text = message.contains("content") ? contentText(message["content"]) : QString();
        if (const auto usage = doc.find("usage"); usage != doc.end() && usage->is_object()) {
            reply.promptTokens = json::optInt(*usage, "prompt_tokens");
            reply.outputTokens = json::optInt(*usage, "completion_tokens");
        }
        if (reply.finishReason == u"length"_s)
            return llmerror::badAnswer(
                u"The answer was cut off at the token limit (finish_reason \"length\")."_s,
                llmerror::Truncated);
        if (reply.finishReason == u"content_filter"_s) {
            Error e =
                llmerror::badAnswer(u"A content filter stopped the answer."_s, llmerror::Blocked);
            return e;
        }
        if (reply.text.trimmed().isEmpty())
            return llmerror::badAnswer(u"The model answered with no text."_s, llmerror::Empty);
        return reply;
    } catch (const std::exception& e) {
        return llmerror::badAnswer(
            u"The answer has an unexpected shape: %1"_s.arg(json::errorMessage(e)));
    }
}

Status OpenAiChatProvider::testConnection(const CancelToken& cancel)
{
    QString base = m_endpoint;
    base.chop(int(QStringLiteral("/chat/completions").size()));
    HttpRequest req = HttpRequest::get(base + u"/models"_s);
    if (!m_config.apiKey.isEmpty())
        req.headers.set("Authorization", "Bearer " + m_config.apiKey.toUtf8());
    req.timeout = 30s;
    const Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return r.error();
    return {};
}

} // namespace t2v

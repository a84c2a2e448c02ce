#include "providerroutes.h"

#include "story/promptbuilder.h"

#include <variant>

using namespace Qt::StringLiterals;

namespace t2v::test {
namespace {

json::Json openAiError(const QString& message, const QString& type, const json::Json& code)
{
    return {{"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", code}}}};
}

json::Json googleError(int status, const QString& message, const QString& grpcStatus,
                       json::Json details = json::Json::array())
{
    return {
        {"error",
         {{"code", status}, {"message", message}, {"status", grpcStatus}, {"details", details}}}};
}

QString bearer(const FakeRequest& r)
{
    const QByteArray auth = r.header("authorization");
    if (auth.startsWith("Bearer "))
        return QString::fromLatin1(auth.mid(7));
    if (auth.startsWith("Key "))
        return QString::fromLatin1(auth.mid(4));
    return {};
}

} // namespace

ProviderRoutes::ProviderRoutes(FakeApiServer& server, const ProviderRoutesOptions& options)
    : m_options(options)
{
    server.route("POST", u"/v1/chat/completions"_s,
                 [this](const FakeRequest& r) { return chat(r); });
    server.route("GET", u"/v1/models"_s, [this](const FakeRequest& r) {
        if (auto denied = keyCheck(bearer(r), false))
            return *denied;
        return FakeResponse::json(
            200, {{"object", "list"}, {"data", {{{"id", "fake-model"}, {"object", "model"}}}}});
    });
    server.route("POST", u"/v1beta/models/[^/:]+:generateContent"_s,
                 [this](const FakeRequest& r) { return gemini(r); });
    server.route("GET", u"/v1beta/models"_s, [this](const FakeRequest& r) {
        if (auto denied = keyCheck(QString::fromLatin1(r.header("x-goog-api-key")), true))
            return *denied;
        return FakeResponse::json(200, {{"models", {{{"name", "models/gemini-2.5-flash"}}}}});
    });
}

void ProviderRoutes::setBaseUrl(const QString& url)
{
    QMutexLocker lock(&m_mutex);
    m_baseUrl = url;
}

void ProviderRoutes::setKeyBehaviour(const QString& key, KeyBehaviour behaviour)
{
    QMutexLocker lock(&m_mutex);
    m_keys.insert(key, behaviour);
}

void ProviderRoutes::setAnswerOverride(AnswerOverride fn)
{
    QMutexLocker lock(&m_mutex);
    m_answerOverride = std::move(fn);
}

void ProviderRoutes::setResponseOverride(ResponseOverride fn)
{
    QMutexLocker lock(&m_mutex);
    m_responseOverride = std::move(fn);
}

void ProviderRoutes::setAnswerDelay(std::function<std::chrono::milliseconds(const json::Json&)> fn)
{
    QMutexLocker lock(&m_mutex);
    m_answerDelay = std::move(fn);
}

std::chrono::milliseconds ProviderRoutes::delayFor(const json::Json& context) const
{
    std::function<std::chrono::milliseconds(const json::Json&)> fn;
    {
        QMutexLocker lock(&m_mutex);
        fn = m_answerDelay;
    }
    return fn ? fn(context) : std::chrono::milliseconds(-1);
}

void ProviderRoutes::setRejectJsonSchema(bool reject)
{
    QMutexLocker lock(&m_mutex);
    m_rejectJsonSchema = reject;
}

QList<json::Json> ProviderRoutes::contexts(const QString& task) const
{
    QMutexLocker lock(&m_mutex);
    QList<json::Json> out;
    for (const json::Json& c : m_contexts) {
        if (task.isEmpty() || json::optString(c, "task") == task)
            out.append(c);
    }
    return out;
}

std::optional<FakeResponse> ProviderRoutes::keyCheck(const QString& key, bool google)
{
    KeyBehaviour b;
    {
        QMutexLocker lock(&m_mutex);
        b = m_keys.value(key);
    }
    if (b.status == 0)
        return std::nullopt;
    if (google) {
        if (b.status == 400 || b.status == 401)
            return FakeResponse::json(
                400, googleError(
                         400, u"API key not valid. Please pass a valid API key."_s,
                         u"INVALID_ARGUMENT"_s,
                         json::Json::array({{{"@type", "type.googleapis.com/google.rpc.ErrorInfo"},
                                             {"reason", "API_KEY_INVALID"},
                                             {"domain", "googleapis.com"}}})));
        if (b.status == 429) {
            json::Json details = json::Json::array(
                {{{"@type", "type.googleapis.com/google.rpc.QuotaFailure"},
                  {"violations",
                   {{{"quotaId", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}}}}},
                 {{"@type", "type.googleapis.com/google.rpc.RetryInfo"},
                  {"retryDelay", std::to_string(b.retryAfterSeconds) + "s"}}});
            return FakeResponse::json(429, googleError(429, u"You exceeded your current quota."_s,
                                                       u"RESOURCE_EXHAUSTED"_s, details));
        }
        return FakeResponse::json(b.status,
                                  googleError(b.status, u"Scripted failure."_s, u"UNAVAILABLE"_s));
    }
    if (b.status == 401)
        return FakeResponse::json(401, openAiError(u"Incorrect API key provided."_s,
                                                   u"invalid_request_error"_s, "invalid_api_key"));
    FakeResponse r = FakeResponse::json(
        b.status, openAiError(u"Scripted failure."_s, u"requests"_s,
                              b.status == 429 ? "rate_limit_exceeded" : "error"));
    if (b.status == 429 && b.retryAfterSeconds > 0)
        r.withHeader("Retry-After", QByteArray::number(b.retryAfterSeconds));
    return r;
}

json::Json ProviderRoutes::planAnswer(const json::Json& ctx)
{
    const int count = json::optInt(ctx, "scene_count", 1);
    const int first = json::optInt(ctx, "first_beat", 1);
    const int last = json::optInt(ctx, "last_beat", count);
    json::Json outline = json::Json::array();
    for (int n = first; n <= last; ++n)
        outline.push_back(
            {{"scene", n}, {"beat", "Beat " + std::to_string(n) + " of " + std::to_string(count)}});
    if (json::optString(ctx, "task") == u"outline"_s)
        return {{"outline", outline}};
    return {{"title", "Plan: " + json::optString(ctx, "idea").left(40).toStdString()},
            {"logline", "A fake plan."},
            {"style_guide", "Fake style."},
            {"characters",
             {{{"name", "Ava"},
               {"role", "lead"},
               {"appearance", "red coat, black hair"},
               {"voice", "alto"}},
              {{"name", "Ben"},
               {"role", "friend"},
               {"appearance", "green cap, beard"},
               {"voice", "bass"}}}},
            {"outline", outline}};
}

json::Json ProviderRoutes::sceneAnswer(const json::Json& ctx)
{
    const int n = json::optInt(ctx, "scene", 1);
    std::string seen;
    for (const json::Json& p : ctx.value("previous_scenes", json::Json::array()))
        seen += (seen.empty() ? "" : ",") + std::to_string(p.value("number", 0));
    const std::string tag = "scene " + std::to_string(n);
    return {{"number", n},
            {"beat", json::optString(ctx, "beat").toStdString()},
            {"narration", "Narration of " + tag + " after [" + seen + "]."},
            {"dialogue", json::Json::array()},
            {"visual_prompt",
             "Visual of " + tag + ": unique shot number " + std::to_string(n * 7919) + "."},
            {"camera", "wide shot " + std::to_string(n)},
            {"location", "place " + std::to_string(n)},
            {"time_of_day", "day"},
            {"mood", "calm"},
            {"characters", {"Ava"}}};
}

std::variant<QString, FakeResponse> ProviderRoutes::answerFor(const json::Json& context)
{
    AnswerOverride answer;
    ResponseOverride response;
    int attempt = 0;
    {
        QMutexLocker lock(&m_mutex);
        m_contexts.append(context);
        const QString key = json::optString(context, "task") + u'/' +
                            QString::number(json::optInt(context, "scene"));
        attempt = ++m_attempts[key];
        answer = m_answerOverride;
        response = m_responseOverride;
    }
    if (response) {
        if (auto r = response(context, attempt))
            return *r;
    }
    if (answer) {
        if (auto text = answer(context, attempt))
            return *text;
    }
    const QString task = json::optString(context, "task");
    const json::Json body = task == u"scene"_s ? sceneAnswer(context) : planAnswer(context);
    return QString::fromStdString(body.dump());
}

FakeResponse ProviderRoutes::chat(const FakeRequest& request)
{
    if (auto denied = keyCheck(bearer(request), false))
        return *denied;
    const json::Json body = request.json();
    if (!body.is_object() || !body.contains("messages") || !body["messages"].is_array())
        return FakeResponse::json(400, openAiError(u"'messages' is a required property"_s,
                                                   u"invalid_request_error"_s, nullptr));
    {
        QMutexLocker lock(&m_mutex);
        if (m_rejectJsonSchema && body.contains("response_format") &&
            body["response_format"].value("type", std::string()) == "json_schema")
            return FakeResponse::json(
                400,
                json::Json{{"error",
                            {{"code", 400},
                             {"message",
                              "response_format type must be one of \"text\" or \"json_object\""},
                             {"type", "invalid_request_error"}}}});
    }
    // Like an LLM, the server reads the whole conversation: the context is in the last user
    // message that has one (a retry ends with feedback, not with a new context).
    json::Json context = json::Json(json::Json::value_t::discarded);
    for (const json::Json& m : body["messages"]) {
        if (m.value("role", std::string()) != "user" || !m.contains("content") ||
            !m["content"].is_string())
            continue;
        json::Json found = extractPromptContext(json::optString(m, "content"));
        if (found.is_object())
            context = std::move(found);
    }
    auto answer = answerFor(context.is_object() ? context : json::Json::object());
    if (auto* r = std::get_if<FakeResponse>(&answer))
        return *r;
    const QString text = std::get<QString>(answer);
    FakeResponse ok = FakeResponse::json(
        200,
        {{"id", "chatcmpl-fake"},
         {"object", "chat.completion"},
         {"created", 1763900000},
         {"model", json::optString(body, "model").toStdString()},
         {"choices",
          {{{"index", 0},
            {"message", {{"role", "assistant"}, {"content", text}, {"refusal", nullptr}}},
            {"finish_reason", "stop"}}}},
         {"usage", {{"prompt_tokens", 100}, {"completion_tokens", 50}, {"total_tokens", 150}}}});
    ok.delay = delayFor(context);
    return ok;
}

FakeResponse ProviderRoutes::gemini(const FakeRequest& request)
{
    if (auto denied = keyCheck(QString::fromLatin1(request.header("x-goog-api-key")), true))
        return *denied;
    const json::Json body = request.json();
    if (!body.is_object() || !body.contains("contents"))
        return FakeResponse::json(
            400, googleError(400, u"contents is required"_s, u"INVALID_ARGUMENT"_s));
    json::Json context = json::Json(json::Json::value_t::discarded);
    for (const json::Json& c : body["contents"]) {
        if (c.value("role", std::string()) != "user")
            continue;
        QString text;
        for (const json::Json& p : c.value("parts", json::Json::array()))
            text += json::optString(p, "text");
        json::Json found = extractPromptContext(text);
        if (found.is_object())
            context = std::move(found);
    }
    auto answer = answerFor(context.is_object() ? context : json::Json::object());
    if (auto* r = std::get_if<FakeResponse>(&answer))
        return *r;
    const QString text = std::get<QString>(answer);
    FakeResponse ok = FakeResponse::json(
        200, {{"candidates",
               {{{"content",
                  {{"role", "model"},
                   {"parts",
                    {{{"text", "Let me think about the scene first."}, {"thought", true}},
                     {{"text", text}}}}}},
                 {"finishReason", "STOP"},
                 {"index", 0}}}},
              {"usageMetadata",
               {{"promptTokenCount", 100}, {"candidatesTokenCount", 50}, {"totalTokenCount", 150}}},
              {"modelVersion", "gemini-fake"}});
    ok.delay = delayFor(context);
    return ok;
}

std::shared_ptr<ProviderRoutes> installProviderRoutes(FakeApiServer& server,
                                                      const ProviderRoutesOptions& options)
{
    return std::make_shared<ProviderRoutes>(server, options);
}

} // namespace t2v::test

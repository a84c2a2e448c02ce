#include "providerroutes.h"

#include "story/promptbuilder.h"
#include "testmedia.h"

#include <QRegularExpression>

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
    , m_server(server)
{
    server.route("POST", u"/v1beta/models/[^/:]+:predictLongRunning"_s,
                 [this](const FakeRequest& r) { return veoSubmit(r); });
    server.route("GET", u"/v1beta/models/[^/]+/operations/[^/]+"_s,
                 [this](const FakeRequest& r) { return veoPoll(r); });
    server.route("GET", u"/v1beta/files/[^/:]+:download"_s,
                 [this](const FakeRequest& r) { return veoDownload(r); });
    server.route("POST", u"/v1beta/interactions"_s,
                 [this](const FakeRequest& r) { return omniCreate(r); });
    server.route("POST", u"/v1beta/interactions/[^/]+/cancel"_s,
                 [this](const FakeRequest& r) { return omniCancel(r); });
    server.route("GET", u"/v1beta/interactions/[^/]+"_s,
                 [this](const FakeRequest& r) { return omniGet(r); });
    server.route("DELETE", u"/v1beta/interactions/[^/]+"_s,
                 [this](const FakeRequest& r) { return omniDelete(r); });
    server.route("GET", u"/storage/[^/]+\\.mp4"_s, [this](const FakeRequest& r) {
        return clip(r, r.path.section(u'/', -1).section(u'.', 0, 0));
    });
    server.route("GET", u"/fal/[^/]+/[^/]+/requests/[^/]+/status"_s,
                 [this](const FakeRequest& r) { return falStatus(r, false); });
    server.route("PUT", u"/fal/[^/]+/[^/]+/requests/[^/]+/cancel"_s,
                 [this](const FakeRequest& r) { return falCancel(r); });
    server.route("GET", u"/fal/[^/]+/[^/]+/requests/[^/]+"_s,
                 [this](const FakeRequest& r) { return falStatus(r, true); });
    server.route("POST", u"/fal/.+"_s, [this](const FakeRequest& r) { return falSubmit(r); });
    server.route("GET", u"/fal-cdn/[^/]+\\.mp4"_s, [this](const FakeRequest& r) {
        return clip(r, r.path.section(u'/', -1).section(u'.', 0, 0));
    });
    server.route("GET", u"/fal-cdn/[^/]+\\.png"_s, [](const FakeRequest&) {
        return FakeResponse::text(200, tinyPng(), "image/png");
    });
    server.route("POST", u"/v1/images/generations"_s,
                 [this](const FakeRequest& r) { return imageGeneration(r); });
    server.route("GET", u"/v1/images/files/[0-9]+\\.png"_s, [](const FakeRequest&) {
        return FakeResponse::text(200, tinyPng(9), "image/png");
    });
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
        return modelPage(r);
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
    if (const json::Json config = body.value("generationConfig", json::Json::object());
        config.contains("responseModalities"))
        return geminiImage(request, body);
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

FakeResponse ProviderRoutes::imageGeneration(const FakeRequest& request)
{
    // openai-python types/image_generate_params.py and images_response.py: the GPT image
    // models refuse response_format and answer b64_json; others (dall-e, local servers)
    // answer a URL by default.
    const QString key = bearer(request);
    if (auto denied = keyCheck(key, false))
        return *denied;
    const json::Json body = request.json();
    if (!body.is_object() || json::optString(body, "prompt").isEmpty())
        return FakeResponse::json(400, {{"error",
                                         {{"message", "Missing required parameter: 'prompt'."},
                                          {"type", "invalid_request_error"}}}});
    const QString model = json::optString(body, "model");
    if (model.startsWith(u"gpt-image"_s) && body.contains("response_format"))
        return FakeResponse::json(400, {{"error",
                                         {{"message", "Unknown parameter: 'response_format'."},
                                          {"type", "invalid_request_error"}}}});
    static const QStringList sizes = {u"1024x1024"_s, u"1536x1024"_s, u"1024x1536"_s, u"auto"_s};
    if (!sizes.contains(json::optString(body, "size", u"auto"_s)))
        return FakeResponse::json(
            400, {{"error", {{"message", "Invalid size."}, {"type", "invalid_request_error"}}}});
    json::Json item;
    if (model.startsWith(u"gpt-image"_s) ||
        json::optString(body, "response_format") == u"b64_json"_s)
        item = {{"b64_json", tinyPng(1).toBase64().toStdString()}};
    else
        item = {{"url", QString(baseFor(request) + u"/v1/images/files/1.png"_s).toStdString()}};
    return FakeResponse::json(200, {{"created", 1764300000}, {"data", json::Json::array({item})}});
}

FakeResponse ProviderRoutes::geminiImage(const FakeRequest& request, const json::Json& body)
{
    // generateContent with image output (python-genai _GenerateContentConfig_to_mldev,
    // _ImageConfig_to_mldev): only image models make images; the answer's image is an
    // inlineData part. "[blocked]" is refused by the safety filter, "[text]" answered in words.
    const QString model = request.path.section(u'/', 3, 3).section(u':', 0, 0);
    if (!model.contains(u"image"_s))
        return FakeResponse::json(
            400, googleError(400,
                             u"Model %1 does not support the requested response modalities: "
                             u"image"_s.arg(model),
                             u"INVALID_ARGUMENT"_s));
    const json::Json config = body["generationConfig"];
    static const QStringList ratios = {u"1:1"_s, u"2:3"_s,  u"3:2"_s,  u"3:4"_s,
                                       u"4:3"_s, u"9:16"_s, u"16:9"_s, u"21:9"_s};
    if (config.contains("imageConfig") &&
        !ratios.contains(json::optString(config["imageConfig"], "aspectRatio", u"1:1"_s)))
        return FakeResponse::json(
            400, googleError(400, u"Unsupported aspect ratio."_s, u"INVALID_ARGUMENT"_s));
    QString prompt;
    int inlineImages = 0;
    for (const json::Json& c : body["contents"]) {
        for (const json::Json& part : c.value("parts", json::Json::array())) {
            prompt += json::optString(part, "text");
            if (part.contains("inlineData"))
                ++inlineImages;
        }
    }
    if (prompt.contains(u"[blocked]"_s))
        return FakeResponse::json(200, {{"promptFeedback", {{"blockReason", "PROHIBITED_CONTENT"}}},
                                        {"modelVersion", model.toStdString()}});
    json::Json parts = json::Json::array();
    if (prompt.contains(u"[text]"_s))
        parts.push_back({{"text", "I cannot draw that, but here is a description."}});
    else
        parts.push_back({{"inlineData",
                          {{"mimeType", "image/png"},
                           {"data", tinyPng(inlineImages).toBase64().toStdString()}}}});
    return FakeResponse::json(
        200, {{"candidates",
               {{{"content", {{"role", "model"}, {"parts", parts}}}, {"finishReason", "STOP"}}}},
              {"modelVersion", model.toStdString()}});
}

QString ProviderRoutes::baseFor(const FakeRequest& request) const
{
    if (!m_baseUrl.isEmpty())
        return m_baseUrl;
    return u"http://"_s + QString::fromLatin1(request.header("host"));
}

qint64 ProviderRoutes::now() const
{
    return m_server.elapsedMs();
}

void ProviderRoutes::setRejectPersonGeneration(bool reject)
{
    QMutexLocker lock(&m_mutex);
    m_rejectPersonGeneration = reject;
}

void ProviderRoutes::setRenderTime(std::chrono::milliseconds renderTime)
{
    QMutexLocker lock(&m_mutex);
    m_options.renderTime = renderTime;
}

void ProviderRoutes::expireNextDownloads(int count)
{
    QMutexLocker lock(&m_mutex);
    m_expireDownloads = count;
}

void ProviderRoutes::setStorageBase(const QString& url)
{
    QMutexLocker lock(&m_mutex);
    m_storageBase = url;
}

int ProviderRoutes::activeOperations(const QString& key) const
{
    QMutexLocker lock(&m_mutex);
    return m_active.value(key);
}

int ProviderRoutes::peakActiveOperations(const QString& key) const
{
    QMutexLocker lock(&m_mutex);
    return m_peakActive.value(key);
}

int ProviderRoutes::operationsCreated(const QString& key) const
{
    QMutexLocker lock(&m_mutex);
    if (!key.isEmpty())
        return m_created.value(key);
    int n = 0;
    for (int v : m_created)
        n += v;
    return n;
}

std::shared_ptr<const BodySource> ProviderRoutes::clipBody(int version) const
{
    QMutexLocker lock(&m_mutex);
    auto& body = m_clips[version];
    if (!body)
        body = std::make_shared<PaddedMp4Body>(smallMp4(), m_options.videoBytes,
                                               char(version == 1 ? 0 : version));
    return body;
}

int ProviderRoutes::clipVersionsServed() const
{
    QMutexLocker lock(&m_mutex);
    return std::max(m_maxVersion, 1);
}

void ProviderRoutes::throttleNextSubmits(int count, int seconds)
{
    QMutexLocker lock(&m_mutex);
    m_throttleSubmits = count;
    m_throttleSeconds = seconds;
}

QList<qint64> ProviderRoutes::throttledAtMs() const
{
    QMutexLocker lock(&m_mutex);
    return m_throttledAt;
}

std::optional<FakeResponse> ProviderRoutes::throttle(bool google)
{
    QMutexLocker lock(&m_mutex);
    if (m_throttleSubmits <= 0)
        return std::nullopt;
    --m_throttleSubmits;
    m_throttledAt.append(now());
    const QByteArray seconds = QByteArray::number(m_throttleSeconds);
    FakeResponse r =
        google ? FakeResponse::json(
                     429, googleError(429, u"Resource has been exhausted (e.g. check quota)."_s,
                                      u"RESOURCE_EXHAUSTED"_s,
                                      {{{"@type", "type.googleapis.com/google.rpc.RetryInfo"},
                                        {"retryDelay", seconds.toStdString() + "s"}}}))
               : FakeResponse::json(429, {{"detail", "Too many requests"}});
    r.withHeader("Retry-After", seconds);
    return r;
}

FakeResponse ProviderRoutes::clip(const FakeRequest&, const QString& fileKey)
{
    if (fileKey.contains(u"html"_s))
        return FakeResponse::text(200,
                                  "<!DOCTYPE html><html><head><title>Access "
                                  "denied</title></head><body>Sign in</body></html>",
                                  "text/html");
    int version = 0;
    {
        QMutexLocker lock(&m_mutex);
        int& current = m_fileVersions[fileKey];
        if (current == 0 || m_options.changingContent)
            ++current;
        version = current;
        m_maxVersion = std::max(m_maxVersion, version);
    }
    FakeResponse r = FakeResponse::stream(clipBody(version), "video/mp4");
    r.etag = '"' + fileKey.toLatin1() + "-v" + QByteArray::number(version) + '"';
    return r;
}

void ProviderRoutes::markDone(Operation& op)
{
    if (op.reportedDone)
        return;
    op.reportedDone = true;
    --m_active[op.key];
}

QString ProviderRoutes::veoImageProblem(const json::Json& instance, const json::Json& params)
{
    // Veo 3.1's rules for images (provider-apis §7.2; python-genai GenerateVideosConfig
    // reference_images: "image, video and last_frame can't be combined with it").
    auto badImage = [](const json::Json& image) {
        if (!image.is_object() || !image.contains("bytesBase64Encoded") ||
            !image.contains("mimeType"))
            return true;
        const QByteArray data = QByteArray::fromBase64(
            QByteArray::fromStdString(image["bytesBase64Encoded"].get<std::string>()));
        return !data.startsWith("\x89PNG") && !data.startsWith("\xff\xd8\xff") &&
               !data.startsWith("RIFF");
    };
    if (instance.contains("image") && badImage(instance["image"]))
        return u"image must have bytesBase64Encoded image data and a mimeType."_s;
    if (!instance.contains("referenceImages"))
        return {};
    const json::Json& refs = instance["referenceImages"];
    if (!refs.is_array() || refs.empty() || refs.size() > 3)
        return u"referenceImages takes 1 to 3 images."_s;
    if (instance.contains("image"))
        return u"image and referenceImages cannot be used together."_s;
    for (const json::Json& ref : refs) {
        const QString type = QString::fromStdString(ref.value("referenceType", ""));
        if (badImage(ref.value("image", json::Json())) ||
            (type.compare(u"asset"_s, Qt::CaseInsensitive) != 0))
            return u"Each reference image needs image data and referenceType ASSET."_s;
    }
    if (params.value("durationSeconds", 8) != 8 || params.value("aspectRatio", "16:9") != "16:9")
        return u"Reference images need 8 second 16:9 videos."_s;
    return {};
}

FakeResponse ProviderRoutes::veoSubmit(const FakeRequest& request)
{
    const QString key = QString::fromLatin1(request.header("x-goog-api-key"));
    if (auto denied = keyCheck(key, true))
        return *denied;
    if (auto throttled = throttle(true))
        return *throttled;
    const json::Json body = request.json();
    if (!body.is_object() || !body.contains("instances") || !body["instances"].is_array() ||
        body["instances"].empty())
        return FakeResponse::json(
            400, googleError(400, u"instances is required"_s, u"INVALID_ARGUMENT"_s));
    const json::Json params = body.value("parameters", json::Json::object());
    if (const QString bad = veoImageProblem(body["instances"][0], params); !bad.isEmpty())
        return FakeResponse::json(400, googleError(400, bad, u"INVALID_ARGUMENT"_s));
    QMutexLocker lock(&m_mutex);
    if (m_rejectPersonGeneration && params.contains("personGeneration"))
        return FakeResponse::json(
            400, googleError(400, u"allow_adult for personGeneration is currently not supported."_s,
                             u"INVALID_ARGUMENT"_s));
    const QString model = request.path.section(u'/', 3, 3).section(u':', 0, 0);
    // As Google answers a shut-down or unknown id (python-genai test_generate_videos.py:
    // "models/veo-3.1-lite-generate-001 is not found for API version v1beta").
    if (m_retiredModels.contains(model))
        return FakeResponse::json(
            404, googleError(404,
                             u"models/%1 is not found for API version v1beta, or is not "
                             u"supported for predictLongRunning."_s.arg(model),
                             u"NOT_FOUND"_s));
    const QString name = u"models/%1/operations/op-%2"_s.arg(model).arg(m_nextOperation++);
    Operation op;
    op.key = key;
    op.prompt = json::optString(body["instances"][0], "prompt");
    op.createdMs = now();
    op.renderTime = m_options.renderTime;
    op.samples = params.value("sampleCount", 1);
    m_operations.insert(name, op);
    m_peakActive[key] = std::max(m_peakActive[key], ++m_active[key]);
    ++m_created[key];
    return FakeResponse::json(200, {{"name", name.toStdString()}});
}

FakeResponse ProviderRoutes::veoPoll(const FakeRequest& request)
{
    const QString key = QString::fromLatin1(request.header("x-goog-api-key"));
    if (auto denied = keyCheck(key, true))
        return *denied;
    const QString name = request.path.mid(QStringLiteral("/v1beta/").size());
    QMutexLocker lock(&m_mutex);
    auto it = m_operations.find(name);
    if (it == m_operations.end())
        return FakeResponse::json(404, googleError(404, u"Operation not found."_s, u"NOT_FOUND"_s));
    if (it->key != key)
        return FakeResponse::json(403, googleError(403, u"The caller does not have permission"_s,
                                                   u"PERMISSION_DENIED"_s));
    Operation& op = *it;
    if (now() - op.createdMs < op.renderTime.count())
        return FakeResponse::json(
            200,
            {{"name", name.toStdString()}, {"done", false}, {"metadata", json::Json::object()}});
    markDone(op);
    if (op.prompt.contains(u"[fail]"_s))
        return FakeResponse::json(
            200,
            {{"name", name.toStdString()},
             {"done", true},
             {"error",
              {{"code", 13}, {"message", "Video generation failed due to an internal error."}}}});
    if (op.prompt.contains(u"[blocked]"_s))
        return FakeResponse::json(
            200, {{"name", name.toStdString()},
                  {"done", true},
                  {"response",
                   {{"@type", "type.googleapis.com/"
                              "google.ai.generativelanguage.v1beta.PredictLongRunningResponse"},
                    {"generateVideoResponse",
                     {{"raiMediaFilteredCount", 1},
                      {"raiMediaFilteredReasons",
                       {"The video could not be generated because it violates the usage "
                        "guidelines."}}}}}}});
    json::Json samples = json::Json::array();
    const QString tag = op.prompt.contains(u"[html]"_s) ? u"html"_s : u"ok"_s;
    for (int i = 0; i < op.samples; ++i) {
        const QString file =
            u"f%1g%2s%3%4"_s.arg(name.section(u'-', -1)).arg(op.generation).arg(i).arg(tag);
        samples.push_back({{"video",
                            {{"uri", QString(baseFor(request) + u"/v1beta/files/"_s + file +
                                             u":download?alt=media"_s)
                                         .toStdString()}}}});
    }
    return FakeResponse::json(
        200,
        {{"name", name.toStdString()},
         {"done", true},
         {"response",
          {{"@type",
            "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse"},
           {"generateVideoResponse", {{"generatedSamples", samples}}}}}});
}

FakeResponse ProviderRoutes::veoDownload(const FakeRequest& request)
{
    const QString key = QString::fromLatin1(request.header("x-goog-api-key"));
    if (auto denied = keyCheck(key, true))
        return *denied;
    const QString file = request.path.section(u'/', -1).section(u':', 0, 0);
    QMutexLocker lock(&m_mutex);
    const QString opName = [&] {
        for (auto it = m_operations.cbegin(); it != m_operations.cend(); ++it) {
            if (file.startsWith(u'f' + it.key().section(u'-', -1) + u'g'))
                return it.key();
        }
        return QString();
    }();
    if (opName.isEmpty())
        return FakeResponse::json(404, googleError(404, u"File not found."_s, u"NOT_FOUND"_s));
    Operation& op = m_operations[opName];
    if (op.key != key)
        return FakeResponse::json(403, googleError(403, u"The caller does not have permission"_s,
                                                   u"PERMISSION_DENIED"_s));
    if (!file.contains(u"g%1s"_s.arg(op.generation)))
        return FakeResponse::json(
            410, googleError(410, u"The download link has expired."_s, u"NOT_FOUND"_s));
    if (m_expireDownloads > 0) {
        --m_expireDownloads;
        ++op.generation; // the next poll hands out a new address
        return FakeResponse::json(
            410, googleError(410, u"The download link has expired."_s, u"NOT_FOUND"_s));
    }
    const QString base = m_storageBase.isEmpty() ? baseFor(request) : m_storageBase;
    return FakeResponse::redirect(302, QString(base + u"/storage/"_s + file + u".mp4"_s).toUtf8());
}

FakeResponse ProviderRoutes::omniCreate(const FakeRequest& request)
{
    // As python-genai's CreateModelInteraction and VideoResponseFormat have it: snake_case,
    // aspect ratio, duration and resolution in response_format, only `task` in video_config.
    const QString key = QString::fromLatin1(request.header("x-goog-api-key"));
    if (auto denied = keyCheck(key, true))
        return *denied;
    if (auto throttled = throttle(true))
        return *throttled;
    const json::Json body = request.json();
    const auto invalid = [](const QString& message) {
        return FakeResponse::json(400, googleError(400, message, u"INVALID_ARGUMENT"_s));
    };
    if (!body.is_object() || json::optString(body, "model").isEmpty() || !body.contains("input"))
        return invalid(u"model and input are required."_s);
    for (const char* camel : {"generationConfig", "responseFormat", "responseModalities"}) {
        if (body.contains(camel))
            return invalid(u"Invalid JSON payload received. Unknown name \"%1\"."_s.arg(
                QString::fromLatin1(camel)));
    }
    const json::Json format = body.value("response_format", json::Json::object());
    if (!format.is_object() || json::optString(format, "type") != u"video"_s)
        return invalid(u"response_format must be a video format for this model."_s);
    static const QStringList aspects{u"16:9"_s, u"9:16"_s};
    static const QStringList resolutions{u"360p"_s, u"720p"_s, u"1080p"_s, u"4k"_s};
    static const QStringList deliveries{u"inline"_s, u"uri"_s};
    static const QRegularExpression duration(u"^([3-9]|10)s$"_s);
    for (const char* camel : {"aspectRatio", "gcsUri"}) {
        if (format.contains(camel))
            return invalid(
                u"Unknown name \"%1\" at 'response_format'."_s.arg(QString::fromLatin1(camel)));
    }
    if ((format.contains("aspect_ratio") &&
         !aspects.contains(json::optString(format, "aspect_ratio"))) ||
        (format.contains("resolution") &&
         !resolutions.contains(json::optString(format, "resolution"))) ||
        (format.contains("delivery") &&
         !deliveries.contains(json::optString(format, "delivery"))) ||
        (format.contains("duration") &&
         !duration.match(json::optString(format, "duration")).hasMatch()))
        return invalid(u"response_format has a value the model does not support."_s);
    const json::Json config = body.value("generation_config", json::Json::object());
    const json::Json video = config.is_object() ? config.value("video_config", json::Json::object())
                                                : json::Json::object();
    for (auto it = video.begin(); it != video.end(); ++it) {
        if (it.key() != "task")
            return invalid(u"Unknown name \"%1\" at 'generation_config.video_config'."_s.arg(
                QString::fromStdString(it.key())));
    }
    QString prompt;
    if (body["input"].is_string()) {
        prompt = json::optString(body, "input");
    } else if (body["input"].is_array()) {
        for (const json::Json& item : body["input"]) {
            if (item.is_object() && json::optString(item, "type") == u"text"_s)
                prompt += json::optString(item, "text");
        }
    }
    if (prompt.isEmpty())
        return invalid(u"The input has no text."_s);
    const QString model = json::optString(body, "model");
    QMutexLocker lock(&m_mutex);
    if (m_retiredModels.contains(model))
        return FakeResponse::json(
            404, googleError(404, u"models/%1 is not found for API version v1beta."_s.arg(model),
                             u"NOT_FOUND"_s));
    const QString id = u"v1_int-%1"_s.arg(m_nextOperation++);
    Operation op;
    op.key = key;
    op.prompt = prompt;
    op.model = model;
    op.createdMs = now();
    op.renderTime = m_options.renderTime;
    m_operations.insert(id, op);
    m_peakActive[key] = std::max(m_peakActive[key], ++m_active[key]);
    ++m_created[key];
    return FakeResponse::json(200, {{"id", id.toStdString()},
                                    {"status", "in_progress"},
                                    {"object", "interaction"},
                                    {"model", model.toStdString()}});
}

FakeResponse ProviderRoutes::omniGet(const FakeRequest& request)
{
    const QString key = QString::fromLatin1(request.header("x-goog-api-key"));
    if (auto denied = keyCheck(key, true))
        return *denied;
    const QString id = request.path.section(u'/', 3, 3);
    QMutexLocker lock(&m_mutex);
    auto it = m_operations.find(id);
    if (it == m_operations.end())
        return FakeResponse::json(404,
                                  googleError(404, u"Interaction not found."_s, u"NOT_FOUND"_s));
    if (it->key != key)
        return FakeResponse::json(403, googleError(403, u"The caller does not have permission"_s,
                                                   u"PERMISSION_DENIED"_s));
    Operation& op = *it;
    json::Json doc = {{"id", id.toStdString()},
                      {"object", "interaction"},
                      {"model", op.model.toStdString()},
                      {"role", "model"}};
    json::Json steps = json::Json::array(
        {{{"type", "user_input"},
          {"content",
           json::Json::array({{{"type", "text"}, {"text", op.prompt.toStdString()}}})}}});
    if (op.cancelled) {
        doc["status"] = "cancelled";
        doc["steps"] = steps;
        return FakeResponse::json(200, doc);
    }
    const qint64 age = now() - op.createdMs;
    if (age < op.renderTime.count()) {
        doc["status"] = age * 2 < op.renderTime.count() ? "queued" : "in_progress";
        doc["steps"] = steps;
        return FakeResponse::json(200, doc);
    }
    markDone(op);
    steps.push_back({{"type", "thought"},
                     {"content", json::Json::array({{{"type", "thought"}, {"text", "..."}}})}});
    if (op.prompt.contains(u"[fail]"_s)) {
        doc["status"] = "failed";
        doc["errors"] =
            json::Json::array({{{"code", "internal"},
                                {"message", "Video generation failed due to an internal error."}}});
        doc["steps"] = steps;
        return FakeResponse::json(200, doc);
    }
    json::Json video = {{"type", "video"}, {"mime_type", "video/mp4"}};
    if (op.prompt.contains(u"[inline]"_s)) {
        video["data"] = smallMp4().toBase64().toStdString();
    } else {
        const QString tag = op.prompt.contains(u"[html]"_s) ? u"html"_s : u"ok"_s;
        const QString file = u"f%1g%2s0%3"_s.arg(id.section(u'-', -1)).arg(op.generation).arg(tag);
        video["uri"] =
            QString(baseFor(request) + u"/v1beta/files/"_s + file + u":download?alt=media"_s)
                .toStdString();
    }
    steps.push_back({{"type", "model_output"}, {"content", json::Json::array({video})}});
    doc["status"] = "completed";
    doc["steps"] = steps;
    doc["usage"] = {{"total_output_tokens", 28832}};
    return FakeResponse::json(200, doc);
}

FakeResponse ProviderRoutes::omniCancel(const FakeRequest& request)
{
    const QString key = QString::fromLatin1(request.header("x-goog-api-key"));
    if (auto denied = keyCheck(key, true))
        return *denied;
    const QString id = request.path.section(u'/', 3, 3);
    QMutexLocker lock(&m_mutex);
    auto it = m_operations.find(id);
    if (it == m_operations.end())
        return FakeResponse::json(404,
                                  googleError(404, u"Interaction not found."_s, u"NOT_FOUND"_s));
    if (!it->reportedDone)
        it->cancelled = true;
    markDone(*it);
    return FakeResponse::json(200, {{"id", id.toStdString()},
                                    {"object", "interaction"},
                                    {"status", it->cancelled ? "cancelled" : "completed"}});
}

FakeResponse ProviderRoutes::omniDelete(const FakeRequest& request)
{
    const QString key = QString::fromLatin1(request.header("x-goog-api-key"));
    if (auto denied = keyCheck(key, true))
        return *denied;
    const QString id = request.path.section(u'/', 3, 3);
    QMutexLocker lock(&m_mutex);
    if (!m_operations.contains(id))
        return FakeResponse::json(404,
                                  googleError(404, u"Interaction not found."_s, u"NOT_FOUND"_s));
    markDone(m_operations[id]);
    m_operations.remove(id);
    return FakeResponse::json(200, json::Json::object());
}

json::Json ProviderRoutes::defaultGeminiModels()
{
    // Shaped as the live list (python-genai _Model_from_mldev fields): text, Veo, Omni (no
    // marker of its own), Imagen and an embedding model.
    const auto entry = [](const char* name, const char* display, json::Json methods) {
        return json::Json{{"name", name},
                          {"displayName", display},
                          {"version", "001"},
                          {"supportedGenerationMethods", std::move(methods)}};
    };
    return json::Json::array(
        {entry("models/gemini-2.5-flash", "Gemini 2.5 Flash",
               {"generateContent", "countTokens", "createCachedContent"}),
         entry("models/gemini-3.5-flash-lite", "Gemini 3.5 Flash-Lite",
               {"generateContent", "countTokens"}),
         entry("models/gemini-2.5-flash-image", "Nano Banana", {"generateContent", "countTokens"}),
         entry("models/imagen-4.0-generate-001", "Imagen 4", {"predict"}),
         entry("models/veo-3.1-fast-generate-preview", "Veo 3.1 Fast", {"predictLongRunning"}),
         entry("models/veo-3.1-generate-preview", "Veo 3.1", {"predictLongRunning"}),
         entry("models/veo-3.0-generate-001", "Veo 3", {"predictLongRunning"}),
         entry("models/gemini-omni-1.1-flash", "Gemini Omni Flash", {"generateContent"}),
         entry("models/text-embedding-004", "Text Embedding 004", {"embedContent"})});
}

void ProviderRoutes::setGeminiModels(json::Json models)
{
    QMutexLocker lock(&m_mutex);
    m_geminiModels = std::move(models);
}

void ProviderRoutes::setModelPageLimit(int limit)
{
    QMutexLocker lock(&m_mutex);
    m_modelPageLimit = std::max(1, limit);
}

void ProviderRoutes::setRetiredModels(const QStringList& ids)
{
    QMutexLocker lock(&m_mutex);
    m_retiredModels = ids;
}

FakeResponse ProviderRoutes::modelPage(const FakeRequest& request)
{
    // pageSize (default 50, as the API's) and an opaque pageToken: here the index to go on from.
    const int size = std::clamp(request.query.queryItemValue(u"pageSize"_s).toInt(), 0, 1000);
    const int from = request.query.queryItemValue(u"pageToken"_s).toInt();
    QMutexLocker lock(&m_mutex);
    const int pageSize = std::min(size > 0 ? size : 50, m_modelPageLimit);
    const json::Json all = m_geminiModels.is_null() ? defaultGeminiModels() : m_geminiModels;
    json::Json page = json::Json::array();
    for (int i = from; i < int(all.size()) && i < from + pageSize; ++i)
        page.push_back(all[i]);
    json::Json body = {{"models", page}};
    if (from + pageSize < int(all.size()))
        body["nextPageToken"] = std::to_string(from + pageSize);
    return FakeResponse::json(200, body);
}

QString ProviderRoutes::falImageProblem(const QString& path, const json::Json& body)
{
    // fal-js endpoints.ts: Veo31ReferenceToVideoInput (image_urls, required) and
    // Veo31ImageToVideoInput (image_url, required); data URIs are accepted.
    auto isImageUrl = [](const json::Json& v) {
        if (!v.is_string())
            return false;
        const std::string s = v.get<std::string>();
        return s.rfind("data:image/", 0) == 0 || s.rfind("https://", 0) == 0;
    };
    if (path.endsWith(u"/reference-to-video"_s)) {
        const json::Json urls = body.value("image_urls", json::Json());
        if (!urls.is_array() || urls.empty() || urls.size() > 3)
            return u"image_urls: 1 to 3 images are required"_s;
        for (const json::Json& url : urls) {
            if (!isImageUrl(url))
                return u"image_urls: not an image URL"_s;
        }
    }
    if (path.endsWith(u"/image-to-video"_s) && !isImageUrl(body.value("image_url", json::Json())))
        return u"image_url: field required"_s;
    return {};
}

FakeResponse ProviderRoutes::falSubmit(const FakeRequest& request)
{
    const QString key = bearer(request);
    if (auto denied = keyCheck(key, false))
        return *denied;
    if (key.isEmpty())
        return FakeResponse::json(401, {{"detail", "Missing authorization"}});
    if (auto throttled = throttle(false))
        return *throttled;
    const json::Json body = request.json();
    if (!body.is_object() || json::optString(body, "prompt").isEmpty())
        return FakeResponse::json(
            422, {{"detail", {{{"loc", {"body", "prompt"}}, {"msg", "field required"}}}}});
    // Status and result URLs drop the model's sub-path, as fal.ai's do.
    const QStringList parts =
        request.path.split(u'/', Qt::SkipEmptyParts); // fal, owner, app, [sub...]
    if (const QString bad = falImageProblem(request.path, body); !bad.isEmpty())
        return FakeResponse::json(422,
                                  {{"detail", {{{"loc", {"body"}}, {"msg", bad.toStdString()}}}}});
    const QString app = parts.value(1) + u'/' + parts.value(2);
    QMutexLocker lock(&m_mutex);
    const QString id = u"req-%1"_s.arg(m_nextOperation++);
    Operation op;
    op.key = key;
    op.prompt = json::optString(body, "prompt");
    op.createdMs = now();
    op.renderTime = m_options.renderTime;
    op.image = app == u"fal-ai/flux"_s || app == u"fal-ai/nano-banana"_s;
    m_operations.insert(id, op);
    m_peakActive[key] = std::max(m_peakActive[key], ++m_active[key]);
    ++m_created[key];
    const QString base = baseFor(request) + u"/fal/"_s + app + u"/requests/"_s + id;
    return FakeResponse::json(200, {{"request_id", id.toStdString()},
                                    {"response_url", base.toStdString()},
                                    {"status_url", QString(base + u"/status"_s).toStdString()},
                                    {"cancel_url", QString(base + u"/cancel"_s).toStdString()}});
}

FakeResponse ProviderRoutes::falStatus(const FakeRequest& request, bool result)
{
    const QString key = bearer(request);
    if (auto denied = keyCheck(key, false))
        return *denied;
    const QString id = request.path.section(u"/requests/"_s, 1).section(u'/', 0, 0);
    QMutexLocker lock(&m_mutex);
    auto it = m_operations.find(id);
    if (it == m_operations.end())
        return FakeResponse::json(404, {{"detail", "Request not found"}});
    if (it->key != key)
        return FakeResponse::json(403, {{"detail", "Forbidden"}});
    Operation& op = *it;
    const qint64 age = now() - op.createdMs;
    const bool complete = age >= op.renderTime.count();
    if (!result) {
        if (op.cancelled)
            return FakeResponse::json(200, {{"status", "CANCELED"}});
        if (!complete)
            return FakeResponse::json(
                202, {{"status", age * 2 < op.renderTime.count() ? "IN_QUEUE" : "IN_PROGRESS"},
                      {"queue_position", 0},
                      {"logs", json::Json::array()}});
        markDone(op);
        // A failed request is COMPLETED with error and error_type (fal_client's Completed);
        // "[late]" stands for one that never started before its X-Fal-Request-Timeout.
        json::Json done = {{"status", "COMPLETED"}, {"logs", json::Json::array()}};
        if (op.prompt.contains(u"[fail]"_s)) {
            done["error"] = "Generation failed";
            done["error_type"] = "generation_failed";
        } else if (op.prompt.contains(u"[late]"_s)) {
            done["error"] = "Request timed out";
            done["error_type"] = "startup_timeout";
        } else if (op.prompt.contains(u"[bare]"_s)) {
            done.erase("status"); // only the 200 says it is done
        }
        return FakeResponse::json(200, done);
    }
    if (!complete)
        return FakeResponse::json(400, {{"detail", "Request is still in progress"}});
    if (op.prompt.contains(u"[late]"_s))
        return FakeResponse::json(
            504, {{"detail", "Request timed out"}, {"error_type", "startup_timeout"}});
    if (op.prompt.contains(u"[fail]"_s))
        return FakeResponse::json(
            422,
            {{"detail", {{{"msg", "Generation failed: the model could not render this prompt"}}}}});
    if (op.image)
        return FakeResponse::json(
            200,
            {{"images",
              {{{"url", QString(baseFor(request) + u"/fal-cdn/"_s + id + u".png"_s).toStdString()},
                {"content_type", "image/png"}}}}});
    const QString tag = op.prompt.contains(u"[html]"_s) ? u"html"_s : u"ok"_s;
    return FakeResponse::json(
        200,
        {{"video",
          {{"url", QString(baseFor(request) + u"/fal-cdn/"_s + id + tag + u".mp4"_s).toStdString()},
           {"content_type", "video/mp4"}}}});
}

FakeResponse ProviderRoutes::falCancel(const FakeRequest& request)
{
    const QString key = bearer(request);
    if (auto denied = keyCheck(key, false))
        return *denied;
    const QString id = request.path.section(u"/requests/"_s, 1).section(u'/', 0, 0);
    QMutexLocker lock(&m_mutex);
    auto it = m_operations.find(id);
    if (it == m_operations.end())
        return FakeResponse::json(404, {{"detail", "Request not found"}});
    it->cancelled = true;
    markDone(*it);
    return FakeResponse::json(202, {{"status", "CANCELLATION_REQUESTED"}});
}

std::shared_ptr<ProviderRoutes> installProviderRoutes(FakeApiServer& server,
                                                      const ProviderRoutesOptions& options)
{
    return std::make_shared<ProviderRoutes>(server, options);
}

} // namespace t2v::test

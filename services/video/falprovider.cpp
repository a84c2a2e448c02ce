#include "falprovider.h"

#include "core/image.h"
#include "core/json.h"
#include "net/httpclient.h"

#include <QUrl>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {

FalProvider::FalProvider(QString baseUrl, QString apiKey, QString model, FalOptions options)
    : m_base(baseUrl.isEmpty() ? u"https://queue.fal.run"_s : baseUrl)
    , m_key(std::move(apiKey))
    , m_model(model.trimmed())
    , m_options(options)
{
    while (m_base.endsWith(u'/'))
        m_base.chop(1);
}

QString FalProvider::label() const
{
    return u"%1 (fal.ai)"_s.arg(m_model);
}

HttpRequest FalProvider::authorized(HttpRequest request) const
{
    // Status, result and cancel addresses come from fal's answers and from the project file;
    // the key only ever goes to fal's own queue host.
    if (isSameServer(request.url, m_base))
        request.headers.set("Authorization", "Key " + m_key.toUtf8());
    request.timeout = 60s;
    return request;
}

HttpHeaders FalProvider::submitHeaders() const
{
    HttpHeaders h;
    // fal retries 429, 503, 504 and lost connections by itself, up to 10 times; we decide
    // retries, so one submission is at most one paid request ("x-fal-no-retry: 1", docs.fal.ai
    // model-endpoints/reliability).
    h.set("x-fal-no-retry", "1");
    if (m_options.startDeadlineSeconds > 1)
        h.set("X-Fal-Request-Timeout", QByteArray::number(m_options.startDeadlineSeconds));
    if (m_options.mediaExpirySeconds > 0)
        h.set("X-Fal-Object-Lifecycle-Preference",
              QByteArray::fromStdString(json::dump(
                  json::Json{{"expiration_duration_seconds", m_options.mediaExpirySeconds}})));
    return h;
}

Result<SubmitResult> FalProvider::submit(const VideoRequest& request, const CancelToken& cancel)
{
    // A model asked for this clip (t2v render --model) wins over the account's.
    const QString model = request.model.isEmpty() ? m_model : request.model.trimmed();
    if (model.isEmpty())
        return Error::make(ErrorKind::Invalid,
                           u"No fal.ai model is chosen for this account; set its video model "
                           u"(for example fal-ai/veo3.1/fast)."_s);
    json::Json input;
    QString route = model;
    SubmitResult out;
    if (m_options.images) {
        // fal-js endpoints.ts FluxSchnellInput (image_size presets) and NanoBananaInput
        // (aspect_ratio); each model ignores the field of the other.
        input = {{"prompt", request.prompt},
                 {"num_images", 1},
                 {"image_size", imageSizePreset(request.aspectRatio)},
                 {"aspect_ratio", request.aspectRatio}};
    } else {
        // Veo 3.1 on fal (fal-js endpoints.ts, Veo31TextToVideoInput): duration is a string
        // with its unit ("8s"); there is no enhance_prompt.
        input = {{"prompt", request.prompt},
                 {"aspect_ratio", request.aspectRatio},
                 {"duration", std::to_string(request.durationSeconds) + "s"},
                 {"resolution", request.resolution}};
        if (!request.negativePrompt.isEmpty())
            input["negative_prompt"] = request.negativePrompt;
        addImages(input, route, request, out);
    }
    HttpRequest req = authorized(
        HttpRequest::postJson(m_base + u'/' + route, QByteArray::fromStdString(json::dump(input))));
    req.timeout = 120s;
    req.freshConnection = true; // a paid request: never re-sent by the HTTP layer
    const HttpHeaders extra = submitHeaders();
    for (const auto& [name, value] : extra.items())
        req.headers.set(name, value);
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return r.error();
    const json::Json doc = json::parse(r->body, nullptr);
    out.model = model;
    if (doc.is_object()) {
        out.remoteId = json::optString(doc, "request_id");
        out.statusUrl = json::optString(doc, "status_url");
        out.resultUrl = json::optString(doc, "response_url");
        out.cancelUrl = json::optString(doc, "cancel_url");
    }
    if (out.remoteId.isEmpty() || out.statusUrl.isEmpty() || out.resultUrl.isEmpty()) {
        Error e = Error::make(ErrorKind::BadResponse,
                              u"fal.ai accepted the request but its answer lacks the request id "
                              u"or the status and result URLs."_s);
        e.detail = QString::fromUtf8(r->body.left(500));
        return e;
    }
    return out;
}

QString FalProvider::referenceRoute(const QString& model)
{
    // Veo 3.1 and its fast and lite tiers each have /image-to-video and /reference-to-video
    // (provider-apis §7.4; fal-js endpoints.ts Veo31ReferenceToVideoInput: image_urls).
    static const QStringList families = {u"fal-ai/veo3.1"_s, u"fal-ai/veo3.1/fast"_s,
                                         u"fal-ai/veo3.1/lite"_s};
    return families.contains(model) ? u"/reference-to-video"_s : QString();
}

QString FalProvider::firstFrameRoute(const QString& model)
{
    // Veo31ImageToVideoInput (image_url) and Veo3 "fal-ai/veo3/image-to-video" (§4.4).
    static const QStringList families = {u"fal-ai/veo3.1"_s, u"fal-ai/veo3.1/fast"_s,
                                         u"fal-ai/veo3.1/lite"_s, u"fal-ai/veo3"_s,
                                         u"fal-ai/veo3/fast"_s};
    return families.contains(model) ? u"/image-to-video"_s : QString();
}

int FalProvider::maxReferences(const VideoRequest& request) const
{
    if (m_options.images || takesFirstFrame(request))
        return 0; // a first frame wins: the two routes are separate
    return referenceRoute(request.model.isEmpty() ? m_model : request.model).isEmpty() ? 0 : 3;
}

bool FalProvider::takesFirstFrame(const VideoRequest& request) const
{
    return !m_options.images && (request.firstFrame || !request.firstFrameFile.isEmpty()) &&
           !firstFrameRoute(request.model.isEmpty() ? m_model : request.model).isEmpty();
}

void FalProvider::addImages(json::Json& input, QString& route, const VideoRequest& request,
                            SubmitResult& sent) const
{
    // Images travel as data URIs ("Some models also accept data URIs", docs.fal.ai
    // documentation/model-apis/fal-cdn; fal-js storage.ts passes strings through unchanged).
    if (request.firstFrame && takesFirstFrame(request)) {
        route += firstFrameRoute(route);
        input["image_url"] = image::dataUri(*request.firstFrame).toStdString();
        sent.firstFrameSent = true;
        return;
    }
    if (request.firstFrame)
        sent.notice = u"%1 has no image-to-video route here: made from text."_s.arg(route);
    if (request.references.isEmpty())
        return;
    if (maxReferences(request) == 0) {
        sent.notice = u"%1 takes no reference images (fal-ai/veo3.1 and its fast and lite "
                      u"tiers do): made from text."_s.arg(route);
        return;
    }
    route += referenceRoute(route);
    json::Json urls = json::Json::array();
    for (const ImageInput& reference : request.references.mid(0, 3))
        urls.push_back(image::dataUri(reference).toStdString());
    input["image_urls"] = urls;
    sent.referencesSent = int(urls.size());
    input.erase("negative_prompt"); // not in Veo31ReferenceToVideoInput
}

QString FalProvider::imageSizePreset(const QString& aspectRatio)
{
    // FluxSchnellInput image_size presets.
    if (aspectRatio == u"16:9"_s)
        return u"landscape_16_9"_s;
    if (aspectRatio == u"9:16"_s)
        return u"portrait_16_9"_s;
    if (aspectRatio == u"4:3"_s)
        return u"landscape_4_3"_s;
    if (aspectRatio == u"3:4"_s)
        return u"portrait_4_3"_s;
    return u"square_hd"_s;
}

QString FalProvider::videoUrlIn(const QByteArray& resultBody)
{
    const json::Json doc = json::parse(resultBody, nullptr);
    if (!doc.is_object())
        return {};
    if (const auto video = doc.find("video"); video != doc.end()) {
        if (video->is_object())
            return json::optString(*video, "url");
        if (video->is_string())
            return QString::fromStdString(video->get<std::string>());
    }
    for (const char* list : {"videos", "images"}) {
        if (const auto files = doc.find(list);
            files != doc.end() && files->is_array() && !files->empty() && (*files)[0].is_object())
            return json::optString((*files)[0], "url");
    }
    return {};
}

Result<PollResult> FalProvider::poll(const VideoJob& job, const CancelToken& cancel)
{
    Result<HttpResponse> r = HttpClient().send(authorized(HttpRequest::get(job.statusUrl)), cancel);
    if (!r)
        return r.error();
    const json::Json doc = json::parse(r->body, nullptr);
    const QString status = doc.is_object() ? json::optString(doc, "status") : QString();
    PollResult out;
    if (status == u"IN_QUEUE"_s) {
        out.state = PollResult::State::Queued;
        return out;
    }
    if (status == u"IN_PROGRESS"_s || (status.isEmpty() && r->status == 202)) {
        out.state = PollResult::State::Running;
        return out;
    }
    // Not in fal's documented set, but a cancelled request has to end somewhere.
    if (status == u"CANCELED"_s || status == u"CANCELLED"_s ||
        status == u"CANCELLATION_REQUESTED"_s) {
        out.state = PollResult::State::Cancelled;
        out.message = u"fal.ai cancelled the request."_s;
        return out;
    }
    if (status == u"FAILED"_s || status == u"ERROR"_s) {
        out.state = PollResult::State::Failed;
        out.message = u"fal.ai could not make the video: %1"_s.arg(
            json::optString(doc, "error", u"no reason given"_s));
        return out;
    }
    // 200 means done, with or without the status word.
    if (status != u"COMPLETED"_s && !(status.isEmpty() && r->status == 200))
        return Error::make(
            ErrorKind::BadResponse,
            u"fal.ai answered with an unknown status \"%1\"."_s.arg(status.left(40)));
    return fetchResult(job, doc.is_object() ? json::optString(doc, "error") : QString(),
                       doc.is_object() ? json::optString(doc, "error_type") : QString(), cancel);
}

Result<PollResult> FalProvider::fetchResult(const VideoJob& job, const QString& reportedError,
                                            const QString& errorType,
                                            const CancelToken& cancel) const
{
    PollResult out;
    // A request that never started before the account's deadline: nothing was made or billed.
    if (errorType == u"request_timeout"_s || errorType == u"startup_timeout"_s) {
        out.state = PollResult::State::Failed;
        out.message = u"fal.ai did not start the request within the account's start deadline "
                      u"(%1); nothing was billed. Retry, or raise the deadline."_s.arg(
                          reportedError.isEmpty() ? errorType : reportedError);
        return out;
    }
    Result<HttpResponse> result =
        HttpClient().send(authorized(HttpRequest::get(job.resultUrl)), cancel);
    if (!result) {
        // A finished request whose result is an error: the model failed (a 4xx/5xx with detail).
        const Error& e = result.error();
        if (e.kind == ErrorKind::Http && e.httpStatus >= 400 && !e.isAuthFailure() &&
            e.httpStatus != 429) {
            out.state = PollResult::State::Failed;
            out.message = e.message;
            return out;
        }
        return e;
    }
    const QString url = videoUrlIn(result->body);
    if (url.isEmpty()) {
        out.state = PollResult::State::Failed;
        out.message = reportedError.isEmpty()
                          ? u"fal.ai finished but the result has no video URL."_s
                          : u"fal.ai could not make the video: %1"_s.arg(reportedError);
        return out;
    }
    out.state = PollResult::State::Succeeded;
    out.progress = 100;
    out.videoUrls = {QUrl(job.resultUrl).resolved(QUrl(url)).toString()};
    return out;
}

HttpRequest FalProvider::downloadRequest(const VideoJob&, const QString& url) const
{
    HttpRequest req = HttpRequest::get(url);
    // The key goes only to fal's own API host; its CDN serves finished files without it.
    if (isSameServer(url, m_base))
        req.headers.set("Authorization", "Key " + m_key.toUtf8());
    return req;
}

Status FalProvider::cancel(const VideoJob& job, const CancelToken& cancel)
{
    if (job.cancelUrl.isEmpty())
        return VideoProvider::cancel(job, cancel);
    HttpRequest req = authorized(HttpRequest::get(job.cancelUrl));
    req.method = "PUT";
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return r.error();
    return {};
}

Status FalProvider::testConnection(const CancelToken& cancel)
{
    // No "who am I" endpoint: ask for the status of a request that cannot exist. A rejected
    // key answers 401/403; an accepted one answers 404 (or another 4xx).
    if (m_model.isEmpty())
        return Error::make(ErrorKind::Invalid, u"No fal.ai model is chosen for this account."_s);
    const QString url = m_base + u'/' + m_model.section(u'/', 0, 1) +
                        u"/requests/00000000-0000-0000-0000-000000000000/status"_s;
    Result<HttpResponse> r = HttpClient().send(authorized(HttpRequest::get(url)), cancel);
    if (r)
        return {};
    const Error& e = r.error();
    if (e.kind == ErrorKind::Http && e.httpStatus >= 400 && e.httpStatus < 500 &&
        !e.isAuthFailure() && e.httpStatus != 429)
        return {};
    return e;
}

} // namespace t2v

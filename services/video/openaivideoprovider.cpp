#include "openaivideoprovider.h"

#include "core/json.h"
#include "net/httpclient.h"

#include <QRandomGenerator>
#include <QSize>
#include <QUrl>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {
namespace {

QSize sizeFor(const QString& aspectRatio, const QString& resolution)
{
    const int shortSide = resolution.startsWith(u"480"_s)    ? 480
                          : resolution.startsWith(u"1080"_s) ? 1080
                                                             : 720;
    const int longSide = shortSide == 480 ? 832 : shortSide * 16 / 9;
    if (aspectRatio == u"9:16"_s)
        return {shortSide, longSide};
    if (aspectRatio == u"1:1"_s)
        return {shortSide, shortSide};
    return {longSide, shortSide};
}

} // namespace

OpenAiVideoProvider::OpenAiVideoProvider(QString baseUrl, QString key, QString model)
    : m_base(std::move(baseUrl))
    , m_key(std::move(key))
    , m_model(model.trimmed())
{
    while (m_base.endsWith(u'/'))
        m_base.chop(1);
}

QString OpenAiVideoProvider::label() const
{
    return m_model.isEmpty() ? u"video server at %1"_s.arg(QUrl(m_base).authority())
                             : u"%1 (video server)"_s.arg(m_model);
}

HttpRequest OpenAiVideoProvider::authorized(HttpRequest request) const
{
    if (!m_key.isEmpty())
        request.headers.set("Authorization", "Bearer " + m_key.toUtf8());
    if (request.timeout.count() == 0)
        request.timeout = 120s;
    return request;
}

QList<std::pair<QByteArray, QByteArray>>
OpenAiVideoProvider::fields(const VideoRequest& request, const QString& model, quint64 seed)
{
    const QSize size = sizeFor(request.aspectRatio, request.resolution);
    const int seconds = std::max(1, request.durationSeconds);
    // Wan renders 4n+1 frames.
    const int frames = int(std::lround(seconds * kFps / 4.0)) * 4 + 1;
    QList<std::pair<QByteArray, QByteArray>> out = {
        {"prompt", request.prompt.toUtf8()},
        {"size", QByteArray::number(size.width()) + 'x' + QByteArray::number(size.height())},
        {"seconds", QByteArray::number(seconds)},
        {"fps", QByteArray::number(int(kFps))},
        {"num_frames", QByteArray::number(frames)},
        {"seed", QByteArray::number(seed)},
    };
    if (!request.negativePrompt.isEmpty())
        out.append({"negative_prompt", request.negativePrompt.toUtf8()});
    if (!model.isEmpty())
        out.append({"model", model.toUtf8()});
    return out;
}

HttpRequest OpenAiVideoProvider::createRequest(const VideoRequest& request, bool asJson,
                                               quint64 seed) const
{
    const QString model = request.model.isEmpty() ? m_model : request.model;
    const auto values = fields(request, model, seed);
    const QString url = m_base + u"/videos"_s;
    if (asJson) {
        json::Json body = json::Json::object();
        for (const auto& [name, value] : values) {
            const std::string key = name.toStdString();
            // SGLang's JSON model has integers for these.
            if (name == "seconds" || name == "fps" || name == "num_frames" || name == "seed")
                body[key] = value.toLongLong();
            else
                body[key] = value.toStdString();
        }
        return authorized(HttpRequest::postJson(url, QByteArray::fromStdString(json::dump(body))));
    }
    QList<FormPart> parts;
    for (const auto& [name, value] : values)
        parts.append({name, value, {}, {}});
    if (request.firstFrame) {
        const QByteArray type = request.firstFrame->mimeType.toUtf8();
        parts.append({"input_reference", request.firstFrame->data,
                      type == "image/jpeg" ? "first-frame.jpg" : "first-frame.png", type});
    }
    return authorized(HttpRequest::postForm(url, parts));
}

Result<SubmitResult> OpenAiVideoProvider::submit(const VideoRequest& request,
                                                 const CancelToken& cancel)
{
    const quint64 seed = QRandomGenerator::global()->bounded(quint64(1) << 32);
    // An image goes as a file, which only the multipart form carries.
    bool asJson = m_json.load() && !request.firstFrame;
    Result<HttpResponse> r = Error::make(ErrorKind::Invalid, {});
    for (int attempt = 0; attempt < 2; ++attempt) {
        HttpRequest req = createRequest(request, asJson, seed);
        req.freshConnection = true; // sent twice, the GPU would render the clip twice
        r = HttpClient().send(req, cancel);
        if (r || attempt > 0 || request.firstFrame)
            break;
        // A server that reads only the other form refuses before it queues anything:
        // vLLM-Omni answers JSON with 422 (prompt is a required form field), older SGLang a
        // form without a file with 400 "input_reference file is required".
        const Error& e = r.error();
        const bool wrongForm =
            e.kind == ErrorKind::Http &&
            (e.httpStatus == 415 || (e.httpStatus == 422 && asJson) ||
             (e.httpStatus == 400 && !asJson && e.detail.contains(u"input_reference"_s)));
        if (!wrongForm)
            break;
        asJson = !asJson;
    }
    if (!r)
        return r.error();
    m_json = asJson;
    const json::Json doc = json::parse(r->body, nullptr);
    SubmitResult out;
    out.firstFrameSent = bool(request.firstFrame);
    if (!request.references.isEmpty())
        out.notice = u"A /v1/videos server takes no reference images: made from text."_s;
    out.remoteId = doc.is_object() ? json::optString(doc, "id") : QString();
    if (out.remoteId.isEmpty() || out.remoteId.contains(u'/')) {
        Error e = Error::make(ErrorKind::BadResponse,
                              u"The video server accepted the request but its answer has no "
                              u"usable job id."_s);
        e.detail = QString::fromUtf8(r->body.left(500));
        return e;
    }
    out.statusUrl = m_base + u"/videos/"_s + out.remoteId;
    out.resultUrl = out.statusUrl + u"/content"_s;
    out.cancelUrl = out.statusUrl;
    out.model = doc.is_object() ? json::optString(doc, "model", m_model) : m_model;
    return out;
}

std::optional<PollResult> OpenAiVideoProvider::readJob(const QByteArray& body,
                                                       const QString& contentUrl)
{
    const json::Json doc = json::parse(body, nullptr);
    if (!doc.is_object() || !doc.contains("status") || !doc["status"].is_string())
        return std::nullopt;
    const QString status = json::optString(doc, "status");
    PollResult out;
    if (doc.contains("progress") && doc["progress"].is_number())
        out.progress = std::clamp(int(doc["progress"].get<double>()), 0, 100);
    if (status == u"queued"_s || status == u"pending"_s) {
        out.state = PollResult::State::Queued;
    } else if (status == u"completed"_s || status == u"succeeded"_s) {
        out.state = PollResult::State::Succeeded;
        out.progress = 100;
        out.videoUrls = {contentUrl};
    } else if (status == u"failed"_s) {
        out.state = PollResult::State::Failed;
        QString why;
        if (doc.contains("error") && doc["error"].is_object())
            why = json::optString(doc["error"], "message");
        out.message = u"The video server could not make the clip: %1"_s.arg(
            why.isEmpty() ? u"no reason given"_s : why.left(500));
    } else if (status == u"cancelled"_s || status == u"canceled"_s || status == u"deleted"_s) {
        out.state = PollResult::State::Cancelled;
        out.message = u"The video server cancelled the job."_s;
    } else {
        // in_progress, processing, or a word of a newer version: still going.
        out.state = PollResult::State::Running;
    }
    return out;
}

Result<PollResult> OpenAiVideoProvider::poll(const VideoJob& job, const CancelToken& cancel)
{
    const QString contentUrl =
        job.resultUrl.isEmpty() ? job.statusUrl + u"/content"_s : job.resultUrl;
    Result<HttpResponse> r = HttpClient().send(authorized(HttpRequest::get(job.statusUrl)), cancel);
    if (!r) {
        // vLLM-Omni answers a failed job with the failure's status code and the job as the body.
        const Error& e = r.error();
        if (e.kind == ErrorKind::Http && e.httpStatus != 404 && !e.isAuthFailure()) {
            if (auto failed = readJob(e.detail.toUtf8(), contentUrl);
                failed && failed->state == PollResult::State::Failed)
                return *failed;
        }
        return e; // 404: the server restarted and lost the job (retryable, see Poller)
    }
    if (auto out = readJob(r->body, contentUrl))
        return *out;
    Error e = Error::make(ErrorKind::BadResponse,
                          u"The video server's status answer is not a video job."_s);
    e.detail = QString::fromUtf8(r->body.left(500));
    return e;
}

HttpRequest OpenAiVideoProvider::downloadRequest(const VideoJob&, const QString& url) const
{
    return bearerGet(url, m_base, m_key);
}

Status OpenAiVideoProvider::cancel(const VideoJob& job, const CancelToken& cancel)
{
    HttpRequest req = authorized(HttpRequest::get(job.statusUrl));
    req.method = "DELETE";
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    // 409: vLLM-Omni is still stopping it; 404: it is already gone.
    if (!r && !(r.error().kind == ErrorKind::Http &&
                (r.error().httpStatus == 409 || r.error().httpStatus == 404)))
        return r.error();
    return {};
}

Status OpenAiVideoProvider::testConnection(const CancelToken& cancel)
{
    Result<HttpResponse> r =
        HttpClient().send(authorized(HttpRequest::get(m_base + u"/models"_s)), cancel);
    if (!r)
        return r.error();
    return {};
}

} // namespace t2v

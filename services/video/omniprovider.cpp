#include "omniprovider.h"

#include "core/json.h"
#include "core/logging.h"
#include "net/httpclient.h"
#include "net/providererror.h"
#include "video/geminivideoprovider.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSaveFile>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {
namespace {

constexpr int kMaxReferences = 3;

json::Json imageItem(const ImageInput& image)
{
    return {{"type", "image"},
            {"data", image.data.toBase64().toStdString()},
            {"mime_type", image.mimeType.toStdString()}};
}

// The message of an rpc Status or an Interactions Error ({code, message}).
QString errorText(const json::Json& error)
{
    if (!error.is_object())
        return {};
    return json::optString(error, "message");
}

} // namespace

OmniProvider::OmniProvider(QString baseUrl, QString apiKey, QString model, QString inlineDir)
    : m_base(googleapi::v1betaBase(baseUrl))
    , m_key(std::move(apiKey))
    , m_model(std::move(model))
    , m_inlineDir(std::move(inlineDir))
{}

QString OmniProvider::label() const
{
    return u"%1 (Gemini API, Interactions)"_s.arg(m_model);
}

int OmniProvider::allowedDuration(int seconds)
{
    // "Allowed strings are integers between 3 and 10, followed by "s"" (Omni guide).
    return std::clamp(seconds, 3, 10);
}

Result<QByteArray> OmniProvider::requestBody(const VideoRequest& request, const QString& model)
{
    if (model.isEmpty())
        return Error::make(ErrorKind::Invalid,
                           u"No Gemini Omni model is chosen for this account; set its video "
                           u"model."_s);
    if (request.aspectRatio != u"16:9"_s && request.aspectRatio != u"9:16"_s)
        return Error::make(
            ErrorKind::Unsupported,
            u"Gemini Omni makes 16:9 or 9:16 videos, not %1. Change the project's aspect ratio."_s
                .arg(request.aspectRatio));
    static const QStringList resolutions{u"360p"_s, u"720p"_s, u"1080p"_s, u"4k"_s};
    const QString resolution = request.resolution.toLower();
    if (!resolutions.contains(resolution))
        return Error::make(ErrorKind::Unsupported,
                           u"Gemini Omni makes %1 videos, not %2."_s.arg(resolutions.join(u", "_s),
                                                                         request.resolution));

    json::Json input = json::Json::array();
    QString text = request.prompt;
    QString task = u"text_to_video"_s;
    // Tags tell each image's role; references are numbered from 0 in input order.
    QString tags;
    if (request.firstFrame) {
        input.push_back(imageItem(*request.firstFrame));
        tags += u"<FIRST_FRAME> "_s;
        task = u"image_to_video"_s;
    }
    const int references = std::min<int>(int(request.references.size()), kMaxReferences);
    for (int i = 0; i < references; ++i) {
        input.push_back(imageItem(request.references[i]));
        tags += u"<IMAGE_REF_%1> "_s.arg(i);
    }
    if (references > 0 && !request.firstFrame)
        task = u"reference_to_video"_s;
    text = tags + text;
    // Omni takes no negative prompt: say it in the prompt.
    if (!request.negativePrompt.isEmpty())
        text += u"\nAvoid: "_s + request.negativePrompt;
    input.push_back({{"type", "text"}, {"text", text.toStdString()}});

    const json::Json body = {
        {"model", model.toStdString()},
        {"input", input},
        {"generation_config", {{"video_config", {{"task", task.toStdString()}}}}},
        {"response_format",
         {{"type", "video"},
          {"aspect_ratio", request.aspectRatio.toStdString()},
          {"duration", std::to_string(allowedDuration(request.durationSeconds)) + "s"},
          {"resolution", resolution.toStdString()},
          // Inline answers are capped near 4 MB; a 720p clip of 8 s is more.
          {"delivery", "uri"}}},
        // Background: the create call answers at once with an id to poll; stored, because
        // a background interaction is read back by id.
        {"background", true},
        {"store", true}};
    return QByteArray::fromStdString(json::dump(body));
}

Result<SubmitResult> OmniProvider::submit(const VideoRequest& request, const CancelToken& cancel)
{
    // A model asked for this clip (t2v render --model) wins over the account's.
    const QString model = request.model.isEmpty() ? m_model : request.model;
    Result<QByteArray> body = requestBody(request, model);
    if (!body)
        return body.error();
    HttpRequest req = HttpRequest::postJson(m_base + u"/interactions"_s, *body);
    req.headers.set("x-goog-api-key", m_key.toUtf8());
    req.timeout = 120s;
    req.freshConnection = true; // a paid request: never re-sent by the HTTP layer
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return googleapi::modelNotFound(classifyGoogleError(r.error()), model);
    const json::Json doc = json::parse(r->body, nullptr);
    const QString id = doc.is_object() ? json::optString(doc, "id") : QString();
    if (id.isEmpty()) {
        Error e = Error::make(ErrorKind::BadResponse,
                              u"Gemini Omni accepted the request but sent no interaction id."_s);
        e.detail = QString::fromUtf8(r->body.left(500));
        return e;
    }
    SubmitResult sent;
    sent.remoteId = id;
    sent.model = model;
    sent.firstFrameSent = bool(request.firstFrame);
    sent.referencesSent = std::min<int>(int(request.references.size()), kMaxReferences);
    return sent;
}

Result<OmniProvider::Parsed> OmniProvider::parseInteraction(const QByteArray& body)
{
    const json::Json doc = json::parse(body, nullptr);
    if (!doc.is_object())
        return Error::make(ErrorKind::BadResponse, u"Gemini Omni's status is not JSON."_s);
    try {
        Parsed out;
        PollResult& result = out.result;
        const QString status = json::optString(doc, "status");
        if (status.isEmpty()) {
            // A rejected job has been seen answering only {"error": {...}}.
            if (const auto err = doc.find("error"); err != doc.end() && err->is_object()) {
                result.state = PollResult::State::Failed;
                result.message = u"Gemini Omni could not make the video: %1"_s.arg(
                    json::optString(*err, "message", u"unknown error"_s));
                return out;
            }
            return Error::make(ErrorKind::BadResponse, u"Gemini Omni's status names no state."_s);
        }
        if (status == u"queued"_s) {
            result.state = PollResult::State::Queued;
            return out;
        }
        if (status == u"in_progress"_s) {
            result.state = PollResult::State::Running;
            return out;
        }
        if (status == u"cancelled"_s) {
            result.state = PollResult::State::Cancelled;
            result.message = u"The interaction was cancelled."_s;
            return out;
        }

        // The steps (or, from older servers, outputs[]) of the model's output.
        QStringList errors;
        for (const json::Json& e : doc.value("errors", json::Json::array()))
            if (const QString m = errorText(e); !m.isEmpty())
                errors.append(m);
        QList<json::Json> contents;
        if (const auto steps = doc.find("steps"); steps != doc.end() && steps->is_array()) {
            for (const json::Json& step : *steps) {
                if (!step.is_object() || json::optString(step, "type") != u"model_output"_s)
                    continue;
                if (const QString m = errorText(step.value("error", json::Json())); !m.isEmpty())
                    errors.append(m);
                for (const json::Json& c : step.value("content", json::Json::array()))
                    contents.append(c);
            }
        } else if (const auto outputs = doc.find("outputs");
                   outputs != doc.end() && outputs->is_array()) {
            for (const json::Json& c : *outputs)
                contents.append(c);
        }

        if (status != u"completed"_s) {
            result.state = PollResult::State::Failed;
            const QString why = !errors.isEmpty() ? errors.join(u"; "_s)
                                : status == u"budget_exceeded"_s
                                    ? u"the interaction went over its budget"_s
                                : status == u"incomplete"_s ? u"the output is incomplete"_s
                                : status == u"failed"_s     ? u"unknown error"_s
                                                        : u"unexpected status \"%1\""_s.arg(status);
            result.message = u"Gemini Omni could not make the video: %1"_s.arg(why);
            return out;
        }
        for (const json::Json& c : contents) {
            if (!c.is_object() || json::optString(c, "type") != u"video"_s)
                continue;
            if (const QString uri = json::optString(c, "uri"); !uri.isEmpty()) {
                result.videoUrls.append(uri);
            } else if (const QString data = json::optString(c, "data"); !data.isEmpty()) {
                auto decoded = QByteArray::fromBase64Encoding(
                    data.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
                if (!decoded || decoded.decoded.isEmpty())
                    return Error::make(ErrorKind::BadResponse,
                                       u"Gemini Omni sent a video that is not valid base64."_s);
                out.inlineVideos.append(decoded.decoded);
            }
        }
        if (result.videoUrls.isEmpty() && out.inlineVideos.isEmpty()) {
            result.state = PollResult::State::Failed;
            result.message =
                errors.isEmpty()
                    ? u"Gemini Omni finished without a video (it may have been filtered)."_s
                    : u"Gemini Omni finished without a video: %1"_s.arg(errors.join(u"; "_s));
            return out;
        }
        result.state = PollResult::State::Succeeded;
        result.progress = 100;
        return out;
    } catch (const std::exception& e) {
        return Error::make(
            ErrorKind::BadResponse,
            u"Gemini Omni's status has an unexpected shape: %1"_s.arg(json::errorMessage(e)));
    }
}

Result<PollResult> OmniProvider::poll(const VideoJob& job, const CancelToken& cancel)
{
    HttpRequest req = HttpRequest::get(m_base + u"/interactions/"_s +
                                       QString::fromLatin1(QUrl::toPercentEncoding(job.remoteId)) +
                                       u"?stream=false"_s);
    req.headers.set("x-goog-api-key", m_key.toUtf8());
    req.timeout = 120s; // a finished clip may come inline
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return classifyGoogleError(r.error());
    Result<Parsed> parsed = parseInteraction(r->body);
    if (!parsed)
        return parsed.error();
    PollResult result = parsed->result;
    // Inline clips are kept as files, named by the interaction, so a second poll (or a lost
    // file) writes them again instead of asking for another paid video.
    for (int i = 0; i < parsed->inlineVideos.size(); ++i) {
        const QString name = QString::fromLatin1(QCryptographicHash::hash(job.remoteId.toUtf8(),
                                                                          QCryptographicHash::Sha1)
                                                     .toHex()
                                                     .left(20)) +
                             u"-%1.mp4"_s.arg(i);
        QDir().mkpath(m_inlineDir);
        const QString path = QDir(m_inlineDir).filePath(name);
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) ||
            f.write(parsed->inlineVideos[i]) != parsed->inlineVideos[i].size() || !f.commit())
            return Error::make(ErrorKind::Io, u"Cannot keep Gemini Omni's clip in %1: %2"_s.arg(
                                                  QDir::toNativeSeparators(path), f.errorString()));
        result.videoUrls.append(QUrl::fromLocalFile(path).toString());
    }
    return result;
}

HttpRequest OmniProvider::downloadRequest(const VideoJob&, const QString& url) const
{
    return googleapi::keyedGet(m_base, m_key, url);
}

Status OmniProvider::cancel(const VideoJob& job, const CancelToken& cancel)
{
    HttpRequest req = HttpRequest::postJson(
        m_base + u"/interactions/"_s + QString::fromLatin1(QUrl::toPercentEncoding(job.remoteId)) +
            u"/cancel"_s,
        "{}");
    req.headers.set("x-goog-api-key", m_key.toUtf8());
    req.timeout = 30s;
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return classifyGoogleError(r.error());
    return {};
}

Status OmniProvider::testConnection(const CancelToken& cancel)
{
    return googleapi::testKey(m_base, m_key, cancel);
}

} // namespace t2v

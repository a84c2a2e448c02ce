#include "veoprovider.h"

#include "core/json.h"
#include "core/logging.h"
#include "net/httpclient.h"
#include "net/providererror.h"
#include "video/geminivideoprovider.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {

VeoProvider::VeoProvider(QString baseUrl, QString apiKey, QString model, QString personGeneration)
    : m_base(googleapi::v1betaBase(baseUrl))
    , m_key(std::move(apiKey))
    , m_model(std::move(model))
    , m_personGeneration(std::move(personGeneration))
{
    // No default of its own: the provider registry chooses the model (an id that changes as
    // Google retires models belongs in one place).
}

QString VeoProvider::label() const
{
    return u"%1 (Gemini API)"_s.arg(m_model);
}

int VeoProvider::allowedDuration(int seconds)
{
    if (seconds <= 4)
        return 4;
    if (seconds <= 6)
        return 6;
    return 8;
}

Result<SubmitResult> VeoProvider::submit(const VideoRequest& request, const CancelToken& cancel)
{
    if (request.aspectRatio != u"16:9"_s && request.aspectRatio != u"9:16"_s)
        return Error::make(
            ErrorKind::Unsupported,
            u"Veo makes 16:9 or 9:16 videos, not %1. Change the project's aspect ratio."_s.arg(
                request.aspectRatio));
    // A model asked for this clip (t2v render --model) wins over the account's.
    const QString model = request.model.isEmpty() ? m_model : request.model;
    if (model.isEmpty())
        return Error::make(ErrorKind::Invalid,
                           u"No Veo model is chosen for this account; set its video model."_s);
    SubmitResult sent;
    sent.model = model;
    const json::Json instance = instanceFor(request, model, sent);
    // Reference images need 8 s clips (provider-apis §7.2).
    const int duration = sent.referencesSent > 0 ? 8 : allowedDuration(request.durationSeconds);
    HttpClient http;
    bool withPerson = !m_personGeneration.isEmpty();
    for (int attempt = 0; attempt < 2; ++attempt) {
        json::Json parameters = {
            {"aspectRatio", request.aspectRatio},
            {"resolution", request.resolution},
            {"durationSeconds", duration},
            {"sampleCount", std::clamp(request.sampleCount, 1, maxSamplesPerRequest())}};
        if (!request.negativePrompt.isEmpty())
            parameters["negativePrompt"] = request.negativePrompt;
        if (withPerson)
            parameters["personGeneration"] = m_personGeneration;
        const json::Json body = {{"instances", json::Json::array({instance})},
                                 {"parameters", parameters}};
        HttpRequest req =
            HttpRequest::postJson(m_base + u"/models/"_s + model + u":predictLongRunning"_s,
                                  QByteArray::fromStdString(json::dump(body)));
        req.headers.set("x-goog-api-key", m_key.toUtf8());
        req.timeout = 120s;
        req.freshConnection = true; // a paid request: never re-sent by the HTTP layer
        Result<HttpResponse> r = http.send(req, cancel);
        if (!r) {
            const Error& e = r.error();
            // Some models refuse some personGeneration values: try once without it.
            if (withPerson && e.kind == ErrorKind::Http && e.httpStatus == 400 &&
                QString(e.message + e.detail).contains(u"personGeneration"_s)) {
                qCInfo(lcVideo) << "Veo refused personGeneration; submitting without it";
                withPerson = false;
                continue;
            }
            return googleapi::modelNotFound(classifyGoogleError(e), model);
        }
        const json::Json doc = json::parse(r->body, nullptr);
        const QString name = doc.is_object() ? json::optString(doc, "name") : QString();
        if (name.isEmpty()) {
            Error e = Error::make(ErrorKind::BadResponse,
                                  u"Veo accepted the request but sent no operation name."_s);
            e.detail = QString::fromUtf8(r->body.left(500));
            return e;
        }
        sent.remoteId = name;
        return sent;
    }
    return Error::make(ErrorKind::BadResponse, u"Veo refused the request."_s);
}

json::Json VeoProvider::instanceFor(const VideoRequest& request, const QString& model,
                                    SubmitResult& sent)
{
    // python-genai models.py _GenerateVideosParameters_to_mldev (image) and
    // _GenerateVideosConfig_to_mldev / _VideoGenerationReferenceImage_to_mldev
    // (referenceImages: {image: {bytesBase64Encoded, mimeType}, referenceType}); the SDK sends
    // the enum name "ASSET". A first frame and reference images cannot go together.
    auto inlineImage = [](const ImageInput& image) {
        return json::Json{{"bytesBase64Encoded", image.data.toBase64().toStdString()},
                          {"mimeType", image.mimeType}};
    };
    json::Json instance = {{"prompt", request.prompt}};
    if (request.firstFrame) {
        instance["image"] = inlineImage(*request.firstFrame);
        sent.firstFrameSent = true;
        if (!request.references.isEmpty())
            sent.notice = u"Veo starts this clip from its keyframe; the reference images are "
                          u"in the keyframe already."_s;
        return instance;
    }
    if (request.references.isEmpty())
        return instance;
    if (!model.startsWith(u"veo-3.1"_s)) {
        sent.notice = u"%1 takes no reference images (Veo 3.1 does): made from text."_s.arg(model);
        return instance;
    }
    if (request.aspectRatio != u"16:9"_s) {
        sent.notice = u"Veo takes reference images for 16:9 clips only: made from text."_s;
        return instance;
    }
    json::Json references = json::Json::array();
    for (const ImageInput& image : request.references.mid(0, kMaxReferences))
        references.push_back({{"image", inlineImage(image)}, {"referenceType", "ASSET"}});
    instance["referenceImages"] = references;
    sent.referencesSent = int(references.size());
    return instance;
}

Result<PollResult> VeoProvider::parseOperation(const QByteArray& body)
{
    const json::Json doc = json::parse(body, nullptr);
    if (!doc.is_object())
        return Error::make(ErrorKind::BadResponse, u"Veo's operation status is not JSON."_s);
    try {
        PollResult out;
        if (!doc.value("done", false)) {
            out.state = PollResult::State::Running;
            if (const auto meta = doc.find("metadata");
                meta != doc.end() && meta->is_object() && meta->contains("progressPercent"))
                out.progress = json::optInt(*meta, "progressPercent", -1);
            return out;
        }
        if (const auto err = doc.find("error"); err != doc.end() && err->is_object()) {
            out.state = PollResult::State::Failed;
            out.message = u"Veo could not make the video: %1"_s.arg(
                json::optString(*err, "message", u"unknown error"_s));
            return out;
        }
        const json::Json response = doc.value("response", json::Json::object());
        const json::Json generated = response.value("generateVideoResponse", json::Json::object());
        for (const json::Json& sample : generated.value("generatedSamples", json::Json::array())) {
            const QString uri = json::optString(sample.value("video", json::Json::object()), "uri");
            if (!uri.isEmpty())
                out.videoUrls.append(uri);
        }
        if (out.videoUrls.isEmpty()) {
            out.state = PollResult::State::Failed;
            QStringList reasons = json::optStringList(generated, "raiMediaFilteredReasons");
            out.message =
                reasons.isEmpty()
                    ? u"Veo finished without a video."_s
                    : u"Veo's safety filter removed the video: %1"_s.arg(reasons.join(u"; "_s));
            return out;
        }
        out.state = PollResult::State::Succeeded;
        out.progress = 100;
        return out;
    } catch (const std::exception& e) {
        return Error::make(
            ErrorKind::BadResponse,
            u"Veo's operation status has an unexpected shape: %1"_s.arg(json::errorMessage(e)));
    }
}

Result<PollResult> VeoProvider::poll(const VideoJob& job, const CancelToken& cancel)
{
    HttpRequest req = HttpRequest::get(m_base + u'/' + job.remoteId);
    req.headers.set("x-goog-api-key", m_key.toUtf8());
    req.timeout = 60s;
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return classifyGoogleError(r.error());
    return parseOperation(r->body);
}

HttpRequest VeoProvider::downloadRequest(const VideoJob&, const QString& url) const
{
    return googleapi::keyedGet(m_base, m_key, url);
}

Status VeoProvider::testConnection(const CancelToken& cancel)
{
    return googleapi::testKey(m_base, m_key, cancel);
}

} // namespace t2v

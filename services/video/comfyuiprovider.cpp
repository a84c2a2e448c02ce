#include "comfyuiprovider.h"

#include "core/image.h"
#include "core/logging.h"
#include "net/httpclient.h"
#include "net/websocketreader.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

#include <mutex>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {
namespace {

bool isOutputFile(const QString& name, bool images)
{
    static const QStringList videoKinds = {u".mp4"_s, u".webm"_s, u".mkv"_s,
                                           u".mov"_s, u".gif"_s,  u".webp"_s};
    static const QStringList imageKinds = {u".png"_s, u".jpg"_s, u".jpeg"_s, u".webp"_s};
    const QStringList& kinds = images ? imageKinds : videoKinds;
    for (const QString& kind : kinds) {
        if (name.endsWith(kind, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

// What ComfyUI's /ws says about the prompts posted with this client id. ComfyUI sends a
// prompt's events only to the socket of its client_id, so each provider has its own id.
class ComfyProgress
{
public:
    ComfyProgress(const QString& base, const QString& key)
        : m_clientId(u"t2v-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        if (!base.startsWith(u"http://"_s, Qt::CaseInsensitive))
            return; // wss:// is not read: no progress, the history still says when it is done
        HttpHeaders headers;
        if (!key.isEmpty())
            headers.set("Authorization", "Bearer " + key.toUtf8());
        m_reader = std::make_unique<WebSocketReader>(
            u"ws://"_s + base.mid(7) + u"/ws?clientId="_s + m_clientId, headers,
            [this](const QByteArray& message) { onMessage(message); });
    }

    QString clientId() const { return m_clientId; }
    void start()
    {
        if (m_reader)
            m_reader->start();
    }
    int percent(const QString& promptId) const
    {
        std::lock_guard lock(m_mutex);
        return m_percent.value(promptId, -1);
    }

private:
    void onMessage(const QByteArray& message)
    {
        const auto progress = ComfyUiProvider::progressIn(message);
        if (!progress)
            return;
        std::lock_guard lock(m_mutex);
        if (m_percent.size() > 1000)
            m_percent.clear(); // only the prompts being rendered matter
        m_percent.insert(progress->first, progress->second);
    }

    const QString m_clientId;
    mutable std::mutex m_mutex;
    QHash<QString, int> m_percent;
    std::unique_ptr<WebSocketReader> m_reader; // last: stopped before the rest goes
};

ComfyUiProvider::ComfyUiProvider(QString baseUrl, QString key, QString workflow, Saves saves)
    : m_base(std::move(baseUrl))
    , m_key(std::move(key))
    , m_workflow(workflow.trimmed().isEmpty()
                     ? (saves == Saves::Images ? ComfyWorkflow::defaultImageName()
                                               : ComfyWorkflow::defaultName())
                     : workflow.trimmed())
    , m_saves(saves)
{
    while (m_base.endsWith(u'/'))
        m_base.chop(1);
    m_progress = std::make_unique<ComfyProgress>(m_base, m_key);
}

ComfyUiProvider::~ComfyUiProvider() = default;

std::optional<std::pair<QString, int>> ComfyUiProvider::progressIn(const QByteArray& message)
{
    const json::Json doc = json::parse(message, nullptr);
    if (!doc.is_object() || !doc.contains("data") || !doc["data"].is_object())
        return std::nullopt;
    const QString type = json::optString(doc, "type");
    const json::Json& data = doc["data"];
    const QString prompt = json::optString(data, "prompt_id");
    if (prompt.isEmpty())
        return std::nullopt;
    // A step of the last sampler to report is "done" only when the whole prompt is: 99 at most.
    const auto percent = [](double value, double max) {
        return max > 0 ? std::clamp(int(value * 100.0 / max), 0, 99) : -1;
    };
    if (type == u"progress"_s) {
        const int p = percent(json::optDouble(data, "value"), json::optDouble(data, "max"));
        return p < 0 ? std::nullopt : std::optional(std::pair{prompt, p});
    }
    if (type == u"progress_state"_s && data.contains("nodes") && data["nodes"].is_object()) {
        for (const auto& [id, node] : data["nodes"].items()) {
            if (node.is_object() && json::optString(node, "state") == u"running"_s &&
                json::optDouble(node, "max") > 1.0) {
                return std::pair{
                    prompt, percent(json::optDouble(node, "value"), json::optDouble(node, "max"))};
            }
        }
        return std::nullopt;
    }
    if (type == u"execution_start"_s)
        return std::pair{prompt, 0};
    return std::nullopt;
}

QString ComfyUiProvider::label() const
{
    return u"%1 (ComfyUI)"_s.arg(m_workflow);
}

HttpRequest ComfyUiProvider::authorized(HttpRequest request) const
{
    // Never an Origin header: ComfyUI answers 403 when Origin and Host differ on loopback.
    if (!m_key.isEmpty())
        request.headers.set("Authorization", "Bearer " + m_key.toUtf8());
    if (request.timeout.count() == 0)
        request.timeout = 60s;
    return request;
}

Result<QString> ComfyUiProvider::upload(const ImageInput& image, const CancelToken& cancel) const
{
    // Named after its content: the same image is stored once however often it is sent.
    const QString name = u"t2v-%1.%2"_s.arg(
        QString::fromLatin1(
            QCryptographicHash::hash(image.data, QCryptographicHash::Sha1).toHex().left(20)),
        image::extension(image.mimeType));
    HttpRequest req = authorized(HttpRequest::postForm(
        m_base + u"/upload/image"_s, {{"image", image.data, name.toUtf8(), image.mimeType.toUtf8()},
                                      {"type", "input", {}, {}},
                                      {"overwrite", "true", {}, {}}}));
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r) {
        Error e = r.error();
        e.requestSent = false; // nothing was queued yet
        e.message = u"ComfyUI did not take the image: %1"_s.arg(e.message);
        return e;
    }
    const json::Json doc = json::parse(r->body, nullptr);
    const QString stored = doc.is_object() ? json::optString(doc, "name") : QString();
    if (stored.isEmpty())
        return Error::make(ErrorKind::BadResponse,
                           u"ComfyUI's answer to an image upload names no file."_s);
    const QString subfolder = json::optString(doc, "subfolder");
    return subfolder.isEmpty() ? stored : subfolder + u'/' + stored;
}

Result<SubmitResult> ComfyUiProvider::submit(const VideoRequest& request, const CancelToken& cancel)
{
    const QString workflowName = request.model.isEmpty() ? m_workflow : request.model;
    Result<ComfyWorkflow> workflow = ComfyWorkflow::load(workflowName);
    if (!workflow) {
        Error e = workflow.error();
        e.requestSent = false;
        return e;
    }
    if (workflow->savesImages() != (m_saves == Saves::Images)) {
        Error e = Error::make(
            ErrorKind::Invalid,
            workflow->savesImages()
                ? u"The ComfyUI workflow \"%1\" saves images, not videos: choose it as the "
                  u"account's image workflow, and a video one (such as %2) as its video model."_s
                      .arg(workflow->name(), ComfyWorkflow::defaultName())
                : u"The ComfyUI workflow \"%1\" saves videos, not images: choose an image "
                  u"workflow (such as %2) as the account's image model."_s.arg(
                      workflow->name(), ComfyWorkflow::defaultImageName()));
        e.requestSent = false;
        return e;
    }
    if (workflow->needsFirstFrame() && !request.firstFrame) {
        Error e =
            Error::make(ErrorKind::Invalid,
                        u"The ComfyUI workflow \"%1\" starts from an image, and this clip "
                        u"has no first frame. Choose a text-to-video workflow such as %2."_s.arg(
                            workflow->name(), ComfyWorkflow::defaultName()));
        e.requestSent = false;
        return e;
    }
    if (request.firstFrame && !workflow->needsFirstFrame())
        qCWarning(lcVideo).noquote()
            << u"The ComfyUI workflow \"%1\" has no {{first_frame}}: scene %2 is rendered "
               u"from its text only."_s.arg(workflow->name())
                   .arg(request.sceneNumber);
    ComfyInputs in;
    in.prompt = request.prompt;
    in.negativePrompt = request.negativePrompt;
    const QSize size = workflow->size(request.aspectRatio, request.resolution);
    in.width = size.width();
    in.height = size.height();
    in.fps = workflow->fps();
    in.frames = workflow->frames(request.durationSeconds);
    // Below 2^53, so the number survives any JSON reader as a double.
    in.seed = QRandomGenerator::global()->bounded(quint64(1) << 48);
    if (workflow->needsFirstFrame()) {
        Result<QString> name = upload(*request.firstFrame, cancel);
        if (!name)
            return name.error();
        in.firstFrame = *name;
    }
    for (int i = 0; i < std::min(workflow->referenceSlots(), int(request.references.size())); ++i) {
        Result<QString> name = upload(request.references[i], cancel);
        if (!name)
            return name.error();
        in.references.append(*name);
    }
    // Our own id (a canonical lowercase UUID, as newer servers require), so the answer is
    // only a confirmation.
    const QString promptId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_progress->start(); // listening before the prompt is queued
    const json::Json body = {{"prompt", workflow->fill(in)},
                             {"client_id", m_progress->clientId().toStdString()},
                             {"prompt_id", promptId.toStdString()}};
    HttpRequest req = authorized(
        HttpRequest::postJson(m_base + u"/prompt"_s, QByteArray::fromStdString(json::dump(body))));
    req.freshConnection = true; // sent twice, the GPU would render the clip twice
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r) {
        Error e = r.error();
        if (e.kind == ErrorKind::Http && e.httpStatus == 400) {
            e.kind = ErrorKind::Invalid;
            e.message = describeRejection(e.detail.toUtf8());
        }
        return e;
    }
    const json::Json doc = json::parse(r->body, nullptr);
    SubmitResult out;
    out.remoteId = doc.is_object() ? json::optString(doc, "prompt_id", promptId) : promptId;
    if (doc.is_object() && doc.contains("node_errors") && !doc["node_errors"].empty())
        qCWarning(lcVideo).noquote() << describeRejection(r->body);
    out.statusUrl = m_base + u"/history/"_s + out.remoteId;
    out.cancelUrl = m_base + u"/interrupt"_s;
    out.model = workflow->name();
    out.firstFrameSent = !in.firstFrame.isEmpty();
    out.referencesSent = int(in.references.size());
    if (request.firstFrame && !workflow->needsFirstFrame())
        out.notice =
            u"The workflow \"%1\" has no {{first_frame}}: made from text."_s.arg(workflow->name());
    else if (!request.references.isEmpty() && workflow->referenceSlots() == 0)
        out.notice = u"The workflow \"%1\" has no {{reference_1}}: made without the character "
                     u"references."_s.arg(workflow->name());
    return out;
}

QString ComfyUiProvider::describeRejection(const QByteArray& body)
{
    const json::Json doc = json::parse(body, nullptr);
    if (!doc.is_object())
        return u"ComfyUI refused the workflow: %1"_s.arg(QString::fromUtf8(body.left(300)));
    QStringList parts;
    if (doc.contains("error") && doc["error"].is_object()) {
        const json::Json& error = doc["error"];
        QString message = json::optString(error, "message");
        const QString details = json::optString(error, "details");
        if (!details.isEmpty() && !details.contains(u'\n'))
            message += u" (%1)"_s.arg(details);
        if (message.contains(u"does not exist"_s))
            message += u": a custom node the workflow uses is not installed on the server"_s;
        parts.append(message);
    }
    if (doc.contains("node_errors") && doc["node_errors"].is_object()) {
        for (const auto& [id, node] : doc["node_errors"].items()) {
            const QString where = u"node %1 (%2)"_s.arg(QString::fromStdString(id),
                                                        json::optString(node, "class_type"));
            if (!node.contains("errors") || !node["errors"].is_array())
                continue;
            for (const json::Json& error : node["errors"]) {
                QString line = u"%1: %2"_s.arg(where, json::optString(error, "message"));
                const QString details = json::optString(error, "details");
                if (!details.isEmpty())
                    line += u": "_s + details;
                const QString input =
                    error.contains("extra_info") && error["extra_info"].is_object()
                        ? json::optString(error["extra_info"], "input_name")
                        : QString();
                if (json::optString(error, "type") == u"value_not_in_list"_s &&
                    input.endsWith(u"_name"_s))
                    line += u" (the model file is missing on the server: put it in ComfyUI's "
                            u"models folder, or change the workflow)"_s;
                parts.append(line);
            }
        }
    }
    if (parts.isEmpty())
        return u"ComfyUI refused the workflow."_s;
    return u"ComfyUI refused the workflow: %1."_s.arg(parts.join(u"; "_s));
}

QStringList ComfyUiProvider::outputFiles(const json::Json& outputs, const QString& base,
                                         Saves saves)
{
    QStringList saved;
    QStringList previews;
    if (!outputs.is_object())
        return saved;
    for (const auto& [id, output] : outputs.items()) {
        if (!output.is_object())
            continue;
        // SaveVideo reports under "images" with "animated"; VHS_VideoCombine under "gifs".
        for (const char* key : {"videos", "gifs", "images"}) {
            if (!output.contains(key) || !output[key].is_array())
                continue;
            for (const json::Json& file : output[key]) {
                const QString name =
                    file.is_object() ? json::optString(file, "filename") : QString();
                if (!isOutputFile(name, saves == Saves::Images))
                    continue;
                QUrlQuery query;
                query.addQueryItem(u"filename"_s, name);
                query.addQueryItem(u"subfolder"_s, json::optString(file, "subfolder"));
                const QString type = json::optString(file, "type", u"output"_s);
                query.addQueryItem(u"type"_s, type);
                QUrl url(base + u"/view"_s);
                url.setQuery(query);
                (type == u"output"_s ? saved : previews).append(url.toString(QUrl::FullyEncoded));
            }
        }
    }
    return saved.isEmpty() ? previews.mid(0, 1) : saved.mid(0, 1);
}

PollResult ComfyUiProvider::finished(const json::Json& entry, const QString& base, Saves saves)
{
    PollResult out;
    const json::Json status = entry.contains("status") ? entry["status"] : json::Json::object();
    const QString word = json::optString(status, "status_str");
    if (word == u"error"_s) {
        out.state = PollResult::State::Failed;
        out.message = u"ComfyUI could not render the clip."_s;
        if (status.contains("messages") && status["messages"].is_array()) {
            for (const json::Json& m : status["messages"]) {
                if (!m.is_array() || m.size() != 2 || !m[0].is_string() || !m[1].is_object())
                    continue;
                const std::string event = m[0].get<std::string>();
                const json::Json& data = m[1];
                if (event == "execution_interrupted") {
                    out.state = PollResult::State::Cancelled;
                    out.message = u"The render was interrupted in ComfyUI."_s;
                } else if (event == "execution_error") {
                    out.message = u"ComfyUI failed in node %1 (%2): %3"_s.arg(
                        json::optString(data, "node_id"), json::optString(data, "node_type"),
                        json::optString(data, "exception_message").trimmed().left(500));
                }
            }
        }
        return out;
    }
    const QStringList files =
        outputFiles(entry.contains("outputs") ? entry["outputs"] : json::Json(), base, saves);
    if (files.isEmpty()) {
        out.state = PollResult::State::Failed;
        out.message = saves == Saves::Images
                          ? u"ComfyUI finished the workflow, but it saved no image (is its last "
                            u"node SaveImage?)."_s
                          : u"ComfyUI finished the workflow, but it saved no video file (is its "
                            u"last node SaveVideo or VHS_VideoCombine?)."_s;
        return out;
    }
    out.state = PollResult::State::Succeeded;
    out.progress = 100;
    out.videoUrls = files;
    return out;
}

Result<QString> ComfyUiProvider::queuePlace(const QString& promptId,
                                            const CancelToken& cancel) const
{
    Result<HttpResponse> r =
        HttpClient().send(authorized(HttpRequest::get(m_base + u"/queue"_s)), cancel);
    if (!r)
        return r.error();
    const json::Json doc = json::parse(r->body, nullptr);
    if (!doc.is_object())
        return Error::make(ErrorKind::BadResponse, u"ComfyUI's /queue answer is not JSON."_s);
    const std::string id = promptId.toStdString();
    for (const auto& [place, key] :
         {std::pair{u"running"_s, "queue_running"}, std::pair{u"pending"_s, "queue_pending"}}) {
        if (!doc.contains(key) || !doc[key].is_array())
            continue;
        for (const json::Json& item : doc[key]) {
            // [number, prompt_id, prompt, extra_data, outputs_to_execute, ...]
            if (item.is_array() && item.size() > 1 && item[1].is_string() &&
                item[1].get<std::string>() == id)
                return place;
        }
    }
    return QString();
}

Result<PollResult> ComfyUiProvider::poll(const VideoJob& job, const CancelToken& cancel)
{
    const std::string id = job.remoteId.toStdString();
    for (int look = 0; look < 2; ++look) {
        Result<HttpResponse> r =
            HttpClient().send(authorized(HttpRequest::get(job.statusUrl)), cancel);
        if (!r)
            return r.error();
        const json::Json doc = json::parse(r->body, nullptr);
        if (!doc.is_object())
            return Error::make(ErrorKind::BadResponse, u"ComfyUI's history answer is not JSON."_s);
        if (doc.contains(id) && doc[id].is_object())
            return finished(doc[id], m_base, m_saves);
        // Not in the history yet: queued, running, or lost.
        Result<QString> place = queuePlace(job.remoteId, cancel);
        if (!place)
            return place.error();
        PollResult out;
        if (*place == u"running"_s) {
            out.state = PollResult::State::Running;
            out.progress = m_progress->percent(job.remoteId);
            return out;
        }
        if (*place == u"pending"_s)
            return out; // Queued
        // It may have finished between the two answers: look at the history once more.
    }
    PollResult lost;
    lost.state = PollResult::State::Failed;
    lost.message = u"The ComfyUI server no longer has this job: it was restarted or its queue "
                   u"and history were cleared. Retry renders the clip again."_s;
    return lost;
}

HttpRequest ComfyUiProvider::downloadRequest(const VideoJob&, const QString& url) const
{
    return bearerGet(url, m_base, m_key);
}

Status ComfyUiProvider::cancel(const VideoJob& job, const CancelToken& cancel)
{
    // Waiting: take it off the queue. Running: interrupt it (only if it is this prompt).
    const json::Json which = {{"delete", json::Json::array({job.remoteId.toStdString()})}};
    Result<HttpResponse> dequeued =
        HttpClient().send(authorized(HttpRequest::postJson(
                              m_base + u"/queue"_s, QByteArray::fromStdString(json::dump(which)))),
                          cancel);
    if (!dequeued)
        return dequeued.error();
    const json::Json running = {{"prompt_id", job.remoteId.toStdString()}};
    Result<HttpResponse> interrupted = HttpClient().send(
        authorized(HttpRequest::postJson(m_base + u"/interrupt"_s,
                                         QByteArray::fromStdString(json::dump(running)))),
        cancel);
    if (!interrupted)
        return interrupted.error();
    return {};
}

Status ComfyUiProvider::testConnection(const CancelToken& cancel)
{
    if (Result<ComfyWorkflow> workflow = ComfyWorkflow::load(m_workflow); !workflow)
        return workflow.error();
    Result<HttpResponse> r =
        HttpClient().send(authorized(HttpRequest::get(m_base + u"/system_stats"_s)), cancel);
    if (!r)
        return r.error();
    return {};
}

} // namespace t2v

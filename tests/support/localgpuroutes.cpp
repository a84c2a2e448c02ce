#include "localgpuroutes.h"

#include "providerroutes.h"
#include "testmedia.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace t2v::test {

// ---- FakeGpu

FakeGpu::Job& FakeGpu::submit(const QString& id, const QString& prompt, qint64 now)
{
    settle(now);
    Job job;
    job.id = id;
    job.prompt = prompt;
    job.submittedMs = now;
    job.number = ++m_number;
    m_jobs.insert(id, job);
    m_pending.append(id);
    settle(now);
    m_peakLoad = std::max(m_peakLoad, int(m_pending.size()) + (m_running.isEmpty() ? 0 : 1));
    return m_jobs[id];
}

void FakeGpu::settle(qint64 now)
{
    for (;;) {
        if (!m_running.isEmpty()) {
            Job& job = m_jobs[m_running];
            if (now < job.startMs + m_renderMs)
                return;
            job.endMs = job.startMs + m_renderMs;
            job.end = job.prompt.contains(u"[fail]"_s) ? End::Error : End::Success;
            m_freeAt = job.endMs;
            m_running.clear();
        }
        if (m_pending.isEmpty())
            return;
        Job& next = m_jobs[m_pending.first()];
        const qint64 start = std::max(m_freeAt, next.submittedMs);
        if (start > now)
            return;
        // The GPU waited for this job although it was free: time a client left it idle.
        if (m_freeAt > 0 && next.submittedMs > m_freeAt)
            m_idleMs += next.submittedMs - m_freeAt;
        next.startMs = start;
        m_running = m_pending.takeFirst();
    }
}

FakeGpu::Job* FakeGpu::find(const QString& id)
{
    auto it = m_jobs.find(id);
    return it == m_jobs.end() ? nullptr : &it.value();
}

bool FakeGpu::remove(const QString& id)
{
    if (!m_pending.removeOne(id))
        return false;
    m_jobs[id].end = End::Interrupted;
    return true;
}

bool FakeGpu::interrupt(const QString& id, qint64 now)
{
    settle(now);
    if (m_running.isEmpty() || (!id.isEmpty() && id != m_running))
        return false;
    Job& job = m_jobs[m_running];
    job.endMs = now;
    job.end = End::Interrupted;
    m_freeAt = now;
    m_running.clear();
    settle(now);
    return true;
}

void FakeGpu::clear()
{
    m_jobs.clear();
    m_pending.clear();
    m_running.clear();
    m_freeAt = 0;
}

// ---- LocalGpuRoutes

namespace {

const QSet<QString> kComfyClasses = {u"UNETLoader"_s,
                                     u"CLIPLoader"_s,
                                     u"VAELoader"_s,
                                     u"CLIPVisionLoader"_s,
                                     u"LoadImage"_s,
                                     u"CLIPVisionEncode"_s,
                                     u"CLIPTextEncode"_s,
                                     u"EmptyHunyuanLatentVideo"_s,
                                     u"WanImageToVideo"_s,
                                     u"Wan22ImageToVideoLatent"_s,
                                     u"ModelSamplingSD3"_s,
                                     u"KSampler"_s,
                                     u"KSamplerAdvanced"_s,
                                     u"VAEDecode"_s,
                                     u"CreateVideo"_s,
                                     u"SaveVideo"_s,
                                     u"SaveWEBM"_s,
                                     u"VHS_VideoCombine"_s,
                                     u"CheckpointLoaderSimple"_s,
                                     u"EmptyLatentImage"_s,
                                     u"SaveImage"_s};
const QSet<QString> kSaveClasses = {u"SaveVideo"_s, u"SaveWEBM"_s, u"VHS_VideoCombine"_s,
                                    u"SaveImage"_s};
const QSet<QString> kModelInputs = {u"unet_name"_s, u"clip_name"_s, u"vae_name"_s, u"ckpt_name"_s,
                                    u"lora_name"_s};
const QSet<QString> kNumbers = {u"width"_s, u"height"_s,     u"length"_s,    u"seed"_s,
                                u"fps"_s,   u"frame_rate"_s, u"noise_seed"_s};

json::Json nodeError(const QString& type, const QString& message, const QString& details,
                     const QString& input)
{
    return {{"type", type.toStdString()},
            {"message", message.toStdString()},
            {"details", details.toStdString()},
            {"extra_info", {{"input_name", input.toStdString()}}}};
}

FakeResponse detail(int status, const QString& text)
{
    return FakeResponse::json(status, {{"detail", text.toStdString()}});
}

QString positivePrompt(const json::Json& graph)
{
    // The text of the CLIPTextEncode that feeds a sampler's "positive" (or the first one).
    for (const auto& [id, node] : graph.items()) {
        if (!node.contains("inputs") || !node["inputs"].contains("positive"))
            continue;
        const json::Json& link = node["inputs"]["positive"];
        if (link.is_array() && !link.empty() && link[0].is_string()) {
            const std::string source = link[0].get<std::string>();
            if (graph.contains(source) && graph[source]["inputs"].contains("text"))
                return QString::fromStdString(graph[source]["inputs"]["text"].get<std::string>());
            // Through WanImageToVideo: follow its own "positive".
            if (graph.contains(source) && graph[source]["inputs"].contains("positive")) {
                const json::Json& inner = graph[source]["inputs"]["positive"];
                if (inner.is_array() && graph.contains(inner[0].get<std::string>()))
                    return QString::fromStdString(
                        graph[inner[0].get<std::string>()]["inputs"].value("text", ""));
            }
        }
    }
    return {};
}

} // namespace

LocalGpuRoutes::LocalGpuRoutes(FakeApiServer& server, std::shared_ptr<ProviderRoutes> clips)
    : m_clips(std::move(clips))
    , m_models({u"wan2.1_t2v_1.3B_fp16.safetensors"_s, u"umt5_xxl_fp8_e4m3fn_scaled.safetensors"_s,
                u"wan_2.1_vae.safetensors"_s, u"wan2.1_i2v_480p_14B_fp16.safetensors"_s,
                u"clip_vision_h.safetensors"_s, u"sd_xl_base_1.0.safetensors"_s})
{
    m_clock.start();
    server.route("POST", u"/comfy/prompt"_s,
                 [this](const FakeRequest& r) { return comfyPrompt(r); });
    server.route("GET", u"/comfy/history/[^/]+"_s,
                 [this](const FakeRequest& r) { return comfyHistory(r); });
    server.route("GET", u"/comfy/queue"_s, [this](const FakeRequest& r) { return comfyQueue(r); });
    server.route("POST", u"/comfy/queue"_s, [this](const FakeRequest& r) { return comfyQueue(r); });
    server.route("POST", u"/comfy/interrupt"_s,
                 [this](const FakeRequest& r) { return comfyInterrupt(r); });
    server.route("POST", u"/comfy/upload/image"_s,
                 [this](const FakeRequest& r) { return comfyUpload(r); });
    server.route("GET", u"/comfy/view"_s, [this](const FakeRequest& r) { return comfyView(r); });
    server.route("GET", u"/comfy/ws"_s, [this](const FakeRequest& r) { return comfySocket(r); });
    server.route("GET", u"/comfy/system_stats"_s, [](const FakeRequest&) {
        return FakeResponse::json(
            200, {{"system", {{"comfyui_version", "0.3.64"}, {"os", "posix"}}},
                  {"devices", json::Json::array({{{"name", "cuda:0 Fake GPU"},
                                                  {"type", "cuda"},
                                                  {"vram_total", 25769803776LL}}})}});
    });
    server.route("POST", u"/v1/videos"_s, [this](const FakeRequest& r) { return videoCreate(r); });
    server.route("GET", u"/v1/videos/[^/]+/content"_s,
                 [this](const FakeRequest& r) { return videoContent(r); });
    server.route("GET", u"/v1/videos/[^/]+"_s,
                 [this](const FakeRequest& r) { return videoGet(r); });
    server.route("DELETE", u"/v1/videos/[^/]+"_s,
                 [this](const FakeRequest& r) { return videoDelete(r); });
}

void LocalGpuRoutes::setRenderTime(std::chrono::milliseconds renderTime)
{
    QMutexLocker lock(&m_mutex);
    m_renderMs = renderTime.count();
    m_comfy.setRenderTime(renderTime);
    m_videoServer.setRenderTime(renderTime);
}

void LocalGpuRoutes::setComfyModels(const QStringList& files)
{
    QMutexLocker lock(&m_mutex);
    m_models = files;
}

void LocalGpuRoutes::setVideoServerFlavour(Flavour flavour)
{
    QMutexLocker lock(&m_mutex);
    m_flavour = flavour;
}

void LocalGpuRoutes::restart()
{
    QMutexLocker lock(&m_mutex);
    m_comfy.clear();
    m_videoServer.clear();
    m_uploads.clear();
    m_saveNode.clear();
    m_videoFields.clear();
    m_videoRequests.clear();
    m_graphs.clear();
    m_uploadOrder.clear();
}

QList<json::Json> LocalGpuRoutes::comfyGraphs() const
{
    QMutexLocker lock(&m_mutex);
    return m_graphs;
}

QStringList LocalGpuRoutes::uploads() const
{
    QMutexLocker lock(&m_mutex);
    return m_uploadOrder;
}

QList<QHash<QString, QByteArray>> LocalGpuRoutes::videoRequests() const
{
    QMutexLocker lock(&m_mutex);
    return m_videoRequests;
}

int LocalGpuRoutes::comfyPeakLoad() const
{
    QMutexLocker lock(&m_mutex);
    return m_comfy.peakLoad();
}

QStringList LocalGpuRoutes::comfySocketClients() const
{
    QMutexLocker lock(&m_mutex);
    return m_socketClients;
}

int LocalGpuRoutes::videoServerPeakLoad() const
{
    QMutexLocker lock(&m_mutex);
    return m_videoServer.peakLoad();
}

QHash<QString, QByteArray> LocalGpuRoutes::formFields(const FakeRequest& request)
{
    QHash<QString, QByteArray> out;
    const QByteArray type = request.header("content-type");
    const qsizetype at = type.indexOf("boundary=");
    if (!type.startsWith("multipart/form-data") || at < 0)
        return out;
    QByteArray boundary = type.mid(at + 9);
    if (boundary.startsWith('"'))
        boundary = boundary.mid(1, boundary.indexOf('"', 1) - 1);
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = request.body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (request.body.mid(pos, 2) == "--")
            break;
        pos += 2; // CRLF
        const qsizetype headersEnd = request.body.indexOf("\r\n\r\n", pos);
        const qsizetype next = request.body.indexOf(QByteArray("\r\n" + delimiter), headersEnd);
        if (headersEnd < 0 || next < 0)
            break;
        const QByteArray headers = request.body.mid(pos, headersEnd - pos);
        const QByteArray value = request.body.mid(headersEnd + 4, next - headersEnd - 4);
        static const QRegularExpression name(uR"re(name="([^"]*)")re"_s);
        static const QRegularExpression file(uR"re(filename="([^"]*)")re"_s);
        static const QRegularExpression contentType(uR"(Content-Type:\s*([^\r\n]+))"_s,
                                                    QRegularExpression::CaseInsensitiveOption);
        const QString text = QString::fromUtf8(headers);
        const QString field = name.match(text).captured(1);
        out.insert(field, value);
        if (const auto m = file.match(text); m.hasMatch()) {
            out.insert(field + u".filename"_s, m.captured(1).toUtf8());
            out.insert(field + u".content_type"_s,
                       contentType.match(text).captured(1).trimmed().toUtf8());
        }
        pos = next + 2;
    }
    return out;
}

json::Json LocalGpuRoutes::comfyNodeErrors(const json::Json& graph) const
{
    json::Json errors = json::Json::object();
    QStringList outputs;
    for (const auto& [id, node] : graph.items()) {
        if (kSaveClasses.contains(QString::fromStdString(node.value("class_type", ""))))
            outputs.append(QString::fromStdString(id));
    }
    for (const auto& [id, node] : graph.items()) {
        const QString cls = QString::fromStdString(node.value("class_type", ""));
        json::Json list = json::Json::array();
        for (const auto& [input, value] : node["inputs"].items()) {
            const QString name = QString::fromStdString(input);
            if (value.is_string()) {
                const QString text = QString::fromStdString(value.get<std::string>());
                if (text.contains(u"{{"_s))
                    list.push_back(nodeError(u"invalid_input_type"_s,
                                             u"Failed to convert an input value"_s,
                                             u"%1: unfilled mark %2"_s.arg(name, text), name));
                else if (kModelInputs.contains(name) && !m_models.contains(text))
                    list.push_back(
                        nodeError(u"value_not_in_list"_s, u"Value not in list"_s,
                                  u"%1: '%2' not in (list of length %3)"_s.arg(name, text)
                                      .arg(m_models.size()),
                                  name));
                else if (cls == u"LoadImage"_s && name == u"image"_s && !m_uploads.contains(text))
                    list.push_back(nodeError(u"custom_validation_failed"_s,
                                             u"Custom validation failed for node"_s,
                                             u"image - Invalid image file: %1"_s.arg(text), name));
                else if (kNumbers.contains(name))
                    list.push_back(nodeError(u"invalid_input_type"_s,
                                             u"Failed to convert an input value to a number"_s,
                                             name, name));
            }
        }
        if (!list.empty())
            errors[id] = {{"errors", list},
                          {"dependent_outputs", json::fromStringList(outputs)},
                          {"class_type", cls.toStdString()}};
    }
    return errors;
}

FakeResponse LocalGpuRoutes::comfyPrompt(const FakeRequest& request)
{
    const json::Json body = request.json();
    auto error = [](const char* type, const QString& message, const QString& details,
                    json::Json nodeErrors = json::Json::object()) {
        return FakeResponse::json(400, {{"error",
                                         {{"type", type},
                                          {"message", message.toStdString()},
                                          {"details", details.toStdString()},
                                          {"extra_info", json::Json::object()}}},
                                        {"node_errors", nodeErrors}});
    };
    if (!body.is_object() || !body.contains("prompt") || !body["prompt"].is_object())
        return error("no_prompt", u"No prompt provided"_s, u"No prompt provided"_s);
    QString promptId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (body.contains("prompt_id")) {
        static const QRegularExpression uuid(
            u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s);
        promptId = QString::fromStdString(body["prompt_id"].get<std::string>());
        if (!uuid.match(promptId).hasMatch())
            return error(
                "invalid_prompt_id", u"prompt_id must be a valid UUID"_s,
                u"prompt_id must be a UUID string in canonical lowercase hyphenated form"_s);
    }
    const json::Json& graph = body["prompt"];
    QString saveNode;
    bool image = false;
    for (const auto& [id, node] : graph.items()) {
        const QString cls = QString::fromStdString(node.value("class_type", ""));
        if (!kComfyClasses.contains(cls))
            return error("invalid_prompt",
                         u"Cannot execute because node %1 does not exist."_s.arg(cls),
                         u"Node ID '#%1'"_s.arg(QString::fromStdString(id)));
        if (kSaveClasses.contains(cls)) {
            saveNode = QString::fromStdString(id);
            image = cls == u"SaveImage"_s;
        }
    }
    if (saveNode.isEmpty())
        return error("prompt_no_outputs", u"Prompt has no outputs"_s, {});
    QMutexLocker lock(&m_mutex);
    if (const json::Json nodeErrors = comfyNodeErrors(graph); !nodeErrors.empty())
        return error("prompt_outputs_failed_validation", u"Prompt outputs failed validation"_s,
                     u"See node_errors"_s, nodeErrors);
    m_graphs.append(graph);
    m_saveNode.insert(promptId, saveNode);
    m_clientOf.insert(promptId, QString::fromStdString(body.value("client_id", "")));
    if (image)
        m_imageJobs.insert(promptId);
    const FakeGpu::Job& job = m_comfy.submit(promptId, positivePrompt(graph), now());
    return FakeResponse::json(200, {{"prompt_id", promptId.toStdString()},
                                    {"number", job.number},
                                    {"node_errors", json::Json::object()}});
}

json::Json LocalGpuRoutes::historyEntry(const FakeGpu::Job& job) const
{
    const std::string id = job.id.toStdString();
    const std::string save = m_saveNode.value(job.id).toStdString();
    json::Json messages = json::Json::array();
    messages.push_back({"execution_start", {{"prompt_id", id}, {"timestamp", job.startMs}}});
    json::Json entry = {{"prompt", json::Json::array({job.number, id})},
                        {"outputs", json::Json::object()},
                        {"meta", json::Json::object()}};
    if (job.end == FakeGpu::End::Success && m_imageJobs.contains(job.id)) {
        // SaveImage (nodes.py SaveImage.save_images): {"images": [{filename, subfolder, type}]}.
        const json::Json file = {
            {"filename", QString::asprintf("T2VStudio_%05d_.png", job.number).toStdString()},
            {"subfolder", ""},
            {"type", "output"}};
        entry["outputs"][save] = {{"images", json::Json::array({file})}};
        messages.push_back({"execution_success", {{"prompt_id", id}, {"timestamp", job.endMs}}});
        entry["status"] = {{"status_str", "success"}, {"completed", true}, {"messages", messages}};
    } else if (job.end == FakeGpu::End::Success) {
        const json::Json file = {
            {"filename", QString::asprintf("T2VStudio_%05d_.mp4", job.number).toStdString()},
            {"subfolder", "video"},
            {"type", "output"}};
        entry["outputs"][save] = {{"images", json::Json::array({file})},
                                  {"animated", json::Json::array({true})}};
        messages.push_back({"execution_success", {{"prompt_id", id}, {"timestamp", job.endMs}}});
        entry["status"] = {{"status_str", "success"}, {"completed", true}, {"messages", messages}};
    } else if (job.end == FakeGpu::End::Interrupted) {
        messages.push_back({"execution_interrupted",
                            {{"prompt_id", id}, {"node_id", "3"}, {"node_type", "KSampler"}}});
        entry["status"] = {{"status_str", "error"}, {"completed", false}, {"messages", messages}};
    } else {
        messages.push_back(
            {"execution_error",
             {{"prompt_id", id},
              {"node_id", "3"},
              {"node_type", "KSampler"},
              {"exception_message",
               "Allocation on device 0 would exceed allowed memory. (out of memory)"},
              {"exception_type", "torch.OutOfMemoryError"},
              {"traceback", json::Json::array()}}});
        entry["status"] = {{"status_str", "error"}, {"completed", false}, {"messages", messages}};
    }
    return entry;
}

FakeResponse LocalGpuRoutes::comfyHistory(const FakeRequest& request)
{
    const QString id = request.path.section(u'/', -1);
    QMutexLocker lock(&m_mutex);
    m_comfy.settle(now());
    const FakeGpu::Job* job = m_comfy.find(id);
    if (!job || job->end == FakeGpu::End::None ||
        (job->end == FakeGpu::End::Interrupted && job->startMs < 0))
        return FakeResponse::json(200, json::Json::object());
    return FakeResponse::json(200, {{id.toStdString(), historyEntry(*job)}});
}

FakeResponse LocalGpuRoutes::comfyQueue(const FakeRequest& request)
{
    QMutexLocker lock(&m_mutex);
    m_comfy.settle(now());
    if (request.method == "POST") {
        const json::Json body = request.json();
        if (body.contains("delete") && body["delete"].is_array()) {
            for (const json::Json& id : body["delete"])
                m_comfy.remove(QString::fromStdString(id.get<std::string>()));
        }
        return FakeResponse::text(200, {});
    }
    auto item = [this](const QString& id) {
        const FakeGpu::Job* job = m_comfy.find(id);
        return json::Json::array({job ? job->number : 0, id.toStdString(), json::Json::object(),
                                  json::Json::object(), json::Json::array()});
    };
    json::Json running = json::Json::array();
    if (!m_comfy.running().isEmpty())
        running.push_back(item(m_comfy.running()));
    json::Json pending = json::Json::array();
    for (const QString& id : m_comfy.pending())
        pending.push_back(item(id));
    return FakeResponse::json(200, {{"queue_running", running}, {"queue_pending", pending}});
}

FakeResponse LocalGpuRoutes::comfyInterrupt(const FakeRequest& request)
{
    const json::Json body = request.json();
    QMutexLocker lock(&m_mutex);
    m_comfy.interrupt(
        body.is_object() ? QString::fromStdString(body.value("prompt_id", "")) : QString(), now());
    return FakeResponse::text(200, {});
}

FakeResponse LocalGpuRoutes::comfyUpload(const FakeRequest& request)
{
    const QHash<QString, QByteArray> fields = formFields(request);
    if (!fields.contains(u"image.filename"_s))
        return FakeResponse::text(400, "no image part");
    const QString name = QString::fromUtf8(fields.value(u"image.filename"_s));
    QMutexLocker lock(&m_mutex);
    m_uploads.insert(name);
    m_uploadOrder.append(name);
    return FakeResponse::json(200, {{"name", name.toStdString()},
                                    {"subfolder", ""},
                                    {"type", fields.value(u"type"_s, "input").toStdString()}});
}

FakeResponse LocalGpuRoutes::comfyView(const FakeRequest& request)
{
    const QString file = request.query.queryItemValue(u"filename"_s);
    static const QRegularExpression image(uR"(^T2VStudio_(\d{5})_\.png$)"_s);
    if (image.match(file).hasMatch() && request.query.queryItemValue(u"type"_s) == u"output"_s)
        return FakeResponse::text(200, tinyPng(), "image/png");
    static const QRegularExpression saved(uR"(^T2VStudio_(\d{5})_\.mp4$)"_s);
    const auto m = saved.match(file);
    if (!m.hasMatch() || request.query.queryItemValue(u"subfolder"_s) != u"video"_s ||
        request.query.queryItemValue(u"type"_s) != u"output"_s)
        return FakeResponse::text(404, "404: Not Found");
    FakeResponse r = FakeResponse::stream(m_clips->clipBody(1), "video/mp4");
    r.etag = "\"comfy-" + file.toLatin1() + '"';
    return r;
}

namespace {

QByteArray serverTextFrame(const QByteArray& payload)
{
    QByteArray frame;
    frame.append(char(0x81));
    const qsizetype n = payload.size();
    if (n < 126) {
        frame.append(char(n));
    } else if (n < 65536) {
        frame.append(char(126));
        frame.append(char((n >> 8) & 0xFF));
        frame.append(char(n & 0xFF));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(n) >> shift) & 0xFF));
    }
    return frame + payload;
}

} // namespace

FakeResponse LocalGpuRoutes::comfySocket(const FakeRequest& request)
{
    const QByteArray key = request.header("sec-websocket-key");
    if (request.header("upgrade").toLower() != "websocket" || key.isEmpty())
        return FakeResponse::text(400, "Expected a WebSocket upgrade");
    const QString clientId = request.query.queryItemValue(u"clientId"_s);
    {
        QMutexLocker lock(&m_mutex);
        m_socketClients.append(clientId);
    }
    FakeResponse r;
    r.status = 101;
    r.headers = {{"Upgrade", "websocket"},
                 {"Connection", "Upgrade"},
                 {"Sec-WebSocket-Accept",
                  QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                           QCryptographicHash::Sha1)
                      .toBase64()}};
    std::weak_ptr<LocalGpuRoutes> self = weak_from_this();
    r.upgrade = [self, clientId](QTcpSocket* socket) {
        socket->write(serverTextFrame(QByteArray::fromStdString(
            json::dump({{"type", "status"},
                        {"data",
                         {{"status", {{"exec_info", {{"queue_remaining", 0}}}}},
                          {"sid", clientId.toStdString()}}}}))));
        auto* timer = new QTimer(socket);
        auto lastSent = std::make_shared<int>(-1);
        QObject::connect(timer, &QTimer::timeout, socket,
                         [self, socket, clientId, lastSent, timer] {
                             const auto routes = self.lock();
                             if (!routes || socket->state() != QAbstractSocket::ConnectedState) {
                                 timer->stop();
                                 return;
                             }
                             socket->readAll(); // pongs and a close: nothing to answer
                             routes->pushProgress(socket, clientId, lastSent.get());
                         });
        timer->start(40);
    };
    return r;
}

void LocalGpuRoutes::pushProgress(QTcpSocket* socket, const QString& clientId, int* lastSent)
{
    constexpr int kSteps = 20;
    QMutexLocker lock(&m_mutex);
    const qint64 t = now();
    m_comfy.settle(t);
    const QString running = m_comfy.running();
    const FakeGpu::Job* job = running.isEmpty() ? nullptr : m_comfy.find(running);
    if (!job || m_clientOf.value(running) != clientId)
        return;
    const qint64 renderMs = std::max<qint64>(1, m_renderMs);
    const int value = int(std::min<qint64>(kSteps, (t - job->startMs) * kSteps / renderMs));
    if (value == *lastSent)
        return;
    *lastSent = value;
    socket->write(serverTextFrame(
        QByteArray::fromStdString(json::dump({{"type", "progress"},
                                              {"data",
                                               {{"value", value},
                                                {"max", kSteps},
                                                {"prompt_id", running.toStdString()},
                                                {"node", "3"}}}}))));
}

// ---- the /v1/videos server

FakeResponse LocalGpuRoutes::videoCreate(const FakeRequest& request)
{
    QHash<QString, QByteArray> fields;
    const bool multipart = request.header("content-type").startsWith("multipart/form-data");
    QMutexLocker lock(&m_mutex);
    if (multipart) {
        fields = formFields(request);
    } else {
        const json::Json body = request.json();
        if (body.is_object()) {
            for (const auto& [key, value] : body.items())
                fields.insert(QString::fromStdString(key),
                              value.is_string()
                                  ? QByteArray::fromStdString(value.get<std::string>())
                                  : QByteArray::fromStdString(value.dump()));
        }
    }
    fields.insert(u"content_type"_s, multipart ? "multipart" : "json");
    m_videoRequests.append(fields);
    if (multipart && m_flavour == Flavour::SgLang &&
        !fields.contains(u"input_reference.filename"_s))
        return detail(400, u"input_reference file is required"_s);
    if (!multipart && m_flavour == Flavour::VllmOmni)
        return FakeResponse::json(422,
                                  {{"detail", json::Json::array({{{"type", "missing"},
                                                                  {"loc", {"body", "prompt"}},
                                                                  {"msg", "Field required"}}})}});
    if (fields.value(u"prompt"_s).isEmpty())
        return detail(422, u"prompt: Field required"_s);
    const QByteArray served = "Wan-AI/Wan2.1-T2V-1.3B-Diffusers";
    if (fields.contains(u"model"_s) && fields.value(u"model"_s) != served)
        return detail(400,
                      u"Model mismatch: request specifies '%1' but server is running '%2'"_s.arg(
                          QString::fromUtf8(fields.value(u"model"_s)), QString::fromUtf8(served)));
    const QString id = u"video_gen_"_s + QUuid::createUuid().toString(QUuid::Id128);
    m_videoFields.insert(id, fields);
    const FakeGpu::Job& job =
        m_videoServer.submit(id, QString::fromUtf8(fields.value(u"prompt"_s)), now());
    return FakeResponse::json(200, videoJob(job));
}

json::Json LocalGpuRoutes::videoJob(const FakeGpu::Job& job) const
{
    const QHash<QString, QByteArray> fields = m_videoFields.value(job.id);
    json::Json out = {{"id", job.id.toStdString()},
                      {"object", "video"},
                      {"model", "Wan-AI/Wan2.1-T2V-1.3B-Diffusers"},
                      {"prompt", job.prompt.toStdString()},
                      {"size", fields.value(u"size"_s).toStdString()},
                      {"seconds", fields.value(u"seconds"_s).toStdString()},
                      {"created_at", 1764000000 + job.submittedMs / 1000},
                      {"progress", 0},
                      {"error", nullptr}};
    const bool running = job.startMs >= 0 && job.end == FakeGpu::End::None;
    switch (job.end) {
    case FakeGpu::End::None:
        // SGLang has no in_progress.
        out["status"] = running && m_flavour == Flavour::VllmOmni ? "in_progress" : "queued";
        break;
    case FakeGpu::End::Success:
        out["status"] = "completed";
        out["progress"] = 100;
        out["media_type"] = "video/mp4";
        break;
    case FakeGpu::End::Error:
        out["status"] = "failed";
        out["error"] = m_flavour == Flavour::VllmOmni
                           ? json::Json{{"code", 500}, {"message", "CUDA out of memory"}}
                           : json::Json{{"message", "CUDA out of memory"}};
        break;
    case FakeGpu::End::Interrupted:
        out["status"] = m_flavour == Flavour::VllmOmni ? "cancelled" : "deleted";
        break;
    }
    return out;
}

const FakeGpu::Job* LocalGpuRoutes::videoJobNow(const QString& id)
{
    m_videoServer.settle(now());
    return m_videoServer.find(id);
}

FakeResponse LocalGpuRoutes::videoGet(const FakeRequest& request)
{
    const QString id = request.path.section(u'/', -1);
    QMutexLocker lock(&m_mutex);
    const FakeGpu::Job* job = videoJobNow(id);
    if (!job)
        return detail(404, u"Video not found"_s);
    const json::Json body = videoJob(*job);
    // vLLM-Omni: a failed job answers with the failure's status and the job as the body.
    if (job->end == FakeGpu::End::Error && m_flavour == Flavour::VllmOmni)
        return FakeResponse::json(500, body);
    return FakeResponse::json(200, body);
}

FakeResponse LocalGpuRoutes::videoContent(const FakeRequest& request)
{
    const QString id = request.path.section(u'/', -2, -2);
    QMutexLocker lock(&m_mutex);
    const FakeGpu::Job* job = videoJobNow(id);
    if (!job)
        return detail(404, u"Video not found"_s);
    if (job->end == FakeGpu::End::Error)
        return detail(422, u"Video generation failed"_s);
    if (job->end != FakeGpu::End::Success)
        return detail(404, u"Generation is still in-progress"_s);
    FakeResponse r = FakeResponse::stream(m_clips->clipBody(1), "video/mp4");
    r.etag = '"' + id.toLatin1() + '"';
    return r;
}

FakeResponse LocalGpuRoutes::videoDelete(const FakeRequest& request)
{
    const QString id = request.path.section(u'/', -1);
    QMutexLocker lock(&m_mutex);
    const FakeGpu::Job* job = videoJobNow(id);
    if (!job)
        return detail(404, u"Video not found"_s);
    if (!m_videoServer.remove(id))
        m_videoServer.interrupt(id, now());
    return FakeResponse::json(
        200, {{"id", id.toStdString()}, {"deleted", true}, {"object", "video.deleted"}});
}

std::shared_ptr<LocalGpuRoutes> installLocalGpuRoutes(FakeApiServer& server,
                                                      std::shared_ptr<ProviderRoutes> clips,
                                                      std::chrono::milliseconds renderTime)
{
    auto routes = std::make_shared<LocalGpuRoutes>(server, std::move(clips));
    routes->setRenderTime(renderTime);
    return routes;
}

} // namespace t2v::test

// Tests for ComfyUiProvider against the fake ComfyUI server: the graph sent from the shipped
// Wan template, queue states, readable node_errors, a failed render, a server that restarted
// (history lost), cancel, the first frame uploaded, and a template refused before any request.

#include "fakeapiserver.h"
#include "localgpuroutes.h"
#include "net/httpclient.h"
#include "providerroutes.h"
#include "testhelpers.h"
#include "video/comfyuiprovider.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

class TestComfyUiProvider final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void theShippedTemplateRendersAndDownloads();
    void aSecondPromptWaitsInTheQueue();
    void nodeErrorsAreReadable();
    void aMissingCustomNodeIsNamed();
    void aFailedRenderSaysWhere();
    void aRestartedServerFailsTheJobInsteadOfHanging();
    void cancelDequeuesOrInterrupts();
    void theFirstFrameIsUploadedAndPutInTheGraph();
    void referenceImagesFillTheirSlotsInOrder();
    void aTemplateWithoutPromptIsRefusedBeforeAnyRequest();
    void historyOutputs_data();
    void historyOutputs();
    void progressComesFromTheWebSocket();
    void progressEvents_data();
    void progressEvents();
    void testConnection();

private:
    QString base() const { return m_server.baseUrl() + u"/comfy"_s; }
    FakeApiServer m_server;
    std::shared_ptr<ProviderRoutes> m_routes;
    std::shared_ptr<LocalGpuRoutes> m_gpu;
};

void TestComfyUiProvider::initTestCase()
{
    m_routes = installProviderRoutes(m_server);
    m_gpu = installLocalGpuRoutes(m_server, m_routes, 150ms);
    QVERIFY(m_server.start());
}

void TestComfyUiProvider::init()
{
    m_gpu->restart();
    m_gpu->setRenderTime(150ms);
    m_server.resetRecord();
}

namespace {

VideoRequest request(const QString& prompt)
{
    VideoRequest r;
    r.prompt = prompt;
    r.negativePrompt = u"cartoon"_s;
    r.durationSeconds = 8;
    r.aspectRatio = u"16:9"_s;
    return r;
}

} // namespace

void TestComfyUiProvider::theShippedTemplateRendersAndDownloads()
{
    ComfyUiProvider p(base(), {}, u"wan2.1-t2v"_s);
    const int before = int(m_gpu->comfyGraphs().size());
    const VideoJob job = submitJob(p, request(u"A lighthouse at dawn"_s));
    QVERIFY(!job.remoteId.isEmpty());
    QCOMPARE(job.model, u"wan2.1-t2v"_s);
    QVERIFY(QRegularExpression(u"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$"_s)
                .match(job.remoteId)
                .hasMatch());
    const auto posted = m_server.requests(u"/comfy/prompt"_s);
    QCOMPARE(posted.size(), 1);
    // Its own client id, the one its /ws connection gives (ComfyUI sends a prompt's events
    // only to the socket of that id).
    const QString clientId =
        QString::fromStdString(posted[0].json()["client_id"].get<std::string>());
    QVERIFY2(clientId.startsWith(u"t2v-"_s), qPrintable(clientId));
    QTRY_VERIFY(m_gpu->comfySocketClients().contains(clientId));
    QCOMPARE(QString::fromStdString(posted[0].json()["prompt_id"].get<std::string>()),
             job.remoteId);
    QVERIFY(posted[0].header("origin").isEmpty()); // ComfyUI refuses a foreign Origin
    const auto graphs = m_gpu->comfyGraphs();
    QCOMPARE(graphs.size(), before + 1);
    const json::Json& g = graphs.last();
    QCOMPARE(g["6"]["inputs"]["text"].get<std::string>(), "A lighthouse at dawn");
    QVERIFY(g["7"]["inputs"]["text"].get<std::string>().starts_with("cartoon, "));
    QCOMPARE(g["40"]["inputs"]["width"].get<int>(), 832);
    QCOMPARE(g["40"]["inputs"]["height"].get<int>(), 480);
    QCOMPARE(g["40"]["inputs"]["length"].get<int>(), 129); // 8 s at 16 fps, 4n+1
    QCOMPARE(g["49"]["inputs"]["fps"].get<double>(), 16.0);
    QVERIFY(g["3"]["inputs"]["seed"].is_number_unsigned());

    const auto done = pollUntilDone(p, job);
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().message));
    QCOMPARE(done->state, PollResult::State::Succeeded);
    QCOMPARE(done->videoUrls.size(), 1);
    QVERIFY2(done->videoUrls[0].startsWith(base() + u"/view?filename=T2VStudio_"_s) &&
                 done->videoUrls[0].endsWith(u"&subfolder=video&type=output"_s),
             qPrintable(done->videoUrls[0]));
    QTemporaryDir dir;
    const auto file = HttpClient().download(p.downloadRequest(job, done->videoUrls[0]),
                                            dir.filePath(u"clip.part"_s), {}, CancelToken());
    QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
    QCOMPARE(file->bytesOnDisk, m_routes->clipBody()->size());
}

void TestComfyUiProvider::aSecondPromptWaitsInTheQueue()
{
    m_gpu->setRenderTime(2000ms);
    ComfyUiProvider p(base(), {}, {});
    const VideoJob first = submitJob(p, request(u"first"_s));
    const VideoJob second = submitJob(p, request(u"second"_s));
    const auto a = p.poll(first, CancelToken());
    const auto b = p.poll(second, CancelToken());
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a->state, PollResult::State::Running);
    QCOMPARE(b->state, PollResult::State::Queued);
    QCOMPARE(m_gpu->comfyPeakLoad(), 2);
}

void TestComfyUiProvider::nodeErrorsAreReadable()
{
    m_gpu->setComfyModels(
        {u"umt5_xxl_fp8_e4m3fn_scaled.safetensors"_s, u"wan_2.1_vae.safetensors"_s});
    ComfyUiProvider p(base(), {}, u"wan2.1-t2v"_s);
    const auto queued = m_gpu->comfyGraphs().size();
    const auto s = p.submit(request(u"x"_s), CancelToken());
    m_gpu->setComfyModels({u"wan2.1_t2v_1.3B_fp16.safetensors"_s,
                           u"umt5_xxl_fp8_e4m3fn_scaled.safetensors"_s,
                           u"wan_2.1_vae.safetensors"_s, u"wan2.1_i2v_480p_14B_fp16.safetensors"_s,
                           u"clip_vision_h.safetensors"_s});
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind, ErrorKind::Invalid);
    const QString m = s.error().message;
    QVERIFY2(m.contains(u"Prompt outputs failed validation"_s), qPrintable(m));
    QVERIFY2(m.contains(u"node 37 (UNETLoader): Value not in list: unet_name: "
                        u"'wan2.1_t2v_1.3B_fp16.safetensors'"_s),
             qPrintable(m));
    QVERIFY2(m.contains(u"the model file is missing on the server"_s), qPrintable(m));
    QCOMPARE(m_gpu->comfyGraphs().size(), queued); // nothing was queued
}

void TestComfyUiProvider::aMissingCustomNodeIsNamed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"wrapper.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        R"({"1": {"class_type": "WanVideoTextEncode", "inputs": {"positive_prompt": "{{prompt}}"}},
                   "2": {"class_type": "SaveVideo", "inputs": {"video": ["1", 0]}}})");
    file.close();
    ComfyUiProvider p(base(), {}, path);
    const auto s = p.submit(request(u"x"_s), CancelToken());
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(
                 u"Cannot execute because node WanVideoTextEncode does not exist"_s) &&
                 s.error().message.contains(u"custom node"_s),
             qPrintable(s.error().message));
}

void TestComfyUiProvider::aFailedRenderSaysWhere()
{
    ComfyUiProvider p(base(), {}, {});
    const VideoJob job = submitJob(p, request(u"a storm [fail]"_s));
    const auto r = pollUntilDone(p, job);
    QVERIFY(r.ok());
    QCOMPARE(r->state, PollResult::State::Failed);
    QVERIFY2(r->message.contains(u"node 3 (KSampler)"_s) && r->message.contains(u"out of memory"_s),
             qPrintable(r->message));
}

void TestComfyUiProvider::aRestartedServerFailsTheJobInsteadOfHanging()
{
    m_gpu->setRenderTime(5000ms);
    ComfyUiProvider p(base(), {}, {});
    const VideoJob job = submitJob(p, request(u"mid-job restart"_s));
    const auto running = p.poll(job, CancelToken());
    QVERIFY(running.ok());
    QCOMPARE(running->state, PollResult::State::Running);
    m_gpu->restart(); // history and queue are gone
    const auto lost = p.poll(job, CancelToken());
    QVERIFY(lost.ok());
    QCOMPARE(lost->state, PollResult::State::Failed);
    QVERIFY2(lost->message.contains(u"no longer has this job"_s), qPrintable(lost->message));
    // The history was asked twice (a prompt may finish between the two answers).
    QCOMPARE(m_server.requestCount(u"/comfy/history/.*"_s), 3);
}

void TestComfyUiProvider::cancelDequeuesOrInterrupts()
{
    m_gpu->setRenderTime(5000ms);
    ComfyUiProvider p(base(), {}, {});
    const VideoJob running = submitJob(p, request(u"one"_s));
    const VideoJob waiting = submitJob(p, request(u"two"_s));
    QVERIFY(p.cancel(waiting, CancelToken()).ok());
    QVERIFY(p.cancel(running, CancelToken()).ok());
    const auto deletes = m_server.requests(u"/comfy/queue"_s);
    QCOMPARE(deletes.size(), 2);
    QVERIFY(deletes[0].json()["delete"] == json::Json::array({waiting.remoteId.toStdString()}));
    const auto interrupts = m_server.requests(u"/comfy/interrupt"_s);
    QCOMPARE(interrupts.size(), 2);
    QCOMPARE(QString::fromStdString(interrupts[1].json()["prompt_id"].get<std::string>()),
             running.remoteId);
    const auto r = p.poll(running, CancelToken());
    QVERIFY(r.ok());
    QCOMPARE(r->state, PollResult::State::Cancelled);
}

void TestComfyUiProvider::theFirstFrameIsUploadedAndPutInTheGraph()
{
    ComfyUiProvider p(base(), {}, u"wan2.1-i2v"_s);
    VideoRequest r = request(u"she turns to the window"_s);
    // Without an image an image-to-video workflow sends nothing.
    const auto refused = p.submit(r, CancelToken());
    QVERIFY(!refused.ok());
    QVERIFY(!refused.error().requestSent);
    QVERIFY2(refused.error().message.contains(u"has no first frame"_s),
             qPrintable(refused.error().message));
    QCOMPARE(m_server.requests().size(), 0);

    r.firstFrame = ImageInput{QByteArray("\x89PNG\r\n\x1a\nfirst frame", 19), u"image/png"_s};
    const VideoJob job = submitJob(p, r);
    QVERIFY(!job.remoteId.isEmpty());
    const auto uploads = m_server.requests(u"/comfy/upload/image"_s);
    QCOMPARE(uploads.size(), 1);
    const auto fields = LocalGpuRoutes::formFields(uploads[0]);
    QCOMPARE(fields.value(u"image"_s), r.firstFrame->data);
    QCOMPARE(fields.value(u"image.content_type"_s), QByteArray("image/png"));
    QCOMPARE(fields.value(u"type"_s), QByteArray("input"));
    QCOMPARE(fields.value(u"overwrite"_s), QByteArray("true"));
    const QString name = QString::fromUtf8(fields.value(u"image.filename"_s));
    QVERIFY2(name.startsWith(u"t2v-"_s) && name.endsWith(u".png"_s), qPrintable(name));
    const json::Json g = m_gpu->comfyGraphs().last();
    QCOMPARE(QString::fromStdString(g["52"]["inputs"]["image"].get<std::string>()), name);
    // The same image has the same name the next time (stored once).
    submitJob(p, r);
    QCOMPARE(m_gpu->uploads().last(), name);
    QCOMPARE(pollUntilDone(p, job)->state, PollResult::State::Succeeded);
}

void TestComfyUiProvider::referenceImagesFillTheirSlotsInOrder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"two-refs.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"6": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{prompt}}"}},
                   "61": {"class_type": "LoadImage", "inputs": {"image": "{{reference_1}}"}},
                   "62": {"class_type": "LoadImage", "_meta": {"title": "T2V reference 2"},
                          "inputs": {"image": "placeholder.png"}},
                   "50": {"class_type": "SaveVideo", "inputs": {"video": ["49", 0]}}})");
    file.close();
    ComfyUiProvider p(base(), {}, path);
    VideoRequest r = request(u"the two of them at the harbour"_s);
    r.references = {ImageInput{"first face", u"image/png"_s},
                    ImageInput{"second face", u"image/jpeg"_s},
                    ImageInput{"third face", u"image/webp"_s}};
    QVERIFY(!submitJob(p, r).remoteId.isEmpty());
    // Two slots: two uploads, in the order given; the third image has nowhere to go.
    const auto uploads = m_server.requests(u"/comfy/upload/image"_s);
    QCOMPARE(uploads.size(), 2);
    QCOMPARE(LocalGpuRoutes::formFields(uploads[0]).value(u"image"_s), QByteArray("first face"));
    QCOMPARE(LocalGpuRoutes::formFields(uploads[1]).value(u"image"_s), QByteArray("second face"));
    const QStringList names = m_gpu->uploads();
    QVERIFY(names[0].endsWith(u".png"_s) && names[1].endsWith(u".jpg"_s));
    const json::Json g = m_gpu->comfyGraphs().last();
    QCOMPARE(QString::fromStdString(g["61"]["inputs"]["image"].get<std::string>()), names[0]);
    QCOMPARE(QString::fromStdString(g["62"]["inputs"]["image"].get<std::string>()), names[1]);
}

void TestComfyUiProvider::aTemplateWithoutPromptIsRefusedBeforeAnyRequest()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"no-prompt.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QFile shipped(u":/t2v/comfyui/wan2.1-t2v.json"_s);
    QVERIFY(shipped.open(QIODevice::ReadOnly));
    file.write(shipped.readAll().replace("\"{{prompt}}\"", "\"a fixed text\""));
    file.close();
    ComfyUiProvider p(base(), {}, path);
    const auto s = p.submit(request(u"x"_s), CancelToken());
    QVERIFY(!s.ok());
    QVERIFY(!s.error().requestSent);
    QVERIFY2(s.error().message.contains(u"nothing marks where the prompt goes"_s),
             qPrintable(s.error().message));
    const Status test = p.testConnection(CancelToken());
    QVERIFY(!test.ok());
    QCOMPARE(m_server.requests().size(), 0);
}

void TestComfyUiProvider::historyOutputs_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("expected"); // a URL part, or a word of the message
    const QByteArray ok =
        R"("status": {"status_str": "success", "completed": true, "messages": []})";
    QTest::newRow("SaveVideo under images")
        << QByteArray(R"({"outputs": {"50": {"images": [{"filename": "T2VStudio_00001_.mp4",
            "subfolder": "video", "type": "output"}], "animated": [true]}}, )" +
                      ok + "}")
        << int(PollResult::State::Succeeded) << u"filename=T2VStudio_00001_.mp4&subfolder=video"_s;
    QTest::newRow("VHS_VideoCombine under gifs")
        << QByteArray(R"({"outputs": {"9": {"gifs": [{"filename": "AnimateDiff_00002.mp4",
            "subfolder": "", "type": "output", "format": "video/h264-mp4"}]}}, )" +
                      ok + "}")
        << int(PollResult::State::Succeeded) << u"filename=AnimateDiff_00002.mp4"_s;
    QTest::newRow("a saved file beats a preview")
        << QByteArray(R"({"outputs": {"8": {"images": [{"filename": "prev.webp", "type": "temp"}]},
            "9": {"images": [{"filename": "out.webm", "subfolder": "", "type": "output"}]}}, )" +
                      ok + "}")
        << int(PollResult::State::Succeeded) << u"filename=out.webm"_s;
    QTest::newRow("only still images")
        << QByteArray(
               R"({"outputs": {"9": {"images": [{"filename": "a.png", "type": "output"}]}}, )" +
               ok + "}")
        << int(PollResult::State::Failed) << u"saved no video file"_s;
    QTest::newRow("interrupted")
        << QByteArray(R"({"outputs": {}, "status": {"status_str": "error", "completed": false,
            "messages": [["execution_start", {}], ["execution_interrupted", {"node_id": "3"}]]}})")
        << int(PollResult::State::Cancelled) << u"interrupted"_s;
    QTest::newRow("an error in a node")
        << QByteArray(R"({"outputs": {}, "status": {"status_str": "error", "completed": false,
            "messages": [["execution_error", {"node_id": "8", "node_type": "VAEDecode",
            "exception_message": "Expected 5D input"}]]}})")
        << int(PollResult::State::Failed) << u"node 8 (VAEDecode): Expected 5D input"_s;
}

void TestComfyUiProvider::historyOutputs()
{
    QFETCH(QByteArray, entry);
    QFETCH(int, state);
    QFETCH(QString, expected);
    QString why;
    const json::Json doc = json::parse(entry, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const PollResult r = ComfyUiProvider::finished(doc, u"http://gpu:8188"_s);
    QCOMPARE(int(r.state), state);
    const QString text = r.videoUrls.isEmpty() ? r.message : r.videoUrls.first();
    QVERIFY2(text.contains(expected), qPrintable(text));
    if (!r.videoUrls.isEmpty())
        QVERIFY(r.videoUrls.first().startsWith(u"http://gpu:8188/view?"_s));
}

void TestComfyUiProvider::progressComesFromTheWebSocket()
{
    m_gpu->setRenderTime(3000ms);
    ComfyUiProvider p(base(), {}, {});
    const VideoJob job = submitJob(p, request(u"a slow one"_s));
    // The sampler's steps, as ComfyUI reports them on /ws, become the job's percentage.
    int seen = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto r = p.poll(job, CancelToken());
            if (r.ok() && r->state == PollResult::State::Running)
                seen = r->progress;
            return seen > 0;
        }(),
        5000);
    QVERIFY2(seen > 0 && seen < 100, qPrintable(QString::number(seen)));
    // A prompt of another client gets nothing from this one's socket.
    ComfyUiProvider other(base(), {}, {});
    VideoJob foreign = job;
    QCOMPARE(other.poll(foreign, CancelToken())->progress, -1);
}

void TestComfyUiProvider::progressEvents_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("prompt"); // empty: no progress in it
    QTest::addColumn<int>("percent");
    QTest::newRow("a sampler step")
        << QByteArray(
               R"({"type": "progress", "data": {"value": 5, "max": 20, "prompt_id": "p1", "node": "3"}})")
        << u"p1"_s << 25;
    QTest::newRow("the last step is not done yet")
        << QByteArray(
               R"({"type": "progress", "data": {"value": 20, "max": 20, "prompt_id": "p1"}})")
        << u"p1"_s << 99;
    QTest::newRow("progress_state, the running node")
        << QByteArray(R"({"type": "progress_state", "data": {"prompt_id": "p2", "nodes": {
             "8": {"value": 1, "max": 1, "state": "finished"},
             "3": {"value": 15, "max": 30, "state": "running"}}}})")
        << u"p2"_s << 50;
    QTest::newRow("execution_start")
        << QByteArray(R"({"type": "execution_start", "data": {"prompt_id": "p3", "timestamp": 1}})")
        << u"p3"_s << 0;
    QTest::newRow("status")
        << QByteArray(
               R"({"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 1}}}})")
        << QString() << -1;
    QTest::newRow("no max")
        << QByteArray(R"({"type": "progress", "data": {"value": 5, "max": 0, "prompt_id": "p1"}})")
        << QString() << -1;
    QTest::newRow("not JSON") << QByteArray("\x01\x02") << QString() << -1;
}

void TestComfyUiProvider::progressEvents()
{
    QFETCH(QByteArray, message);
    QFETCH(QString, prompt);
    QFETCH(int, percent);
    const auto got = ComfyUiProvider::progressIn(message);
    QCOMPARE(got.has_value(), !prompt.isEmpty());
    if (got) {
        QCOMPARE(got->first, prompt);
        QCOMPARE(got->second, percent);
    }
}

void TestComfyUiProvider::testConnection()
{
    ComfyUiProvider p(base(), u"proxy-token"_s, {});
    QVERIFY(p.testConnection(CancelToken()).ok());
    const auto asked = m_server.requests(u"/comfy/system_stats"_s);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked[0].header("authorization"), QByteArray("Bearer proxy-token"));
    ComfyUiProvider dead(u"http://127.0.0.1:1"_s, {}, {});
    const Status s = dead.testConnection(CancelToken());
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind, ErrorKind::Network);
}

QTEST_GUILESS_MAIN(TestComfyUiProvider)
#include "tst_comfyuiprovider.moc"

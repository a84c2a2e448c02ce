// Tests for VeoProvider against the fake Gemini API: the predictLongRunning body, the
// personGeneration fallback, operation states, safety-filtered results and the download.

#include "fakeapiserver.h"
#include "net/httpclient.h"
#include "providerroutes.h"
#include "testhelpers.h"
#include "testmedia.h"
#include "video/veoprovider.h"

#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

class TestVeoProvider final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void submitSendsTheVeoShape();
    void referenceImagesGoAsAssets();
    void referenceImagesOnlyWhereTheModelTakesThem_data();
    void referenceImagesOnlyWhereTheModelTakesThem();
    void aFirstFrameWinsOverReferences();
    void personGenerationDroppedOnceWhenRefused();
    void squareIsRefusedBeforeAnyRequest();
    void aRetiredModelIsNamed();
    void noModelSendsNothing();
    void pollsUntilDoneAndDownloadsWithTheKey();
    void safetyFilteredIsAFailureWithReasons();
    void failedOperation();
    void otherKeyCannotPoll();
    void operations_data();
    void operations();
    void testConnection();
    void theKeyGoesOnlyToTheApiHost_data();
    void theKeyGoesOnlyToTheApiHost();

private:
    VideoRequest request(const QString& prompt = u"A red kite over the sea"_s) const;
    FakeApiServer m_server;
    std::shared_ptr<ProviderRoutes> m_routes;
};

void TestVeoProvider::initTestCase()
{
    ProviderRoutesOptions options;
    options.renderTime = 150ms;
    m_routes = installProviderRoutes(m_server, options);
    QVERIFY(m_server.start());
}

void TestVeoProvider::init()
{
    m_server.resetRecord();
    m_routes->setRejectPersonGeneration(false);
}

VideoRequest TestVeoProvider::request(const QString& prompt) const
{
    VideoRequest r;
    r.prompt = prompt;
    r.negativePrompt = u"text, watermark"_s;
    r.aspectRatio = u"9:16"_s;
    r.resolution = u"1080p"_s;
    r.durationSeconds = 7;
    r.sampleCount = 2;
    return r;
}

void TestVeoProvider::aRetiredModelIsNamed()
{
    m_routes->setRetiredModels({u"veo-3.1-lite-generate-001"_s});
    const auto restore = qScopeGuard([this] { m_routes->setRetiredModels({}); });
    const int created = m_routes->operationsCreated(u"AIza-A"_s);
    VeoProvider p(m_server.baseUrl(), u"AIza-A"_s, u"veo-3.1-lite-generate-001"_s);
    const auto r = p.submit(request(), CancelToken());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 404);
    QVERIFY2(r.error().message.contains(
                 u"The model \"veo-3.1-lite-generate-001\" is not available to this key"_s),
             qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(u"t2v accounts models"_s), qPrintable(r.error().message));
    QCOMPARE(m_routes->operationsCreated(u"AIza-A"_s), created);
}

void TestVeoProvider::noModelSendsNothing()
{
    m_server.resetRecord();
    VeoProvider p(m_server.baseUrl(), u"AIza-A"_s, QString());
    const auto r = p.submit(request(), CancelToken());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(u"video model"_s), qPrintable(r.error().message));
    QCOMPARE(m_server.requests().size(), 0);
}

void TestVeoProvider::submitSendsTheVeoShape()
{
    VeoProvider p(m_server.baseUrl(), u"AIza-A"_s, u"veo-3.1-fast-generate-preview"_s);
    const auto r = p.submit(request(), CancelToken());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QVERIFY(r->remoteId.startsWith(u"models/veo-3.1-fast-generate-preview/operations/"_s));
    const auto seen =
        m_server.requests(u"/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].header("x-goog-api-key"), QByteArray("AIza-A"));
    const json::Json body = seen[0].json();
    QCOMPARE(body["instances"][0]["prompt"].get<std::string>(), "A red kite over the sea");
    const json::Json& params = body["parameters"];
    QCOMPARE(params["aspectRatio"].get<std::string>(), "9:16");
    QCOMPARE(params["resolution"].get<std::string>(), "1080p");
    QCOMPARE(params["durationSeconds"].get<int>(), 8); // Veo makes 4, 6 or 8 s
    QCOMPARE(params["negativePrompt"].get<std::string>(), "text, watermark");
    QCOMPARE(params["sampleCount"].get<int>(), 2);
    QVERIFY(!params.contains("personGeneration"));
}

void TestVeoProvider::referenceImagesGoAsAssets()
{
    VeoProvider p(m_server.baseUrl(), u"AIza-A"_s, u"veo-3.1-generate-001"_s);
    VideoRequest r = request();
    r.aspectRatio = u"16:9"_s;
    r.durationSeconds = 4;      // reference images need 8 s: the clip is made 8 s long
    for (int i = 0; i < 4; ++i) // four given, three sent
        r.references.append(ImageInput{tinyPng(i), u"image/png"_s});
    const auto sent = p.submit(r, CancelToken());
    QVERIFY2(sent.ok(), qPrintable(sent.ok() ? QString() : sent.error().message));
    QCOMPARE(sent->referencesSent, 3);
    QVERIFY(sent->notice.isEmpty());
    const auto seen =
        m_server.requests(u"/v1beta/models/veo-3.1-generate-001:predictLongRunning"_s);
    QCOMPARE(seen.size(), 1);
    const json::Json body = seen[0].json();
    const json::Json& refs = body["instances"][0]["referenceImages"];
    QCOMPARE(refs.size(), std::size_t(3));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(refs[i]["referenceType"].get<std::string>(), "ASSET");
        QCOMPARE(refs[i]["image"]["mimeType"].get<std::string>(), "image/png");
        QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(
                     refs[i]["image"]["bytesBase64Encoded"].get<std::string>())),
                 tinyPng(i));
    }
    QVERIFY(!body["instances"][0].contains("image"));
    QCOMPARE(body["parameters"]["durationSeconds"].get<int>(), 8);
}

void TestVeoProvider::referenceImagesOnlyWhereTheModelTakesThem_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<QString>("notice");
    QTest::newRow("Veo 3.0") << u"veo-3.0-generate-001"_s << u"16:9"_s
                             << u"takes no reference images"_s;
    QTest::newRow("portrait") << u"veo-3.1-fast-generate-001"_s << u"9:16"_s
                              << u"16:9 clips only"_s;
}

void TestVeoProvider::referenceImagesOnlyWhereTheModelTakesThem()
{
    QFETCH(QString, model);
    QFETCH(QString, aspect);
    QFETCH(QString, notice);
    VeoProvider p(m_server.baseUrl(), u"AIza-A"_s, model);
    VideoRequest r = request();
    r.aspectRatio = aspect;
    r.references = {ImageInput{tinyPng(), u"image/png"_s}};
    const auto sent = p.submit(r, CancelToken());
    QVERIFY2(sent.ok(), qPrintable(sent.ok() ? QString() : sent.error().message));
    QCOMPARE(sent->referencesSent, 0);
    QVERIFY2(sent->notice.contains(notice), qPrintable(sent->notice));
    const auto seen = m_server.requests(u"/v1beta/models/%1:predictLongRunning"_s.arg(model));
    QCOMPARE(seen.size(), 1);
    QVERIFY(!seen[0].json()["instances"][0].contains("referenceImages"));
}

void TestVeoProvider::aFirstFrameWinsOverReferences()
{
    VeoProvider p(m_server.baseUrl(), u"AIza-A"_s, u"veo-3.1-generate-001"_s);
    VideoRequest r = request();
    r.aspectRatio = u"16:9"_s;
    r.firstFrame = ImageInput{tinyPng(7), u"image/png"_s};
    r.references = {ImageInput{tinyPng(1), u"image/png"_s}};
    const auto sent = p.submit(r, CancelToken());
    QVERIFY2(sent.ok(), qPrintable(sent.ok() ? QString() : sent.error().message));
    QVERIFY(sent->firstFrameSent);
    QCOMPARE(sent->referencesSent, 0);
    const json::Json instance =
        m_server.requests(u"/v1beta/models/veo-3.1-generate-001:predictLongRunning"_s)[0]
            .json()["instances"][0];
    QCOMPARE(instance["image"]["mimeType"].get<std::string>(), "image/png");
    QVERIFY(!instance.contains("referenceImages"));
}

void TestVeoProvider::personGenerationDroppedOnceWhenRefused()
{
    m_routes->setRejectPersonGeneration(true);
    VeoProvider p(m_server.baseUrl(), u"AIza-A"_s, u"veo-x"_s, u"allow_adult"_s);
    const auto r = p.submit(request(), CancelToken());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    const auto seen = m_server.requests(u"/v1beta/models/veo-x:predictLongRunning"_s);
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[0].json()["parameters"]["personGeneration"].get<std::string>(), "allow_adult");
    QVERIFY(!seen[1].json()["parameters"].contains("personGeneration"));
}

void TestVeoProvider::squareIsRefusedBeforeAnyRequest()
{
    VeoProvider p(m_server.baseUrl(), u"AIza-A"_s, u"veo-3.1-fast-generate-preview"_s);
    VideoRequest r = request();
    r.aspectRatio = u"1:1"_s;
    const auto result = p.submit(r, CancelToken());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unsupported);
    QCOMPARE(m_server.requests().size(), 0);
}

void TestVeoProvider::pollsUntilDoneAndDownloadsWithTheKey()
{
    VeoProvider p(m_server.baseUrl(), u"AIza-A"_s, u"veo-3.1-fast-generate-preview"_s);
    const auto submitted = p.submit(request(), CancelToken());
    QVERIFY(submitted.ok());
    VideoJob job;
    job.remoteId = submitted->remoteId;
    const auto first = p.poll(job, CancelToken());
    QVERIFY(first.ok());
    QCOMPARE(first->state, PollResult::State::Running);
    const auto done = pollUntilDone(p, job);
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().message));
    QCOMPARE(done->state, PollResult::State::Succeeded);
    QCOMPARE(done->videoUrls.size(), 2);
    for (const FakeRequest& poll : m_server.requests(u"/v1beta/models/.*/operations/.*"_s))
        QCOMPARE(poll.header("x-goog-api-key"), QByteArray("AIza-A"));

    QTemporaryDir tmp;
    const auto file = HttpClient().download(p.downloadRequest(job, done->videoUrls[1]),
                                            tmp.filePath(u"v.part"_s), {});
    QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
    QVERIFY(file->effectiveUrl.contains(u"/storage/"_s)); // followed the redirect
    QCOMPARE(file->bytesOnDisk, m_routes->clipBody()->size());
    QCOMPARE(m_server.requests(u"/v1beta/files/.*"_s).value(0).header("x-goog-api-key"),
             QByteArray("AIza-A"));
}

void TestVeoProvider::safetyFilteredIsAFailureWithReasons()
{
    VeoProvider p(m_server.baseUrl(), u"AIza-A"_s, u"veo-3.1-fast-generate-preview"_s);
    const auto submitted = p.submit(request(u"[blocked] something"_s), CancelToken());
    QVERIFY(submitted.ok());
    VideoJob job;
    job.remoteId = submitted->remoteId;
    const auto done = pollUntilDone(p, job);
    QVERIFY(done.ok());
    QCOMPARE(done->state, PollResult::State::Failed);
    QVERIFY2(done->message.contains(u"safety filter"_s) &&
                 done->message.contains(u"usage guidelines"_s),
             qPrintable(done->message));
}

void TestVeoProvider::failedOperation()
{
    VeoProvider p(m_server.baseUrl(), u"AIza-A"_s, u"veo-3.1-fast-generate-preview"_s);
    const auto submitted = p.submit(request(u"[fail] a kite"_s), CancelToken());
    VideoJob job;
    job.remoteId = submitted->remoteId;
    const auto done = pollUntilDone(p, job);
    QVERIFY(done.ok());
    QCOMPARE(done->state, PollResult::State::Failed);
    QVERIFY(done->message.contains(u"internal error"_s));
}

void TestVeoProvider::otherKeyCannotPoll()
{
    VeoProvider a(m_server.baseUrl(), u"AIza-A"_s, u"veo-3.1-fast-generate-preview"_s);
    VeoProvider b(m_server.baseUrl(), u"AIza-B"_s, u"veo-3.1-fast-generate-preview"_s);
    const auto submitted = a.submit(request(), CancelToken());
    QVERIFY(submitted.ok());
    VideoJob job;
    job.remoteId = submitted->remoteId;
    const auto r = b.poll(job, CancelToken());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 403);
}

void TestVeoProvider::operations_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("urls");
    QTest::newRow("running") << QByteArray(R"({"name":"x","done":false})")
                             << int(PollResult::State::Running) << 0;
    QTest::newRow("done absent") << QByteArray(R"({"name":"x"})") << int(PollResult::State::Running)
                                 << 0;
    QTest::newRow("done with samples")
        << QByteArray(
               R"({"done":true,"response":{"generateVideoResponse":{"generatedSamples":[{"video":{"uri":"u1"}},{"video":{"uri":"u2"}}]}}})")
        << int(PollResult::State::Succeeded) << 2;
    QTest::newRow("done without samples")
        << QByteArray(R"({"done":true,"response":{}})") << int(PollResult::State::Failed) << 0;
    QTest::newRow("error") << QByteArray(R"({"done":true,"error":{"code":3,"message":"bad"}})")
                           << int(PollResult::State::Failed) << 0;
}

void TestVeoProvider::operations()
{
    QFETCH(QByteArray, body);
    QFETCH(int, state);
    QFETCH(int, urls);
    const auto r = VeoProvider::parseOperation(body);
    QVERIFY(r.ok());
    QCOMPARE(int(r->state), state);
    QCOMPARE(r->videoUrls.size(), urls);
    QVERIFY(!VeoProvider::parseOperation("not json").ok());
}

void TestVeoProvider::testConnection()
{
    m_routes->setKeyBehaviour(u"AIza-bad"_s, {400});
    QVERIFY(VeoProvider(m_server.baseUrl(), u"AIza-A"_s, {}).testConnection(CancelToken()).ok());
    const Status bad =
        VeoProvider(m_server.baseUrl(), u"AIza-bad"_s, {}).testConnection(CancelToken());
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().isAuthFailure());
    const Status down =
        VeoProvider(u"http://127.0.0.1:1"_s, u"AIza-A"_s, {}).testConnection(CancelToken());
    QVERIFY(!down.ok());
    QCOMPARE(down.error().kind, ErrorKind::Network);
}

void TestVeoProvider::theKeyGoesOnlyToTheApiHost_data()
{
    // The download address comes from the poll answer or from a (shared) project file.
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("withKey");
    QTest::newRow("the API's own files") << u"https://generativelanguage.googleapis.com/v1beta/"
                                            u"files/abc:download?alt=media"_s
                                         << true;
    QTest::newRow("another host") << u"https://collector.example.com/files/abc"_s << false;
    QTest::newRow("a look-alike host")
        << u"https://generativelanguage.googleapis.com.example.com/x"_s << false;
    QTest::newRow("plain http to the API host")
        << u"http://generativelanguage.googleapis.com/v1beta/files/abc"_s << false;
}

void TestVeoProvider::theKeyGoesOnlyToTheApiHost()
{
    QFETCH(QString, url);
    QFETCH(bool, withKey);
    VeoProvider p({}, u"AIza-secret"_s, u"veo-3.1-fast-generate-preview"_s);
    const HttpRequest req = p.downloadRequest(VideoJob{}, url);
    QCOMPARE(req.headers.contains("x-goog-api-key"), withKey);
}

QTEST_GUILESS_MAIN(TestVeoProvider)
#include "tst_veoprovider.moc"

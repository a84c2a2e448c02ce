// Tests for OmniProvider (Gemini Omni on the Interactions API) against the fake Gemini API:
// the create body as python-genai builds it (snake_case, response_format, video_config.task,
// images in input with their tags), the statuses and where the video is in the answer (uri or
// inline data), failures, cancel, a retired model and a 429 that is not re-sent. The last
// slots cover GeminiVideoProvider, the account-level client that sends each submission to Veo
// or Omni by model and each poll by the job.

#include "fakeapiserver.h"
#include "net/httpclient.h"
#include "providerroutes.h"
#include "testhelpers.h"
#include "testmedia.h"
#include "video/geminivideoprovider.h"
#include "video/omniprovider.h"

#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <atomic>

Q_DECLARE_METATYPE(t2v::VideoRequest)

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

namespace {

const QString kModel = u"gemini-omni-1.1-flash"_s;

VideoRequest request(const QString& prompt = u"A red kite over the sea"_s)
{
    VideoRequest r;
    r.prompt = prompt;
    r.aspectRatio = u"9:16"_s;
    r.resolution = u"720p"_s;
    r.durationSeconds = 8;
    return r;
}

ImageInput picture(const char* bytes, const char* mime)
{
    return {QByteArray(bytes), QString::fromLatin1(mime)};
}

} // namespace

class TestOmniProvider final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void requestBody_data();
    void requestBody();
    void refusedBeforeAnyRequest_data();
    void refusedBeforeAnyRequest();
    void createPollAndDownloadWithTheKey();
    void anInlineVideoIsKeptAsAFile();
    void aFailedInteractionSaysWhy();
    void cancelAsksTheInteractionToStop();
    void aRetiredModelIsNamed();
    void aThrottledCreateIsNotSentAgain();
    void interactions_data();
    void interactions();
    void geminiResolvesItsModelOnceAndRoutesByJob();
    void geminiSamplesPerRequestFollowTheModel();

private:
    FakeApiServer m_server;
    std::shared_ptr<ProviderRoutes> m_routes;
    QTemporaryDir m_tmp;
};

void TestOmniProvider::initTestCase()
{
    ProviderRoutesOptions options;
    options.renderTime = 150ms;
    m_routes = installProviderRoutes(m_server, options);
    QVERIFY(m_server.start());
    QVERIFY(m_tmp.isValid());
}

void TestOmniProvider::init()
{
    m_server.resetRecord();
}

void TestOmniProvider::requestBody_data()
{
    QTest::addColumn<VideoRequest>("req");
    QTest::addColumn<QString>("task");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("images"); // base64 of each image item, in order
    QTest::addColumn<QString>("duration");

    VideoRequest plain = request();
    QTest::newRow("text to video")
        << plain << u"text_to_video"_s << u"A red kite over the sea"_s << QStringList() << u"8s"_s;
    VideoRequest negative = request();
    negative.negativePrompt = u"text, watermark"_s;
    negative.durationSeconds = 12;
    QTest::newRow("negative folded, 10 s at most")
        << negative << u"text_to_video"_s << u"A red kite over the sea\nAvoid: text, watermark"_s
        << QStringList() << u"10s"_s;
    VideoRequest shortest = request();
    shortest.durationSeconds = 1;
    QTest::newRow("3 s at least") << shortest << u"text_to_video"_s << u"A red kite over the sea"_s
                                  << QStringList() << u"3s"_s;
    VideoRequest first = request();
    first.firstFrame = picture("PNG1", "image/png");
    QTest::newRow("first frame") << first << u"image_to_video"_s
                                 << u"<FIRST_FRAME> A red kite over the sea"_s
                                 << QStringList{u"UE5HMQ=="_s} << u"8s"_s;
    VideoRequest refs = request();
    refs.references = {picture("R0", "image/png"), picture("R1", "image/jpeg"),
                       picture("R2", "image/webp"), picture("R3", "image/png")};
    QTest::newRow("three references at most")
        << refs << u"reference_to_video"_s
        << u"<IMAGE_REF_0> <IMAGE_REF_1> <IMAGE_REF_2> A red kite over the sea"_s
        << QStringList{u"UjA="_s, u"UjE="_s, u"UjI="_s} << u"8s"_s;
    VideoRequest both = request();
    both.firstFrame = picture("F", "image/png");
    both.references = {picture("R0", "image/png")};
    QTest::newRow("first frame and a reference")
        << both << u"image_to_video"_s << u"<FIRST_FRAME> <IMAGE_REF_0> A red kite over the sea"_s
        << QStringList{u"Rg=="_s, u"UjA="_s} << u"8s"_s;
}

void TestOmniProvider::requestBody()
{
    QFETCH(VideoRequest, req);
    QFETCH(QString, task);
    QFETCH(QString, text);
    QFETCH(QStringList, images);
    QFETCH(QString, duration);
    const Result<QByteArray> body = OmniProvider::requestBody(req, kModel);
    QVERIFY2(body.ok(), qPrintable(body.ok() ? QString() : body.error().message));
    // python-genai _gaos/types/interactions: snake_case only, nothing camelCased.
    for (const char* camel : {"aspectRatio", "mimeType", "generationConfig", "responseFormat"})
        QVERIFY2(!body->contains(camel), camel);
    const json::Json doc = json::parse(*body, nullptr);
    QCOMPARE(json::optString(doc, "model"), kModel);
    QCOMPARE(doc["background"].get<bool>(), true);
    QCOMPARE(doc["store"].get<bool>(), true);
    QCOMPARE(QString::fromStdString(doc["generation_config"]["video_config"]["task"]), task);
    QCOMPARE(doc["generation_config"]["video_config"].size(), 1u); // VideoConfig has only task
    const json::Json& format = doc["response_format"];
    QCOMPARE(json::optString(format, "type"), u"video"_s);
    QCOMPARE(json::optString(format, "aspect_ratio"), u"9:16"_s);
    QCOMPARE(json::optString(format, "resolution"), u"720p"_s);
    QCOMPARE(json::optString(format, "delivery"), u"uri"_s);
    QCOMPARE(json::optString(format, "duration"), duration);
    const json::Json& input = doc["input"];
    QCOMPARE(int(input.size()), int(images.size()) + 1);
    for (int i = 0; i < images.size(); ++i) {
        QCOMPARE(json::optString(input[i], "type"), u"image"_s);
        QCOMPARE(json::optString(input[i], "data"), images[i]);
        QVERIFY(json::optString(input[i], "mime_type").startsWith(u"image/"_s));
    }
    QCOMPARE(json::optString(input.back(), "type"), u"text"_s); // the text after the images
    QCOMPARE(json::optString(input.back(), "text"), text);
}

void TestOmniProvider::refusedBeforeAnyRequest_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<QString>("resolution");
    QTest::addColumn<int>("kind");
    QTest::newRow("no model") << QString() << u"16:9"_s << u"720p"_s << int(ErrorKind::Invalid);
    QTest::newRow("square") << kModel << u"1:1"_s << u"720p"_s << int(ErrorKind::Unsupported);
    QTest::newRow("2k") << kModel << u"16:9"_s << u"2k"_s << int(ErrorKind::Unsupported);
}

void TestOmniProvider::refusedBeforeAnyRequest()
{
    QFETCH(QString, model);
    QFETCH(QString, aspect);
    QFETCH(QString, resolution);
    QFETCH(int, kind);
    OmniProvider p(m_server.baseUrl(), u"AIza-A"_s, model, m_tmp.filePath(u"inline"_s));
    VideoRequest r = request();
    r.aspectRatio = aspect;
    r.resolution = resolution;
    const auto result = p.submit(r, CancelToken());
    QVERIFY(!result.ok());
    QCOMPARE(int(result.error().kind), kind);
    QCOMPARE(m_server.requests().size(), 0);
}

void TestOmniProvider::createPollAndDownloadWithTheKey()
{
    OmniProvider p(m_server.baseUrl(), u"AIza-A"_s, kModel, m_tmp.filePath(u"inline"_s));
    QVERIFY(!p.separateNegativePrompt()); // negatives go into the prompt
    const auto submitted = p.submit(request(), CancelToken());
    QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().message));
    QVERIFY(!submitted->remoteId.isEmpty());
    QCOMPARE(submitted->model, kModel);
    const auto created = m_server.requests(u"/v1beta/interactions"_s);
    QCOMPARE(created.size(), 1);
    QCOMPARE(created[0].method, QByteArray("POST"));
    QCOMPARE(created[0].header("x-goog-api-key"), QByteArray("AIza-A"));

    VideoJob job;
    job.remoteId = submitted->remoteId;
    job.model = kModel;
    const auto first = p.poll(job, CancelToken());
    QVERIFY(first.ok());
    QCOMPARE(first->state, PollResult::State::Queued);
    const auto done = pollUntilDone(p, job);
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().message));
    QCOMPARE(done->state, PollResult::State::Succeeded);
    QCOMPARE(done->videoUrls.size(), 1);
    QVERIFY(done->videoUrls[0].contains(u"/v1beta/files/"_s));
    const auto polls = m_server.requests(u"/v1beta/interactions/.+"_s);
    QVERIFY(polls.size() >= 2);
    for (const FakeRequest& poll : polls) {
        QCOMPARE(poll.method, QByteArray("GET"));
        QCOMPARE(poll.header("x-goog-api-key"), QByteArray("AIza-A"));
    }

    QTemporaryDir tmp;
    const auto file = HttpClient().download(p.downloadRequest(job, done->videoUrls[0]),
                                            tmp.filePath(u"v.part"_s), {});
    QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
    QVERIFY(file->effectiveUrl.contains(u"/storage/"_s)); // followed the redirect
    QCOMPARE(file->bytesOnDisk, m_routes->clipBody()->size());
}

void TestOmniProvider::anInlineVideoIsKeptAsAFile()
{
    const QString dir = m_tmp.filePath(u"inline"_s);
    OmniProvider p(m_server.baseUrl(), u"AIza-A"_s, kModel, dir);
    const auto submitted = p.submit(request(u"[inline] a kite"_s), CancelToken());
    QVERIFY(submitted.ok());
    VideoJob job;
    job.remoteId = submitted->remoteId;
    const auto done = pollUntilDone(p, job);
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().message));
    QCOMPARE(done->state, PollResult::State::Succeeded);
    QCOMPARE(done->videoUrls.size(), 1);
    const QUrl url(done->videoUrls[0]);
    QVERIFY(url.isLocalFile());
    QVERIFY(url.toLocalFile().startsWith(dir));
    QFile f(url.toLocalFile());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), smallMp4());
    // Asked again (a lost file, a restart): the same place, nothing new is bought.
    const auto again = p.poll(job, CancelToken());
    QVERIFY(again.ok());
    QCOMPARE(again->videoUrls, done->videoUrls);
    QCOMPARE(m_server.requests(u"/v1beta/interactions"_s).size(), 1);
}

void TestOmniProvider::aFailedInteractionSaysWhy()
{
    OmniProvider p(m_server.baseUrl(), u"AIza-A"_s, kModel, m_tmp.filePath(u"inline"_s));
    const auto submitted = p.submit(request(u"[fail] a kite"_s), CancelToken());
    QVERIFY(submitted.ok());
    VideoJob job;
    job.remoteId = submitted->remoteId;
    const auto done = pollUntilDone(p, job);
    QVERIFY(done.ok());
    QCOMPARE(done->state, PollResult::State::Failed);
    QVERIFY2(done->message.contains(u"internal error"_s), qPrintable(done->message));
}

void TestOmniProvider::cancelAsksTheInteractionToStop()
{
    OmniProvider p(m_server.baseUrl(), u"AIza-A"_s, kModel, m_tmp.filePath(u"inline"_s));
    const auto submitted = p.submit(request(), CancelToken());
    QVERIFY(submitted.ok());
    VideoJob job;
    job.remoteId = submitted->remoteId;
    const Status cancelled = p.cancel(job, CancelToken());
    QVERIFY2(cancelled.ok(), qPrintable(cancelled.ok() ? QString() : cancelled.error().message));
    // POST .../{id}/cancel (python-genai tests/interactions/test_paths.py), not ":cancel".
    const auto seen = m_server.requests(u"/v1beta/interactions/[^/]+/cancel"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].method, QByteArray("POST"));
    const auto after = p.poll(job, CancelToken());
    QVERIFY(after.ok());
    QCOMPARE(after->state, PollResult::State::Cancelled);
}

void TestOmniProvider::aRetiredModelIsNamed()
{
    m_routes->setRetiredModels({u"gemini-omni-flash-preview"_s});
    const auto restore = qScopeGuard([this] { m_routes->setRetiredModels({}); });
    OmniProvider p(m_server.baseUrl(), u"AIza-A"_s, u"gemini-omni-flash-preview"_s,
                   m_tmp.filePath(u"inline"_s));
    const auto r = p.submit(request(), CancelToken());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 404);
    QVERIFY2(r.error().message.contains(
                 u"The model \"gemini-omni-flash-preview\" is not available to this key"_s),
             qPrintable(r.error().message));
}

void TestOmniProvider::aThrottledCreateIsNotSentAgain()
{
    // The SDK re-posts a create on 429; a paid create is sent once and the 429 handed up, so
    // the scheduler decides (a cooldown of the account's quota group).
    m_routes->throttleNextSubmits(1, 7);
    OmniProvider p(m_server.baseUrl(), u"AIza-A"_s, kModel, m_tmp.filePath(u"inline"_s));
    const auto r = p.submit(request(), CancelToken());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 429);
    QVERIFY(r.error().retryAfter.has_value());
    QCOMPARE(r.error().retryAfter->count(), 7000);
    QCOMPARE(m_server.requests(u"/v1beta/interactions"_s).size(), 1);
}

void TestOmniProvider::interactions_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("videos"); // URLs plus inline clips
    QTest::addColumn<QString>("message");
    const int queued = int(PollResult::State::Queued);
    const int running = int(PollResult::State::Running);
    const int ok = int(PollResult::State::Succeeded);
    const int failed = int(PollResult::State::Failed);
    const int cancelled = int(PollResult::State::Cancelled);
    QTest::newRow("queued") << QByteArray(R"({"id":"a","status":"queued"})") << queued << 0
                            << QString();
    QTest::newRow("in progress") << QByteArray(R"({"id":"a","status":"in_progress"})") << running
                                 << 0 << QString();
    QTest::newRow("completed with a uri")
        << QByteArray(
               R"({"status":"completed","steps":[{"type":"user_input","content":[{"type":"text","text":"x"}]},{"type":"model_output","content":[{"type":"video","mime_type":"video/mp4","uri":"https://h/v1beta/files/a:download?alt=media"}]}]})")
        << ok << 1 << QString();
    QTest::newRow("completed inline")
        << QByteArray(
               R"({"status":"completed","steps":[{"type":"model_output","content":[{"type":"video","data":"AAAAIGZ0eXBpc29t"}]}]})")
        << ok << 1 << QString();
    QTest::newRow("legacy outputs")
        << QByteArray(R"({"status":"completed","outputs":[{"type":"video","uri":"u"}]})") << ok << 1
        << QString();
    QTest::newRow("completed without a video")
        << QByteArray(
               R"({"status":"completed","steps":[{"type":"model_output","content":[{"type":"text","text":"no"}]}]})")
        << failed << 0 << u"without a video"_s;
    QTest::newRow("failed with errors")
        << QByteArray(R"({"status":"failed","errors":[{"code":"x","message":"quota of the day"}]})")
        << failed << 0 << u"quota of the day"_s;
    QTest::newRow("failed in the step")
        << QByteArray(
               R"({"status":"failed","steps":[{"type":"model_output","content":[],"error":{"code":3,"message":"prompt blocked"}}]})")
        << failed << 0 << u"prompt blocked"_s;
    QTest::newRow("only an error")
        << QByteArray(R"({"error":{"code":400,"message":"Request contains an invalid argument."}})")
        << failed << 0 << u"invalid argument"_s;
    QTest::newRow("budget exceeded")
        << QByteArray(R"({"status":"budget_exceeded"})") << failed << 0 << u"budget"_s;
    QTest::newRow("incomplete") << QByteArray(R"({"status":"incomplete"})") << failed << 0
                                << u"incomplete"_s;
    QTest::newRow("cancelled") << QByteArray(R"({"status":"cancelled"})") << cancelled << 0
                               << u"cancelled"_s;
    QTest::newRow("unknown status")
        << QByteArray(R"({"status":"requires_action"})") << failed << 0 << u"requires_action"_s;
}

void TestOmniProvider::interactions()
{
    QFETCH(QByteArray, body);
    QFETCH(int, state);
    QFETCH(int, videos);
    QFETCH(QString, message);
    const auto r = OmniProvider::parseInteraction(body);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(int(r->result.state), state);
    QCOMPARE(int(r->result.videoUrls.size() + r->inlineVideos.size()), videos);
    QVERIFY2(r->result.message.contains(message), qPrintable(r->result.message));
    // Unusable answers are errors, never a success without a clip.
    QVERIFY(!OmniProvider::parseInteraction("not json").ok());
    QVERIFY(!OmniProvider::parseInteraction(R"({"id":"a"})").ok());
    QVERIFY(
        !OmniProvider::parseInteraction(
             R"({"status":"completed","steps":[{"type":"model_output","content":[{"type":"video","data":"%%%"}]}]})")
             .ok());
}

void TestOmniProvider::geminiResolvesItsModelOnceAndRoutesByJob()
{
    // The first time the model list cannot be had: nothing is sent, and the next clip asks again.
    std::atomic<int> asked = 0;
    GeminiVideoProvider gemini(m_server.baseUrl(), u"AIza-A"_s, QString(), QString(),
                               m_tmp.filePath(u"inline"_s),
                               [&](const CancelToken&) -> Result<QString> {
                                   if (++asked == 1) {
                                       Error e = Error::make(ErrorKind::Network, u"no list"_s);
                                       e.requestSent = false;
                                       return e;
                                   }
                                   return kModel;
                               });
    QCOMPARE(gemini.id(), u"veo"_s); // what project files call Gemini API jobs
    const auto failed = gemini.submit(request(), CancelToken());
    QVERIFY(!failed.ok());
    QVERIFY(!failed.error().requestSent);
    QCOMPARE(m_server.requests(u"/v1beta/interactions"_s).size(), 0);
    const auto a = gemini.submit(request(), CancelToken());
    const auto b = gemini.submit(request(), CancelToken());
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(asked.load(), 2); // then kept
    QCOMPARE(a->model, kModel);
    QCOMPARE(m_server.requests(u"/v1beta/interactions"_s).size(), 2);

    // A Veo job of the same account (made before its model changed) is still polled as Veo.
    GeminiVideoProvider veo(m_server.baseUrl(), u"AIza-A"_s, u"veo-3.1-fast-generate-preview"_s,
                            QString(), m_tmp.filePath(u"inline"_s));
    const auto veoJob = veo.submit(request(), CancelToken());
    QVERIFY(veoJob.ok());
    QVERIFY(veoJob->remoteId.contains(u"/operations/"_s));
    VideoJob older;
    older.remoteId = veoJob->remoteId;
    older.model = veoJob->model;
    VideoJob newer;
    newer.remoteId = a->remoteId;
    newer.model = a->model;
    QVERIFY(!GeminiVideoProvider::isOmniJob(older));
    QVERIFY(GeminiVideoProvider::isOmniJob(newer));
    const auto olderDone = pollUntilDone(gemini, older);
    const auto newerDone = pollUntilDone(gemini, newer);
    QVERIFY(olderDone.ok() && newerDone.ok());
    QCOMPARE(olderDone->state, PollResult::State::Succeeded);
    QCOMPARE(newerDone->state, PollResult::State::Succeeded);
    QVERIFY(m_server.requestCount(u"/v1beta/models/.*/operations/.*"_s) >= 1);
}

void TestOmniProvider::geminiSamplesPerRequestFollowTheModel()
{
    const QString dir = m_tmp.filePath(u"inline"_s);
    QCOMPARE(GeminiVideoProvider({}, u"k"_s, QString(), {}, dir).maxSamplesPerRequest(), 1);
    QCOMPARE(GeminiVideoProvider({}, u"k"_s, kModel, {}, dir).maxSamplesPerRequest(), 1);
    QCOMPARE(GeminiVideoProvider({}, u"k"_s, u"veo-3.1-fast-generate-001"_s, {}, dir)
                 .maxSamplesPerRequest(),
             4);
    QVERIFY(GeminiVideoProvider::isOmniModel(u"models/gemini-omni-flash-preview"_s));
    QVERIFY(!GeminiVideoProvider::isOmniModel(u"veo-3.1-generate-001"_s));
}

QTEST_GUILESS_MAIN(TestOmniProvider)
#include "tst_omniprovider.moc"

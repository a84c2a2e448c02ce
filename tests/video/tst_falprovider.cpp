// Tests for FalProvider against the fake fal.ai queue: Key auth, URLs used as given, queue
// states, the result's video URL, failures and cancel.

#include "fakeapiserver.h"
#include "image/polledimageprovider.h"
#include "providerroutes.h"
#include "testmedia.h"
#include "video/falprovider.h"

#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

class TestFalProvider final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void submitUsesKeyAuthAndKeepsTheUrls();
    void queueStatesThenTheVideo();
    void failedGenerationIsReported();
    void cancelUsesTheCancelUrl();
    void resultShapes_data();
    void resultShapes();
    void testConnection();
    void theKeyGoesOnlyToFalsOwnHost();
    void submitHeadersComeFromTheAccount();
    void theBodyIsVeo31s();
    void aDoneStatusMayLackTheWord();
    void aRequestThatNeverStartedIsNotBilled();
    void noModelSendsNothing();
    void referencesGoToTheReferenceRoute();
    void aFirstFrameGoesToImageToVideo();
    void aFamilyWithoutTheRouteSaysSo();
    void imagesThroughTheQueue();

private:
    VideoJob submit(FalProvider& p, const QString& prompt);
    FakeApiServer m_server;
    std::shared_ptr<ProviderRoutes> m_routes;
};

void TestFalProvider::initTestCase()
{
    ProviderRoutesOptions options;
    options.renderTime = 200ms;
    m_routes = installProviderRoutes(m_server, options);
    QVERIFY(m_server.start());
}

VideoJob TestFalProvider::submit(FalProvider& p, const QString& prompt)
{
    VideoRequest r;
    r.prompt = prompt;
    r.durationSeconds = 8;
    const auto s = p.submit(r, CancelToken());
    VideoJob job;
    if (!s.ok())
        return job;
    job.remoteId = s->remoteId;
    job.statusUrl = s->statusUrl;
    job.resultUrl = s->resultUrl;
    job.cancelUrl = s->cancelUrl;
    return job;
}

void TestFalProvider::submitUsesKeyAuthAndKeepsTheUrls()
{
    m_server.resetRecord();
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3.1/fast"_s);
    const VideoJob job = submit(p, u"A lantern festival"_s);
    QVERIFY(!job.remoteId.isEmpty());
    const auto seen = m_server.requests(u"/fal/fal-ai/veo3.1/fast"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].header("authorization"), QByteArray("Key fal-key-1"));
    QCOMPARE(seen[0].json()["duration"].get<std::string>(), "8s");
    // The status URL drops the model's sub-path: it must be used as given, not rebuilt.
    QVERIFY2(
        job.statusUrl.endsWith(u"/fal/fal-ai/veo3.1/requests/"_s + job.remoteId + u"/status"_s),
        qPrintable(job.statusUrl));
    QVERIFY(!job.statusUrl.contains(u"/fast/"_s));
}

void TestFalProvider::queueStatesThenTheVideo()
{
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3.1/fast"_s);
    const VideoJob job = submit(p, u"A lantern festival"_s);
    QList<PollResult::State> states;
    Result<PollResult> r = Error::make(ErrorKind::Timeout, u"no poll"_s);
    for (int i = 0; i < 100; ++i) {
        r = p.poll(job, CancelToken());
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        if (states.isEmpty() || states.last() != r->state)
            states.append(r->state);
        if (r->state == PollResult::State::Succeeded)
            break;
        QThread::msleep(15);
    }
    QCOMPARE(states,
             (QList<PollResult::State>{PollResult::State::Queued, PollResult::State::Running,
                                       PollResult::State::Succeeded}));
    QVERIFY(r->videoUrls.value(0).contains(u"/fal-cdn/"_s));
    // The CDN is this (fake) fal host, so the key goes along; to a foreign CDN it would not.
    QVERIFY(p.downloadRequest(job, r->videoUrls[0]).headers.contains("authorization"));
    QVERIFY(!p.downloadRequest(job, u"https://v3.fal.media/files/x.mp4"_s)
                 .headers.contains("authorization"));
}

void TestFalProvider::failedGenerationIsReported()
{
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/kling-video/v2/pro"_s);
    const VideoJob job = submit(p, u"[fail] a lantern festival"_s);
    QThread::msleep(250);
    const auto r = p.poll(job, CancelToken());
    QVERIFY(r.ok());
    QCOMPARE(r->state, PollResult::State::Failed);
    QVERIFY2(r->message.contains(u"Generation failed"_s), qPrintable(r->message));
}

void TestFalProvider::cancelUsesTheCancelUrl()
{
    m_server.resetRecord();
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3.1/fast"_s);
    const VideoJob job = submit(p, u"A lantern festival"_s);
    QVERIFY(p.cancel(job, CancelToken()).ok());
    const auto seen = m_server.requests(u"/fal/.*/cancel"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].method, QByteArray("PUT"));
    const auto after = p.poll(job, CancelToken());
    QVERIFY(after.ok());
    QCOMPARE(after->state, PollResult::State::Cancelled);
}

void TestFalProvider::resultShapes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("url");
    QTest::newRow("video object") << QByteArray(R"({"video":{"url":"https://x/v.mp4"}})")
                                  << u"https://x/v.mp4"_s;
    QTest::newRow("video string") << QByteArray(R"({"video":"https://x/v.mp4"})")
                                  << u"https://x/v.mp4"_s;
    QTest::newRow("videos list") << QByteArray(R"({"videos":[{"url":"https://x/1.mp4"}]})")
                                 << u"https://x/1.mp4"_s;
    QTest::newRow("nothing") << QByteArray(R"({"images":[]})") << QString();
    QTest::newRow("not json") << QByteArray("oops") << QString();
}

void TestFalProvider::resultShapes()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, url);
    QCOMPARE(FalProvider::videoUrlIn(body), url);
}

void TestFalProvider::testConnection()
{
    m_routes->setKeyBehaviour(u"fal-bad"_s, {401});
    QVERIFY(FalProvider(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3.1/fast"_s)
                .testConnection(CancelToken())
                .ok());
    const Status bad =
        FalProvider(m_server.baseUrl() + u"/fal"_s, u"fal-bad"_s, u"fal-ai/veo3.1/fast"_s)
            .testConnection(CancelToken());
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().isAuthFailure());
}

void TestFalProvider::theKeyGoesOnlyToFalsOwnHost()
{
    // Status and result addresses stored in a project file someone else wrote.
    FakeApiServer elsewhere;
    QVERIFY(elsewhere.start());
    elsewhere.route("GET", u".*"_s, [](const FakeRequest&) {
        return FakeResponse::json(200, {{"status", "IN_QUEUE"}});
    });
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-secret"_s, u"fal-ai/veo3.1/fast"_s);
    VideoJob job;
    job.remoteId = u"req-x"_s;
    job.statusUrl = elsewhere.baseUrl().replace(u"127.0.0.1"_s, u"localhost"_s) + u"/status"_s;
    job.resultUrl = job.statusUrl;
    (void)p.poll(job, CancelToken());
    for (const FakeRequest& r : elsewhere.requests(u".*"_s))
        QVERIFY(r.header("authorization").isEmpty());
    QVERIFY(elsewhere.requestCount(u".*"_s) >= 1);
}

void TestFalProvider::submitHeadersComeFromTheAccount()
{
    m_server.resetRecord();
    FalProvider plain(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3.1/fast"_s);
    QVERIFY(!submit(plain, u"A lantern festival"_s).remoteId.isEmpty());
    FalProvider chosen(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3.1/fast"_s,
                       FalOptions{600, 7 * 86400});
    QVERIFY(!submit(chosen, u"A lantern festival"_s).remoteId.isEmpty());
    const auto seen = m_server.requests(u"/fal/fal-ai/veo3.1/fast"_s);
    QCOMPARE(seen.size(), 2);
    // Never retried by fal itself: one submission is at most one paid request.
    QCOMPARE(seen[0].header("x-fal-no-retry"), QByteArray("1"));
    QCOMPARE(seen[1].header("x-fal-no-retry"), QByteArray("1"));
    QVERIFY(seen[0].header("x-fal-request-timeout").isEmpty());
    QVERIFY(seen[0].header("x-fal-object-lifecycle-preference").isEmpty());
    QCOMPARE(seen[1].header("x-fal-request-timeout"), QByteArray("600"));
    const json::Json lifecycle =
        json::parse(seen[1].header("x-fal-object-lifecycle-preference"), nullptr);
    QVERIFY2(lifecycle == (json::Json{{"expiration_duration_seconds", 7 * 86400}}),
             lifecycle.dump().c_str());
    // Polls are not submissions: none of these go with them.
    const auto polls = m_server.requests(u".*/status"_s);
    for (const FakeRequest& r : polls)
        QVERIFY(r.header("x-fal-no-retry").isEmpty());
}

void TestFalProvider::theBodyIsVeo31s()
{
    m_server.resetRecord();
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3.1/fast"_s);
    VideoRequest r;
    r.prompt = u"A lantern festival"_s;
    r.negativePrompt = u"blur"_s;
    r.durationSeconds = 6;
    r.aspectRatio = u"9:16"_s;
    r.resolution = u"1080p"_s;
    QVERIFY(p.submit(r, CancelToken()).ok());
    const auto seen = m_server.requests(u"/fal/fal-ai/veo3.1/fast"_s);
    QCOMPARE(seen.size(), 1);
    // fal-js endpoints.ts, Veo31TextToVideoInput: duration "4s" | "6s" | "8s".
    const json::Json expected = {{"prompt", "A lantern festival"},
                                 {"negative_prompt", "blur"},
                                 {"duration", "6s"},
                                 {"aspect_ratio", "9:16"},
                                 {"resolution", "1080p"}};
    QVERIFY2(seen[0].json() == expected, seen[0].json().dump().c_str());
}

void TestFalProvider::aDoneStatusMayLackTheWord()
{
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3.1/fast"_s);
    const VideoJob job = submit(p, u"[bare] a lantern festival"_s);
    QThread::msleep(250);
    const auto r = p.poll(job, CancelToken());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->state, PollResult::State::Succeeded);
}

void TestFalProvider::aRequestThatNeverStartedIsNotBilled()
{
    m_server.resetRecord();
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3.1/fast"_s,
                  FalOptions{30, 0});
    const VideoJob job = submit(p, u"[late] a lantern festival"_s);
    QThread::msleep(250);
    const auto r = p.poll(job, CancelToken());
    QVERIFY(r.ok());
    QCOMPARE(r->state, PollResult::State::Failed);
    QVERIFY2(r->message.contains(u"start deadline"_s), qPrintable(r->message));
    QVERIFY2(r->message.contains(u"nothing was billed"_s), qPrintable(r->message));
    // The status said enough: the result address is not asked.
    QCOMPARE(m_server.requests(u".*/requests/"_s + job.remoteId).size(), 0);
}

void TestFalProvider::noModelSendsNothing()
{
    m_server.resetRecord();
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, QString());
    VideoRequest r;
    r.prompt = u"A lantern festival"_s;
    const auto s = p.submit(r, CancelToken());
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(u"video model"_s), qPrintable(s.error().message));
    QCOMPARE(m_server.requests().size(), 0);
}

void TestFalProvider::referencesGoToTheReferenceRoute()
{
    m_server.resetRecord();
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3.1/fast"_s);
    VideoRequest r;
    r.prompt = u"Mara crosses the bridge"_s;
    r.negativePrompt = u"blur"_s;
    r.references = {ImageInput{tinyPng(1), u"image/png"_s}, ImageInput{tinyPng(2), u"image/png"_s}};
    const auto sent = p.submit(r, CancelToken());
    QVERIFY2(sent.ok(), qPrintable(sent.ok() ? QString() : sent.error().message));
    QCOMPARE(sent->referencesSent, 2);
    const auto seen = m_server.requests(u"/fal/fal-ai/veo3.1/fast/reference-to-video"_s);
    QCOMPARE(seen.size(), 1);
    const json::Json body = seen[0].json();
    QCOMPARE(body["image_urls"].size(), std::size_t(2));
    QCOMPARE(QByteArray::fromStdString(body["image_urls"][1].get<std::string>()),
             "data:image/png;base64," + tinyPng(2).toBase64());
    QVERIFY(!body.contains("negative_prompt")); // not in Veo31ReferenceToVideoInput
    // The status URL drops the sub-paths, as fal's does.
    QVERIFY2(sent->statusUrl.contains(u"/fal/fal-ai/veo3.1/requests/"_s),
             qPrintable(sent->statusUrl));
}

void TestFalProvider::aFirstFrameGoesToImageToVideo()
{
    m_server.resetRecord();
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3.1"_s);
    VideoRequest r;
    r.prompt = u"Mara crosses the bridge"_s;
    r.firstFrame = ImageInput{tinyPng(3), u"image/png"_s};
    r.references = {ImageInput{tinyPng(1), u"image/png"_s}};
    const auto sent = p.submit(r, CancelToken());
    QVERIFY2(sent.ok(), qPrintable(sent.ok() ? QString() : sent.error().message));
    QVERIFY(sent->firstFrameSent);
    QCOMPARE(sent->referencesSent, 0);
    const auto seen = m_server.requests(u"/fal/fal-ai/veo3.1/image-to-video"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(QByteArray::fromStdString(seen[0].json()["image_url"].get<std::string>()),
             "data:image/png;base64," + tinyPng(3).toBase64());
}

void TestFalProvider::aFamilyWithoutTheRouteSaysSo()
{
    m_server.resetRecord();
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s,
                  u"fal-ai/kling-video/v2.5-turbo/pro/text-to-video"_s);
    VideoRequest r;
    r.prompt = u"Mara crosses the bridge"_s;
    r.references = {ImageInput{tinyPng(1), u"image/png"_s}};
    const auto sent = p.submit(r, CancelToken());
    QVERIFY2(sent.ok(), qPrintable(sent.ok() ? QString() : sent.error().message));
    QCOMPARE(sent->referencesSent, 0);
    QVERIFY2(sent->notice.contains(u"takes no reference images"_s), qPrintable(sent->notice));
    const auto seen = m_server.requests(u"/fal/fal-ai/kling-video/v2.5-turbo/pro/text-to-video"_s);
    QCOMPARE(seen.size(), 1);
    QVERIFY(!seen[0].json().contains("image_urls"));
}

void TestFalProvider::imagesThroughTheQueue()
{
    m_server.resetRecord();
    PolledImageProvider images(
        std::make_shared<FalProvider>(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s,
                                      u"fal-ai/flux/schnell"_s, FalOptions{0, 0, true}),
        false);
    ImageRequest r;
    r.prompt = u"Character reference sheet of Mara"_s;
    r.aspectRatio = u"16:9"_s;
    const auto made = images.generate(r, CancelToken());
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
    QCOMPARE(made->mimeType, u"image/png"_s);
    QCOMPARE(made->data, tinyPng());
    const auto seen = m_server.requests(u"/fal/fal-ai/flux/schnell"_s);
    QCOMPARE(seen.size(), 1);
    const json::Json body = seen[0].json();
    QCOMPARE(body["image_size"].get<std::string>(), "landscape_16_9");
    QCOMPARE(body["num_images"].get<int>(), 1);
    QVERIFY(!body.contains("duration")); // not a video input
}

QTEST_GUILESS_MAIN(TestFalProvider)
#include "tst_falprovider.moc"

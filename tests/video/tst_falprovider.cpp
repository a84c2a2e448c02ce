// Tests for FalProvider against the fake fal.ai queue: Key auth, URLs used as given, queue
// states, the result's video URL, failures and cancel.

#include "fakeapiserver.h"
#include "providerroutes.h"
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
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3/fast"_s);
    const VideoJob job = submit(p, u"A lantern festival"_s);
    QVERIFY(!job.remoteId.isEmpty());
    const auto seen = m_server.requests(u"/fal/fal-ai/veo3/fast"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].header("authorization"), QByteArray("Key fal-key-1"));
    QCOMPARE(seen[0].json()["duration"].get<std::string>(), "8s");
    // The status URL drops the model's sub-path: it must be used as given, not rebuilt.
    QVERIFY2(job.statusUrl.endsWith(u"/fal/fal-ai/veo3/requests/"_s + job.remoteId + u"/status"_s),
             qPrintable(job.statusUrl));
    QVERIFY(!job.statusUrl.contains(u"/fast/"_s));
}

void TestFalProvider::queueStatesThenTheVideo()
{
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3/fast"_s);
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
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, u"fal-ai/veo3/fast"_s);
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
    QVERIFY(FalProvider(m_server.baseUrl() + u"/fal"_s, u"fal-key-1"_s, {})
                .testConnection(CancelToken())
                .ok());
    const Status bad =
        FalProvider(m_server.baseUrl() + u"/fal"_s, u"fal-bad"_s, {}).testConnection(CancelToken());
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
    FalProvider p(m_server.baseUrl() + u"/fal"_s, u"fal-key-secret"_s, u"fal-ai/veo3/fast"_s);
    VideoJob job;
    job.remoteId = u"req-x"_s;
    job.statusUrl = elsewhere.baseUrl().replace(u"127.0.0.1"_s, u"localhost"_s) + u"/status"_s;
    job.resultUrl = job.statusUrl;
    (void)p.poll(job, CancelToken());
    for (const FakeRequest& r : elsewhere.requests(u".*"_s))
        QVERIFY(r.header("authorization").isEmpty());
    QVERIFY(elsewhere.requestCount(u".*"_s) >= 1);
}

QTEST_GUILESS_MAIN(TestFalProvider)
#include "tst_falprovider.moc"

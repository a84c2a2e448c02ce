// Tests for the fake API server itself: the tests of every client trust what it records.

#include "fakeapiserver.h"
#include "net/httpclient.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

class TestFakeApiServer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void unknownRouteIs404();
    void scriptedFailuresComeFirst();
    void fixedLatencyDelaysTheAnswer();
    void lognormalLatencyIsSeededAndHasTheMean();
    void bandwidthCapPacesTheBody();
    void servesRanges();
    void recordsPeakConcurrency();
    void largeBodiesStream();

private:
    FakeApiServer m_server;
};

void TestFakeApiServer::initTestCase()
{
    QVERIFY(m_server.start());
    m_server.route("GET", u"/ping"_s, [](const FakeRequest&) {
        return FakeResponse::json(200, {{"pong", true}});
    });
    m_server.route("GET", u"/slow"_s, [](const FakeRequest&) {
        return FakeResponse::json(200, {{"slow", true}});
    });
    m_server.route("GET", u"/big/(\\d+)"_s, [](const FakeRequest& r) {
        return FakeResponse::stream(
            std::make_shared<PatternBody>(r.path.section(u'/', -1).toLongLong(), 3));
    });
}

void TestFakeApiServer::unknownRouteIs404()
{
    const auto r = HttpClient().send(HttpRequest::get(m_server.baseUrl() + u"/nope"_s));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 404);
    QVERIFY(r.error().message.contains(u"No route for GET /nope"_s));
}

void TestFakeApiServer::scriptedFailuresComeFirst()
{
    m_server.failNext(u"/ping"_s, 2, FakeResponse::json(503, {{"error", {{"message", "busy"}}}}));
    HttpClient http;
    QCOMPARE(http.send(HttpRequest::get(m_server.baseUrl() + u"/ping"_s)).error().httpStatus, 503);
    QCOMPARE(http.send(HttpRequest::get(m_server.baseUrl() + u"/ping"_s)).error().httpStatus, 503);
    QVERIFY(http.send(HttpRequest::get(m_server.baseUrl() + u"/ping"_s)).ok());
}

void TestFakeApiServer::fixedLatencyDelaysTheAnswer()
{
    m_server.setLatency(u"/slow"_s, Latency{150ms});
    m_server.resetRecord();
    QVERIFY(HttpClient().send(HttpRequest::get(m_server.baseUrl() + u"/slow"_s)).ok());
    QVERIFY(m_server.waitForIdle());
    const auto seen = m_server.requests(u"/slow"_s);
    QCOMPARE(seen.size(), 1);
    QVERIFY2(seen[0].finishedAtMs - seen[0].receivedAtMs >= 150,
             qPrintable(QString::number(seen[0].finishedAtMs - seen[0].receivedAtMs)));
}

void TestFakeApiServer::lognormalLatencyIsSeededAndHasTheMean()
{
    FakeApiServer a, b;
    a.setLatency(u"/x"_s, Latency{200ms, 0.5, 42});
    b.setLatency(u"/x"_s, Latency{200ms, 0.5, 42});
    double sum = 0;
    bool varies = false;
    qint64 first = -1;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const auto la = a.latencyFor(u"/x"_s);
        QCOMPARE(la, b.latencyFor(u"/x"_s));
        sum += double(la.count());
        if (first < 0)
            first = la.count();
        varies = varies || la.count() != first;
    }
    QVERIFY(varies);
    const double mean = sum / n;
    QVERIFY2(mean > 190 && mean < 210, qPrintable(QString::number(mean)));
}

void TestFakeApiServer::bandwidthCapPacesTheBody()
{
    FakeResponse capped = FakeResponse::stream(std::make_shared<PatternBody>(600 * 1024, 3));
    capped.bytesPerSecond = 1024 * 1024;
    m_server.failNext(u"/big/.*"_s, 1, capped);
    m_server.resetRecord();
    QTemporaryDir tmp;
    QVERIFY(HttpClient()
                .download(HttpRequest::get(m_server.baseUrl() + u"/big/614400"_s),
                          tmp.filePath(u"p"_s), {})
                .ok());
    QVERIFY(m_server.waitForIdle());
    const auto seen = m_server.requests(u"/big/.*"_s);
    // 600 KiB at 1 MiB/s cannot take less than about half a second.
    QVERIFY2(seen[0].finishedAtMs - seen[0].receivedAtMs >= 500,
             qPrintable(QString::number(seen[0].finishedAtMs - seen[0].receivedAtMs)));
}

void TestFakeApiServer::servesRanges()
{
    HttpRequest req = HttpRequest::get(m_server.baseUrl() + u"/big/1000"_s);
    req.headers.set("Range", "bytes=990-");
    const auto r = HttpClient().send(req);
    QVERIFY(r.ok());
    QCOMPARE(r->status, 206);
    QCOMPARE(r->headers.value("content-range"), QByteArray("bytes 990-999/1000"));
    QCOMPARE(r->body.size(), 10);
    QByteArray expected(10, '\0');
    PatternBody(1000, 3).read(990, expected.data(), 10);
    QCOMPARE(r->body, expected);

    req.headers.set("Range", "bytes=1000-");
    const auto past = HttpClient().send(req);
    QCOMPARE(past.error().httpStatus, 416);
}

void TestFakeApiServer::recordsPeakConcurrency()
{
    m_server.setLatency(u"/slow"_s, Latency{300ms});
    m_server.resetRecord();
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < 3; ++i) {
        threads.emplace_back(QThread::create([this] {
            (void)HttpClient().send(HttpRequest::get(m_server.baseUrl() + u"/slow"_s));
        }));
        threads.back()->start();
    }
    for (auto& t : threads)
        t->wait();
    QVERIFY(m_server.waitForIdle());
    QCOMPARE(m_server.requestCount(u"/slow"_s), 3);
    QCOMPARE(m_server.peakInFlight(), 3);
    QVERIFY(m_server.peakConnections() >= 3);
}

void TestFakeApiServer::largeBodiesStream()
{
    QTemporaryDir tmp;
    const qint64 size = 64LL * 1024 * 1024;
    const auto r = HttpClient().download(
        HttpRequest::get(m_server.baseUrl() + u"/big/%1"_s.arg(size)), tmp.filePath(u"big"_s), {});
    QVERIFY(r.ok());
    QCOMPARE(r->bytesOnDisk, size);
}

QTEST_GUILESS_MAIN(TestFakeApiServer)
#include "tst_fakeapiserver.moc"

// Tests for HttpClient over real loopback HTTP against the fake API server.

#include "core/logging.h"
#include "core/logsink.h"
#include "core/redactor.h"
#include "fakeapiserver.h"
#include "fakeclock.h"
#include "net/httpclient.h"
#include "net/retrypolicy.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

namespace {

QByteArray fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

// The record of an earlier attempt beside a .part: whose bytes, and the answer's validator.
void writeMeta(const QString& part, const QByteArray& etag, qint64 length = -1,
               const QString& source = {})
{
    QFile f(HttpClient::partMetaPath(part));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(json::Json{
        {"source", source.toStdString()},
        {"etag", etag.toStdString()},
        {"length", length}}.dump()));
}

void writePart(const QString& part, const PatternBody& source, qint64 bytes)
{
    QFile f(part);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray head(bytes, '\0');
    source.read(0, head.data(), head.size());
    f.write(head);
}

const QByteArray kEtag = "\"pattern-7\"";

} // namespace

class TestHttpClient final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void getJsonWithHeaders();
    void postSendsBodyAndHeaders();
    void reusesTheConnection();
    void chunkedAnswer();
    void httpErrorCarriesProviderMessage();
    void retriesHonourRetryAfter();
    void notTodayQuotaIsNotRetried();
    void timeoutIsReported();
    void refusedConnectionProvesNothingWasSent();
    void cancelMidDownloadLeavesOnlyThePart();
    void resumeWithRangeIsAccepted();
    void serverIgnoringRangeRestarts();
    void wrongContentRangeRestarts();
    void completePartAnswered416();
    void completePartIsNotFetchedAgain();
    void aPartWithoutARecordIsNeverContinued();
    void aPartOfAnotherSourceIsNeverContinued();
    void aChangedFileComesBackWhole();
    void paidRequestsUseAConnectionOfTheirOwn();
    void aResetAfterAPaidPostIsNotProvenUnsent();
    void errorStatusDoesNotWriteTheFile();
    void writeErrorGivesTheSystemMessage();
    void followsRedirects();
    void crossHostRedirectDropsTheKey();
    void redirectToFileIsRefused();
    void fileUrlsOnlyWhenAllowed();
    void proxyFromSettings();
    void secretsNeverReachTheLog();

private:
    FakeApiServer m_server;
    HttpClient m_http;
};

void TestHttpClient::init()
{
    if (m_server.port() == 0) {
        QVERIFY(m_server.start());
        m_server.route("GET", u"/json"_s, [](const FakeRequest&) {
            return FakeResponse::json(200, {{"hello", "world"}})
                .withHeader("X-Request-Id", "req-1");
        });
        m_server.route("POST", u"/echo"_s, [](const FakeRequest& r) {
            return FakeResponse::json(200, {{"got", r.json()}});
        });
        m_server.route("POST", u"/paid"_s, [](const FakeRequest& r) {
            return FakeResponse::json(200, {{"got", r.json()}});
        });
        m_server.resetReusedPosts(u"/paid"_s);
        m_server.route("GET", u"/files/(\\d+)"_s, [](const FakeRequest& r) {
            const qint64 size = r.path.section(u'/', -1).toLongLong();
            FakeResponse answer = FakeResponse::stream(std::make_shared<PatternBody>(size, 7));
            answer.etag = kEtag;
            return answer;
        });
        m_server.route("GET", u"/changed/(\\d+)"_s, [](const FakeRequest& r) {
            const qint64 size = r.path.section(u'/', -1).toLongLong();
            FakeResponse answer = FakeResponse::stream(std::make_shared<PatternBody>(size, 8));
            answer.etag = "\"pattern-8\"";
            return answer;
        });
    }
    m_server.resetRecord();
    HttpClient::setProxy({});
}

void TestHttpClient::getJsonWithHeaders()
{
    const auto r = m_http.send(HttpRequest::get(m_server.baseUrl() + u"/json"_s));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->status, 200);
    QCOMPARE(json::Json::parse(r->body.toStdString()).value("hello", std::string()),
             std::string("world"));
    QCOMPARE(r->headers.value("x-request-id"), QByteArray("req-1"));
}

void TestHttpClient::postSendsBodyAndHeaders()
{
    HttpRequest req = HttpRequest::postJson(m_server.baseUrl() + u"/echo"_s, R"({"n":5})");
    req.headers.set("Authorization", "Bearer abc");
    const auto r = m_http.send(req);
    QVERIFY(r.ok());
    const auto seen = m_server.requests(u"/echo"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].body, QByteArray(R"({"n":5})"));
    QCOMPARE(seen[0].header("content-type"), QByteArray("application/json"));
    QCOMPARE(seen[0].header("authorization"), QByteArray("Bearer abc"));
    QVERIFY(seen[0].header("expect").isEmpty());
}

void TestHttpClient::reusesTheConnection()
{
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_http.send(HttpRequest::get(m_server.baseUrl() + u"/json"_s)).ok());
    const auto seen = m_server.requests(u"/json"_s);
    QCOMPARE(seen.size(), 3);
    QCOMPARE(seen[1].connectionId, seen[0].connectionId);
    QCOMPARE(seen[2].connectionId, seen[0].connectionId);
}

void TestHttpClient::chunkedAnswer()
{
    FakeResponse chunked = FakeResponse::text(200, QByteArray(200000, 'z'));
    chunked.chunked = true;
    m_server.failNext(u"/json"_s, 1, chunked);
    const auto r = m_http.send(HttpRequest::get(m_server.baseUrl() + u"/json"_s));
    QVERIFY(r.ok());
    QCOMPARE(r->body, QByteArray(200000, 'z'));
}

void TestHttpClient::httpErrorCarriesProviderMessage()
{
    m_server.failNext(u"/json"_s, 1,
                      FakeResponse::json(401, {{"error",
                                                {{"message", "Incorrect API key provided."},
                                                 {"type", "invalid_request_error"},
                                                 {"param", nullptr},
                                                 {"code", "invalid_api_key"}}}}));
    const auto r = m_http.send(HttpRequest::get(m_server.baseUrl() + u"/json"_s));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Http);
    QCOMPARE(r.error().httpStatus, 401);
    QVERIFY(r.error().isAuthFailure());
    QVERIFY2(r.error().message.contains(u"Incorrect API key provided."_s),
             qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(u"401"_s), qPrintable(r.error().message));
    QVERIFY(!RetryPolicy::isRetryable(r.error()));
}

void TestHttpClient::retriesHonourRetryAfter()
{
    m_server.failNext(u"/json"_s, 2,
                      FakeResponse::json(429, {{"error", {{"message", "slow down"}}}})
                          .withHeader("Retry-After", "3"));
    FakeClock clock;
    RetryPolicy policy;
    policy.maxRetries = 3;
    int retries = 0;
    const auto r = runWithRetry<HttpResponse>(
        policy, clock, CancelToken(),
        [&] { return m_http.send(HttpRequest::get(m_server.baseUrl() + u"/json"_s)); },
        [&](const Error& e, int, std::chrono::milliseconds) {
            ++retries;
            QCOMPARE(e.httpStatus, 429);
        });
    QVERIFY(r.ok());
    QCOMPARE(retries, 2);
    QCOMPARE(m_server.requestCount(u"/json"_s), 3);
    const auto sleeps = clock.sleeps();
    QCOMPARE(sleeps.size(), 2);
    for (const auto& s : sleeps)
        QVERIFY2(s >= 3000ms, qPrintable(QString::number(s.count())));
}

void TestHttpClient::notTodayQuotaIsNotRetried()
{
    m_server.failNext(
        u"/json"_s, 1,
        FakeResponse::json(
            429,
            json::Json::parse(
                R"({"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED",
                "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure",
                            "violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]},
                           {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"20s"}]}})")));
    FakeClock clock;
    const auto r = runWithRetry<HttpResponse>(RetryPolicy{}, clock, CancelToken(), [&] {
        return m_http.send(HttpRequest::get(m_server.baseUrl() + u"/json"_s));
    });
    QVERIFY(!r.ok());
    QVERIFY(r.error().quotaExhausted);
    QCOMPARE(m_server.requestCount(u"/json"_s), 1);
    QVERIFY(clock.sleeps().isEmpty());
}

void TestHttpClient::timeoutIsReported()
{
    m_server.failNext(u"/json"_s, 1, FakeResponse::withFault(FakeResponse::Fault::Hang));
    HttpRequest req = HttpRequest::get(m_server.baseUrl() + u"/json"_s);
    req.timeout = 300ms;
    const auto r = m_http.send(req);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Timeout);
    QVERIFY(r.error().requestSent);
    QVERIFY(RetryPolicy::isRetryable(r.error()));
    QVERIFY(!RetryPolicy::provesNothingCreated(r.error()));
}

void TestHttpClient::refusedConnectionProvesNothingWasSent()
{
    FakeApiServer closed;
    QVERIFY(closed.start());
    const QString url = closed.baseUrl() + u"/json"_s;
    closed.stop(); // nothing listens on that port now
    const auto r = m_http.send(HttpRequest::get(url));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Network);
    QVERIFY(!r.error().requestSent);
    QVERIFY(RetryPolicy::provesNothingCreated(r.error()));
    QVERIFY2(r.error().message.contains(u"127.0.0.1"_s), qPrintable(r.error().message));
}

void TestHttpClient::cancelMidDownloadLeavesOnlyThePart()
{
    QTemporaryDir tmp;
    const QString part = tmp.filePath(u"clip.mp4.part"_s);
    FakeResponse slow = FakeResponse::stream(std::make_shared<PatternBody>(4 * 1024 * 1024, 7));
    slow.bytesPerSecond = 1024 * 1024;
    m_server.failNext(u"/files/.*"_s, 1, slow);
    CancelToken cancel;
    DownloadOptions options;
    options.progress = [&](qint64 received, qint64) {
        if (received > 200 * 1024)
            cancel.cancel();
    };
    const auto r = m_http.download(HttpRequest::get(m_server.baseUrl() + u"/files/4194304"_s), part,
                                   options, cancel);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Cancelled);
    QVERIFY(QFileInfo(part).size() < 4 * 1024 * 1024);
    QVERIFY(!QFileInfo::exists(tmp.filePath(u"clip.mp4"_s)));
}

void TestHttpClient::resumeWithRangeIsAccepted()
{
    QTemporaryDir tmp;
    const QString part = tmp.filePath(u"a.part"_s);
    const qint64 size = 1024 * 1024;
    const auto source = std::make_shared<PatternBody>(size, 7);
    FakeResponse cut = FakeResponse::stream(source);
    cut.etag = kEtag;
    cut.fault = FakeResponse::Fault::TruncateBody;
    cut.truncateAt = 300 * 1024;
    m_server.failNext(u"/files/.*"_s, 1, cut);
    const QString url = m_server.baseUrl() + u"/files/%1"_s.arg(size);

    const auto first = m_http.download(HttpRequest::get(url), part, {});
    QVERIFY(!first.ok());
    QCOMPARE(first.error().kind, ErrorKind::Network);
    QCOMPARE(QFileInfo(part).size(), 300 * 1024);

    const auto second = m_http.download(HttpRequest::get(url), part, {});
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
    QCOMPARE(second->status, 206);
    QCOMPARE(second->resumedFrom, 300 * 1024);
    QCOMPARE(second->bytesOnDisk, size);
    const auto seen = m_server.requests(u"/files/.*"_s);
    QCOMPARE(seen.size(), 2);
    QVERIFY(seen[0].header("range").isEmpty());
    QCOMPARE(seen[1].header("range"), QByteArray("bytes=307200-"));
    QCOMPARE(seen[1].header("if-range"), kEtag);
    QCOMPARE(fileSha256(part), source->sha256());
}

void TestHttpClient::serverIgnoringRangeRestarts()
{
    QTemporaryDir tmp;
    const QString part = tmp.filePath(u"b.part"_s);
    const auto source = std::make_shared<PatternBody>(100000, 7);
    writePart(part, *source, 5000); // left over from an earlier attempt
    writeMeta(part, kEtag);
    FakeResponse whole = FakeResponse::stream(source);
    whole.acceptRanges = false;
    m_server.failNext(u"/files/.*"_s, 1, whole);
    const auto r =
        m_http.download(HttpRequest::get(m_server.baseUrl() + u"/files/100000"_s), part, {});
    QVERIFY(r.ok());
    QCOMPARE(r->status, 200);
    QVERIFY(r->rangeRefused);
    QCOMPARE(r->resumedFrom, 0);
    QCOMPARE(m_server.requests(u"/files/.*"_s).value(0).header("range"), QByteArray("bytes=5000-"));
    QCOMPARE(fileSha256(part), source->sha256());
}

void TestHttpClient::wrongContentRangeRestarts()
{
    QTemporaryDir tmp;
    const QString part = tmp.filePath(u"c.part"_s);
    const auto source = std::make_shared<PatternBody>(100000, 7);
    writePart(part, *source, 4000);
    writeMeta(part, kEtag);
    FakeResponse wrong = FakeResponse::stream(source);
    wrong.etag = kEtag;
    wrong.fault = FakeResponse::Fault::WrongContentRange;
    m_server.failNext(u"/files/.*"_s, 1, wrong);
    const auto r =
        m_http.download(HttpRequest::get(m_server.baseUrl() + u"/files/100000"_s), part, {});
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    const auto seen = m_server.requests(u"/files/.*"_s);
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[0].header("range"), QByteArray("bytes=4000-"));
    QVERIFY(seen[1].header("range").isEmpty()); // started over
    QCOMPARE(fileSha256(part), source->sha256());
}

void TestHttpClient::completePartAnswered416()
{
    QTemporaryDir tmp;
    const QString part = tmp.filePath(u"d.part"_s);
    const auto source = std::make_shared<PatternBody>(5000, 7);
    writePart(part, *source, 5000);
    writeMeta(part, kEtag); // the length was not known
    const auto r =
        m_http.download(HttpRequest::get(m_server.baseUrl() + u"/files/5000"_s), part, {});
    QVERIFY(r.ok());
    QCOMPARE(r->bytesOnDisk, 5000);
    QCOMPARE(m_server.requestCount(u"/files/.*"_s), 1);
    QCOMPARE(fileSha256(part), source->sha256());
}

void TestHttpClient::completePartIsNotFetchedAgain()
{
    QTemporaryDir tmp;
    const QString part = tmp.filePath(u"d.part"_s);
    const auto source = std::make_shared<PatternBody>(5000, 7);
    writePart(part, *source, 5000);
    writeMeta(part, kEtag, 5000, u"job-1"_s);
    DownloadOptions options;
    options.source = u"job-1"_s;
    const auto r =
        m_http.download(HttpRequest::get(m_server.baseUrl() + u"/files/5000"_s), part, options);
    QVERIFY(r.ok());
    QVERIFY(r->alreadyComplete);
    QCOMPARE(r->bytesOnDisk, 5000);
    QCOMPARE(m_server.requestCount(u"/files/.*"_s), 0);
}

void TestHttpClient::aPartWithoutARecordIsNeverContinued()
{
    QTemporaryDir tmp;
    const QString part = tmp.filePath(u"e.part"_s);
    const auto other = std::make_shared<PatternBody>(100000, 9);
    writePart(part, *other, 40000); // whose bytes? nobody knows
    const auto r =
        m_http.download(HttpRequest::get(m_server.baseUrl() + u"/files/100000"_s), part, {});
    QVERIFY(r.ok());
    QVERIFY(m_server.requests(u"/files/.*"_s).value(0).header("range").isEmpty());
    QCOMPARE(fileSha256(part), PatternBody(100000, 7).sha256());
    QVERIFY(QFileInfo::exists(HttpClient::partMetaPath(part)));
}

void TestHttpClient::aPartOfAnotherSourceIsNeverContinued()
{
    QTemporaryDir tmp;
    const QString part = tmp.filePath(u"f.part"_s);
    writePart(part, PatternBody(100000, 7), 40000);
    writeMeta(part, kEtag, 100000, u"remote-job-1"_s);
    DownloadOptions options;
    options.source = u"remote-job-2"_s; // rendered again: another video at the same path
    const auto r =
        m_http.download(HttpRequest::get(m_server.baseUrl() + u"/files/100000"_s), part, options);
    QVERIFY(r.ok());
    QCOMPARE(r->resumedFrom, 0);
    QVERIFY(m_server.requests(u"/files/.*"_s).value(0).header("range").isEmpty());
}

void TestHttpClient::aChangedFileComesBackWhole()
{
    QTemporaryDir tmp;
    const QString part = tmp.filePath(u"g.part"_s);
    writePart(part, PatternBody(100000, 7), 40000);
    writeMeta(part, kEtag, 100000);
    // The address now serves another version (pattern 8): If-Range does not match.
    const auto r =
        m_http.download(HttpRequest::get(m_server.baseUrl() + u"/changed/100000"_s), part, {});
    QVERIFY(r.ok());
    QCOMPARE(r->status, 200);
    const auto seen = m_server.requests(u"/changed/.*"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].header("if-range"), kEtag);
    QCOMPARE(fileSha256(part), PatternBody(100000, 8).sha256());
}

void TestHttpClient::paidRequestsUseAConnectionOfTheirOwn()
{
    // Warm a keep-alive connection, then send a job-creating POST.
    QVERIFY(m_http.send(HttpRequest::get(m_server.baseUrl() + u"/json"_s)).ok());
    HttpRequest post = HttpRequest::postJson(m_server.baseUrl() + u"/paid"_s, R"({"n":1})");
    post.freshConnection = true;
    const auto r = m_http.send(post);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    const auto posts = m_server.requests(u"/paid"_s);
    QCOMPARE(posts.size(), 1);
    QCOMPARE(posts[0].onConnection, 1);
    // And its connection is not left open for the next request to reuse.
    QVERIFY(m_http.send(HttpRequest::get(m_server.baseUrl() + u"/json"_s)).ok());
    QVERIFY(m_server.requests(u"/json"_s).last().connectionId != posts[0].connectionId);
}

void TestHttpClient::aResetAfterAPaidPostIsNotProvenUnsent()
{
    m_server.failNext(u"/echo"_s, 1, FakeResponse::withFault(FakeResponse::Fault::Reset));
    HttpRequest post = HttpRequest::postJson(m_server.baseUrl() + u"/echo"_s, R"({"n":2})");
    post.freshConnection = true;
    const auto r = m_http.send(post);
    QVERIFY(!r.ok());
    QVERIFY(r.error().requestSent);
    QVERIFY(!RetryPolicy::provesNothingCreated(r.error()));
    QCOMPARE(m_server.requestCount(u"/echo"_s), 1); // libcurl did not send it again
}

void TestHttpClient::errorStatusDoesNotWriteTheFile()
{
    QTemporaryDir tmp;
    const QString part = tmp.filePath(u"e.part"_s);
    const auto r =
        m_http.download(HttpRequest::get(m_server.baseUrl() + u"/nothing-here"_s), part, {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 404);
    QVERIFY(!QFileInfo::exists(part));
}

void TestHttpClient::writeErrorGivesTheSystemMessage()
{
    QTemporaryDir tmp;
    // A file where the folder should be: fails for every user, root included.
    QFile blocker(tmp.filePath(u"clips"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const auto r = m_http.download(HttpRequest::get(m_server.baseUrl() + u"/files/1000"_s),
                                   tmp.filePath(u"clips/x.part"_s), {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Io);
    QVERIFY2(r.error().message.contains(u"clips/x.part"_s), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(u"directory"_s, Qt::CaseInsensitive) ||
                 r.error().message.contains(u"No such file"_s),
             qPrintable(r.error().message));
}

void TestHttpClient::followsRedirects()
{
    m_server.failNext(u"/old"_s, 1, FakeResponse::redirect(302, "/json"));
    const auto r = m_http.send(HttpRequest::get(m_server.baseUrl() + u"/old"_s));
    QVERIFY(r.ok());
    QCOMPARE(r->status, 200);
    QVERIFY(r->effectiveUrl.endsWith(u"/json"_s));
}

void TestHttpClient::crossHostRedirectDropsTheKey()
{
    // Same origin keeps the key; "localhost" is another origin than 127.0.0.1.
    const QByteArray other =
        "http://localhost:" + QByteArray::number(m_server.port()) + "/files/100";
    m_server.failNext(u"/same"_s, 1, FakeResponse::redirect(307, "/redirected"));
    m_server.failNext(u"/redirected"_s, 1, FakeResponse::redirect(302, other));
    HttpRequest req = HttpRequest::get(m_server.baseUrl() + u"/same"_s);
    req.headers.set("x-goog-api-key", "AIzaSECRETKEY123");
    QTemporaryDir tmp;
    const auto r = m_http.download(req, tmp.filePath(u"f.part"_s), {});
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    const auto seen = m_server.requests();
    QCOMPARE(seen.size(), 3);
    QCOMPARE(seen[0].header("x-goog-api-key"), QByteArray("AIzaSECRETKEY123"));
    QCOMPARE(seen[1].header("x-goog-api-key"), QByteArray("AIzaSECRETKEY123"));
    QVERIFY(seen[2].header("x-goog-api-key").isEmpty());
    QVERIFY(seen[2].header("host").startsWith("localhost"));
}

void TestHttpClient::redirectToFileIsRefused()
{
    m_server.failNext(u"/evil"_s, 1, FakeResponse::redirect(302, "file:///etc/passwd"));
    HttpRequest req = HttpRequest::get(m_server.baseUrl() + u"/evil"_s);
    req.allowFileScheme = true; // even then, a redirect may not go to a local file
    const auto r = m_http.send(req);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Invalid);
    QVERIFY2(r.error().message.contains(u"file"_s), qPrintable(r.error().message));
}

void TestHttpClient::fileUrlsOnlyWhenAllowed()
{
    QTemporaryDir tmp;
    const QString src = tmp.filePath(u"render.mp4"_s);
    {
        QFile f(src);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(12345, 'r'));
    }
    HttpRequest req = HttpRequest::get(QUrl::fromLocalFile(src).toString());
    QVERIFY(!m_http.download(req, tmp.filePath(u"x.part"_s), {}).ok());
    req.allowFileScheme = true;
    const auto r = m_http.download(req, tmp.filePath(u"x.part"_s), {});
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->bytesOnDisk, 12345);
}

void TestHttpClient::proxyFromSettings()
{
    FakeApiServer proxy;
    QVERIFY(proxy.start());
    proxy.route("GET", u"/via-proxy"_s, [](const FakeRequest&) {
        return FakeResponse::json(200, {{"proxied", true}});
    });
    HttpClient::setProxy(proxy.baseUrl());
    const auto r = m_http.send(HttpRequest::get(u"http://example.invalid/via-proxy"_s));
    HttpClient::setProxy({});
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    const auto seen = proxy.requests(u"/via-proxy"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].target, QByteArray("http://example.invalid/via-proxy"));
}

void TestHttpClient::secretsNeverReachTheLog()
{
    const QByteArray bearer = "sk-live-SECRETBEARER0001";
    const QByteArray google = "AIzaSECRETGOOGLE0002";
    const QByteArray query = "SECRETQUERYKEY0003";
    QLoggingCategory::setFilterRules(u"t2v.*.debug=true"_s);
    LogSink::install(QtFatalMsg); // keep stderr quiet; the listener sees everything
    QMutex mutex;
    QStringList lines;
    const int listener = LogSink::addListener([&](const LogEntry& e) {
        QMutexLocker lock(&mutex);
        lines.append(LogSink::format(e));
    });

    HttpRequest a =
        HttpRequest::get(m_server.baseUrl() + u"/json?key="_s + QString::fromLatin1(query));
    a.headers.set("Authorization", "Bearer " + bearer);
    a.headers.set("x-goog-api-key", google);
    (void)m_http.send(a);
    m_server.failNext(u"/json"_s, 1,
                      FakeResponse::json(403, {{"error", {{"message", "bad key"}}}}));
    (void)m_http.send(a);
    HttpRequest refused = a;
    refused.url = u"http://127.0.0.1:1/json?key="_s + QString::fromLatin1(query);
    (void)m_http.send(refused);
    Redactor::addSecret(QString::fromLatin1(bearer));
    qWarning("a careless message that contains %s", bearer.constData());
    qCWarning(lcNet, "a header dump: x-goog-api-key: %s", google.constData());

    LogSink::removeListener(listener);
    qInstallMessageHandler(nullptr);
    QLoggingCategory::setFilterRules(QString());
    QMutexLocker lock(&mutex);
    QVERIFY(lines.size() >= 5);
    bool sawRedactedUrl = false;
    for (const QString& line : std::as_const(lines)) {
        for (const QByteArray& secret : {bearer, google, query})
            QVERIFY2(!line.contains(QString::fromLatin1(secret)), qPrintable(line));
        sawRedactedUrl = sawRedactedUrl || line.contains(u"key=***"_s);
    }
    QVERIFY(sawRedactedUrl);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"

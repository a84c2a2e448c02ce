// Tests for RetryPolicy and runWithRetry with a fake clock: which errors are retried, how
// long each wait is, and that server delays are honoured.

#include "fakeclock.h"
#include "net/retrypolicy.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;

namespace {

Error httpError(int status)
{
    Error e = Error::make(ErrorKind::Http, u"status"_s);
    e.httpStatus = status;
    return e;
}

} // namespace

class TestRetryPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void retryable_data();
    void retryable();
    void backoffGrowsAndIsCapped();
    void jitterShortensWithinBounds();
    void serverDelayIsAFloor();
    void tooLongServerDelayIsNotRetried();
    void createRequestsRetryOnlyWhenProvablyNotCreated_data();
    void createRequestsRetryOnlyWhenProvablyNotCreated();
    void runStopsAfterMaxRetries();
    void runStopsOnCancel();
};

void TestRetryPolicy::retryable_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("quota");
    QTest::addColumn<bool>("retry");
    QTest::newRow("network") << int(ErrorKind::Network) << 0 << false << true;
    QTest::newRow("timeout") << int(ErrorKind::Timeout) << 0 << false << true;
    QTest::newRow("408") << int(ErrorKind::Http) << 408 << false << true;
    QTest::newRow("409") << int(ErrorKind::Http) << 409 << false << true;
    QTest::newRow("429") << int(ErrorKind::Http) << 429 << false << true;
    QTest::newRow("500") << int(ErrorKind::Http) << 500 << false << true;
    QTest::newRow("503") << int(ErrorKind::Http) << 503 << false << true;
    QTest::newRow("400") << int(ErrorKind::Http) << 400 << false << false;
    QTest::newRow("401") << int(ErrorKind::Http) << 401 << false << false;
    QTest::newRow("404") << int(ErrorKind::Http) << 404 << false << false;
    QTest::newRow("429 not today") << int(ErrorKind::Http) << 429 << true << false;
    QTest::newRow("cancelled") << int(ErrorKind::Cancelled) << 0 << false << false;
    QTest::newRow("io") << int(ErrorKind::Io) << 0 << false << false;
}

void TestRetryPolicy::retryable()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(bool, quota);
    QFETCH(bool, retry);
    Error e = Error::make(ErrorKind(kind), u"x"_s);
    e.httpStatus = status;
    e.quotaExhausted = quota;
    QCOMPARE(RetryPolicy::isRetryable(e), retry);
}

void TestRetryPolicy::backoffGrowsAndIsCapped()
{
    RetryPolicy p;
    p.maxRetries = 6;
    p.initialBackoff = 500ms;
    p.maxBackoff = 3000ms;
    p.jitter = 0.0;
    const Error e = httpError(500);
    QCOMPARE(*p.delayBeforeRetry(e, 1, 0.5), 500ms);
    QCOMPARE(*p.delayBeforeRetry(e, 2, 0.5), 1000ms);
    QCOMPARE(*p.delayBeforeRetry(e, 3, 0.5), 2000ms);
    QCOMPARE(*p.delayBeforeRetry(e, 4, 0.5), 3000ms);
    QCOMPARE(*p.delayBeforeRetry(e, 6, 0.5), 3000ms);
    QVERIFY(!p.delayBeforeRetry(e, 7, 0.5)); // out of retries
}

void TestRetryPolicy::jitterShortensWithinBounds()
{
    RetryPolicy p;
    p.jitter = 0.25;
    const Error e = httpError(502);
    QCOMPARE(*p.delayBeforeRetry(e, 1, 0.0), 500ms);
    QCOMPARE(*p.delayBeforeRetry(e, 1, 1.0), 375ms);
    const auto mid = *p.delayBeforeRetry(e, 1, 0.5);
    QVERIFY(mid > 375ms && mid < 500ms);
}

void TestRetryPolicy::serverDelayIsAFloor()
{
    RetryPolicy p;
    Error e = httpError(429);
    e.retryAfter = 7000ms;
    for (double r : {0.0, 0.3, 0.99}) {
        const auto d = *p.delayBeforeRetry(e, 1, r);
        QVERIFY(d >= 7000ms);
        QVERIFY(d <= 7700ms);
    }
}

void TestRetryPolicy::tooLongServerDelayIsNotRetried()
{
    RetryPolicy p;
    p.maxServerDelay = 120s;
    Error e = httpError(429);
    e.retryAfter = 121s;
    QVERIFY(!p.delayBeforeRetry(e, 1, 0.0));
}

void TestRetryPolicy::createRequestsRetryOnlyWhenProvablyNotCreated_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("sent");
    QTest::addColumn<bool>("safe");
    QTest::newRow("refused") << int(ErrorKind::Network) << 0 << false << true;
    QTest::newRow("reset after send") << int(ErrorKind::Network) << 0 << true << false;
    QTest::newRow("timeout after send") << int(ErrorKind::Timeout) << 0 << true << false;
    QTest::newRow("429") << int(ErrorKind::Http) << 429 << true << true;
    QTest::newRow("503") << int(ErrorKind::Http) << 503 << true << true;
    QTest::newRow("500") << int(ErrorKind::Http) << 500 << true << false;
    QTest::newRow("502") << int(ErrorKind::Http) << 502 << true << false;
    QTest::newRow("504") << int(ErrorKind::Http) << 504 << true << false;
}

void TestRetryPolicy::createRequestsRetryOnlyWhenProvablyNotCreated()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(bool, sent);
    QFETCH(bool, safe);
    Error e = Error::make(ErrorKind(kind), u"x"_s);
    e.httpStatus = status;
    e.requestSent = sent;
    QCOMPARE(RetryPolicy::provesNothingCreated(e), safe);
}

void TestRetryPolicy::runStopsAfterMaxRetries()
{
    test::FakeClock clock;
    RetryPolicy p;
    p.maxRetries = 2;
    int calls = 0;
    const Result<int> r = runWithRetry<int>(p, clock, CancelToken(), [&]() -> Result<int> {
        ++calls;
        return httpError(503);
    });
    QVERIFY(!r.ok());
    QCOMPARE(calls, 3);
    QCOMPARE(clock.sleeps().size(), 2);

    calls = 0;
    const Result<int> ok = runWithRetry<int>(p, clock, CancelToken(), [&]() -> Result<int> {
        return ++calls < 2 ? Result<int>(httpError(500)) : Result<int>(42);
    });
    QCOMPARE(ok.value(), 42);
    QCOMPARE(calls, 2);
}

void TestRetryPolicy::runStopsOnCancel()
{
    test::FakeClock clock;
    CancelToken cancel;
    int calls = 0;
    const Result<int> r = runWithRetry<int>(RetryPolicy{}, clock, cancel, [&]() -> Result<int> {
        ++calls;
        cancel.cancel();
        return httpError(503);
    });
    QVERIFY(!r.ok());
    QCOMPARE(calls, 1);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"

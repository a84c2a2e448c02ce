// Tests for RateLimiter with a fake clock: the sliding window, per-key budgets and threads.

#include "fakeclock.h"
#include "net/ratelimiter.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;

class TestRateLimiter final : public QObject
{
    Q_OBJECT

private slots:
    void budgetPerWindow();
    void windowSlides();
    void keysAreIndependent();
    void waitTimeIsExact();
    void threadsNeverOverspend();
};

void TestRateLimiter::budgetPerWindow()
{
    test::FakeClock clock;
    RateLimiter limiter(clock);
    for (int i = 0; i < 5; ++i)
        QVERIFY(limiter.tryAcquire(u"a"_s, 5));
    QVERIFY(!limiter.tryAcquire(u"a"_s, 5));
    QCOMPARE(limiter.used(u"a"_s), 5);
}

void TestRateLimiter::windowSlides()
{
    test::FakeClock clock;
    RateLimiter limiter(clock);
    QVERIFY(limiter.tryAcquire(u"a"_s, 2)); // t = 0
    clock.advance(30s);
    QVERIFY(limiter.tryAcquire(u"a"_s, 2)); // t = 30
    QVERIFY(!limiter.tryAcquire(u"a"_s, 2));
    clock.advance(29999ms);
    QVERIFY(!limiter.tryAcquire(u"a"_s, 2)); // t = 59.999: the first is still inside
    clock.advance(1ms);
    QVERIFY(limiter.tryAcquire(u"a"_s, 2)); // t = 60: the first left the window
    QVERIFY(!limiter.tryAcquire(u"a"_s, 2));
}

void TestRateLimiter::keysAreIndependent()
{
    test::FakeClock clock;
    RateLimiter limiter(clock);
    QVERIFY(limiter.tryAcquire(u"a"_s, 1));
    QVERIFY(!limiter.tryAcquire(u"a"_s, 1));
    QVERIFY(limiter.tryAcquire(u"b"_s, 1));
    limiter.reset(u"a"_s);
    QVERIFY(limiter.tryAcquire(u"a"_s, 1));
}

void TestRateLimiter::waitTimeIsExact()
{
    test::FakeClock clock;
    RateLimiter limiter(clock);
    QCOMPARE(limiter.timeUntilAvailable(u"a"_s, 3), 0ms);
    QVERIFY(limiter.tryAcquire(u"a"_s, 3));
    clock.advance(10s);
    QVERIFY(limiter.tryAcquire(u"a"_s, 3));
    clock.advance(10s);
    QVERIFY(limiter.tryAcquire(u"a"_s, 3));
    QCOMPARE(limiter.timeUntilAvailable(u"a"_s, 3), 40s); // the first leaves at t = 60
    QCOMPARE(limiter.timeUntilAvailable(u"a"_s, 2), 50s); // at 2 per minute the second must leave
    clock.advance(40s);
    QCOMPARE(limiter.timeUntilAvailable(u"a"_s, 3), 0ms);
}

void TestRateLimiter::threadsNeverOverspend()
{
    test::FakeClock clock;
    RateLimiter limiter(clock);
    std::atomic_int granted = 0;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back(QThread::create([&] {
            for (int i = 0; i < 500; ++i) {
                if (limiter.tryAcquire(u"shared"_s, 100))
                    ++granted;
            }
        }));
        threads.back()->start();
    }
    for (auto& t : threads)
        t->wait();
    QCOMPARE(granted.load(), 100);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"

// Tests for Poller against the fake Veo and fal servers: one poll at a time per operation,
// growing intervals, the creating account's key, the request budget, render failures, a
// rejected key, and resuming after the project is reopened.

#include "fakeclock.h"
#include "jobfixture.h"
#include "jobstack.h"
#include "testhelpers.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

namespace {

const QString kPoll = u"/v1beta/models/.*/operations/.*"_s;

} // namespace

class TestPoller final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pollsUntilReadyWithoutOverlap();
    void intervalGrowsWhileRunning();
    void everyPollCarriesTheCreatingKey();
    void pollsCountAgainstTheBudget();
    void renderFailuresAreReported();
    void rejectedKeyFailsTheJobRetryChecksAgain();
    void reopeningResumesEveryJob();
    void falJobsToo();
    void aJobSubmittedLongAgoIsPolledAfterReopening();
    void renderTimeoutCountsWatchedTimeWithoutProgress();
    void anExpiredUrlOfAnOldJobIsRefreshed();

private:
    void setUp(int scenes, const QStringList& accounts, Clock& clock = Clock::system());
    void submitAll();
    std::unique_ptr<JobFixture> m_f;
    std::unique_ptr<JobStack> m_stack;
};

void TestPoller::init()
{
    m_f = std::make_unique<JobFixture>(200ms);
    QVERIFY(m_f->ok());
}

void TestPoller::cleanup()
{
    m_stack.reset();
    m_f.reset();
}

void TestPoller::setUp(int scenes, const QStringList& accounts, Clock& clock)
{
    QVERIFY(m_f->createProject(scenes));
    m_stack = std::make_unique<JobStack>(*m_f, clock);
    QVERIFY(m_stack->useAccounts(accounts).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, scenes), opts(accounts)).ok());
}

void TestPoller::submitAll()
{
    m_stack->scheduler.start();
    QVERIFY(waitFor([&] {
        return countState(m_f->store->project(), JobState::Queued) == 0 &&
               !m_stack->scheduler.isBusy();
    }));
}

void TestPoller::pollsUntilReadyWithoutOverlap()
{
    m_f->addVeo(u"a"_s, u"key-a"_s, 5);
    setUp(3, {u"a"_s});
    m_f->server.setLatency(kPoll, Latency{30ms}); // each poll takes longer than the tick
    submitAll();
    QSignalSpy ready(&m_stack->poller, &Poller::jobsReady);
    m_stack->poller.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Ready) == 3; }));
    for (const VideoJob& j : p.jobs)
        QVERIFY2(j.videoUrl.contains(u"/v1beta/files/"_s), qPrintable(j.videoUrl));
    QVERIFY(ready.count() >= 1);
    QVERIFY(m_f->server.waitForIdle());
    QMap<QString, QList<FakeRequest>> byOperation;
    for (const FakeRequest& r : m_f->server.requests(kPoll))
        byOperation[r.path].append(r);
    QCOMPARE(byOperation.size(), 3);
    for (const auto& polls : std::as_const(byOperation)) {
        QVERIFY(polls.size() >= 2);
        for (int i = 1; i < polls.size(); ++i)
            QVERIFY2(polls[i].receivedAtMs >= polls[i - 1].finishedAtMs,
                     "two polls of one operation overlapped");
    }
    // The URL is on disk: a crash now would not lose the paid clip.
    QTRY_COMPARE(ProjectStore::load(m_f->store->filePath())->jobs.value(0).state, JobState::Ready);
}

void TestPoller::intervalGrowsWhileRunning()
{
    m_f->addVeo(u"a"_s, u"key-a"_s, 5);
    m_f->routes->setRenderTime(600ms);
    setUp(1, {u"a"_s});
    submitAll();
    m_stack->poller.start();
    QVERIFY(waitFor([&] { return countState(m_f->store->project(), JobState::Ready) == 1; }));
    const auto polls = m_f->server.requests(kPoll);
    QVERIFY(polls.size() >= 4);
    // 20 ms, 30, 45, then capped at 60: far fewer polls than a fixed 20 ms would make.
    QVERIFY2(polls.size() < 600 / 20, qPrintable(QString::number(polls.size())));
    const qint64 firstGap = polls[1].receivedAtMs - polls[0].receivedAtMs;
    const qint64 lastGap = polls.last().receivedAtMs - polls[polls.size() - 2].receivedAtMs;
    QVERIFY2(lastGap > firstGap, qPrintable(u"%1 then %2"_s.arg(firstGap).arg(lastGap)));
}

void TestPoller::everyPollCarriesTheCreatingKey()
{
    m_f->addVeo(u"a"_s, u"key-a"_s, 1);
    m_f->addVeo(u"b"_s, u"key-b"_s, 1);
    setUp(2, {u"a"_s, u"b"_s});
    submitAll();
    m_stack->poller.start();
    QVERIFY(waitFor([&] { return countState(m_f->store->project(), JobState::Ready) == 2; }));
    const Project& p = m_f->store->project();
    QMap<QString, QByteArray> keyOf;
    for (const VideoJob& j : p.jobs)
        keyOf.insert(u"/v1beta/"_s + j.remoteId, j.accountId == u"a"_s ? "key-a" : "key-b");
    for (const FakeRequest& r : m_f->server.requests(kPoll))
        QCOMPARE(r.header("x-goog-api-key"), keyOf.value(r.path));
}

void TestPoller::pollsCountAgainstTheBudget()
{
    FakeClock clock;
    m_f->addVeo(u"a"_s, u"key-a"_s, 5, 4);
    m_f->routes->setRenderTime(60000ms); // never done during the test
    setUp(1, {u"a"_s}, clock);
    submitAll(); // one request of the four per minute
    m_stack->poller.start();
    // Intervals and the budget run on the same (fake) clock: step it, well within the minute.
    for (int i = 0; i < 20; ++i) {
        clock.advance(100ms);
        QTest::qWait(20);
    }
    QVERIFY(m_f->server.waitForIdle());
    QCOMPARE(m_f->server.requestCount(kPoll), 3); // the rest of the budget, no more
    clock.advance(60000ms);
    QVERIFY(waitFor([&] { return m_f->server.requestCount(kPoll) > 3; }, 3000));
}

void TestPoller::renderFailuresAreReported()
{
    m_f->addVeo(u"a"_s, u"key-a"_s, 5);
    QVERIFY(m_f->createProject(2));
    Project& p = m_f->store->project();
    p.script.scenes[0].visualPrompt = u"[blocked] a scene"_s;
    p.script.scenes[1].visualPrompt = u"[fail] a scene"_s;
    m_stack = std::make_unique<JobStack>(*m_f);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    m_stack->poller.setIntervalOverride(20ms, 40ms);
    QVERIFY(m_stack->scheduler.addJobs({1, 2}, opts({u"a"_s})).ok());
    submitAll();
    QSignalSpy failed(&m_stack->poller, &Poller::jobsFailed);
    m_stack->poller.start();
    QVERIFY(waitFor([&] { return countState(p, JobState::Failed) == 2; }));
    QCOMPARE(p.jobs[0].failedStage, JobStage::Render);
    QVERIFY(p.jobs[0].error.contains(u"safety filter"_s));
    QVERIFY(p.jobs[1].error.contains(u"internal error"_s));
    QCOMPARE(failed.count(), 2);
}

void TestPoller::rejectedKeyFailsTheJobRetryChecksAgain()
{
    m_f->addVeo(u"a"_s, u"key-a"_s, 5);
    m_f->routes->setRenderTime(300ms);
    setUp(1, {u"a"_s});
    submitAll();
    m_f->routes->setKeyBehaviour(u"key-a"_s, {401});
    m_stack->poller.start();
    // Looked up at each use: a save shares the job list with the writer thread, so a
    // reference taken now may point into the writer's copy once the list is changed.
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    QVERIFY(waitFor([&] { return job().state == JobState::Failed; }));
    QCOMPARE(job().failedStage, JobStage::Poll);
    QVERIFY2(job().error.contains(u"not bought again"_s), qPrintable(job().error));
    const int created = m_f->routes->operationsCreated();

    m_f->routes->setKeyBehaviour(u"key-a"_s, {});
    QVERIFY(m_stack->scheduler.retry({job().id}).ok());
    QCOMPARE(job().state, JobState::Submitted);
    QVERIFY(waitFor([&] { return job().state == JobState::Ready; }));
    QCOMPARE(m_f->routes->operationsCreated(), created); // checked again, not bought again
}

void TestPoller::reopeningResumesEveryJob()
{
    m_f->addVeo(u"a"_s, u"key-a"_s, 5);
    m_f->routes->setRenderTime(300ms);
    setUp(3, {u"a"_s});
    submitAll();
    // The program quits before anything is finished.
    m_stack.reset();
    m_f->closeProject();
    const int created = m_f->routes->operationsCreated();

    QVERIFY(m_f->reopenProject());
    QCOMPARE(countState(m_f->store->project(), JobState::Submitted), 3);
    m_stack = std::make_unique<JobStack>(*m_f);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    m_stack->poller.setIntervalOverride(20ms, 40ms);
    m_stack->poller.start();
    QVERIFY(waitFor([&] { return countState(m_f->store->project(), JobState::Ready) == 3; }));
    QCOMPARE(m_f->routes->operationsCreated(), created);
}

void TestPoller::falJobsToo()
{
    m_f->addFal(u"f"_s, u"fal-key"_s, 5);
    setUp(2, {u"f"_s});
    submitAll();
    m_stack->poller.start();
    Project& p = m_f->store->project();
    bool sawRendering = false;
    QVERIFY(waitFor([&] {
        sawRendering = sawRendering || countState(p, JobState::Rendering) > 0;
        return countState(p, JobState::Ready) == 2;
    }));
    QVERIFY(sawRendering);
    QVERIFY(p.jobs[0].videoUrl.contains(u"/fal-cdn/"_s));
    for (const FakeRequest& r : m_f->server.requests(u"/fal/.*/status"_s))
        QCOMPARE(r.header("authorization"), QByteArray("Key fal-key"));
}

void TestPoller::aJobSubmittedLongAgoIsPolledAfterReopening()
{
    // Submitted in the evening, the program closed, reopened the next morning.
    m_f->addVeo(u"a"_s, u"key-a"_s, 5);
    setUp(2, {u"a"_s});
    submitAll();
    const QDateTime evening = QDateTime::currentDateTimeUtc().addSecs(-10 * 3600);
    for (VideoJob& j : m_f->store->project().jobs)
        j.submittedAt = evening;
    m_f->store->project().jobs[1].state = JobState::Rendering;
    m_stack->poller.start(); // the default render timeout: 30 minutes
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Ready) == 2; }));
    QVERIFY(m_f->server.requestCount(kPoll) >= 2);
    QCOMPARE(countState(p, JobState::Failed), 0);
}

void TestPoller::renderTimeoutCountsWatchedTimeWithoutProgress()
{
    FakeClock clock;
    m_f->addVeo(u"a"_s, u"key-a"_s, 5);
    m_f->routes->setRenderTime(600000ms); // never done during the test
    setUp(1, {u"a"_s}, clock);
    m_stack->poller.setRenderTimeout(1000ms);
    submitAll();
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    job().submittedAt = QDateTime::currentDateTimeUtc().addDays(-2); // not what counts
    m_stack->poller.start();
    // Watched without progress, on the poller's clock: 900 ms is not enough.
    for (int i = 0; i < 9; ++i) {
        clock.advance(100ms);
        QTest::qWait(15);
    }
    QVERIFY(m_f->server.waitForIdle());
    QVERIFY(m_f->server.requestCount(kPoll) >= 1);
    QVERIFY2(isRemotePending(job().state), qPrintable(job().error));
    QVERIFY(waitFor([&] {
        clock.advance(100ms);
        return job().state == JobState::Failed;
    }));
    QCOMPARE(job().failedStage, JobStage::Poll);
    QVERIFY2(job().error.contains(u"not be submitted again"_s), qPrintable(job().error));
    QVERIFY(job().retryable);

    // Retry keeps checking it: polled again, not failed at once, never bought again.
    const int polls = m_f->server.requestCount(kPoll);
    const int created = m_f->routes->operationsCreated();
    QVERIFY(m_stack->scheduler.retry({job().id}).ok());
    QCOMPARE(job().state, JobState::Submitted);
    QVERIFY(waitFor([&] {
        clock.advance(30ms);
        return m_f->server.requestCount(kPoll) > polls + 1;
    }));
    QVERIFY2(isRemotePending(job().state), qPrintable(job().error));
    QCOMPARE(m_f->routes->operationsCreated(), created);
}

void TestPoller::anExpiredUrlOfAnOldJobIsRefreshed()
{
    // A finished clip whose address expired while the program was closed for a day.
    m_f->addVeo(u"a"_s, u"key-a"_s, 5);
    setUp(1, {u"a"_s});
    submitAll();
    m_stack->poller.start();
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    QVERIFY(waitFor([&] { return job().state == JobState::Ready; }));
    m_stack->poller.stop();
    job().submittedAt = QDateTime::currentDateTimeUtc().addDays(-1);
    job().videoUrl.clear();
    job().state = JobState::Rendering; // what the download manager does with an expired address
    m_stack->poller.start();
    m_stack->poller.refreshUrl(job().id);
    QVERIFY(waitFor([&] { return job().state == JobState::Ready; }));
    QVERIFY(!job().videoUrl.isEmpty());
}

QTEST_GUILESS_MAIN(TestPoller)
#include "tst_poller.moc"

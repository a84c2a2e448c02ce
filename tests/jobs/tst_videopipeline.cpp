// End-to-end tests of VideoPipeline: local animatics, Veo across several accounts within their
// caps with every poll and download on the creating key, a 429 account and a rejected key while
// the others finish, an expired URL, and a quit after submission that is resumed without
// buying anything twice.

#include "jobfixture.h"
#include "jobs/videopipeline.h"
#include "testhelpers.h"
#include "testmedia.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

class TestVideoPipeline final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void localAnimaticsEndToEnd();
    void veoAcrossAccountsWithinCaps();
    void busyAndRejectedAccountsWhileOthersFinish();
    void expiredUrlIsRefreshedByPolling();
    void quitAfterSubmittingThenResumeBuysNothingTwice();
    void crashDuringSubmissionIsUnconfirmed();
    void missingFfmpegIsReportedBeforeAnyRequest();
    void summaryLine();

private:
    bool runToIdle(VideoPipeline& pipeline, int timeoutMs = 60000);
    std::unique_ptr<JobFixture> m_f;
    QTemporaryDir m_cache;
};

void TestVideoPipeline::init()
{
    m_f = std::make_unique<JobFixture>(150ms);
    QVERIFY(m_f->ok());
}

void TestVideoPipeline::cleanup()
{
    m_f.reset();
}

bool TestVideoPipeline::runToIdle(VideoPipeline& pipeline, int timeoutMs)
{
    QSignalSpy idle(&pipeline, &VideoPipeline::idle);
    pipeline.start();
    // Idle, and what the run saved (asynchronously) is on disk for the tests to read back.
    return waitFor([&] { return idle.count() > 0 && m_f->store->pendingSaves() == 0; }, timeoutMs);
}

void TestVideoPipeline::localAnimaticsEndToEnd()
{
    QVERIFY(m_f->createProject(3, u"9:16"_s));
    VideoPipeline pipeline(*m_f->store);
    PipelineOptions o = JobFixture::fastOptions();
    o.renderCacheDir = m_cache.path();
    QVERIFY(pipeline.prepare({u"local"_s}, *m_f->accounts, *m_f->secrets, o).ok());
    QVERIFY(pipeline.addJobs(range(1, 3), opts({u"local"_s})).ok());
    QSignalSpy wave(&pipeline, &VideoPipeline::waveFinished);
    QVERIFY(runToIdle(pipeline));
    const Project& p = m_f->store->project();
    for (const VideoJob& j : p.jobs) {
        QCOMPARE(j.state, JobState::Done);
        QCOMPARE(j.provider, u"local"_s);
        const QString clip = m_f->store->absolutePath(j.clipPath);
        QVERIFY(qAbs(test::probeDuration(clip) - 4.0) < 0.05);
        QCOMPARE(test::probeSize(clip), u"720x1280"_s);
        QVERIFY(QFileInfo::exists(m_f->store->absolutePath(j.thumbPath)));
    }
    QVERIFY(wave.count() >= 1);
    QCOMPARE(m_f->server.requests().size(), 0); // nothing went over the network
}

void TestVideoPipeline::veoAcrossAccountsWithinCaps()
{
    QVERIFY(m_f->createProject(8));
    m_f->addVeo(u"a"_s, u"key-a"_s, 2);
    m_f->addVeo(u"b"_s, u"key-b"_s, 1);
    VideoPipeline pipeline(*m_f->store);
    QVERIFY(
        pipeline.prepare({u"a"_s, u"b"_s}, *m_f->accounts, *m_f->secrets, JobFixture::fastOptions())
            .ok());
    QVERIFY(pipeline.addJobs(range(1, 8), opts({u"a"_s, u"b"_s})).ok());
    QVERIFY(runToIdle(pipeline));
    const Project& p = m_f->store->project();
    QMap<QString, QString> keyOfOperation;
    for (const VideoJob& j : p.jobs) {
        QCOMPARE(j.state, JobState::Done);
        keyOfOperation.insert(j.remoteId.section(u'-', -1),
                              j.accountId == u"a"_s ? u"key-a"_s : u"key-b"_s);
    }
    QVERIFY(m_f->routes->peakActiveOperations(u"key-a"_s) <= 2);
    QVERIFY(m_f->routes->peakActiveOperations(u"key-b"_s) <= 1);
    QVERIFY(m_f->routes->operationsCreated(u"key-a"_s) > 0);
    QVERIFY(m_f->routes->operationsCreated(u"key-b"_s) > 0);
    QCOMPARE(m_f->routes->operationsCreated(), 8);
    // Polls and downloads use the key of the account that created the job.
    for (const FakeRequest& r : m_f->server.requests(u"/v1beta/models/.*/operations/.*"_s))
        QCOMPARE(QString::fromLatin1(r.header("x-goog-api-key")),
                 keyOfOperation.value(r.path.section(u'-', -1)));
    const auto downloads = m_f->server.requests(u"/v1beta/files/.*"_s);
    QCOMPARE(downloads.size(), 8);
    for (const FakeRequest& r : downloads)
        QCOMPARE(QString::fromLatin1(r.header("x-goog-api-key")),
                 keyOfOperation.value(r.path.section(u'/', -1).mid(1).section(u'g', 0, 0)));
}

void TestVideoPipeline::busyAndRejectedAccountsWhileOthersFinish()
{
    QVERIFY(m_f->createProject(5));
    m_f->addVeo(u"busy"_s, u"key-busy"_s, 5);
    m_f->addVeo(u"bad"_s, u"key-bad"_s, 5);
    m_f->addVeo(u"good"_s, u"key-good"_s, 2);
    m_f->routes->setKeyBehaviour(u"key-busy"_s, {429, 2});
    m_f->routes->setKeyBehaviour(u"key-bad"_s, {401});
    VideoPipeline pipeline(*m_f->store);
    QVERIFY(pipeline
                .prepare({u"busy"_s, u"bad"_s, u"good"_s}, *m_f->accounts, *m_f->secrets,
                         JobFixture::fastOptions())
                .ok());
    QSignalSpy problems(&pipeline, &VideoPipeline::problem);
    QVERIFY(pipeline.addJobs(range(1, 5), opts({u"busy"_s, u"bad"_s, u"good"_s})).ok());
    QVERIFY(runToIdle(pipeline));
    for (const VideoJob& j : m_f->store->project().jobs) {
        QCOMPARE(j.state, JobState::Done);
        QCOMPARE(j.accountId, u"good"_s);
    }
    // The rejected key's account is disabled, also in the account list; the busy one is not.
    QVERIFY(!m_f->accounts->find(u"bad"_s)->enabled);
    QVERIFY(m_f->accounts->find(u"busy"_s)->enabled);
    // The busy account was asked once, then left alone for at least its Retry-After.
    QList<qint64> busy;
    for (const FakeRequest& r : m_f->server.requests(u"/v1beta/models/.*:predictLongRunning"_s)) {
        if (r.header("x-goog-api-key") == "key-busy")
            busy.append(r.receivedAtMs);
    }
    QVERIFY(!busy.isEmpty());
    for (int i = 1; i < busy.size(); ++i)
        QVERIFY(busy[i] - busy[i - 1] >= 2000);
    QVERIFY(!problems.isEmpty());
}

void TestVideoPipeline::expiredUrlIsRefreshedByPolling()
{
    QVERIFY(m_f->createProject(1));
    m_f->addVeo(u"a"_s, u"key-a"_s);
    m_f->routes->expireNextDownloads(1);
    VideoPipeline pipeline(*m_f->store);
    QVERIFY(
        pipeline.prepare({u"a"_s}, *m_f->accounts, *m_f->secrets, JobFixture::fastOptions()).ok());
    QVERIFY(pipeline.addJobs({1}, opts({u"a"_s})).ok());
    QVERIFY(runToIdle(pipeline));
    // Looked up at each use: a save shares the job list with the writer thread, so a
    // reference taken now may point into the writer's copy once the list is changed.
    const auto job = [this]() -> const VideoJob& { return m_f->store->project().jobs[0]; };
    QCOMPARE(job().state, JobState::Done);
    const auto downloads = m_f->server.requests(u"/v1beta/files/.*"_s);
    QCOMPARE(downloads.size(), 2);
    QVERIFY(downloads[0].path != downloads[1].path); // a fresh address from a new poll
    QCOMPARE(m_f->routes->operationsCreated(), 1);   // not bought again
}

void TestVideoPipeline::quitAfterSubmittingThenResumeBuysNothingTwice()
{
    QVERIFY(m_f->createProject(4));
    m_f->addVeo(u"a"_s, u"key-a"_s, 4);
    m_f->routes->setRenderTime(500ms);
    {
        VideoPipeline first(*m_f->store);
        QVERIFY(
            first.prepare({u"a"_s}, *m_f->accounts, *m_f->secrets, JobFixture::fastOptions()).ok());
        QVERIFY(first.addJobs(range(1, 4), opts({u"a"_s})).ok());
        first.start();
        QVERIFY(waitFor([&] {
            const auto& jobs = m_f->store->project().jobs;
            return m_f->routes->operationsCreated() == 4 &&
                   std::all_of(jobs.begin(), jobs.end(),
                               [](const VideoJob& j) { return !j.remoteId.isEmpty(); });
        }));
        first.stop();
    }
    QTest::qWait(50);
    m_f->closeProject();
    QCOMPARE(m_f->routes->operationsCreated(), 4);

    QVERIFY(m_f->reopenProject());
    VideoPipeline second(*m_f->store);
    QVERIFY(second.prepare({}, *m_f->accounts, *m_f->secrets, JobFixture::fastOptions()).ok());
    QVERIFY(runToIdle(second));
    for (const VideoJob& j : m_f->store->project().jobs)
        QCOMPARE(j.state, JobState::Done);
    QCOMPARE(m_f->routes->operationsCreated(), 4);
}

void TestVideoPipeline::crashDuringSubmissionIsUnconfirmed()
{
    QVERIFY(m_f->createProject(1));
    m_f->addVeo(u"a"_s, u"key-a"_s);
    VideoJob job;
    job.id = VideoJob::makeId(1, 1);
    job.sceneNumber = 1;
    job.provider = u"veo"_s;
    job.accountId = u"a"_s;
    job.state = JobState::Submitting;
    m_f->store->project().jobs = {job};
    VideoPipeline pipeline(*m_f->store);
    QVERIFY(
        pipeline.prepare({u"a"_s}, *m_f->accounts, *m_f->secrets, JobFixture::fastOptions()).ok());
    QVERIFY(runToIdle(pipeline));
    QCOMPARE(m_f->store->project().jobs[0].state, JobState::Unconfirmed);
    QCOMPARE(m_f->server.requests().size(), 0);
    QCOMPARE(ProjectStore::load(m_f->store->filePath())->jobs.value(0).state,
             JobState::Unconfirmed);
}

void TestVideoPipeline::missingFfmpegIsReportedBeforeAnyRequest()
{
    QVERIFY(m_f->createProject(1));
    m_f->addVeo(u"a"_s, u"key-a"_s);
    QTemporaryDir empty;
    VideoPipeline pipeline(*m_f->store);
    PipelineOptions o = JobFixture::fastOptions();
    o.ffmpegPath = empty.path();
    const Status s = pipeline.prepare({u"a"_s}, *m_f->accounts, *m_f->secrets, o);
    QVERIFY(!s.ok());
    QVERIFY(s.error().message.contains(u"FFmpeg was not found"_s));
    QCOMPARE(m_f->server.requests().size(), 0);
}

void TestVideoPipeline::summaryLine()
{
    Project p;
    for (JobState s : {JobState::Done, JobState::Done, JobState::Rendering, JobState::Downloading,
                       JobState::Failed}) {
        VideoJob j;
        j.state = s;
        p.jobs.append(j);
    }
    const JobCounts c = VideoPipeline::countJobs(p);
    QCOMPARE(c.summary(), u"2 done · 1 rendering · 1 downloading · 1 failed"_s);
    QCOMPARE(c.unfinished(), 2);
    QCOMPARE(VideoPipeline::countJobs(Project{}).summary(), u"no clips yet"_s);
}

QTEST_GUILESS_MAIN(TestVideoPipeline)
#include "tst_videopipeline.moc"

// ProjectSession, the service both faces drive: what opening, creating and closing a project
// does to the work on it (reopening carries on with every clip already paid for and never
// submits new work by itself), the settings it applies, and what it does to clips when the
// film changes. No widgets: it runs under the sanitizers too.

#include "jobfixture.h"
#include "session/projectsession.h"
#include "settings/appsettings.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

class TestProjectSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void reopeningResumesClipsInFlightWithoutBuyingAgain();
    void openingNeverSubmitsQueuedClips();
    void createTakesTheDefaultsFromSettings();
    void clearErrorsForWorkThatCannotStart();
    void exportsWriteEveryFormat();
    void retryAfterReopeningSubmitsWhileOthersAreInFlight();
    void aShorterFilmKeepsItsClipsApart();

private:
    bool allDone() const;
    std::unique_ptr<JobFixture> m_f;
    std::unique_ptr<ProjectSession> m_session;
};

void TestProjectSession::init()
{
    m_f = std::make_unique<JobFixture>(600ms);
    QVERIFY(m_f->ok());
    m_f->addVeo(u"veo"_s, u"veo-key"_s, 4, 6000);
    m_session = std::make_unique<ProjectSession>(*m_f->app);
    m_session->setPipelineTuning(JobFixture::fastOptions());
}

void TestProjectSession::cleanup()
{
    m_session.reset();
    m_f.reset();
}

bool TestProjectSession::allDone() const
{
    const auto& jobs = m_session->store().project().jobs;
    return !jobs.isEmpty() && std::all_of(jobs.begin(), jobs.end(), [](const VideoJob& j) {
        return j.state == JobState::Done;
    });
}

void TestProjectSession::reopeningResumesClipsInFlightWithoutBuyingAgain()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(JobFixture::writeProject(dir, 3));
    QVERIFY(m_session->open(dir).ok());
    JobOptions options;
    options.accounts = {u"veo"_s};
    QVERIFY(m_session->makeClips({1, 2, 3}, options, 2).ok());
    // Every clip is bought, none finished: the window closes (or crashes) now.
    QVERIFY(waitFor([&] { return m_f->routes->operationsCreated(u"veo-key"_s) == 3; }));
    QVERIFY(waitFor([&] {
        const auto& jobs = m_session->store().project().jobs;
        return std::all_of(jobs.begin(), jobs.end(),
                           [](const VideoJob& j) { return !j.remoteId.isEmpty(); });
    }));
    m_session->close();
    QVERIFY(!m_session->isMakingClips());

    QSignalSpy notice(m_session.get(), &ProjectSession::notice);
    QVERIFY(m_session->open(dir).ok());
    QVERIFY(m_session->isMakingClips());
    QVERIFY(!notice.isEmpty());
    QVERIFY(notice.first().at(0).toString().startsWith(u"Resumed"_s));
    QVERIFY(waitFor([&] { return allDone(); }, 30000));
    QCOMPARE(m_f->routes->operationsCreated(u"veo-key"_s), 3);
    // When everything is finished the pipeline rests.
    QTRY_VERIFY(!m_session->isMakingClips());
}

void TestProjectSession::openingNeverSubmitsQueuedClips()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(JobFixture::writeProject(dir, 2));
    {
        ProjectStore store;
        QVERIFY(store.open(dir).ok());
        VideoJob job;
        job.id = VideoJob::makeId(1, 1);
        job.sceneNumber = 1;
        job.variant = 1;
        job.provider = u"veo"_s;
        job.prompt = u"A paper boat"_s;
        job.aspectRatio = u"16:9"_s;
        job.resolution = u"720p"_s;
        job.durationSeconds = 4;
        job.state = JobState::Queued;
        store.project().jobs.append(job);
        store.project().settings.videoAccounts = {u"veo"_s};
        QVERIFY(store.flush().ok());
    }
    QVERIFY(m_session->open(dir).ok());
    QTest::qWait(300);
    QCOMPARE(m_f->routes->operationsCreated(), 0);
    QCOMPARE(m_session->store().project().jobs.first().state, JobState::Queued);
    // A click does it.
    QVERIFY(m_session->resumeClips(true).ok());
    QVERIFY(waitFor([&] { return allDone(); }, 30000));
    QCOMPARE(m_f->routes->operationsCreated(), 1);
}

void TestProjectSession::createTakesTheDefaultsFromSettings()
{
    AppSettings& settings = m_f->app->settings();
    settings.setValue(AppSettings::Key::DefaultBatchSize, 7);
    settings.setValue(AppSettings::Key::ParallelDownloads, 3);
    QSignalSpy opened(m_session.get(), &ProjectSession::opened);
    const QString dir = m_f->path(u"new film"_s);
    QVERIFY(m_session->create(dir, Project{}).ok());
    QCOMPARE(opened.size(), 1);
    QCOMPARE(m_session->store().project().settings.batchSize, 7);
    QCOMPARE(m_session->store().project().settings.parallelDownloads, 3);
    QCOMPARE(settings.recentProjects().value(0), QDir(dir).absolutePath());
    QVERIFY(QDir(dir).exists(u"logs"_s));
    // Creating over an existing project is refused and changes nothing.
    QSignalSpy closed(m_session.get(), &ProjectSession::closed);
    ProjectSession other(*m_f->app);
    QVERIFY(!other.create(dir, Project{}).ok());
    QVERIFY(m_session->isOpen());
}

void TestProjectSession::clearErrorsForWorkThatCannotStart()
{
    QVERIFY(!m_session->writeScript(true).ok());
    QVERIFY(m_session->writeScript(true).error().message.contains(u"Open or create a project"_s));
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(JobFixture::writeProject(dir, 2));
    QVERIFY(m_session->open(dir).ok());
    m_session->store().project().settings.llmAccount = u"gone"_s;
    const Status s = m_session->writeScript(true);
    QVERIFY(!s.ok());
    QVERIFY(s.error().message.contains(u"\"gone\""_s));
    JobOptions options;
    options.accounts = {u"nobody"_s};
    const Status clips = m_session->makeClips({1}, options, 2);
    QVERIFY(!clips.ok());
    QVERIFY(clips.error().message.contains(u"nobody"_s));
    QVERIFY(m_session->store().project().jobs.isEmpty());
}

void TestProjectSession::exportsWriteEveryFormat()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(JobFixture::writeProject(dir, 2));
    QVERIFY(m_session->open(dir).ok());
    const auto files = m_session->writeExports();
    QVERIFY(files.ok());
    QCOMPARE(files->size(), 6); // with the spend CSV
    for (const QString& f : *files)
        QVERIFY(QFileInfo(f).size() > 0);
}

void TestProjectSession::retryAfterReopeningSubmitsWhileOthersAreInFlight()
{
    m_f->routes->setRenderTime(8000ms); // still rendering while the person clicks Retry
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(JobFixture::writeProject(dir, 3));
    QVERIFY(m_session->open(dir).ok());
    JobOptions options;
    options.accounts = {u"veo"_s};
    QVERIFY(m_session->makeClips({1, 2}, options, 2).ok());
    QVERIFY(waitFor([&] { return m_f->routes->operationsCreated(u"veo-key"_s) == 2; }));
    QVERIFY(waitFor([&] {
        const auto& jobs = m_session->store().project().jobs;
        return std::all_of(jobs.begin(), jobs.end(),
                           [](const VideoJob& j) { return !j.remoteId.isEmpty(); });
    }));
    // A third clip whose submission was refused earlier.
    VideoJob failed = m_session->store().project().jobs[0];
    failed.id = VideoJob::makeId(3, 1);
    failed.sceneNumber = 3;
    failed.state = JobState::Failed;
    failed.failedStage = JobStage::Submit;
    failed.retryable = true;
    failed.remoteId.clear();
    failed.accountId.clear();
    m_session->store().project().jobs.append(failed);
    m_session->store().markDirty();
    m_session->close();

    QVERIFY(m_session->open(dir).ok()); // carries on polling 1 and 2
    QVERIFY(m_session->isMakingClips());
    QVERIFY(m_session->retry({failed.id}).ok());
    QVERIFY(waitFor([&] { return m_f->routes->operationsCreated(u"veo-key"_s) == 3; }, 5000));
    QVERIFY(waitFor([&] {
        const VideoJob* job = m_session->store().project().findJob(failed.id);
        return job && !job->remoteId.isEmpty();
    }));
}

void TestProjectSession::aShorterFilmKeepsItsClipsApart()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(JobFixture::writeProject(dir, 3));
    QVERIFY(m_session->open(dir).ok());
    JobOptions options;
    options.accounts = {u"veo"_s};
    QVERIFY(m_session->makeClips({1, 2, 3}, options, 2).ok());
    QVERIFY(waitFor([&] { return allDone(); }, 30000));
    const Script& script = m_session->store().project().script;
    QVERIFY(m_session->layoutChangeLosesWork(script.sceneSeconds, script.sceneSeconds));
    QSignalSpy reset(m_session.get(), &ProjectSession::jobsReset);
    const auto orphaned = m_session->changeLayout(script.sceneSeconds, script.sceneSeconds);
    QVERIFY(orphaned.ok());
    QCOMPARE(*orphaned, 2);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_session->store().project().script.sceneCount(), 1);
    QVERIFY(m_session->store().flush().ok());
    const auto onDisk = ProjectStore::load(m_session->store().filePath());
    QVERIFY(onDisk.ok());
    QCOMPARE(onDisk->jobs.size(), 3);
    QVERIFY(m_session->deleteClip(VideoJob::makeId(3, 1)).ok());
    QCOMPARE(m_session->store().project().jobs.size(), 2);
    QVERIFY(m_session->useOrphanFor(VideoJob::makeId(2, 1), 1).ok());
    QCOMPARE(m_session->store().project().jobFor(1, 2)->id, VideoJob::makeId(2, 1));
}

QTEST_GUILESS_MAIN(TestProjectSession)
#include "tst_projectsession.moc"

// Tests for JobScheduler against the fake Veo server: round-robin within each account's cap,
// the remote id on disk before the next submission, lost answers, cooldowns, rejected keys,
// multi-sample requests and what Retry means.

#include "jobfixture.h"
#include "jobs/jobstatemachine.h"
#include "jobs/spend.h"
#include "jobstack.h"
#include "testhelpers.h"
#include "testmedia.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

namespace {

const QString kSubmit = u"/v1beta/models/.*:predictLongRunning"_s;

} // namespace

class TestJobScheduler final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void spreadsRoundRobinWithinEachCap();
    void remoteIdIsOnDiskBeforeTheNextSubmission();
    void lostAnswerIsUnconfirmedAndNeverResent();
    void serverErrorAfterSendingIsUnconfirmed();
    void tooManyRequestsCoolsTheAccountDown();
    void rejectedKeyDisablesTheAccountOthersCarryOn();
    void noUsableAccountFailsTheJobs();
    void badRequestFailsWithoutRetry();
    void variantsShareOneVeoRequest();
    void recoverAfterCrash();
    void referencesOfTheSceneGoWithItsClips();
    void aMissingReferenceFailsTheClipBeforeAnyRequest();
    void clipsStartFromTheKeyframeWhenTheProjectSaysSo();
    void aChainedSceneStartsFromTheLastFrameOfThePreviousClip();
    void aChainWithNothingBeforeItFailsAtOnce();
    void retryMeansWhatItShould_data();
    void retryMeansWhatItShould();
    void retryAfterFailedRenderUsesTheEditedScene();
    void unsavableProjectPausesSubmissions();
    void aReusedConnectionResetAfterThePostBuysNothingTwice();
    void retryAfterCancelFetchesWhatWasBought_data();
    void retryAfterCancelFetchesWhatWasBought();
    void renderAgainIsTheOnlyWayToBuyAgain();
    void samplesOfOneRequestMatchInEverythingAsked();
    void aLongRetryAfterIsHonoured();
    void orphansAreNeverSubmitted();
    void aSpendLimitCoolsTheWholeQuotaGroup();
    void depletedCreditsRetireTheQuotaGroupForTheRun();
    void aQuotaGroupSharesItsConcurrency();
    void aBudgetHoldsTheQueueUntilItIsRaised();
    void aRefusedRequestIsGivenBackToTheLedger();

private:
    void setUp(int scenes);
    // A Veo account with key "key-<id>" in quota group `group` (empty: none).
    void addInGroup(const QString& id, const QString& group, int maxJobs);
    std::unique_ptr<JobFixture> m_f;
    std::unique_ptr<JobStack> m_stack;
};

void TestJobScheduler::init()
{
    m_f = std::make_unique<JobFixture>();
    QVERIFY(m_f->ok());
}

void TestJobScheduler::cleanup()
{
    m_stack.reset();
    m_f.reset();
}

void TestJobScheduler::setUp(int scenes)
{
    QVERIFY(m_f->createProject(scenes));
    m_stack = std::make_unique<JobStack>(*m_f);
}

void TestJobScheduler::addInGroup(const QString& id, const QString& group, int maxJobs)
{
    Account a = m_f->addVeo(id, u"key-"_s + id, maxJobs);
    a.quotaGroup = group;
    QVERIFY(m_f->accounts->update(a).ok());
}

namespace {

// An approved reference image of `name`, written into the project's refs/.
CharacterRef writeRef(const QString& projectDir, const QString& file, int shade)
{
    QDir(projectDir).mkpath(u"refs"_s);
    QFile f(QDir(projectDir).filePath(file));
    if (f.open(QIODevice::WriteOnly))
        f.write(tinyPng(shade));
    CharacterRef r;
    r.file = file;
    r.approved = true;
    return r;
}

Character person(const QString& name, const QList<CharacterRef>& refs)
{
    Character c;
    c.name = name;
    c.appearance = name + u" looks the same in every scene"_s;
    c.references = refs;
    return c;
}

} // namespace

void TestJobScheduler::referencesOfTheSceneGoWithItsClips()
{
    setUp(2);
    const QString dir = m_f->projectDir();
    Project& p = m_f->store->project();
    p.script.characters = {person(u"Ava"_s, {writeRef(dir, u"refs/ava-1.png"_s, 1),
                                             writeRef(dir, u"refs/ava-2.png"_s, 2)}),
                           person(u"Ben"_s, {writeRef(dir, u"refs/ben-1.png"_s, 3)}),
                           person(u"Cleo"_s, {writeRef(dir, u"refs/cleo-1.png"_s, 4),
                                              writeRef(dir, u"refs/cleo-2.png"_s, 5)})};
    p.script.characters[1].references.append(
        CharacterRef{u"refs/ben-new.png"_s, {}, {}, false, {}});
    p.script.scenes[0].characters = {u"Ava"_s, u"Ben"_s, u"Cleo"_s};
    p.script.scenes[1].characters = {u"Ava"_s, u"Nobody"_s};
    m_f->addVeo(u"a"_s, u"key-a"_s, 2, 6000, u"veo-3.1-generate-001"_s);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 2), opts({u"a"_s})).ok());
    m_stack->scheduler.start();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 2; }));
    // One image per character first, so every character keeps a face; a waiting image and
    // an unknown character add nothing.
    QCOMPARE(p.findJob(u"s001-v1"_s)->references,
             (QStringList{u"refs/ava-1.png"_s, u"refs/ben-1.png"_s, u"refs/cleo-1.png"_s}));
    QCOMPARE(p.findJob(u"s002-v1"_s)->references,
             (QStringList{u"refs/ava-1.png"_s, u"refs/ava-2.png"_s}));
    QVERIFY(p.findJob(u"s001-v1"_s)->notice.isEmpty());
    const auto seen =
        m_f->server.requests(u"/v1beta/models/veo-3.1-generate-001:predictLongRunning"_s);
    QCOMPARE(seen.size(), 2);
    QList<int> counts;
    for (const FakeRequest& r : seen) {
        const json::Json refs = r.json()["instances"][0]["referenceImages"];
        counts.append(int(refs.size()));
        QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(
                     refs[0]["image"]["bytesBase64Encoded"].get<std::string>())),
                 tinyPng(1)); // Ava's first, in both
    }
    std::sort(counts.begin(), counts.end());
    QCOMPARE(counts, (QList<int>{2, 3}));
    // Kept on disk with the job: what the clip was made from.
    QVERIFY(m_f->reopenProject());
    QCOMPARE(m_f->store->project().findJob(u"s002-v1"_s)->references.size(), 2);
}

void TestJobScheduler::aMissingReferenceFailsTheClipBeforeAnyRequest()
{
    setUp(1);
    Project& p = m_f->store->project();
    CharacterRef gone;
    gone.file = u"refs/ava-gone.png"_s;
    gone.approved = true;
    p.script.characters = {person(u"Ava"_s, {gone})};
    p.script.scenes[0].characters = {u"Ava"_s};
    m_f->addVeo(u"a"_s, u"key-a"_s, 2, 6000, u"veo-3.1-generate-001"_s);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs({1}, opts({u"a"_s})).ok());
    m_stack->scheduler.start();
    QVERIFY(waitFor([&] { return countState(p, JobState::Failed) == 1; }));
    const VideoJob& job = p.jobs[0];
    QVERIFY2(job.error.contains(u"ava-gone.png"_s) && job.error.contains(u"not sent"_s),
             qPrintable(job.error));
    QVERIFY(job.retryable);
    QCOMPARE(m_f->routes->operationsCreated(u"key-a"_s), 0);
    QVERIFY(!job.mayBePaid()); // nothing reached the service
}

void TestJobScheduler::spreadsRoundRobinWithinEachCap()
{
    setUp(6);
    m_f->addVeo(u"a"_s, u"key-a"_s, 2);
    m_f->addVeo(u"b"_s, u"key-b"_s, 1);
    QVERIFY(m_stack->useAccounts({u"a"_s, u"b"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 6), opts({u"a"_s, u"b"_s})).ok());
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 3; }));
    QTest::qWait(100); // nothing more goes out: both accounts are full
    QCOMPARE(countState(p, JobState::Submitted), 3);
    QCOMPARE(m_f->routes->operationsCreated(u"key-a"_s), 2);
    QCOMPARE(m_f->routes->operationsCreated(u"key-b"_s), 1);
    QCOMPARE(p.jobs[0].accountId, u"a"_s);
    QCOMPARE(p.jobs[1].accountId, u"b"_s);
    QCOMPARE(p.jobs[2].accountId, u"a"_s);

    // Finished jobs free their slots and the rest goes out.
    for (VideoJob& j : p.jobs) {
        if (j.state == JobState::Submitted)
            j.state = JobState::Done;
    }
    m_stack->scheduler.wake();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 3; }));
    QCOMPARE(countState(p, JobState::Queued), 0);
    QCOMPARE(m_f->routes->operationsCreated(u"key-a"_s), 4);
    QCOMPARE(m_f->routes->operationsCreated(u"key-b"_s), 2);
}

void TestJobScheduler::remoteIdIsOnDiskBeforeTheNextSubmission()
{
    setUp(5);
    m_f->addVeo(u"a"_s, u"key-a"_s, 10);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 5), opts({u"a"_s})).ok());
    // At every submission, look at what the project file says.
    QMutex mutex;
    QList<std::pair<int, int>> seen; // (jobs with a remote id, jobs marked submitting)
    const QString file = m_f->store->filePath();
    m_f->server.setObserver([&](const FakeRequest& r) {
        if (!QRegularExpression(QRegularExpression::anchoredPattern(kSubmit))
                 .match(r.path)
                 .hasMatch())
            return;
        const auto onDisk = ProjectStore::load(file);
        int withId = 0, submitting = 0;
        for (const VideoJob& j : onDisk->jobs) {
            withId += j.remoteId.isEmpty() ? 0 : 1;
            submitting += j.state == JobState::Submitting ? 1 : 0;
        }
        QMutexLocker lock(&mutex);
        seen.append({withId, submitting});
    });
    m_stack->scheduler.start();
    QVERIFY(waitFor([&] { return countState(m_f->store->project(), JobState::Submitted) == 5; }));
    m_f->server.setObserver({});
    QMutexLocker lock(&mutex);
    QCOMPARE(seen.size(), 5);
    for (int k = 0; k < 5; ++k) {
        QCOMPARE(seen[k].first, k);  // every earlier remote id is already saved
        QCOMPARE(seen[k].second, 1); // and this one is saved as Submitting
    }
}

void TestJobScheduler::lostAnswerIsUnconfirmedAndNeverResent()
{
    setUp(1);
    m_f->addVeo(u"a"_s, u"key-a"_s);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs({1}, opts({u"a"_s})).ok());
    m_f->server.failNext(kSubmit, 1,
                         FakeResponse::withFault(FakeResponse::Fault::CloseAfterHeaders));
    m_stack->scheduler.start();
    // Looked up at each use: a save shares the job list with the writer thread, so a
    // reference taken now may point into the writer's copy once the list is changed.
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    QVERIFY(waitFor([&] { return job().state == JobState::Unconfirmed; }));
    QVERIFY2(job().error.contains(u"may exist and be billed"_s), qPrintable(job().error));
    QTest::qWait(200);
    QCOMPARE(m_f->server.requestCount(kSubmit), 1); // never sent again by itself
    // Saved asynchronously, and soon.
    QTRY_COMPARE(ProjectStore::load(m_f->store->filePath())->jobs.value(0).state,
                 JobState::Unconfirmed);

    // The person decides to try again.
    QVERIFY(m_stack->scheduler.retry({job().id}).ok());
    QVERIFY(waitFor([&] { return job().state == JobState::Submitted; }));
    QCOMPARE(m_f->server.requestCount(kSubmit), 2);
}

void TestJobScheduler::serverErrorAfterSendingIsUnconfirmed()
{
    setUp(1);
    m_f->addVeo(u"a"_s, u"key-a"_s);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs({1}, opts({u"a"_s})).ok());
    m_f->server.failNext(kSubmit, 1,
                         FakeResponse::json(502, {{"error", {{"message", "bad gateway"}}}}));
    m_stack->scheduler.start();
    QVERIFY(waitFor([&] { return m_f->store->project().jobs[0].state == JobState::Unconfirmed; }));
    QTest::qWait(100);
    QCOMPARE(m_f->server.requestCount(kSubmit), 1);
}

void TestJobScheduler::tooManyRequestsCoolsTheAccountDown()
{
    setUp(4);
    m_f->addVeo(u"a"_s, u"key-a"_s, 5);
    m_f->addVeo(u"b"_s, u"key-b"_s, 5);
    m_f->routes->setKeyBehaviour(u"key-a"_s, {429, 1});
    QVERIFY(m_stack->useAccounts({u"a"_s, u"b"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 4), opts({u"a"_s, u"b"_s})).ok());
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 4; }));
    for (const VideoJob& j : p.jobs)
        QCOMPARE(j.accountId, u"b"_s); // a was cooling down the whole time
    const auto toA = m_f->server.requests(kSubmit);
    int attemptsOnA = 0;
    for (const FakeRequest& r : toA)
        attemptsOnA += r.header("x-goog-api-key") == "key-a" ? 1 : 0;
    QCOMPARE(attemptsOnA, 1);

    // With only a left, the next job waits for the end of a's cooldown (at least Retry-After).
    m_f->routes->setKeyBehaviour(u"key-a"_s, {});
    m_stack->pool.disable(u"b"_s, u"test"_s);
    QVERIFY(m_stack->scheduler.addJobs({1}, opts({u"a"_s, u"b"_s}, 2)).ok());
    m_stack->scheduler.start();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 5; }, 5000));
    QCOMPARE(p.findJob(u"s001-v2"_s)->accountId, u"a"_s);
    qint64 first429 = -1, nextOnA = -1;
    for (const FakeRequest& r : m_f->server.requests(kSubmit)) {
        if (r.header("x-goog-api-key") != "key-a")
            continue;
        if (first429 < 0)
            first429 = r.receivedAtMs;
        else if (nextOnA < 0)
            nextOnA = r.receivedAtMs;
    }
    QVERIFY2(nextOnA - first429 >= 1000, qPrintable(u"%1 ms"_s.arg(nextOnA - first429)));
}

void TestJobScheduler::rejectedKeyDisablesTheAccountOthersCarryOn()
{
    setUp(3);
    m_f->addVeo(u"a"_s, u"key-a"_s, 5);
    m_f->addVeo(u"b"_s, u"key-b"_s, 5);
    m_f->routes->setKeyBehaviour(u"key-a"_s, {401});
    QVERIFY(m_stack->useAccounts({u"a"_s, u"b"_s}).ok());
    m_stack->pool.setAccountStore(m_f->accounts);
    QSignalSpy problems(&m_stack->scheduler, &JobScheduler::problem);
    QVERIFY(m_stack->scheduler.addJobs(range(1, 3), opts({u"a"_s, u"b"_s})).ok());
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 3; }));
    QVERIFY(m_stack->pool.isDisabled(u"a"_s));
    QVERIFY(!m_f->accounts->find(u"a"_s)->enabled); // remembered
    QVERIFY(m_f->accounts->find(u"a"_s)->disabledReason.contains(u"rejected"_s));
    QCOMPARE(problems.count(), 1);
    QVERIFY(problems.first().first().toString().contains(u"\"a\""_s));
    for (const VideoJob& j : p.jobs)
        QCOMPARE(j.accountId, u"b"_s);
}

void TestJobScheduler::noUsableAccountFailsTheJobs()
{
    setUp(2);
    m_f->addVeo(u"a"_s, u"key-a"_s);
    m_f->routes->setKeyBehaviour(u"key-a"_s, {401});
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 2), opts({u"a"_s})).ok());
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Failed) == 2; }));
    QVERIFY(p.jobs[0].error.contains(u"No usable"_s));
    QVERIFY(p.jobs[0].retryable);
}

void TestJobScheduler::badRequestFailsWithoutRetry()
{
    setUp(1);
    m_f->addVeo(u"a"_s, u"key-a"_s);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs({1}, opts({u"a"_s})).ok());
    m_f->server.failNext(kSubmit, 1,
                         FakeResponse::json(400, {{"error",
                                                   {{"code", 400},
                                                    {"message", "Prompt is too long."},
                                                    {"status", "INVALID_ARGUMENT"}}}}));
    m_stack->scheduler.start();
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    QVERIFY(waitFor([&] { return job().state == JobState::Failed; }));
    QCOMPARE(job().failedStage, JobStage::Submit);
    QVERIFY(!job().retryable);
    QVERIFY(job().error.contains(u"Prompt is too long."_s));
    QTest::qWait(100);
    QCOMPARE(m_f->server.requestCount(kSubmit), 1);
}

void TestJobScheduler::variantsShareOneVeoRequest()
{
    setUp(2);
    // With the model known (Veo makes up to 4 samples a request). An account whose model is
    // still to be found sends its first clip alone: Omni makes one per request.
    m_f->addVeo(u"a"_s, u"key-a"_s, 5, 6000, u"veo-3.1-fast-generate-preview"_s);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 2), opts({u"a"_s}, 3)).ok());
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 6; }));
    QCOMPARE(m_f->server.requestCount(kSubmit), 2); // one per scene
    QCOMPARE(m_f->server.requests(kSubmit)[0].json()["parameters"]["sampleCount"].get<int>(), 3);
    QCOMPARE(p.jobs[0].remoteId, p.jobs[2].remoteId);
    QCOMPARE(p.jobs[2].sampleIndex, 2);
    QVERIFY(p.jobs[0].remoteId != p.jobs[3].remoteId);
}

void TestJobScheduler::recoverAfterCrash()
{
    Project p;
    VideoJob submitting, downloading, finishing, rendering;
    submitting.id = u"a"_s;
    submitting.state = JobState::Submitting;
    downloading.id = u"b"_s;
    downloading.state = JobState::Downloading;
    finishing.id = u"c"_s;
    finishing.state = JobState::Finishing;
    rendering.id = u"d"_s;
    rendering.state = JobState::Rendering;
    p.jobs = {submitting, downloading, finishing, rendering};
    QCOMPARE(JobScheduler::recoverInterruptedJobs(p), 3);
    QCOMPARE(p.jobs[0].state, JobState::Unconfirmed);
    QVERIFY(p.jobs[0].error.contains(u"not sent again automatically"_s));
    QCOMPARE(p.jobs[1].state, JobState::Ready);
    QCOMPARE(p.jobs[2].state, JobState::Downloaded);
    QCOMPARE(p.jobs[3].state, JobState::Rendering);
}

void TestJobScheduler::retryMeansWhatItShould_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("stage");
    QTest::addColumn<bool>("remote");
    QTest::addColumn<bool>("url");
    QTest::addColumn<int>("after");
    QTest::newRow("poll failure is checked again") << int(JobState::Failed) << int(JobStage::Poll)
                                                   << true << false << int(JobState::Submitted);
    QTest::newRow("download failure is fetched again")
        << int(JobState::Failed) << int(JobStage::Download) << true << true << int(JobState::Ready);
    QTest::newRow("finish failure is finished again")
        << int(JobState::Failed) << int(JobStage::Finish) << true << true
        << int(JobState::Downloaded);
    QTest::newRow("failed render is made again")
        << int(JobState::Failed) << int(JobStage::Render) << true << false << int(JobState::Queued);
    QTest::newRow("unconfirmed is sent again")
        << int(JobState::Unconfirmed) << int(JobStage::Submit) << false << false
        << int(JobState::Queued);
    QTest::newRow("done stays done")
        << int(JobState::Done) << int(JobStage::None) << true << true << int(JobState::Done);
}

void TestJobScheduler::retryMeansWhatItShould()
{
    QFETCH(int, state);
    QFETCH(int, stage);
    QFETCH(bool, remote);
    QFETCH(bool, url);
    QFETCH(int, after);
    setUp(1);
    VideoJob job;
    job.id = u"s001-v1"_s;
    job.sceneNumber = 1;
    job.provider = u"veo"_s;
    job.state = JobState(state);
    job.failedStage = JobStage(stage);
    job.remoteId = remote ? u"models/x/operations/1"_s : QString();
    job.videoUrl = url ? u"http://x/v"_s : QString();
    m_f->store->project().jobs = {job};
    QVERIFY(m_stack->scheduler.retry({job.id}).ok());
    const auto after2 = [this]() -> const VideoJob& { return m_f->store->project().jobs[0]; };
    QCOMPARE(int(after2().state), after);
    if (JobState(after) == JobState::Queued)
        QVERIFY(after2().remoteId.isEmpty());
    QVERIFY(!m_stack->scheduler.retry({u"nope"_s}).ok());
}

void TestJobScheduler::retryAfterFailedRenderUsesTheEditedScene()
{
    setUp(2);
    m_f->addVeo(u"a"_s, u"key-a"_s, 2);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    Project& p = m_f->store->project();
    p.script.scenes[0].visualPrompt = u"A paper boat [fail]"_s;
    QVERIFY(m_stack->scheduler.addJobs({1, 2}, opts({u"a"_s})).ok());
    QVERIFY(p.jobs[0].prompt.contains(u"[fail]"_s));
    // The render failed; the person rewrites the scene and asks again.
    p.jobs[0].state = JobState::Failed;
    p.jobs[0].failedStage = JobStage::Render;
    p.jobs[0].remoteId = u"models/x/operations/1"_s;
    p.jobs[1].state = JobState::Failed;
    p.jobs[1].failedStage = JobStage::Poll;
    p.jobs[1].remoteId = u"models/x/operations/2"_s;
    const QString secondPrompt = p.jobs[1].prompt;
    p.script.scenes[0].visualPrompt = u"A paper boat under a bridge"_s;
    p.script.scenes[1].visualPrompt = u"Edited too, but this clip is only checked again"_s;
    QVERIFY(m_stack->scheduler.retry({p.jobs[0].id, p.jobs[1].id}).ok());
    QCOMPARE(p.jobs[0].state, JobState::Queued);
    QVERIFY(p.jobs[0].prompt.contains(u"under a bridge"_s));
    QVERIFY(!p.jobs[0].prompt.contains(u"[fail]"_s));
    // A job that exists on the service keeps the prompt it was bought with.
    QCOMPARE(p.jobs[1].state, JobState::Submitted);
    QCOMPARE(p.jobs[1].prompt, secondPrompt);
}

void TestJobScheduler::unsavableProjectPausesSubmissions()
{
    setUp(1);
    m_f->addVeo(u"a"_s, u"key-a"_s);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs({1}, opts({u"a"_s})).ok());
    QVERIFY(m_f->store->flush().ok());
    // project.json cannot be replaced: a folder stands in its place.
    const QString file = m_f->store->filePath();
    QVERIFY(QFile::remove(file));
    QVERIFY(QDir().mkpath(file + u"/x"_s));
    QSignalSpy problems(&m_stack->scheduler, &JobScheduler::problem);
    m_stack->scheduler.start();
    QVERIFY(problems.wait(3000));
    QVERIFY(problems.first().first().toString().contains(u"Nothing was sent"_s));
    QCOMPARE(m_f->server.requestCount(kSubmit), 0);
    QCOMPARE(m_f->store->project().jobs[0].state, JobState::Queued);
    QVERIFY(QDir(file).removeRecursively());
}

void TestJobScheduler::aReusedConnectionResetAfterThePostBuysNothingTwice()
{
    // A load balancer drops idle keep-alive connections: the server takes the POST (and makes
    // the job), then the reused connection dies. libcurl would send it again on a new one.
    setUp(4);
    m_f->addVeo(u"a"_s, u"key-a"_s, 4);
    m_f->server.resetReusedPosts(kSubmit);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 4), opts({u"a"_s})).ok());
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 4; }));
    const auto posts = m_f->server.requests(kSubmit);
    QCOMPARE(posts.size(), 4);
    QCOMPARE(m_f->routes->operationsCreated(), 4);
    for (const FakeRequest& r : posts)
        QCOMPARE(r.onConnection, 1); // each on a connection of its own
}

void TestJobScheduler::retryAfterCancelFetchesWhatWasBought_data()
{
    QTest::addColumn<bool>("url");
    QTest::addColumn<bool>("clip");
    QTest::addColumn<int>("after");
    QTest::newRow("cancelled while rendering: checked again")
        << false << false << int(JobState::Submitted);
    QTest::newRow("cancelled while downloading: fetched") << true << false << int(JobState::Ready);
    QTest::newRow("cancelled while finishing: finished")
        << true << true << int(JobState::Downloaded);
}

void TestJobScheduler::retryAfterCancelFetchesWhatWasBought()
{
    QFETCH(bool, url);
    QFETCH(bool, clip);
    QFETCH(int, after);
    setUp(1);
    VideoJob job;
    job.id = u"s001-v1"_s;
    job.sceneNumber = 1;
    job.provider = u"veo"_s;
    job.accountId = u"a"_s;
    job.state = JobState::Cancelled;
    job.remoteId = u"models/x/operations/1"_s; // Veo cannot cancel: it is made and billed
    job.videoUrl = url ? u"http://x/v"_s : QString();
    job.clipPath = clip ? u"clips/s001-v1.mp4"_s : QString();
    m_f->store->project().jobs = {job};
    QVERIFY(m_stack->scheduler.retry({job.id}).ok());
    const auto now = [this]() -> const VideoJob& { return m_f->store->project().jobs[0]; };
    QCOMPARE(int(now().state), after);
    QCOMPARE(now().remoteId, job.remoteId);
    QCOMPARE(now().accountId, u"a"_s);
}

void TestJobScheduler::renderAgainIsTheOnlyWayToBuyAgain()
{
    setUp(2);
    m_f->addVeo(u"a"_s, u"key-a"_s, 4);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 2), opts({u"a"_s})).ok());
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 2; }));
    m_stack->scheduler.markCancelled({p.jobs[0].id, p.jobs[1].id});
    QCOMPARE(countState(p, JobState::Cancelled), 2);
    const QString firstRemote = p.jobs[0].remoteId;

    QVERIFY(m_stack->scheduler.retry({p.jobs[0].id}).ok());
    QCOMPARE(p.jobs[0].state, JobState::Submitted);
    QCOMPARE(p.jobs[0].remoteId, firstRemote);
    QVERIFY(m_stack->scheduler.renderAgain({p.jobs[1].id}).ok());
    QCOMPARE(p.jobs[1].state, JobState::Queued);
    QVERIFY(p.jobs[1].remoteId.isEmpty());
    QVERIFY(waitFor([&] { return p.jobs[1].state == JobState::Submitted; }));
    QCOMPARE(m_f->routes->operationsCreated(), 3);
    // A clip that is done is not bought again by accident.
    p.jobs[0].state = JobState::Done;
    QVERIFY(m_stack->scheduler.renderAgain({p.jobs[0].id}).ok());
    QCOMPARE(p.jobs[0].state, JobState::Done);
}

void TestJobScheduler::samplesOfOneRequestMatchInEverythingAsked()
{
    setUp(1);
    m_f->addVeo(u"a"_s, u"key-a"_s, 5);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs({1}, opts({u"a"_s}, 4)).ok());
    Project& p = m_f->store->project();
    p.jobs[1].aspectRatio = u"9:16"_s;
    p.jobs[2].model = u"veo-other"_s;
    p.jobs[3].durationSeconds = 6;
    m_stack->scheduler.start();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 4; }));
    QCOMPARE(m_f->server.requestCount(kSubmit), 4); // nothing could share a request
    // The model asked for a clip (t2v render --model, the Videos tab) is the one bought.
    QCOMPARE(m_f->server.requestCount(u"/v1beta/models/veo-other:predictLongRunning"_s), 1);
    QCOMPARE(p.jobs[2].model, u"veo-other"_s);
    for (const FakeRequest& r : m_f->server.requests(kSubmit))
        QCOMPARE(r.json()["parameters"]["sampleCount"].get<int>(), 1);
    QCOMPARE(
        m_f->server.requests(kSubmit)[1].json()["parameters"]["aspectRatio"].get<std::string>(),
        "9:16");
}

void TestJobScheduler::aLongRetryAfterIsHonoured()
{
    setUp(1);
    m_f->addVeo(u"a"_s, u"key-a"_s, 4);
    m_f->routes->throttleNextSubmits(1, 2);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs({1}, opts({u"a"_s})).ok());
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return p.jobs[0].state == JobState::Submitted; }));
    const auto posts = m_f->server.requests(kSubmit);
    QCOMPARE(posts.size(), 2);
    QCOMPARE(m_f->routes->operationsCreated(), 1);
    // The second attempt waited for the server's 2 s, not the 1 s floor.
    QVERIFY2(posts[1].receivedAtMs - posts[0].receivedAtMs >= 2000,
             qPrintable(QString::number(posts[1].receivedAtMs - posts[0].receivedAtMs)));
}

void TestJobScheduler::orphansAreNeverSubmitted()
{
    setUp(2);
    m_f->addVeo(u"a"_s, u"key-a"_s, 4);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 2), opts({u"a"_s})).ok());
    Project& p = m_f->store->project();
    p.jobs[1].state = JobState::Unconfirmed;
    p.jobs[1].orphaned = true; // its scene went away
    QVERIFY(!JobStateMachine::retry(p.jobs[1]));
    QVERIFY(!JobStateMachine::renderAgain(p.jobs[1]));
    // A new clip of scene 2 gets an id of its own next to the orphan.
    QVERIFY(m_stack->scheduler.addJobs({2}, opts({u"a"_s})).ok());
    QCOMPARE(p.jobs.size(), 3);
    QVERIFY(p.findJob(u"s002-v1-r2"_s));
    m_stack->scheduler.start();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 2; }));
    QCOMPARE(p.findJob(u"s002-v1"_s)->state, JobState::Unconfirmed);
    QCOMPARE(m_f->routes->operationsCreated(), 2);
}

namespace {

FakeResponse resourceExhausted(const char* message)
{
    return FakeResponse::json(
        429, {{"error", {{"code", 429}, {"message", message}, {"status", "RESOURCE_EXHAUSTED"}}}});
}

} // namespace

void TestJobScheduler::aSpendLimitCoolsTheWholeQuotaGroup()
{
    // a and b are keys of one Google Cloud project, c of another. Google's spend limit answers
    // a's first request: the project waits out the 10-minute window; c carries the run.
    setUp(4);
    addInGroup(u"a"_s, u"project-1"_s, 5);
    addInGroup(u"b"_s, u"project-1"_s, 5);
    addInGroup(u"c"_s, QString(), 5);
    QVERIFY(m_stack->useAccounts({u"a"_s, u"b"_s, u"c"_s}).ok());
    m_f->server.failNext(kSubmit, 1,
                         resourceExhausted("Your project has reached its spend limit for this "
                                           "tier in the last 10 minutes."));
    QVERIFY(m_stack->scheduler.addJobs(range(1, 4), opts({u"a"_s, u"b"_s, u"c"_s})).ok());
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 4; }));
    for (const VideoJob& j : p.jobs)
        QCOMPARE(j.accountId, u"c"_s);
    QMap<QByteArray, int> byKey;
    for (const FakeRequest& r : m_f->server.requests(kSubmit))
        ++byKey[r.header("x-goog-api-key")];
    QCOMPARE(byKey.value("key-a"), 1); // not retried
    QCOMPARE(byKey.value("key-b"), 0); // same project: not tried at all
    QVERIFY(m_stack->pool.cooldownLeft(u"b"_s) > 9min);
    QCOMPARE(m_stack->pool.cooldownLeft(u"c"_s), 0ms);
    QCOMPARE(m_f->routes->operationsCreated(), 4);
}

void TestJobScheduler::depletedCreditsRetireTheQuotaGroupForTheRun()
{
    setUp(3);
    addInGroup(u"a"_s, u"project-1"_s, 5);
    addInGroup(u"b"_s, u"project-1"_s, 5);
    addInGroup(u"c"_s, QString(), 5);
    QVERIFY(m_stack->useAccounts({u"a"_s, u"b"_s, u"c"_s}).ok());
    m_stack->pool.setAccountStore(m_f->accounts);
    QSignalSpy problems(&m_stack->scheduler, &JobScheduler::problem);
    m_f->server.failNext(kSubmit, 1,
                         resourceExhausted("Your prepayment credits are depleted. Please go to "
                                           "AI Studio to manage your project and billing."));
    QVERIFY(m_stack->scheduler.addJobs(range(1, 3), opts({u"a"_s, u"b"_s, u"c"_s})).ok());
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 3; }));
    for (const VideoJob& j : p.jobs)
        QCOMPARE(j.accountId, u"c"_s);
    QVERIFY(m_stack->pool.isDisabled(u"a"_s));
    QVERIFY(m_stack->pool.isDisabled(u"b"_s));
    QVERIFY(m_f->accounts->find(u"a"_s)->enabled); // for this run only: credits come back
    QCOMPARE(problems.count(), 1);
    QVERIFY2(problems.first().first().toString().contains(u"prepayment credits"_s),
             qPrintable(problems.first().first().toString()));
    QCOMPARE(m_f->server.requestCount(kSubmit), 4);
}

void TestJobScheduler::aQuotaGroupSharesItsConcurrency()
{
    // Two keys of one project, each allowing 2 jobs, the project 1 (b's limit): never more
    // than one operation in flight for the project at a time.
    setUp(4);
    addInGroup(u"a"_s, u"project-1"_s, 2);
    addInGroup(u"b"_s, u"project-1"_s, 1);
    QVERIFY(m_stack->useAccounts({u"a"_s, u"b"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 4), opts({u"a"_s, u"b"_s})).ok());
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) >= 1; }));
    QTest::qWait(300);
    QCOMPARE(countState(p, JobState::Submitted), 1); // the others wait for the slot
    QCOMPARE(m_f->routes->operationsCreated(), 1);
}

void TestJobScheduler::aBudgetHoldsTheQueueUntilItIsRaised()
{
    // Veo 3.1 Fast, 4 s: $0.60 a clip. A run of 4 clips capped at $1.20 buys two; the other two
    // stay Queued with the reason; raising the cap buys the rest, and nothing goes over it.
    setUp(4);
    m_f->addVeo(u"a"_s, u"key-a"_s, 4);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 4), opts({u"a"_s})).ok());
    SpendGuard guard;
    guard.setPrices(PriceTable::load(m_f->configDir()));
    Budget budget;
    budget.runUsd = 1.20;
    for (const VideoJob& j : m_f->store->project().jobs)
        budget.runJobs.insert(j.id);
    guard.setBudget(budget);
    m_stack->scheduler.setSpendGuard(&guard);
    QSignalSpy held(&m_stack->scheduler, &JobScheduler::held);
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return held.count() == 1; }));
    QCOMPARE(countState(p, JobState::Submitted), 2);
    QCOMPARE(countState(p, JobState::Queued), 2);
    QCOMPARE(m_f->routes->operationsCreated(), 2);
    QVERIFY2(m_stack->scheduler.heldReason().contains(u"run's budget of $1.20"_s),
             qPrintable(m_stack->scheduler.heldReason()));
    for (const VideoJob& j : p.jobs) {
        if (j.state == JobState::Queued)
            QCOMPARE(j.error, m_stack->scheduler.heldReason()); // shown with each waiting clip
        else
            QCOMPARE(j.charges.size(), 1);
    }
    QVERIFY(qAbs(SpendSummary::of(p.jobs).total.usd - 1.20) < 1e-9);
    QCOMPARE(guard.ledger().spentOn(u"a"_s, QDate::currentDate()), 1.20);

    budget.runUsd = 2.40;
    guard.setBudget(budget);
    m_stack->scheduler.wake();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 4; }));
    QCOMPARE(m_stack->scheduler.heldReason(), QString());
    for (const VideoJob& j : p.jobs)
        QCOMPARE(j.error, QString());
    QCOMPARE(m_f->routes->operationsCreated(), 4);
}

void TestJobScheduler::aRefusedRequestIsGivenBackToTheLedger()
{
    // A 400 made nothing: their charges go from the jobs and from the daily ledger.
    setUp(2);
    m_f->addVeo(u"a"_s, u"key-a"_s, 1);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 2), opts({u"a"_s})).ok());
    SpendGuard guard;
    guard.setPrices(PriceTable::load(m_f->configDir()));
    m_stack->scheduler.setSpendGuard(&guard);
    m_f->server.failNext(kSubmit, 1,
                         FakeResponse::json(400, {{"error",
                                                   {{"code", 400},
                                                    {"message", "Prompt is too long."},
                                                    {"status", "INVALID_ARGUMENT"}}}}));
    m_stack->scheduler.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 1; }));
    QCOMPARE(countState(p, JobState::Failed), 1);
    for (const VideoJob& j : p.jobs)
        QCOMPARE(j.charges.size(), j.state == JobState::Failed ? 0 : 1);
    QVERIFY(qAbs(guard.ledger().spentOn(u"a"_s, QDate::currentDate()) - 0.60) < 1e-9);
    QVERIFY(qAbs(SpendSummary::of(p.jobs).total.usd - 0.60) < 1e-9);
}

void TestJobScheduler::clipsStartFromTheKeyframeWhenTheProjectSaysSo()
{
    setUp(2);
    const QString dir = m_f->projectDir();
    Project& p = m_f->store->project();
    writeRef(dir, u"refs/ava-1.png"_s, 1);
    QDir(dir).mkpath(u"keyframes"_s);
    QFile kf(QDir(dir).filePath(u"keyframes/s001-x.png"_s));
    QVERIFY(kf.open(QIODevice::WriteOnly));
    kf.write(tinyPng(9));
    kf.close();
    p.script.characters = {person(u"Ava"_s, {writeRef(dir, u"refs/ava-1.png"_s, 1)})};
    p.script.scenes[0].keyframe = u"keyframes/s001-x.png"_s; // scene 2 has none
    p.settings.keyframes = true;
    m_f->addVeo(u"a"_s, u"key-a"_s, 2, 6000, u"veo-3.1-generate-001"_s);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 2), opts({u"a"_s})).ok());
    m_stack->scheduler.start();
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 2; }));
    const auto seen =
        m_f->server.requests(u"/v1beta/models/veo-3.1-generate-001:predictLongRunning"_s);
    QCOMPARE(seen.size(), 2);
    int withImage = 0;
    for (const FakeRequest& r : seen) {
        const json::Json instance = r.json()["instances"][0];
        if (instance.contains("image")) {
            ++withImage;
            // The keyframe has the face already: no reference images with it (Veo refuses both).
            QVERIFY(!instance.contains("referenceImages"));
            QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(
                         instance["image"]["bytesBase64Encoded"].get<std::string>())),
                     tinyPng(9));
        } else {
            QCOMPARE(instance["referenceImages"].size(), std::size_t(1));
        }
    }
    QCOMPARE(withImage, 1);
    QVERIFY2(p.findJob(u"s001-v1"_s)->notice.contains(u"keyframe"_s),
             qPrintable(p.findJob(u"s001-v1"_s)->notice));
}

void TestJobScheduler::aChainedSceneStartsFromTheLastFrameOfThePreviousClip()
{
    setUp(3);
    Project& p = m_f->store->project();
    p.script.scenes[1].chained = true; // scene 2 continues scene 1
    m_f->addVeo(u"a"_s, u"key-a"_s, 4, 6000, u"veo-3.1-generate-001"_s);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs(range(1, 3), opts({u"a"_s})).ok());
    m_stack->scheduler.start();
    // Scenes 1 and 3 go at once; scene 2 waits for scene 1's clip, and says so.
    QVERIFY(waitFor([&] { return countState(p, JobState::Submitted) == 2; }));
    QTest::qWait(200);
    VideoJob* second = p.findJob(u"s002-v1"_s);
    QCOMPARE(second->state, JobState::Queued);
    QVERIFY2(second->error.contains(u"Waits for the clip of scene 1"_s), qPrintable(second->error));
    QCOMPARE(m_f->routes->operationsCreated(u"key-a"_s), 2);

    // Scene 1's clip is done: scene 2 goes, starting from its last frame.
    VideoJob* first = p.findJob(u"s001-v1"_s);
    QDir(m_f->projectDir()).mkpath(u"clips"_s);
    QFile clip(QDir(m_f->projectDir()).filePath(u"clips/s001-v1.mp4"_s));
    QVERIFY(clip.open(QIODevice::WriteOnly));
    clip.write(smallMp4());
    clip.close();
    first->clipPath = u"clips/s001-v1.mp4"_s;
    first->state = JobState::Done; // as the download manager leaves it
    m_stack->scheduler.wake();
    QVERIFY(waitFor([&] { return second->state == JobState::Submitted; }));
    QVERIFY(second->error.isEmpty());
    const auto seen =
        m_f->server.requests(u"/v1beta/models/veo-3.1-generate-001:predictLongRunning"_s);
    QCOMPARE(seen.size(), 3);
    const json::Json instance = seen.last().json()["instances"][0];
    QVERIFY(instance.contains("image"));
    const QByteArray frame = QByteArray::fromBase64(
        QByteArray::fromStdString(instance["image"]["bytesBase64Encoded"].get<std::string>()));
    QCOMPARE(image::sniffType(frame), u"image/png"_s);
    QCOMPARE(instance["image"]["mimeType"].get<std::string>(), "image/png");
}

void TestJobScheduler::aChainWithNothingBeforeItFailsAtOnce()
{
    setUp(2);
    Project& p = m_f->store->project();
    p.script.scenes[1].chained = true;
    m_f->addVeo(u"a"_s, u"key-a"_s, 2, 6000, u"veo-3.1-generate-001"_s);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
    QVERIFY(m_stack->scheduler.addJobs({2}, opts({u"a"_s})).ok()); // scene 1 is never made
    m_stack->scheduler.start();
    QVERIFY(waitFor([&] { return countState(p, JobState::Failed) == 1; }));
    QVERIFY2(p.jobs[0].error.contains(u"continues scene 1, which has no finished clip"_s),
             qPrintable(p.jobs[0].error));
    QVERIFY(p.jobs[0].retryable);
    QCOMPARE(m_f->routes->operationsCreated(u"key-a"_s), 0);
}

QTEST_GUILESS_MAIN(TestJobScheduler)
#include "tst_jobscheduler.moc"

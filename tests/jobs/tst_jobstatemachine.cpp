// Tests for JobStateMachine: every (from, to) pair of job states against the transitions of
// DESIGN.md §4 and the ways back that jobstatemachine.h documents; a refused move leaves the
// job as it was and is logged; and what fail, unconfirm, requeue, recover, retry, render
// again, download again and cancel do from the states they accept and the ones they refuse.

#include "jobs/jobstatemachine.h"

#include <QRegularExpression>
#include <QTest>

#include <array>
#include <set>
#include <utility>

using namespace Qt::StringLiterals;
using namespace t2v;

namespace {

using S = JobState;

constexpr std::array kAllStates{S::Queued, S::Submitting,  S::Submitted,  S::Rendering,
                                S::Ready,  S::Downloading, S::Downloaded, S::Finishing,
                                S::Done,   S::Failed,      S::Cancelled,  S::Unconfirmed};

// The moves the design allows, written out pair by pair (a move to the same state is always
// allowed and not listed).
std::set<std::pair<S, S>> expectedMoves()
{
    std::set<std::pair<S, S>> moves{
        // DESIGN.md §4: the way forward.
        {S::Queued, S::Submitting},
        {S::Submitting, S::Submitted},
        {S::Submitted, S::Rendering},
        {S::Rendering, S::Ready},
        {S::Ready, S::Downloading},
        {S::Downloading, S::Downloaded},
        {S::Downloaded, S::Finishing},
        {S::Finishing, S::Done},
        // A service may answer "done" at the first poll, without a rendering stage.
        {S::Submitted, S::Ready},
        // Request sent, answer lost; or provably nothing created.
        {S::Submitting, S::Unconfirmed},
        {S::Submitting, S::Queued},
        // A fresh address (Rendering) or a fresh start of the transfer (Ready); a crash during
        // finishing goes back to Downloaded.
        {S::Ready, S::Rendering},
        {S::Downloading, S::Rendering},
        {S::Downloading, S::Ready},
        {S::Downloaded, S::Rendering},
        {S::Downloaded, S::Ready},
        {S::Finishing, S::Rendering},
        {S::Finishing, S::Ready},
        {S::Finishing, S::Downloaded},
        // Retry of a failed or cancelled clip: checked, fetched, finished or bought again.
        {S::Failed, S::Queued},
        {S::Failed, S::Submitted},
        {S::Failed, S::Ready},
        {S::Failed, S::Downloaded},
        {S::Cancelled, S::Queued},
        {S::Cancelled, S::Submitted},
        {S::Cancelled, S::Ready},
        {S::Cancelled, S::Downloaded},
        // An unconfirmed request has nothing to check: it can only be sent again.
        {S::Unconfirmed, S::Queued},
        // Download again.
        {S::Done, S::Submitted},
        {S::Done, S::Ready},
    };
    // Any unfinished job can fail.
    for (S from : kAllStates) {
        if (!isTerminal(from))
            moves.insert({from, S::Failed});
    }
    // Any unfinished job can be cancelled, except a request in flight (its answer is recorded
    // first) and the local work of checking and finishing a clip, which ends by itself.
    for (S from : {S::Queued, S::Submitted, S::Rendering, S::Ready, S::Downloading})
        moves.insert({from, S::Cancelled});
    return moves;
}

QString name(S state)
{
    return jobStateName(state);
}

VideoJob jobIn(S state)
{
    VideoJob job;
    job.id = u"s001-v1"_s;
    job.sceneNumber = 1;
    job.state = state;
    return job;
}

// A job in `state` that reached the service: it has a remote id and the creating account.
VideoJob remoteJobIn(S state, bool withUrl = false, bool withClip = false)
{
    VideoJob job = jobIn(state);
    job.accountId = u"veo-1"_s;
    job.remoteId = u"models/veo/operations/op-1"_s;
    job.renderProgress = 40;
    job.submittedAt = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    if (withUrl)
        job.videoUrl = u"https://example.test/files/op-1.mp4"_s;
    if (withClip)
        job.clipPath = u"clips/s001-v1.mp4"_s;
    return job;
}

// A refused move is logged as an error naming the job and both states.
void expectRefusal(S from, S to)
{
    QTest::ignoreMessage(QtCriticalMsg,
                         QRegularExpression(u"^s001-v1: refused to move from %1 to %2$"_s.arg(
                             name(from), name(to))));
}

} // namespace

class TestJobStateMachine final : public QObject
{
    Q_OBJECT

private slots:
    void allowedMatchesTheDesign_data();
    void allowedMatchesTheDesign();
    void moveToRefusesWhatIsNotAllowed_data();
    void moveToRefusesWhatIsNotAllowed();
    void everyStateHasAWayForward();
    void failRecordsStageMessageAndRetryable_data();
    void failRecordsStageMessageAndRetryable();
    void failIsRefusedForAFinishedJob();
    void unconfirmOnlyFromSubmitting();
    void requeueOnlyFromSubmittingAndForgetsTheAccount();
    void recover_data();
    void recover();
    void retry_data();
    void retry();
    void retryNeverBuysAnOrphanAgain();
    void renderAgain_data();
    void renderAgain();
    void redownload_data();
    void redownload();
    void cancel_data();
    void cancel();
};

void TestJobStateMachine::allowedMatchesTheDesign_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<bool>("expected");
    const auto moves = expectedMoves();
    for (S from : kAllStates) {
        for (S to : kAllStates) {
            QTest::addRow("%s -> %s", qPrintable(name(from)), qPrintable(name(to)))
                << int(from) << int(to) << (from == to || moves.count({from, to}) > 0);
        }
    }
}

void TestJobStateMachine::allowedMatchesTheDesign()
{
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(bool, expected);
    QCOMPARE(JobStateMachine::allowed(S(from), S(to)), expected);
}

void TestJobStateMachine::moveToRefusesWhatIsNotAllowed_data()
{
    allowedMatchesTheDesign_data();
}

void TestJobStateMachine::moveToRefusesWhatIsNotAllowed()
{
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(bool, expected);
    VideoJob job = remoteJobIn(S(from), true);
    job.error = u"what happened before"_s;
    const VideoJob before = job;
    if (!expected)
        expectRefusal(S(from), S(to));
    QCOMPARE(JobStateMachine::moveTo(job, S(to)), expected);
    if (expected) {
        QCOMPARE(job.state, S(to));
        QVERIFY(job.updatedAt.isValid());
        // Only the state and its time change; what the job knows stays.
        VideoJob rest = job;
        rest.state = before.state;
        rest.updatedAt = before.updatedAt;
        QCOMPARE(rest, before);
    } else {
        QCOMPARE(job, before); // nothing changed, not even the time
    }
}

void TestJobStateMachine::everyStateHasAWayForward()
{
    // Whatever state a file holds, the pipeline or the person can move the job on.
    for (S from : kAllStates) {
        bool out = false;
        for (S to : kAllStates)
            out = out || (to != from && JobStateMachine::allowed(from, to));
        QVERIFY2(out, qPrintable(name(from)));
    }
}

void TestJobStateMachine::failRecordsStageMessageAndRetryable_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("stage");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("queued, no account left") << int(S::Queued) << int(JobStage::Submit) << true;
    QTest::newRow("submitting, bad request")
        << int(S::Submitting) << int(JobStage::Submit) << false;
    QTest::newRow("submitted, poll failed") << int(S::Submitted) << int(JobStage::Poll) << true;
    QTest::newRow("rendering, render failed")
        << int(S::Rendering) << int(JobStage::Render) << false;
    QTest::newRow("downloading, download failed")
        << int(S::Downloading) << int(JobStage::Download) << true;
    QTest::newRow("finishing, thumbnail failed")
        << int(S::Finishing) << int(JobStage::Finish) << true;
}

void TestJobStateMachine::failRecordsStageMessageAndRetryable()
{
    QFETCH(int, from);
    QFETCH(int, stage);
    QFETCH(bool, retryable);
    VideoJob job = remoteJobIn(S(from));
    job.retryable = !retryable;
    QVERIFY(JobStateMachine::fail(job, JobStage(stage), u"The service said no."_s, retryable));
    QCOMPARE(job.state, S::Failed);
    QCOMPARE(job.failedStage, JobStage(stage));
    QCOMPARE(job.error, u"The service said no."_s);
    QCOMPARE(job.retryable, retryable);
    QCOMPARE(job.remoteId, u"models/veo/operations/op-1"_s); // paid work is never forgotten
}

void TestJobStateMachine::failIsRefusedForAFinishedJob()
{
    for (S from : {S::Done, S::Cancelled, S::Unconfirmed}) {
        VideoJob job = remoteJobIn(from, true);
        job.error = u"earlier"_s;
        const VideoJob before = job;
        expectRefusal(from, S::Failed);
        QVERIFY(!JobStateMachine::fail(job, JobStage::Download, u"late"_s, true));
        QCOMPARE(job, before);
    }
    // Failing again keeps the job failed with the newer facts.
    VideoJob job = remoteJobIn(S::Failed);
    job.failedStage = JobStage::Poll;
    QVERIFY(JobStateMachine::fail(job, JobStage::Download, u"newer"_s, false));
    QCOMPARE(job.failedStage, JobStage::Download);
    QCOMPARE(job.error, u"newer"_s);
}

void TestJobStateMachine::unconfirmOnlyFromSubmitting()
{
    VideoJob job = jobIn(S::Submitting);
    job.accountId = u"veo-1"_s;
    QVERIFY(JobStateMachine::unconfirm(job, u"The answer was lost."_s));
    QCOMPARE(job.state, S::Unconfirmed);
    QCOMPARE(job.failedStage, JobStage::Submit);
    QCOMPARE(job.error, u"The answer was lost."_s);
    QVERIFY(job.retryable);
    QCOMPARE(job.accountId, u"veo-1"_s); // where to look for it

    for (S from : {S::Queued, S::Submitted, S::Rendering, S::Done, S::Failed}) {
        VideoJob other = remoteJobIn(from);
        const VideoJob before = other;
        expectRefusal(from, S::Unconfirmed);
        QVERIFY(!JobStateMachine::unconfirm(other, u"lost"_s));
        QCOMPARE(other, before);
    }
}

void TestJobStateMachine::requeueOnlyFromSubmittingAndForgetsTheAccount()
{
    VideoJob job = jobIn(S::Submitting);
    job.accountId = u"veo-1"_s;
    QVERIFY(JobStateMachine::requeue(job));
    QCOMPARE(job.state, S::Queued);
    QVERIFY(job.accountId.isEmpty()); // the next attempt may go to another account

    for (S from : {S::Submitted, S::Rendering, S::Ready, S::Done}) {
        VideoJob other = remoteJobIn(from);
        const VideoJob before = other;
        expectRefusal(from, S::Queued);
        QVERIFY(!JobStateMachine::requeue(other));
        QCOMPARE(other, before); // a job that exists remotely is never put back in the queue
    }
}

void TestJobStateMachine::recover_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<bool>("changed");
    QTest::addColumn<int>("after");
    for (S from : kAllStates) {
        S after = from;
        if (from == S::Submitting)
            after = S::Unconfirmed;
        else if (from == S::Downloading)
            after = S::Ready;
        else if (from == S::Finishing)
            after = S::Downloaded;
        QTest::addRow("%s", qPrintable(name(from))) << int(from) << (after != from) << int(after);
    }
}

void TestJobStateMachine::recover()
{
    QFETCH(int, from);
    QFETCH(bool, changed);
    QFETCH(int, after);
    VideoJob job = remoteJobIn(S(from), true);
    const VideoJob before = job;
    QCOMPARE(JobStateMachine::recover(job), changed);
    QCOMPARE(job.state, S(after));
    if (!changed)
        QCOMPARE(job, before);
    QCOMPARE(job.remoteId, before.remoteId);
    if (changed && S(after) == S::Unconfirmed) {
        // Never sent again by itself, and the person is told why.
        QVERIFY2(job.error.contains(u"may exist and be billed"_s), qPrintable(job.error));
        QVERIFY(job.error.contains(u"not sent again automatically"_s));
        QCOMPARE(job.failedStage, JobStage::Submit);
    }
}

void TestJobStateMachine::retry_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("stage");
    QTest::addColumn<bool>("remote");
    QTest::addColumn<bool>("url");
    QTest::addColumn<bool>("clip");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("after");
    const int failed = int(S::Failed);
    QTest::newRow("poll failure: checked again")
        << failed << int(JobStage::Poll) << true << false << false << true << int(S::Submitted);
    QTest::newRow("download failure with address: fetched again")
        << failed << int(JobStage::Download) << true << true << false << true << int(S::Ready);
    QTest::newRow("download failure without address: polled again")
        << failed << int(JobStage::Download) << true << false << false << true << int(S::Submitted);
    QTest::newRow("finish failure: finished again")
        << failed << int(JobStage::Finish) << true << true << true << true << int(S::Downloaded);
    QTest::newRow("render failure: made again")
        << failed << int(JobStage::Render) << true << false << false << true << int(S::Queued);
    QTest::newRow("submit failure: sent again")
        << failed << int(JobStage::Submit) << false << false << false << true << int(S::Queued);
    QTest::newRow("unconfirmed: sent again") << int(S::Unconfirmed) << int(JobStage::Submit)
                                             << false << false << false << true << int(S::Queued);
    QTest::newRow("cancelled while rendering: checked again")
        << int(S::Cancelled) << int(JobStage::None) << true << false << false << true
        << int(S::Submitted);
    QTest::newRow("cancelled while downloading: fetched")
        << int(S::Cancelled) << int(JobStage::None) << true << true << false << true
        << int(S::Ready);
    QTest::newRow("cancelled with its clip: finished")
        << int(S::Cancelled) << int(JobStage::None) << true << true << true << true
        << int(S::Downloaded);
    QTest::newRow("cancelled before submission: queued")
        << int(S::Cancelled) << int(JobStage::None) << false << false << false << true
        << int(S::Queued);
    // Only a failed, cancelled or unconfirmed job can be retried.
    for (S from : kAllStates) {
        if (from == S::Failed || from == S::Cancelled || from == S::Unconfirmed)
            continue;
        QTest::addRow("%s: refused", qPrintable(name(from)))
            << int(from) << int(JobStage::None) << true << true << false << false << int(from);
    }
}

void TestJobStateMachine::retry()
{
    QFETCH(int, from);
    QFETCH(int, stage);
    QFETCH(bool, remote);
    QFETCH(bool, url);
    QFETCH(bool, clip);
    QFETCH(bool, ok);
    QFETCH(int, after);
    VideoJob job = remote ? remoteJobIn(S(from), url, clip) : jobIn(S(from));
    job.failedStage = JobStage(stage);
    job.error = u"It went wrong."_s;
    job.pollFailures = 3;
    job.downloadAttempts = 2;
    const VideoJob before = job;
    QCOMPARE(JobStateMachine::retry(job), ok);
    QCOMPARE(job.state, S(after));
    if (!ok) {
        QCOMPARE(job, before);
        return;
    }
    // The failure is forgotten: a retried job starts its counts afresh.
    QVERIFY(job.error.isEmpty());
    QCOMPARE(job.failedStage, JobStage::None);
    QCOMPARE(job.pollFailures, 0);
    QCOMPARE(job.downloadAttempts, 0);
    if (S(after) == S::Queued) {
        // Bought anew: nothing of the old remote job is kept.
        QVERIFY(job.remoteId.isEmpty());
        QVERIFY(job.accountId.isEmpty());
        QVERIFY(job.videoUrl.isEmpty());
        QCOMPARE(job.renderProgress, 0);
        QVERIFY(!job.submittedAt.isValid());
    } else {
        // Checked, fetched or finished again with the account that bought it.
        QCOMPARE(job.remoteId, before.remoteId);
        QCOMPARE(job.accountId, before.accountId);
        QCOMPARE(job.videoUrl, before.videoUrl);
    }
}

void TestJobStateMachine::retryNeverBuysAnOrphanAgain()
{
    // Its scene is gone: it is never submitted again ...
    for (S from : {S::Failed, S::Unconfirmed, S::Cancelled}) {
        VideoJob job = jobIn(from);
        job.failedStage = JobStage::Render;
        job.orphaned = true;
        const VideoJob before = job;
        QVERIFY(!JobStateMachine::retry(job));
        QCOMPARE(job, before);
    }
    // ... but what was already bought can still be checked and fetched.
    VideoJob job = remoteJobIn(S::Failed, true);
    job.failedStage = JobStage::Download;
    job.orphaned = true;
    QVERIFY(JobStateMachine::retry(job));
    QCOMPARE(job.state, S::Ready);
}

void TestJobStateMachine::renderAgain_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<bool>("orphaned");
    QTest::addColumn<bool>("ok");
    for (S from : kAllStates) {
        const bool ok = from == S::Failed || from == S::Cancelled || from == S::Unconfirmed;
        QTest::addRow("%s", qPrintable(name(from))) << int(from) << false << ok;
    }
    QTest::newRow("failed orphan") << int(S::Failed) << true << false;
    QTest::newRow("cancelled orphan") << int(S::Cancelled) << true << false;
}

void TestJobStateMachine::renderAgain()
{
    QFETCH(int, from);
    QFETCH(bool, orphaned);
    QFETCH(bool, ok);
    VideoJob job = remoteJobIn(S(from), true);
    job.orphaned = orphaned;
    job.failedStage = JobStage::Poll;
    job.error = u"It went wrong."_s;
    job.retryable = true;
    const VideoJob before = job;
    QCOMPARE(JobStateMachine::renderAgain(job), ok);
    if (!ok) {
        QCOMPARE(job, before); // a finished clip is never bought again by accident
        return;
    }
    QCOMPARE(job.state, S::Queued);
    QVERIFY(job.remoteId.isEmpty());
    QVERIFY(job.accountId.isEmpty());
    QVERIFY(job.videoUrl.isEmpty());
    QVERIFY(job.error.isEmpty());
    QCOMPARE(job.failedStage, JobStage::None);
    QVERIFY(!job.retryable);
}

void TestJobStateMachine::redownload_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<bool>("remote");
    QTest::addColumn<bool>("url");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("after");
    QTest::newRow("done, address known") << int(S::Done) << true << true << true << int(S::Ready);
    QTest::newRow("done, address gone")
        << int(S::Done) << true << false << true << int(S::Submitted);
    QTest::newRow("failed download") << int(S::Failed) << true << true << true << int(S::Ready);
    QTest::newRow("cancelled, address gone")
        << int(S::Cancelled) << true << false << true << int(S::Submitted);
    QTest::newRow("never reached the service")
        << int(S::Done) << false << false << false << int(S::Done);
    QTest::newRow("unconfirmed") << int(S::Unconfirmed) << true << true << false
                                 << int(S::Unconfirmed);
    QTest::newRow("queued") << int(S::Queued) << true << true << false << int(S::Queued);
}

void TestJobStateMachine::redownload()
{
    QFETCH(int, from);
    QFETCH(bool, remote);
    QFETCH(bool, url);
    QFETCH(bool, ok);
    QFETCH(int, after);
    VideoJob job = remote ? remoteJobIn(S(from), url) : jobIn(S(from));
    job.failedStage = JobStage::Download;
    job.error = u"It went wrong."_s;
    job.downloadAttempts = 4;
    const VideoJob before = job;
    // A job with a remote id that may not move there is refused with a log line; one without
    // is refused quietly.
    if (!ok && remote)
        expectRefusal(S(from), url ? S::Ready : S::Submitted);
    QCOMPARE(JobStateMachine::redownload(job), ok);
    QCOMPARE(job.state, S(after));
    if (!ok) {
        QCOMPARE(job, before);
        return;
    }
    QCOMPARE(job.downloadAttempts, 0);
    QVERIFY(job.error.isEmpty());
    QCOMPARE(job.failedStage, JobStage::None);
    QCOMPARE(job.remoteId, before.remoteId); // fetched again, never bought again
    QCOMPARE(job.accountId, before.accountId);
}

void TestJobStateMachine::cancel_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<bool>("ok");
    for (S from : kAllStates) {
        const bool ok = from == S::Queued || from == S::Submitted || from == S::Rendering ||
                        from == S::Ready || from == S::Downloading;
        QTest::addRow("%s", qPrintable(name(from))) << int(from) << ok;
    }
}

void TestJobStateMachine::cancel()
{
    QFETCH(int, from);
    QFETCH(bool, ok);
    VideoJob job = remoteJobIn(S(from), true);
    const VideoJob before = job;
    QCOMPARE(JobStateMachine::cancel(job, u"Cancelled by you."_s), ok);
    if (!ok) {
        QCOMPARE(job, before);
        return;
    }
    QCOMPARE(job.state, S::Cancelled);
    QCOMPARE(job.error, u"Cancelled by you."_s);
    QCOMPARE(job.remoteId, before.remoteId); // Retry can still fetch what was bought

    // Without a reason, an earlier message stays.
    VideoJob quiet = remoteJobIn(S(from), true);
    quiet.error = u"earlier"_s;
    QVERIFY(JobStateMachine::cancel(quiet));
    QCOMPARE(quiet.error, u"earlier"_s);
}

QTEST_GUILESS_MAIN(TestJobStateMachine)
#include "tst_jobstatemachine.moc"

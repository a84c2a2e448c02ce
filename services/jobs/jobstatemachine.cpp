#include "jobstatemachine.h"

#include "core/logging.h"

#include <array>
#include <initializer_list>

using namespace Qt::StringLiterals;

namespace t2v::JobStateMachine {
namespace {

using S = JobState;

struct Moves
{
    S from;
    std::initializer_list<S> to;
};

// DESIGN.md §4, with the recoveries and retries that give every state a way forward.
constexpr std::array kMoves{
    Moves{S::Queued, {S::Submitting, S::Failed, S::Cancelled}},
    Moves{S::Submitting, {S::Queued, S::Submitted, S::Unconfirmed, S::Failed}},
    Moves{S::Submitted, {S::Rendering, S::Ready, S::Failed, S::Cancelled}},
    Moves{S::Rendering, {S::Ready, S::Failed, S::Cancelled}},
    Moves{S::Ready, {S::Downloading, S::Rendering, S::Failed, S::Cancelled}},
    Moves{S::Downloading, {S::Downloaded, S::Ready, S::Rendering, S::Failed, S::Cancelled}},
    Moves{S::Downloaded, {S::Finishing, S::Ready, S::Rendering, S::Failed}},
    Moves{S::Finishing, {S::Done, S::Downloaded, S::Ready, S::Rendering, S::Failed}},
    Moves{S::Done, {S::Submitted, S::Ready}},
    Moves{S::Failed, {S::Queued, S::Submitted, S::Ready, S::Downloaded}},
    Moves{S::Cancelled, {S::Queued, S::Submitted, S::Ready, S::Downloaded}},
    Moves{S::Unconfirmed, {S::Queued}},
};

void clearRemote(VideoJob& job)
{
    // A clip the service failed to make is not billed: its attempt is not spend.
    if (job.failedStage == JobStage::Render && !job.charges.isEmpty())
        job.charges.removeLast();
    job.remoteId.clear();
    job.statusUrl.clear();
    job.resultUrl.clear();
    job.cancelUrl.clear();
    job.videoUrl.clear();
    job.accountId.clear();
    job.renderProgress = 0;
    job.submittedAt = {};
}

void clearFailure(VideoJob& job)
{
    job.error.clear();
    job.failedStage = JobStage::None;
    job.pollFailures = 0;
    job.downloadAttempts = 0;
}

} // namespace

bool allowed(JobState from, JobState to)
{
    if (from == to)
        return true;
    for (const Moves& m : kMoves) {
        if (m.from != from)
            continue;
        for (JobState next : m.to) {
            if (next == to)
                return true;
        }
    }
    return false;
}

bool moveTo(VideoJob& job, JobState next)
{
    if (!allowed(job.state, next)) {
        qCCritical(lcJobs).noquote() << u"%1: refused to move from %2 to %3"_s.arg(
            job.id, jobStateName(job.state), jobStateName(next));
        return false;
    }
    job.state = next;
    job.updatedAt = QDateTime::currentDateTimeUtc();
    return true;
}

bool fail(VideoJob& job, JobStage stage, const QString& message, bool retryable)
{
    // A submission that fails (rather than becoming Unconfirmed) was refused or never left:
    // nothing was made, so its charge goes.
    const bool refused = job.state == JobState::Submitting;
    if (!moveTo(job, JobState::Failed))
        return false;
    if (refused && !job.charges.isEmpty())
        job.charges.removeLast();
    job.failedStage = stage;
    job.error = message;
    job.retryable = retryable;
    return true;
}

bool unconfirm(VideoJob& job, const QString& message)
{
    if (!moveTo(job, JobState::Unconfirmed))
        return false;
    job.failedStage = JobStage::Submit;
    job.error = message;
    job.retryable = true;
    return true;
}

bool requeue(VideoJob& job)
{
    const bool wasSubmitting = job.state == JobState::Submitting;
    if (!moveTo(job, JobState::Queued))
        return false;
    job.accountId.clear();
    if (wasSubmitting && !job.charges.isEmpty())
        job.charges.removeLast(); // nothing was created
    return true;
}

bool recover(VideoJob& job)
{
    switch (job.state) {
    case JobState::Submitting:
        return unconfirm(
            job, u"The program stopped while this job was being submitted, so it may exist and "
                 u"be billed. It is not sent again automatically: check the provider, then "
                 u"Retry to submit it again."_s);
    case JobState::Downloading:
        return moveTo(job, JobState::Ready); // the .part is continued
    case JobState::Finishing:
        return moveTo(job, JobState::Downloaded);
    default:
        return false;
    }
}

bool retry(VideoJob& job)
{
    if (job.state != JobState::Failed && job.state != JobState::Unconfirmed &&
        job.state != JobState::Cancelled)
        return false;
    JobState next = JobState::Queued;
    if (job.state == JobState::Cancelled && !job.remoteId.isEmpty()) {
        // The service may have made it (Veo cannot cancel) and billed it: fetch what exists.
        next = !job.clipPath.isEmpty()  ? JobState::Downloaded
               : job.videoUrl.isEmpty() ? JobState::Submitted
                                        : JobState::Ready;
    } else if (job.state == JobState::Failed && !job.remoteId.isEmpty()) {
        switch (job.failedStage) {
        case JobStage::Poll:
            next = JobState::Submitted; // check it again, never buy it again
            break;
        case JobStage::Download:
            next = job.videoUrl.isEmpty() ? JobState::Submitted : JobState::Ready;
            break;
        case JobStage::Finish:
            next = JobState::Downloaded;
            break;
        default:
            break;
        }
    }
    if (next == JobState::Queued && job.orphaned)
        return false; // an orphan's scene is gone: it is never bought again
    if (!moveTo(job, next))
        return false;
    if (next == JobState::Queued)
        clearRemote(job);
    clearFailure(job);
    return true;
}

bool renderAgain(VideoJob& job)
{
    if (job.orphaned || job.state == JobState::Done || !isTerminal(job.state))
        return false;
    if (!moveTo(job, JobState::Queued))
        return false;
    clearRemote(job);
    clearFailure(job);
    job.retryable = false;
    return true;
}

bool redownload(VideoJob& job)
{
    if (job.remoteId.isEmpty())
        return false;
    if (!moveTo(job, job.videoUrl.isEmpty() ? JobState::Submitted : JobState::Ready))
        return false;
    job.downloadAttempts = 0;
    job.error.clear();
    job.failedStage = JobStage::None;
    return true;
}

bool cancel(VideoJob& job, const QString& reason)
{
    // A request in flight cannot be called back: its answer is recorded, then it can go. A
    // clip being checked or finished is local work that ends by itself.
    if (isTerminal(job.state) || job.state == JobState::Submitting ||
        job.state == JobState::Downloaded || job.state == JobState::Finishing)
        return false;
    if (!moveTo(job, JobState::Cancelled))
        return false;
    if (!reason.isEmpty())
        job.error = reason;
    return true;
}

} // namespace t2v::JobStateMachine

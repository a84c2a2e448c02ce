#include "poller.h"

#include "core/async.h"
#include "core/logging.h"
#include "core/pools.h"
#include "jobs/accountpool.h"
#include "jobs/jobstatemachine.h"
#include "net/retrypolicy.h"
#include "project/projectstore.h"
#include "video/videoprovider.h"

using namespace Qt::StringLiterals;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace t2v {
namespace {

constexpr int kMaxConsecutiveErrors = 20;
constexpr int kMaxUrlRefreshes = 3;

QString operationKey(const VideoJob& job)
{
    return job.accountId + u'|' + job.remoteId;
}

} // namespace

Poller::Poller(ProjectStore& store, AccountPool& accounts, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_accounts(accounts)
{
    m_timer.setInterval(250ms);
    connect(&m_timer, &QTimer::timeout, this, &Poller::tick);
}

void Poller::setTick(milliseconds tick)
{
    m_timer.setInterval(tick);
}

void Poller::setIntervalOverride(milliseconds base, milliseconds max)
{
    m_baseOverride = base;
    m_maxOverride = max;
}

void Poller::start()
{
    if (!m_pool)
        m_pool = &Pools::jobs();
    m_timer.start();
    QTimer::singleShot(0, this, &Poller::tick);
}

void Poller::stop()
{
    m_timer.stop();
}

bool Poller::isActive() const
{
    return m_timer.isActive();
}

void Poller::refreshUrl(const QString& jobId)
{
    VideoJob* job = m_store.project().findJob(jobId);
    if (!job)
        return;
    m_refresh.insert(jobId);
    m_operations[operationKey(*job)].nextPoll = {};
    QTimer::singleShot(0, this, &Poller::tick);
}

void Poller::tick()
{
    if (!m_store.isOpen())
        return;
    Project& project = m_store.project();
    const auto now = m_accounts.clock().now();
    // Group the jobs by remote operation: several samples of one Veo request are polled once.
    QHash<QString, QStringList> byOperation;
    QStringList order;
    for (VideoJob& job : project.jobs) {
        const bool wanted = isRemotePending(job.state) || m_refresh.contains(job.id);
        if (!wanted || job.remoteId.isEmpty())
            continue;
        const QString key = operationKey(job);
        if (!byOperation.contains(key))
            order.append(key);
        byOperation[key].append(job.id);
    }
    for (const QString& key : std::as_const(order)) {
        if (m_inFlight.contains(key))
            continue; // never two polls of one operation at once
        auto found = m_operations.find(key);
        if (found == m_operations.end()) {
            // Watched from now on: however long ago it was submitted, it is polled first.
            found = m_operations.insert(key, Operation{});
            found->lastProgress = now;
        }
        Operation& op = *found;
        if (op.nextPoll > now)
            continue;
        const QString accountId = key.section(u'|', 0, 0);
        if (!m_accounts.contains(accountId)) {
            fail(
                byOperation[key], JobStage::Poll,
                u"The account \"%1\" that created this job is not available; add it back and Retry."_s
                    .arg(accountId),
                true);
            continue;
        }
        if (m_accounts.cooldownLeft(accountId) > 0ms || !m_accounts.tryAcquireRequest(accountId))
            continue; // next tick
        launch(key, byOperation[key]);
    }
    // Forget operations that are no longer pending.
    for (auto it = m_operations.begin(); it != m_operations.end();) {
        if (!byOperation.contains(it.key()) && !m_inFlight.contains(it.key()))
            it = m_operations.erase(it);
        else
            ++it;
    }
}

void Poller::launch(const QString& key, const QStringList& jobIds)
{
    const VideoJob* job = m_store.project().findJob(jobIds.first());
    auto provider = m_accounts.provider(job->accountId);
    m_inFlight.insert(key);
    runInPool(
        m_pool, this, [provider, copy = *job] { return provider->poll(copy, CancelToken()); },
        [this, key, jobIds](const Result<PollResult>& result) { onPolled(key, jobIds, result); });
}

std::pair<milliseconds, milliseconds> Poller::intervals(const QString& accountId) const
{
    auto provider = m_accounts.provider(accountId);
    const milliseconds base =
        m_baseOverride.count() > 0 ? m_baseOverride : (provider ? provider->pollInterval() : 8s);
    const milliseconds max =
        m_maxOverride.count() > 0 ? m_maxOverride : (provider ? provider->maxPollInterval() : 30s);
    return {base, max};
}

void Poller::onPolled(const QString& key, const QStringList& jobIds,
                      const Result<PollResult>& result)
{
    m_inFlight.remove(key);
    if (!m_store.isOpen())
        return;
    if (!result.ok()) {
        onPollError(key, jobIds, result.error());
        return;
    }
    m_operations[key].errors = 0;
    const PollResult& r = result.value();
    switch (r.state) {
    case PollResult::State::Queued:
    case PollResult::State::Running:
        onStillRunning(key, jobIds, r);
        return;
    case PollResult::State::Succeeded:
        onSucceeded(jobIds, r);
        return;
    case PollResult::State::Failed:
        fail(jobIds, JobStage::Render,
             r.message.isEmpty() ? u"The service could not make the video."_s : r.message, true);
        return;
    case PollResult::State::Cancelled:
        for (const QString& id : jobIds) {
            VideoJob* job = m_store.project().findJob(id);
            if (job && JobStateMachine::cancel(*job, r.message))
                emit jobChanged(id);
        }
        m_store.markDirty();
        return;
    }
}

void Poller::onPollError(const QString& key, const QStringList& jobIds, const Error& e)
{
    Operation& op = m_operations[key];
    const QString accountId = key.section(u'|', 0, 0);
    ++op.errors;
    if (e.isAuthFailure()) {
        fail(jobIds, JobStage::Poll,
             u"The key of \"%1\" was rejected while checking this job (%2). Fix the key, then "
             u"Retry: the job is checked again, not bought again."_s.arg(accountId, e.message),
             true);
        return;
    }
    if (e.kind == ErrorKind::Http && (e.httpStatus == 404 || e.httpStatus == 410)) {
        fail(jobIds, JobStage::Poll, u"The service no longer knows this job (%1)."_s.arg(e.message),
             true);
        return;
    }
    if (e.httpStatus == 429)
        m_accounts.coolDown(accountId, e.retryAfter.value_or(30s), e.message);
    if (op.errors >= kMaxConsecutiveErrors) {
        fail(jobIds, JobStage::Poll,
             u"Checking this job failed %1 times in a row: %2"_s.arg(op.errors).arg(e.message),
             true);
        return;
    }
    const auto [base, max] = intervals(accountId);
    const auto now = m_accounts.clock().now();
    op.interval = std::min(max, std::max(base, op.interval * 2));
    op.nextPoll = now + std::max(op.interval, e.retryAfter.value_or(0ms));
    for (const QString& id : jobIds) {
        if (VideoJob* job = m_store.project().findJob(id))
            job->pollFailures = op.errors;
    }
    qCInfo(lcJobs).noquote() << u"poll of %1 failed (%2); next try in %3 ms"_s
                                    .arg(jobIds.join(u", "_s), e.message)
                                    .arg(duration_cast<milliseconds>(op.nextPoll - now).count());
}

void Poller::onStillRunning(const QString& key, const QStringList& jobIds, const PollResult& r)
{
    Operation& op = m_operations[key];
    const auto now = m_accounts.clock().now();
    if (int(r.state) != op.lastState || r.progress != op.lastPercent) {
        op.lastState = int(r.state);
        op.lastPercent = r.progress;
        op.lastProgress = now;
    } else if (m_renderTimeout.count() > 0 && now - op.lastProgress > m_renderTimeout) {
        const auto watched = duration_cast<milliseconds>(m_renderTimeout);
        fail(jobIds, JobStage::Poll,
             u"No progress for %1 of checking. Retry to keep checking (it will not be submitted "
             u"again)."_s.arg(watched >= 1min ? u"%1 min"_s.arg(watched.count() / 60000)
                                              : u"%1 s"_s.arg(watched.count() / 1000.0)),
             true);
        return;
    }
    const auto [base, max] = intervals(key.section(u'|', 0, 0));
    op.interval = op.interval.count() == 0
                      ? base
                      : std::min(max, milliseconds(qint64(double(op.interval.count()) * 1.5)));
    op.nextPoll = now + op.interval;
    for (const QString& id : jobIds) {
        VideoJob* job = m_store.project().findJob(id);
        if (!job || !isRemotePending(job->state))
            continue;
        const int progress = r.progress >= 0 ? r.progress : job->renderProgress;
        const bool moved = r.state == PollResult::State::Running &&
                           job->state != JobState::Rendering &&
                           JobStateMachine::moveTo(*job, JobState::Rendering);
        if (moved || progress != job->renderProgress) {
            job->renderProgress = progress;
            m_store.markDirty();
            emit jobChanged(id);
        }
    }
}

void Poller::onSucceeded(const QStringList& jobIds, const PollResult& r)
{
    QStringList ready;
    QStringList missing;
    for (const QString& id : jobIds) {
        VideoJob* job = m_store.project().findJob(id);
        if (!job)
            continue;
        if (job->sampleIndex >= r.videoUrls.size()) {
            missing.append(id);
            continue;
        }
        job->videoUrl = r.videoUrls[job->sampleIndex];
        job->renderProgress = 100;
        job->pollFailures = 0;
        if ((isRemotePending(job->state) || m_refresh.contains(id)) &&
            JobStateMachine::moveTo(*job, JobState::Ready))
            ready.append(id);
        m_refresh.remove(id);
        emit jobChanged(id);
    }
    if (!missing.isEmpty())
        fail(missing, JobStage::Render, u"The service made fewer videos than asked for."_s, true);
    m_store.markDirty();
    m_store.saveNow(); // a finished, paid clip's URL
    if (!ready.isEmpty())
        emit jobsReady(ready);
}

void Poller::fail(const QStringList& ids, JobStage stage, const QString& message, bool retryable)
{
    Project& project = m_store.project();
    // A retried job is watched afresh: its render timeout and backoff start over.
    for (const QString& id : ids) {
        if (const VideoJob* job = project.findJob(id))
            m_operations.remove(operationKey(*job));
    }
    QStringList failed;
    for (const QString& id : ids) {
        VideoJob* job = project.findJob(id);
        m_refresh.remove(id);
        if (job && JobStateMachine::fail(*job, stage, message, retryable)) {
            failed.append(id);
            emit jobChanged(id);
        }
    }
    qCWarning(lcJobs).noquote() << u"%1: %2"_s.arg(ids.join(u", "_s), message);
    m_store.markDirty();
    if (!failed.isEmpty())
        emit jobsFailed(failed);
}

} // namespace t2v

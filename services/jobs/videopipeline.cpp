#include "videopipeline.h"

#include "accounts/accountstore.h"
#include "accounts/secretstore.h"
#include "core/logging.h"
#include "core/pools.h"
#include "jobs/jobstatemachine.h"
#include "media/ffmpegtools.h"
#include "project/projectpaths.h"
#include "project/projectstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <array>

using namespace Qt::StringLiterals;

namespace t2v {

int JobCounts::unfinished() const
{
    int n = 0;
    for (auto it = byState.cbegin(); it != byState.cend(); ++it)
        n += isTerminal(it.key()) ? 0 : it.value();
    return n;
}

QString JobCounts::summary() const
{
    // Translated where a translator is installed (the window); English in the command line.
    static constexpr std::array<std::pair<JobState, const char*>, 12> parts{{
        {JobState::Done, QT_TRANSLATE_NOOP("JobCounts", "%1 done")},
        {JobState::Queued, QT_TRANSLATE_NOOP("JobCounts", "%1 queued")},
        {JobState::Submitting, QT_TRANSLATE_NOOP("JobCounts", "%1 submitting")},
        {JobState::Submitted, QT_TRANSLATE_NOOP("JobCounts", "%1 submitted")},
        {JobState::Rendering, QT_TRANSLATE_NOOP("JobCounts", "%1 rendering")},
        {JobState::Ready, QT_TRANSLATE_NOOP("JobCounts", "%1 ready")},
        {JobState::Downloading, QT_TRANSLATE_NOOP("JobCounts", "%1 downloading")},
        {JobState::Downloaded, QT_TRANSLATE_NOOP("JobCounts", "%1 downloaded")},
        {JobState::Finishing, QT_TRANSLATE_NOOP("JobCounts", "%1 finishing")},
        {JobState::Failed, QT_TRANSLATE_NOOP("JobCounts", "%1 failed")},
        {JobState::Unconfirmed, QT_TRANSLATE_NOOP("JobCounts", "%1 unconfirmed")},
        {JobState::Cancelled, QT_TRANSLATE_NOOP("JobCounts", "%1 cancelled")},
    }};
    QStringList out;
    for (const auto& [state, label] : parts) {
        if (count(state) > 0 || (state == JobState::Done && total > 0))
            out.append(QCoreApplication::translate("JobCounts", label).arg(count(state)));
    }
    return out.isEmpty() ? QCoreApplication::translate("JobCounts", "no clips yet")
                         : out.join(u" · "_s);
}

VideoPipeline::VideoPipeline(ProjectStore& store, Clock& clock, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_accounts(clock)
    , m_spend(clock)
    , m_scheduler(store, m_accounts)
    , m_poller(store, m_accounts)
    , m_downloads(store, m_accounts)
{
    connect(&m_scheduler, &JobScheduler::jobChanged, this, &VideoPipeline::onJobChanged);
    connect(&m_poller, &Poller::jobChanged, this, &VideoPipeline::onJobChanged);
    connect(&m_downloads, &DownloadManager::jobChanged, this, &VideoPipeline::onJobChanged);
    connect(&m_downloads, &DownloadManager::progress, this, &VideoPipeline::jobProgress);
    connect(&m_downloads, &DownloadManager::waveFinished, this, &VideoPipeline::waveFinished);
    connect(&m_downloads, &DownloadManager::urlExpired, &m_poller, &Poller::refreshUrl);
    connect(&m_poller, &Poller::jobsReady, &m_downloads, &DownloadManager::wake);
    connect(&m_scheduler, &JobScheduler::problem, this, &VideoPipeline::problem);
    connect(&m_scheduler, &JobScheduler::held, this, [this](const QString& reason) {
        emit held(reason);
        checkIdle();
    });
    m_scheduler.setSpendGuard(&m_spend);
    connect(&m_accounts, &AccountPool::accountDisabled, this,
            [this](const QString& id, const QString& why) {
                emit problem(u"Account \"%1\" disabled: %2"_s.arg(id, why));
            });
}

VideoPipeline::~VideoPipeline()
{
    stop();
}

Status VideoPipeline::prepare(const QStringList& submitAccounts, AccountStore& store,
                              const SecretStore& secrets, const PipelineOptions& options)
{
    auto tools = FfmpegTools::locate(options.ffmpegPath);
    if (!tools)
        return tools.error();
    // Unfinished jobs keep their own account: it is the only one that may poll and fetch them.
    QStringList ids = submitAccounts;
    for (const VideoJob& job : m_store.project().jobs) {
        if (!job.accountId.isEmpty() && !isTerminal(job.state) && !ids.contains(job.accountId))
            ids.append(job.accountId);
    }
    m_providerOptions.ffmpegPath = options.ffmpegPath;
    m_scheduler.setFfmpegPath(options.ffmpegPath);
    m_providerOptions.renderCacheDir = options.renderCacheDir;
    if (Status s = m_accounts.populate(ids, store, secrets, m_providerOptions); !s)
        return s;
    m_accounts.setAccountStore(&store);
    m_scheduler.setSubmitAccounts(submitAccounts);
    m_poller.setTick(options.pollTick);
    m_poller.setIntervalOverride(options.pollInterval, options.maxPollInterval);
    m_downloads.setTools(*tools);
    m_downloads.setMaxParallel(options.parallelDownloads);
    m_downloads.setRetryDelays(options.downloadRetryDelays);
    return {};
}

Status VideoPipeline::useSubmitAccounts(const QStringList& submitAccounts,
                                        const AccountStore& store, const SecretStore& secrets)
{
    if (submitAccounts.isEmpty())
        return {};
    if (Status s = m_accounts.populate(submitAccounts, store, secrets, m_providerOptions); !s)
        return s;
    m_scheduler.setSubmitAccounts(submitAccounts);
    return {};
}

void VideoPipeline::setSpendLedger(SpendLedger ledger, const QString& projectName)
{
    m_spend.setLedger(std::move(ledger));
    m_spend.setProjectName(projectName);
}

void VideoPipeline::setBudget(const Budget& budget)
{
    m_spend.setBudget(budget);
    m_scheduler.wake();
}

Result<QStringList> VideoPipeline::addJobs(const QList<int>& scenes, const JobOptions& options)
{
    return m_scheduler.addJobs(scenes, options);
}

void VideoPipeline::start(bool submitQueued)
{
    if (JobScheduler::recoverInterruptedJobs(m_store.project()) > 0) {
        m_store.markDirty();
        m_store.saveNow();
    }
    m_running = true;
    if (submitQueued)
        m_scheduler.start();
    m_poller.start();
    m_downloads.start();
    checkIdle();
}

void VideoPipeline::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_scheduler.stop();
    m_poller.stop();
    m_downloads.stop();
    m_store.saveNow();
}

void VideoPipeline::setSubmitting(bool submitting)
{
    if (submitting)
        m_scheduler.start();
    else
        m_scheduler.stop();
}

void VideoPipeline::setParallelDownloads(int n)
{
    m_downloads.setMaxParallel(n);
}

Status VideoPipeline::retry(const QStringList& jobIds)
{
    Status s = m_scheduler.retry(jobIds);
    m_downloads.wake();
    return s;
}

Status VideoPipeline::renderAgain(const QStringList& jobIds)
{
    // The old download must never be continued with the new video's bytes.
    for (const QString& id : jobIds) {
        QFile::remove(m_store.absolutePath(ProjectPaths::clipPart(id)));
        QFile::remove(m_store.absolutePath(ProjectPaths::clipPartMeta(id)));
    }
    return m_scheduler.renderAgain(jobIds);
}

Status VideoPipeline::redownload(const QStringList& jobIds)
{
    for (const QString& id : jobIds) {
        VideoJob* job = m_store.project().findJob(id);
        if (job && JobStateMachine::redownload(*job))
            onJobChanged(id);
    }
    m_store.markDirty();
    m_downloads.wake();
    return {};
}

void VideoPipeline::cancel(const QStringList& jobIds)
{
    m_downloads.cancel(jobIds);
    // Ask the service to stop where it can (fal.ai); the job is cancelled here either way.
    for (const QString& id : jobIds) {
        const VideoJob* job = m_store.project().findJob(id);
        if (!job || job->remoteId.isEmpty() || !isRemotePending(job->state))
            continue;
        if (auto provider = m_accounts.provider(job->accountId)) {
            const VideoJob copy = *job;
            Pools::jobs().start([provider, copy] {
                if (Status s = provider->cancel(copy, CancelToken()); !s)
                    qCInfo(lcJobs).noquote() << copy.id << s.error().message;
            });
        }
    }
    m_scheduler.markCancelled(jobIds);
}

JobCounts VideoPipeline::countJobs(const Project& project)
{
    JobCounts c;
    for (const VideoJob& job : project.jobs) {
        ++c.byState[job.state];
        ++c.total;
    }
    return c;
}

JobCounts VideoPipeline::counts() const
{
    return countJobs(m_store.project());
}

void VideoPipeline::onJobChanged(const QString& id)
{
    emit jobChanged(id);
    // A job that leaves its account's slots lets the next submission go.
    if (const VideoJob* job = m_store.project().findJob(id);
        job && !occupiesAccountSlot(job->state))
        m_scheduler.wake();
    if (const VideoJob* job = m_store.project().findJob(id);
        job && (job->state == JobState::Ready || job->state == JobState::Downloaded))
        m_downloads.wake();
    checkIdle();
}

void VideoPipeline::checkIdle()
{
    if (m_idleQueued || !m_running)
        return;
    m_idleQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_idleQueued = false;
        const JobCounts c = counts();
        // Clips held by a budget wait for the person, not for the services.
        const int waiting = m_scheduler.heldReason().isEmpty() ? 0 : c.count(JobState::Queued);
        if (m_running && c.unfinished() - waiting == 0 && !m_scheduler.isBusy() &&
            !m_downloads.isBusy())
            emit idle();
    });
}

} // namespace t2v

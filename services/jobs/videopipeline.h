#pragma once

// The whole video side of a project in one place, for the command line and the window alike:
// the run's accounts, the scheduler that submits, the poller that watches, the download
// manager that fetches and finishes. prepare() checks everything a run needs before anything
// is paid for (FFmpeg, accounts, keys); start() first repairs what a crash interrupted, then
// carries on with every unfinished job in the project.

#include "core/clock.h"
#include "core/error.h"
#include "jobs/accountpool.h"
#include "jobs/downloadmanager.h"
#include "jobs/jobscheduler.h"
#include "jobs/poller.h"
#include "jobs/spend.h"

#include <QMap>
#include <QObject>

#include <chrono>

namespace t2v {

class AccountStore;
class ProjectStore;
class SecretStore;

struct PipelineOptions
{
    int parallelDownloads = 5;
    QString ffmpegPath;
    QString renderCacheDir;
    // Tests shorten these.
    std::chrono::milliseconds pollTick{250};
    std::chrono::milliseconds pollInterval{0}; // 0: each provider's own
    std::chrono::milliseconds maxPollInterval{0};
    QList<std::chrono::milliseconds> downloadRetryDelays{
        std::chrono::seconds(2), std::chrono::seconds(5), std::chrono::seconds(15)};
};

struct JobCounts
{
    QMap<JobState, int> byState;
    int total = 0;
    int count(JobState s) const { return byState.value(s); }
    int unfinished() const;
    // "42 done · 3 rendering · 5 downloading · 1 failed"
    QString summary() const;
};

class VideoPipeline final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VideoPipeline)

public:
    explicit VideoPipeline(ProjectStore& store, Clock& clock = Clock::system(),
                           QObject* parent = nullptr);
    ~VideoPipeline() override;

    // Sets up `submitAccounts` for new jobs, plus every account that unfinished jobs need for
    // polling and downloading. Fails before any request when FFmpeg, an account or a key is
    // missing.
    Status prepare(const QStringList& submitAccounts, AccountStore& store,
                   const SecretStore& secrets, const PipelineOptions& options = {});
    // New submissions go to these accounts from now on (added to the run if needed).
    Status useSubmitAccounts(const QStringList& submitAccounts, const AccountStore& store,
                             const SecretStore& secrets);

    Result<QStringList> addJobs(const QList<int>& scenes, const JobOptions& options);
    // Repairs what a crash interrupted, then polls, downloads and (with submitQueued) submits.
    void start(bool submitQueued = true);
    void stop();
    bool isRunning() const { return m_running; }
    // Submitting starts or stops; polling and downloading go on.
    void setSubmitting(bool submitting);
    void setParallelDownloads(int n);
    int parallelDownloads() const { return m_downloads.maxParallel(); }

    Status retry(const QStringList& jobIds);
    // Buys the clips again (see JobScheduler::renderAgain); callers confirm with the user.
    Status renderAgain(const QStringList& jobIds);
    // Fetches finished clips again (after a fresh poll when the address is gone).
    Status redownload(const QStringList& jobIds);
    void cancel(const QStringList& jobIds);

    JobCounts counts() const;
    static JobCounts countJobs(const Project& project);

    // Prices and budgets (jobs/spend.h). A new budget takes effect at once: raising it
    // continues held submissions.
    void setPrices(PriceTable prices) { m_spend.setPrices(std::move(prices)); }
    void setSpendLedger(SpendLedger ledger, const QString& projectName);
    void setBudget(const Budget& budget);
    const Budget& budget() const { return m_spend.budget(); }
    // Why queued clips are not submitted (a budget, an unknown price); empty when they are.
    QString heldReason() const { return m_scheduler.heldReason(); }

signals:
    void jobChanged(const QString& id);
    void jobProgress(const QString& id, qint64 received, qint64 total);
    void waveFinished(int succeeded, int failed);
    void problem(const QString& message);
    // Submissions stopped at a budget; the reason is heldReason().
    void held(const QString& reason);
    // Every job has reached an end state (done, failed, cancelled or unconfirmed), or waits
    // only for a budget to be raised.
    void idle();

private:
    void onJobChanged(const QString& id);
    void checkIdle();

    ProjectStore& m_store;
    AccountPool m_accounts;
    SpendGuard m_spend;
    JobScheduler m_scheduler;
    Poller m_poller;
    DownloadManager m_downloads;
    VideoProviderOptions m_providerOptions;
    bool m_running = false;
    bool m_idleQueued = false;
};

} // namespace t2v

#pragma once

// Submits video jobs (DESIGN.md §4). Jobs are made for chosen scenes × variants and submitted
// one request at a time, round-robin over the run's accounts that have free capacity (max
// concurrent jobs) and request budget and are not cooling down. Before a request goes out the
// job is saved as Submitting; the answer's remote id is saved (synchronously, atomically)
// before the next request starts. A request is sent again automatically only when it provably
// created nothing (never reached the server, or 429/503); a 429 cools the account down for at
// least Retry-After; a rejected key disables the account while the others carry on. A request
// whose answer was lost makes the job Unconfirmed, which is never resubmitted automatically.

#include "core/error.h"
#include "project/project.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>

class QThreadPool;

namespace t2v {

class AccountPool;
class ProjectStore;
class SpendGuard;
struct SpendDecision;
struct SubmitResult;
struct VideoRequest;
class VideoProvider;
struct Account;

struct JobOptions
{
    QStringList accounts; // for new submissions, round-robin; all of one provider
    int variants = 1;
    QString resolution = QStringLiteral("720p");
    bool upscale = false;
    QString model;       // overrides the accounts' video model when set
    QString aspectRatio; // "16:9", "9:16", "1:1"; empty: the script's
};

class JobScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobScheduler)

public:
    JobScheduler(ProjectStore& store, AccountPool& accounts, QObject* parent = nullptr);

    void setThreadPool(QThreadPool* pool) { m_pool = pool; }
    // The FFmpeg that takes a clip's last frame for a chained scene (empty: search).
    void setFfmpegPath(const QString& path) { m_ffmpegPath = path; }
    // Prices and budgets (jobs/spend.h): each request is checked and charged before it
    // leaves. Without one nothing is charged and no budget applies.
    void setSpendGuard(SpendGuard* guard) { m_spend = guard; }
    // Why queued jobs wait although accounts are free (a budget is reached, a price is
    // unknown); empty when they do not. The reason is also each queued job's error.
    QString heldReason() const { return m_heldReason; }
    // Accounts that take new submissions (an explicit retry may pick any of them).
    void setSubmitAccounts(const QStringList& accounts) { m_submitAccounts = accounts; }
    QStringList submitAccounts() const { return m_submitAccounts; }

    // Adds Queued jobs for each scene × variant that has no job yet, with the video prompt
    // composed from the scene now. Returns the new job ids.
    Result<QStringList> addJobs(const QList<int>& scenes, const JobOptions& options);

    // Jobs a crash interrupted (JobStateMachine::recover). Returns how many changed.
    static int recoverInterruptedJobs(Project& project);

    void start();
    // No new submissions; one in flight is finished and recorded.
    void stop();
    bool isRunning() const { return m_running; }
    // Looks for work again (a job left an account's slots, a cooldown ended).
    void wake() { schedulePump(std::chrono::milliseconds(0)); }
    bool isBusy() const { return m_submitting; }
    int queuedCount() const;

    // What "Retry" means depends on how far the job got (JobStateMachine::retry); a job
    // submitted again gets its prompt composed afresh from the scene as it reads now.
    Status retry(const QStringList& jobIds);
    // "Render again (paid)": a failed, cancelled or unconfirmed clip is submitted anew, even
    // when the service may already have made (and billed) it. Callers confirm with the user.
    Status renderAgain(const QStringList& jobIds);
    void markCancelled(const QStringList& jobIds);

signals:
    void jobChanged(const QString& id);
    void submitted(const QStringList& ids);
    void problem(const QString& message);
    void queueEmpty();
    // Submissions stopped at a budget (see heldReason); wake() after raising it.
    void held(const QString& reason);

private:
    void refreshPrompt(VideoJob& job) const;
    void pump();
    void schedulePump(std::chrono::milliseconds delay);
    QString pickAccount(const VideoJob& first, std::chrono::milliseconds* wait,
                        SpendDecision* spend);
    QList<Account> groupAccounts(const QString& accountId) const;
    void hold(const QString& reason);
    // A charge the state machine removed (nothing was made) goes back to the ledger.
    void giveBack(const VideoJob& job, const QList<Charge>& before);
    int activeOperations(const QString& accountId) const;
    VideoJob* firstQueued();
    // Fails the queue when no account of its service is left; true when it did.
    bool failIfNoAccountLeft(const VideoJob& first);
    QStringList samplesFor(const VideoJob& first, int maxSamples) const;
    VideoRequest requestFor(const VideoJob& first, int samples) const;
    // Where a queued job of a chained scene stands (Scene::chained): free to go (not chained),
    // ready with the previous scene's clip, waiting for it, or broken (no clip will come).
    struct ChainStart
    {
        enum State { Free, Ready, Waiting, Broken };
        State state = Free;
        QString clip; // Ready: the previous scene's clip
        QString reason;
    };
    ChainStart chainStart(const VideoJob& job) const;
    void send(const QStringList& ids, const QString& accountId,
              const std::shared_ptr<VideoProvider>& provider, const VideoRequest& request,
              const Status& saved);
    void onSubmitted(const QStringList& ids, const QString& accountId,
                     const Result<SubmitResult>& result);
    void recordSubmitted(const QStringList& ids, const QString& accountId,
                         const SubmitResult& result);
    void requeue(const QStringList& ids);
    void moveTo(VideoJob& job, JobState state);
    void failJobs(const QStringList& ids, JobStage stage, const QString& message, bool retryable);

    ProjectStore& m_store;
    AccountPool& m_accounts;
    QThreadPool* m_pool = nullptr;
    QString m_ffmpegPath;
    SpendGuard* m_spend = nullptr;
    QString m_heldReason;
    QStringList m_submitAccounts;
    bool m_running = false;
    bool m_submitting = false;
    int m_roundRobin = 0;
    QTimer m_wake;
};

} // namespace t2v

#pragma once

// Watches the remote jobs (DESIGN.md §4): one timer; every Submitted or Rendering operation is
// polled on the poll pool with its provider's interval, growing while it is still running; an
// operation is never polled while its previous poll is in flight; every poll counts against
// the account's request budget and uses the account that created the job. Polls what the
// project file says, so reopening a project resumes every job that was in flight. A clip whose
// download URL expired is polled again for a fresh one.

#include "core/clock.h"
#include "project/project.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <chrono>

class QThreadPool;

namespace t2v {

class AccountPool;
class ProjectStore;
struct PollResult;
struct Error;
template <typename T>
class Result;

class Poller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Poller)

public:
    Poller(ProjectStore& store, AccountPool& accounts, QObject* parent = nullptr);

    void setThreadPool(QThreadPool* pool) { m_pool = pool; }
    // The timer's tick; poll intervals come from the providers unless overridden.
    void setTick(std::chrono::milliseconds tick);
    void setIntervalOverride(std::chrono::milliseconds base, std::chrono::milliseconds max);
    // A job that this poller has watched this long without any progress fails as timed out
    // (retryable: Retry polls it again, it is never bought again). Time the program was not
    // running does not count, and every job is polled at least once after it is opened.
    void setRenderTimeout(std::chrono::milliseconds timeout) { m_renderTimeout = timeout; }

    void start();
    void stop();
    bool isActive() const;
    // Polls the job again for a fresh download URL (its URL expired).
    void refreshUrl(const QString& jobId);
    int pollsInFlight() const { return int(m_inFlight.size()); }

signals:
    void jobChanged(const QString& id);
    void jobsReady(const QStringList& ids);
    void jobsFailed(const QStringList& ids);

private:
    struct Operation
    {
        Clock::TimePoint nextPoll{};
        std::chrono::milliseconds interval{0};
        int errors = 0;
        Clock::TimePoint lastProgress{}; // first seen, or the last change the service reported
        int lastState = -1;
        int lastPercent = -1;
    };

    void tick();
    void launch(const QString& key, const QStringList& jobIds);
    void onPolled(const QString& key, const QStringList& jobIds, const Result<PollResult>& result);
    void onPollError(const QString& key, const QStringList& jobIds, const Error& error);
    void onStillRunning(const QString& key, const QStringList& jobIds, const PollResult& result);
    void onSucceeded(const QStringList& jobIds, const PollResult& result);
    // The provider's polling intervals (or the override): first and longest.
    std::pair<std::chrono::milliseconds, std::chrono::milliseconds>
    intervals(const QString& accountId) const;
    void fail(const QStringList& ids, JobStage stage, const QString& message, bool retryable);

    ProjectStore& m_store;
    AccountPool& m_accounts;
    QThreadPool* m_pool = nullptr;
    QTimer m_timer;
    QHash<QString, Operation> m_operations;
    QSet<QString> m_inFlight;
    QSet<QString> m_refresh; // job ids waiting for a fresh URL
    std::chrono::milliseconds m_baseOverride{0};
    std::chrono::milliseconds m_maxOverride{0};
    std::chrono::milliseconds m_renderTimeout{std::chrono::minutes(30)};
};

} // namespace t2v

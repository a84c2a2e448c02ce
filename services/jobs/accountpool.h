#pragma once

// The video accounts of a run and their state while it goes on: each account's provider
// (bound to its key), its request budget (requests per minute, sliding window), a cooldown
// after a 429 that lasts at least the server's Retry-After, and whether it was disabled because
// its key was rejected. Accounts of one quota group (Account::quotaGroup: keys of one Google
// Cloud project) share the budget, the cooldown and the concurrency of the strictest of them.
// Shared by JobScheduler, Poller and DownloadManager. Main thread.

#include "core/account.h"
#include "core/clock.h"
#include "core/error.h"
#include "net/ratelimiter.h"
#include "video/videoprovider.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <chrono>
#include <memory>

namespace t2v {

class AccountStore;
class SecretStore;

class AccountPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountPool)

public:
    explicit AccountPool(Clock& clock = Clock::system(), QObject* parent = nullptr);

    // Adds the accounts `ids` from `store` with their keys. Fails, before any request is made,
    // when an account is unknown, cannot make videos, is disabled or has no key.
    Status populate(const QStringList& ids, const AccountStore& store, const SecretStore& secrets,
                    const VideoProviderOptions& options = {});
    void add(const Account& account, std::shared_ptr<VideoProvider> provider);
    // Disabling an account is also written to this store, so it stays disabled.
    void setAccountStore(AccountStore* store) { m_store = store; }

    bool contains(const QString& id) const { return m_entries.contains(id); }
    QStringList ids() const { return m_order; }
    std::shared_ptr<VideoProvider> provider(const QString& id) const;
    const Account* account(const QString& id) const;

    bool isDisabled(const QString& id) const;
    QString disabledReason(const QString& id) const;
    // `remember`: also written to the account store (a rejected key); otherwise for this run.
    void disable(const QString& id, const QString& reason, bool remember = true);

    // The accounts of the run that share `id`'s quota (itself included, in run order).
    QStringList groupOf(const QString& id) const;
    // The fewest concurrent jobs any account of the group allows.
    int groupConcurrency(const QString& id) const;

    // Cooldowns belong to the quota group: every account of it waits.
    std::chrono::milliseconds cooldownLeft(const QString& id) const;
    void coolDown(const QString& id, std::chrono::milliseconds duration, const QString& reason);

    // Takes one request from the per-minute budget of the account's quota group (the lowest
    // requests per minute of its accounts).
    bool tryAcquireRequest(const QString& id);
    std::chrono::milliseconds timeUntilRequest(const QString& id) const;

    Clock& clock() const { return m_clock; }

signals:
    void accountDisabled(const QString& id, const QString& reason);
    void accountCoolingDown(const QString& id, qint64 milliseconds, const QString& reason);

private:
    struct Entry
    {
        Account account;
        std::shared_ptr<VideoProvider> provider;
        bool disabled = false;
        QString disabledReason;
    };
    QString groupKey(const QString& id) const;
    int groupRequestsPerMinute(const QString& id) const;

    Clock& m_clock;
    RateLimiter m_limiter;
    QHash<QString, Entry> m_entries;
    QHash<QString, Clock::TimePoint> m_coolUntil; // by group key
    QStringList m_order;
    AccountStore* m_store = nullptr;
};

} // namespace t2v

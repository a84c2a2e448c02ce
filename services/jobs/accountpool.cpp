#include "accountpool.h"

#include "accounts/accountstore.h"
#include "accounts/providerfactory.h"
#include "accounts/secretstore.h"
#include "core/logging.h"

#include <limits>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace t2v {

AccountPool::AccountPool(Clock& clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
    , m_limiter(clock)
{}

Status AccountPool::populate(const QStringList& ids, const AccountStore& store,
                             const SecretStore& secrets, const VideoProviderOptions& options)
{
    const ProviderFactory factory(store, secrets);
    for (const QString& id : ids) {
        if (contains(id))
            continue;
        const auto account = store.find(id);
        if (!account)
            return Error::make(ErrorKind::Invalid, u"There is no account \"%1\"."_s.arg(id));
        auto provider = factory.video(*account, options);
        if (!provider)
            return provider.error();
        add(*account, provider.value());
        if (!account->enabled)
            disable(id, account->disabledReason.isEmpty() ? u"disabled in Accounts"_s
                                                          : account->disabledReason);
    }
    return {};
}

void AccountPool::add(const Account& account, std::shared_ptr<VideoProvider> provider)
{
    if (!m_entries.contains(account.id))
        m_order.append(account.id);
    m_entries.insert(account.id, Entry{account, std::move(provider), false, {}});
}

std::shared_ptr<VideoProvider> AccountPool::provider(const QString& id) const
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() ? nullptr : it->provider;
}

const Account* AccountPool::account(const QString& id) const
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() ? nullptr : &it->account;
}

bool AccountPool::isDisabled(const QString& id) const
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() || it->disabled;
}

QString AccountPool::disabledReason(const QString& id) const
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() ? u"unknown account"_s : it->disabledReason;
}

void AccountPool::disable(const QString& id, const QString& reason, bool remember)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || it->disabled)
        return;
    it->disabled = true;
    it->disabledReason = reason;
    qCWarning(lcJobs).noquote() << u"account %1 disabled: %2"_s.arg(id, reason);
    if (remember && m_store && m_store->find(id) && m_store->find(id)->enabled)
        (void)m_store->setEnabled(id, false, reason);
    emit accountDisabled(id, reason);
}

QString AccountPool::groupKey(const QString& id) const
{
    const Account* a = account(id);
    return a && !a->quotaGroup.isEmpty() ? u"group:"_s + a->quotaGroup : u"account:"_s + id;
}

QStringList AccountPool::groupOf(const QString& id) const
{
    const Account* a = account(id);
    if (!a)
        return {};
    if (a->quotaGroup.isEmpty())
        return {id};
    QStringList members;
    for (const QString& other : m_order) {
        if (m_entries.value(other).account.quotaGroup == a->quotaGroup)
            members.append(other);
    }
    return members;
}

int AccountPool::groupConcurrency(const QString& id) const
{
    int n = std::numeric_limits<int>::max();
    for (const QString& member : groupOf(id))
        n = std::min(n, m_entries.value(member).account.maxConcurrentJobs);
    return n == std::numeric_limits<int>::max() ? 0 : n;
}

int AccountPool::groupRequestsPerMinute(const QString& id) const
{
    int n = std::numeric_limits<int>::max();
    for (const QString& member : groupOf(id))
        n = std::min(n, m_entries.value(member).account.requestsPerMinute);
    return n == std::numeric_limits<int>::max() ? 0 : n;
}

milliseconds AccountPool::cooldownLeft(const QString& id) const
{
    if (!contains(id))
        return 0ms;
    const auto it = m_coolUntil.constFind(groupKey(id));
    if (it == m_coolUntil.constEnd())
        return 0ms;
    return std::max(duration_cast<milliseconds>(*it - m_clock.now()), 0ms);
}

void AccountPool::coolDown(const QString& id, milliseconds duration, const QString& reason)
{
    if (!contains(id))
        return;
    const auto until = m_clock.now() + duration;
    Clock::TimePoint& current = m_coolUntil[groupKey(id)];
    if (until <= current)
        return;
    current = until;
    for (const QString& member : groupOf(id)) {
        qCInfo(lcJobs).noquote() << u"account %1 cools down for %2 s: %3"_s.arg(member)
                                        .arg(duration.count() / 1000.0)
                                        .arg(reason);
        emit accountCoolingDown(member, duration.count(), reason);
    }
}

bool AccountPool::tryAcquireRequest(const QString& id)
{
    return contains(id) && m_limiter.tryAcquire(groupKey(id), groupRequestsPerMinute(id));
}

milliseconds AccountPool::timeUntilRequest(const QString& id) const
{
    return contains(id) ? m_limiter.timeUntilAvailable(groupKey(id), groupRequestsPerMinute(id))
                        : 0ms;
}

} // namespace t2v

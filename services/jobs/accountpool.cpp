#include "accountpool.h"

#include "accounts/accountstore.h"
#include "accounts/providerfactory.h"
#include "accounts/secretstore.h"
#include "core/logging.h"

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
    m_entries.insert(account.id, Entry{account, std::move(provider), false, {}, {}});
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

milliseconds AccountPool::cooldownLeft(const QString& id) const
{
    const auto it = m_entries.constFind(id);
    if (it == m_entries.constEnd())
        return 0ms;
    const auto left = duration_cast<milliseconds>(it->coolUntil - m_clock.now());
    return std::max(left, 0ms);
}

void AccountPool::coolDown(const QString& id, milliseconds duration, const QString& reason)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    const auto until = m_clock.now() + duration;
    if (until <= it->coolUntil)
        return;
    it->coolUntil = until;
    qCInfo(lcJobs).noquote() << u"account %1 cools down for %2 s: %3"_s.arg(id)
                                    .arg(duration.count() / 1000.0)
                                    .arg(reason);
    emit accountCoolingDown(id, duration.count(), reason);
}

bool AccountPool::tryAcquireRequest(const QString& id)
{
    const Account* a = account(id);
    return a && m_limiter.tryAcquire(id, a->requestsPerMinute);
}

milliseconds AccountPool::timeUntilRequest(const QString& id) const
{
    const Account* a = account(id);
    return a ? m_limiter.timeUntilAvailable(id, a->requestsPerMinute) : 0ms;
}

} // namespace t2v

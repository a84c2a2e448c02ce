#include "providerfactory.h"

#include "providers/providerregistry.h"

using namespace Qt::StringLiterals;

namespace t2v {

ProviderFactory::ProviderFactory(const AccountStore& accounts, const SecretStore& secrets)
    : m_accounts(accounts)
    , m_secrets(secrets)
{}

std::optional<QString> ProviderFactory::keyFor(const Account& account) const
{
    return keyFor(account, m_secrets);
}

std::optional<QString> ProviderFactory::keyFor(const Account& account, const SecretStore& secrets)
{
    if (!ProviderRegistry::usesKey(account))
        return std::nullopt;
    if (auto secret = secrets.read(account.id))
        return secret->key;
    return std::nullopt;
}

Status ProviderFactory::checkKey(const Account& account, const std::optional<QString>& key)
{
    if (ProviderRegistry::needsKey(account) && (!key || key->isEmpty()))
        return Error::make(
            ErrorKind::Auth,
            u"The account \"%1\" has no API key. Add one in Accounts, run \"t2v accounts add\", "
            u"or set %2."_s.arg(account.id, SecretStore::environmentName(account.id)));
    return {};
}

Result<std::shared_ptr<LlmProvider>> ProviderFactory::text(const QString& accountId,
                                                           const QString& modelOverride) const
{
    const auto account = m_accounts.find(accountId);
    if (!account) {
        QStringList ids;
        for (const Account& a : m_accounts.scriptAccounts())
            ids.append(a.id);
        return Error::make(
            ErrorKind::Invalid,
            u"There is no account \"%1\". Accounts that can write scripts: %2."_s.arg(
                accountId, ids.join(u", "_s)));
    }
    const ProviderRow* row = ProviderRegistry::find(account->provider);
    if (!row || !row->makeText)
        return Error::make(ErrorKind::Unsupported,
                           u"The account \"%1\" (%2) cannot write scripts."_s.arg(
                               account->id, ProviderRegistry::label(account->provider)));
    if (!account->enabled)
        return Error::make(ErrorKind::Invalid,
                           u"The account \"%1\" is disabled%2."_s.arg(
                               account->id, account->disabledReason.isEmpty()
                                                ? QString()
                                                : u" (%1)"_s.arg(account->disabledReason)));
    const std::optional<QString> key = keyFor(*account);
    if (Status s = checkKey(*account, key); !s)
        return s.error();
    LlmConfig config;
    config.baseUrl = ProviderRegistry::baseUrl(*account);
    config.apiKey = key.value_or(QString());
    config.model = modelOverride.isEmpty() ? ProviderRegistry::textModel(*account) : modelOverride;
    config.tokenLimitField = account->tokenLimitField;
    if (modelOverride.isEmpty() && ProviderRegistry::textModelFoundOnFirstUse(*account)) {
        // Chosen from the key's model list with the first request, on its pool thread.
        config.resolveModel = [a = *account, key = config.apiKey](const CancelToken& cancel) {
            return ProviderRegistry::resolveTextModel(a, key, cancel);
        };
    }
    return row->makeText(config);
}

Result<std::shared_ptr<VideoProvider>>
ProviderFactory::video(const QString& accountId, const VideoProviderOptions& options) const
{
    const auto account = m_accounts.find(accountId);
    if (!account)
        return Error::make(ErrorKind::Invalid, u"There is no account \"%1\"."_s.arg(accountId));
    return video(*account, options);
}

Result<std::shared_ptr<VideoProvider>>
ProviderFactory::video(const Account& account, const VideoProviderOptions& options) const
{
    return video(account, m_secrets, options);
}

Result<std::shared_ptr<VideoProvider>> ProviderFactory::video(const Account& account,
                                                              const SecretStore& secrets,
                                                              const VideoProviderOptions& options)
{
    const ProviderRow* row = ProviderRegistry::find(account.provider);
    if (!row || !row->makeVideo)
        return Error::make(ErrorKind::Invalid,
                           u"The account \"%1\" (%2) cannot make videos."_s.arg(
                               account.id, ProviderRegistry::label(account.provider)));
    const std::optional<QString> key = keyFor(account, secrets);
    if (Status s = checkKey(account, key); !s)
        return s.error();
    return row->makeVideo(account, key.value_or(QString()), options);
}

Result<std::shared_ptr<ImageProvider>>
ProviderFactory::image(const QString& accountId, const VideoProviderOptions& options) const
{
    const auto account = m_accounts.find(accountId);
    if (!account)
        return Error::make(ErrorKind::Invalid, u"There is no account \"%1\"."_s.arg(accountId));
    return image(*account, m_secrets, options);
}

Result<std::shared_ptr<ImageProvider>> ProviderFactory::image(const Account& account,
                                                              const SecretStore& secrets,
                                                              const VideoProviderOptions& options)
{
    const ProviderRow* row = ProviderRegistry::find(account.provider);
    if (!row || !ProviderRegistry::canMakeImages(account)) {
        QStringList kinds;
        for (const ProviderRow& r : ProviderRegistry::rows()) {
            if (r.makeImage)
                kinds.append(ProviderRegistry::label(r.id));
        }
        return Error::make(ErrorKind::Invalid,
                           u"The account \"%1\" (%2) cannot make images. Accounts of these "
                           u"providers can: %3."_s.arg(account.id,
                                                       ProviderRegistry::label(account.provider),
                                                       kinds.join(u", "_s)));
    }
    if (!account.enabled)
        return Error::make(ErrorKind::Invalid,
                           u"The account \"%1\" is disabled%2."_s.arg(
                               account.id, account.disabledReason.isEmpty()
                                               ? QString()
                                               : u" (%1)"_s.arg(account.disabledReason)));
    const std::optional<QString> key = keyFor(account, secrets);
    if (Status s = checkKey(account, key); !s)
        return s.error();
    return row->makeImage(account, key.value_or(QString()), options);
}

Status ProviderFactory::test(const QString& accountId, const CancelToken& cancel) const
{
    const auto account = m_accounts.find(accountId);
    if (!account)
        return Error::make(ErrorKind::Invalid, u"There is no account \"%1\"."_s.arg(accountId));
    return test(*account, m_secrets, {}, cancel);
}

Status ProviderFactory::test(const Account& account, const SecretStore& secrets,
                             const VideoProviderOptions& options, const CancelToken& cancel)
{
    Status result;
    if (ProviderRegistry::canMakeVideos(account)) {
        auto provider = video(account, secrets, options);
        result = provider ? provider.value()->testConnection(cancel) : Status(provider.error());
    } else {
        const ProviderRow* row = ProviderRegistry::find(account.provider);
        const std::optional<QString> key = keyFor(account, secrets);
        if (Status s = checkKey(account, key); !s)
            return s;
        if (!row || !row->makeText)
            return Error::make(ErrorKind::Unsupported,
                               u"\"%1\" can neither write nor make videos."_s.arg(account.id));
        // A disabled account is tested too: that is how it comes back.
        LlmConfig config;
        config.baseUrl = ProviderRegistry::baseUrl(account);
        config.apiKey = key.value_or(QString());
        config.model = ProviderRegistry::textModel(account);
        result = row->makeText(config)->testConnection(cancel);
    }
    if (!result)
        return ProviderRegistry::classify(account, result.error());
    return result;
}

} // namespace t2v

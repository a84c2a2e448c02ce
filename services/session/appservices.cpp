#include "appservices.h"

#include "core/async.h"
#include "core/pools.h"
#include "media/ffmpegtools.h"
#include "providers/providerregistry.h"

using namespace Qt::StringLiterals;

namespace t2v {

AppServices::AppServices(QString configDir, QObject* parent)
    : QObject(parent)
    , m_settings(configDir)
    , m_accounts(configDir)
    , m_secrets(std::make_shared<SecretStore>(configDir))
{
    QStringList problems;
    if (Status s = m_settings.load(); !s)
        problems.append(s.error().message);
    if (Status s = m_accounts.load(); !s)
        problems.append(s.error().message);
    m_problems = problems.join(u'\n');
    m_settings.applyToServices();
}

QString AppServices::keySource(const Account& account) const
{
    if (!ProviderRegistry::usesKey(account))
        return u"not needed"_s;
    if (const auto where = m_secrets->whereIs(account.id))
        return SecretStore::backendName(*where);
    return ProviderRegistry::needsKey(account) ? u"missing"_s : u"none"_s;
}

void AppServices::prefetchKeys()
{
    QStringList ids;
    for (const Account& a : m_accounts.accounts()) {
        if (ProviderRegistry::usesKey(a))
            ids.append(a.id);
    }
    std::shared_ptr<SecretStore> secrets = m_secrets;
    runInPool(
        &Pools::control(), this,
        [secrets, ids] {
            for (const QString& id : ids)
                (void)secrets->read(id);
            return true;
        },
        [this](bool) { emit keysReady(); });
}

void AppServices::prefetchTools()
{
    const QString path = m_settings.ffmpegPath();
    runInPool(
        &Pools::control(), this, [path] { return FfmpegTools::locate(path).ok(); }, [](bool) {});
}

void AppServices::testAccount(const QString& accountId, QObject* context,
                              std::function<void(const Status&)> done)
{
    const auto account = m_accounts.find(accountId);
    if (!account) {
        done(Error::make(ErrorKind::Invalid, u"There is no account \"%1\"."_s.arg(accountId)));
        return;
    }
    // The account is copied: the list may change while the test runs.
    std::shared_ptr<SecretStore> secrets = m_secrets;
    VideoProviderOptions options;
    options.ffmpegPath = m_settings.ffmpegPath();
    runInPool(
        &Pools::control(), context,
        [secrets, a = *account, options] { return ProviderFactory::test(a, *secrets, options); },
        [done](const Status& s) { done(s); });
}

Result<AppServices::ImageMaker> AppServices::imageMaker(const QString& accountId) const
{
    const auto account = m_accounts.find(accountId);
    if (!account)
        return Error::make(ErrorKind::Invalid, u"There is no account \"%1\"."_s.arg(accountId));
    VideoProviderOptions options;
    options.ffmpegPath = m_settings.ffmpegPath();
    if (!ProviderRegistry::canMakeImages(*account))
        return ProviderFactory::image(*account, *m_secrets, options)
            .error(); // names the ones that can
    return ImageMaker([secrets = m_secrets, a = *account, options] {
        return ProviderFactory::image(a, *secrets, options);
    });
}

void AppServices::refreshModels(const QString& accountId, QObject* context,
                                std::function<void(const Result<ModelList>&)> done)
{
    const auto account = m_accounts.find(accountId);
    if (!account) {
        done(Error::make(ErrorKind::Invalid, u"There is no account \"%1\"."_s.arg(accountId)));
        return;
    }
    std::shared_ptr<SecretStore> secrets = m_secrets;
    runInPool(
        &Pools::control(), context,
        [secrets, a = *account]() -> Result<ModelList> {
            const std::optional<QString> key = ProviderFactory::keyFor(a, *secrets);
            if (ProviderRegistry::needsKey(a) && (!key || key->isEmpty()))
                return Error::make(ErrorKind::Auth,
                                   u"The account \"%1\" has no API key."_s.arg(a.id));
            Result<ModelList> list = ModelCatalog::fetch(a, key.value_or(QString()));
            if (!list)
                return ProviderRegistry::classify(a, list.error());
            if (Status s = ModelCatalog::store(*list); !s)
                return s.error();
            return list;
        },
        [done](const Result<ModelList>& r) { done(r); });
}

QString AppServices::testVerdict(const Status& result)
{
    if (result.ok())
        return u"ok"_s;
    const Error& e = result.error();
    if (e.isAuthFailure())
        return u"bad key"_s;
    if (e.kind == ErrorKind::Network || e.kind == ErrorKind::Timeout)
        return u"unreachable"_s;
    return u"error"_s;
}

void AppServices::storeKey(const QString& accountId, const QString& key,
                           SecretStore::Backend backend, QObject* context,
                           std::function<void(const Status&)> done)
{
    std::shared_ptr<SecretStore> secrets = m_secrets;
    runInPool(
        &Pools::control(), context,
        [secrets, accountId, key, backend] { return secrets->write(accountId, key, backend); },
        [done](const Status& s) { done(s); });
}

void AppServices::forgetKey(const QString& accountId)
{
    std::shared_ptr<SecretStore> secrets = m_secrets;
    Pools::control().start([secrets, accountId] { (void)secrets->remove(accountId); });
}

void AppServices::checkFfmpeg(const QString& path, QObject* context,
                              std::function<void(const Result<QString>&)> done)
{
    // Running ffmpeg -version can take a moment (or hang on a broken mount): never on the
    // caller's thread.
    runInPool(
        &Pools::control(), context,
        [path]() -> Result<QString> {
            const Result<FfmpegTools> tools = FfmpegTools::probe(path);
            if (!tools)
                return tools.error();
            return u"FFmpeg %1 at %2"_s.arg(tools->version, tools->ffmpeg);
        },
        [done](const Result<QString>& r) { done(r); });
}

} // namespace t2v

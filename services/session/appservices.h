#pragma once

// What the whole application shares, whichever face drives it (the window or a t2v command):
// the settings, the accounts with their keys, and the account operations that must not run on
// the caller's thread (keychain reads and writes, account tests, the FFmpeg check), which run
// on the control pool and answer on the caller's thread.

#include "accounts/accountstore.h"
#include "accounts/providerfactory.h"
#include "accounts/secretstore.h"
#include "providers/modelcatalog.h"
#include "settings/appsettings.h"

#include <QObject>

#include <functional>
#include <memory>

namespace t2v {

class AppServices final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppServices)

public:
    // Loads settings.json and accounts.json from `configDir`; problems are kept for
    // loadProblems(), never fatal. Applies the settings the services read globally.
    explicit AppServices(QString configDir = AccountStore::defaultConfigDir(),
                         QObject* parent = nullptr);

    AppSettings& settings() { return m_settings; }
    const AppSettings& settings() const { return m_settings; }
    AccountStore& accounts() { return m_accounts; }
    const AccountStore& accounts() const { return m_accounts; }
    SecretStore& secrets() { return *m_secrets; }
    ProviderFactory providers() const { return ProviderFactory(m_accounts, *m_secrets); }
    QString loadProblems() const { return m_problems; }

    // Where the account's key comes from ("environment", "keychain", "file"), "not needed",
    // or "missing".
    QString keySource(const Account& account) const;

    // Reads every account's key on the control pool, so later lookups come from the cache.
    void prefetchKeys();
    // Finds and checks FFmpeg on the control pool, so a run does not wait for it later.
    void prefetchTools();
    // One authenticated request for the account, on the control pool; `done` runs on
    // `context`'s thread unless `context` is gone.
    void testAccount(const QString& accountId, QObject* context,
                     std::function<void(const Status&)> done);
    // "ok", "bad key", "unreachable" or "error".
    // Asks the account's service which models its key can use, keeps the list for the
    // account (ModelCatalog) and hands it back. On the control pool.
    void refreshModels(const QString& accountId, QObject* context,
                       std::function<void(const Result<ModelList>&)> done);
    static QString testVerdict(const Status& result);
    // Stores or forgets a key on the control pool.
    void storeKey(const QString& accountId, const QString& key, SecretStore::Backend backend,
                  QObject* context, std::function<void(const Status&)> done);
    void forgetKey(const QString& accountId);
    // What makes the account's image provider: call it on a pool thread (it reads the key). It
    // holds a copy of the account, so the list may change meanwhile.
    using ImageMaker = std::function<Result<std::shared_ptr<ImageProvider>>()>;
    Result<ImageMaker> imageMaker(const QString& accountId) const;
    // Finds the FFmpeg at `path` (empty: search) and says which version it is.
    void checkFfmpeg(const QString& path, QObject* context,
                     std::function<void(const Result<QString>&)> done);

signals:
    void keysReady();

private:
    AppSettings m_settings;
    AccountStore m_accounts;
    std::shared_ptr<SecretStore> m_secrets;
    QString m_problems;
};

} // namespace t2v

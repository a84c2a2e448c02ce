#pragma once

// What the whole window shares: the settings, the accounts and one SecretStore. Keys are read
// once on a worker thread (the keychain answers over D-Bus) so the GUI thread never waits.

#include "accounts/accountstore.h"
#include "accounts/secretstore.h"
#include "settings/appsettings.h"
#include "thumbnailcache.h"

#include <QObject>

#include <memory>

namespace t2v::ui {

class AppContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppContext)

public:
    explicit AppContext(QString configDir = AccountStore::defaultConfigDir(),
                        QObject* parent = nullptr);

    AppSettings& settings() { return m_settings; }
    AccountStore& accounts() { return m_accounts; }
    SecretStore& secrets() { return *m_secrets; }
    ThumbnailCache& thumbnails() { return m_thumbnails; }
    QString loadProblems() const { return m_problems; }

    // Reads every account's key on a worker so later lookups come from the cache.
    void prefetchKeys();
    // Finds and checks FFmpeg on a worker so that starting a run later does not wait for it.
    void prefetchTools();

signals:
    void keysReady();

private:
    AppSettings m_settings;
    AccountStore m_accounts;
    std::shared_ptr<SecretStore> m_secrets;
    ThumbnailCache m_thumbnails;
    QString m_problems;
};

} // namespace t2v::ui

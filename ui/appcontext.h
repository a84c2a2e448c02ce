#pragma once

// What the whole window shares: the application's services (settings, accounts, keys) and
// the thumbnails the tables and the film strip show.

#include "session/appservices.h"
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
    // Over services that someone else owns (tests).
    explicit AppContext(AppServices& services, QObject* parent = nullptr);

    AppServices& services() { return m_services; }
    AppSettings& settings() { return m_services.settings(); }
    AccountStore& accounts() { return m_services.accounts(); }
    ThumbnailCache& thumbnails() { return m_thumbnails; }
    QString loadProblems() const { return m_services.loadProblems(); }

private:
    void wire();

    std::unique_ptr<AppServices> m_owned;
    AppServices& m_services;
    ThumbnailCache m_thumbnails;
};

} // namespace t2v::ui

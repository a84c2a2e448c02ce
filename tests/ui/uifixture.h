#pragma once

// What the GUI tests share: a private config folder (settings, accounts, keys), the fake
// provider server with accounts pointing at it, and helpers to make a project.

#include "appcontext.h"
#include "fakeapiserver.h"
#include "jobfixture.h"
#include "providerroutes.h"

#include <QTemporaryDir>

#include <memory>

namespace t2v::test {

class UiFixture
{
public:
    explicit UiFixture(std::chrono::milliseconds renderTime = std::chrono::milliseconds(150));
    ~UiFixture();

    bool ok() const { return m_ok; }
    QString configDir() const { return m_tmp.filePath(QStringLiteral("config")); }
    QString path(const QString& name) const { return m_tmp.filePath(name); }
    ui::AppContext& context() { return *m_context; }

    // Accounts on the fake server, their keys in the owner-only secrets file.
    Account addVeo(const QString& id, const QString& key, int maxJobs = 4);
    Account addChat(const QString& id, const QString& key);

    // A project folder whose scenes are all written (the scene's prompt gets `promptSuffix`
    // where `failScenes` says so).
    bool makeWrittenProject(const QString& dir, int scenes, const QList<int>& failScenes = {});

    FakeApiServer server;
    std::shared_ptr<ProviderRoutes> routes;

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<ui::AppContext> m_context;
    bool m_ok = false;
};

} // namespace t2v::test

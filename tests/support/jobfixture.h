#pragma once

// What the job-system, session and window tests share: a fake provider server, the
// application's services (settings, accounts and keys in a private config folder), a project
// with written scenes, and accounts (keys in an owner-only secrets file) pointing at the
// server.

#include "accounts/accountstore.h"
#include "accounts/secretstore.h"
#include "fakeapiserver.h"
#include "jobs/videopipeline.h"
#include "project/projectstore.h"
#include "providerroutes.h"
#include "session/appservices.h"

#include <QTemporaryDir>

#include <memory>

namespace t2v::test {

class JobFixture
{
public:
    explicit JobFixture(std::chrono::milliseconds renderTime = std::chrono::milliseconds(120));
    explicit JobFixture(const ProviderRoutesOptions& options);
    virtual ~JobFixture();

    bool ok() const { return m_ok; }
    QString dir() const { return m_tmp.path(); }
    QString path(const QString& name) const { return m_tmp.filePath(name); }
    QString configDir() const { return m_tmp.filePath(QStringLiteral("config")); }
    QString projectDir() const { return m_tmp.filePath(QStringLiteral("film")); }

    // A project whose scenes are all written, open in `store`.
    bool createProject(int scenes, const QString& aspect = QStringLiteral("16:9"));
    bool reopenProject();
    void closeProject();
    // The same project written to `dir` (not opened); the prompts of `failScenes` fail to render.
    static bool writeProject(const QString& dir, int scenes, const QList<int>& failScenes = {},
                             const QString& aspect = QStringLiteral("16:9"));

    // A Gemini API account rendering with Veo 3.1 Fast, so that the job tests are about the
    // jobs; with an empty model it finds one from its key's list on the first clip (that is
    // tested in tst_omniprovider and through the command line).
    Account addVeo(const QString& id, const QString& key, int maxJobs = 2, int perMinute = 6000,
                   const QString& videoModel = QStringLiteral("veo-3.1-fast-generate-preview"));
    Account addFal(const QString& id, const QString& key, int maxJobs = 2, int perMinute = 6000);
    Account addChat(const QString& id, const QString& key);

    // Short intervals for tests.
    static PipelineOptions fastOptions();

    FakeApiServer server;
    std::shared_ptr<ProviderRoutes> routes;
    std::unique_ptr<AppServices> app;
    AccountStore* accounts = nullptr; // app's
    SecretStore* secrets = nullptr;   // app's
    std::unique_ptr<ProjectStore> store;

private:
    QTemporaryDir m_tmp;
    bool m_ok = false;
};

// Runs the event loop until `done` is true or `timeoutMs` passes.
bool waitFor(const std::function<bool()>& done, int timeoutMs = 20000);

} // namespace t2v::test

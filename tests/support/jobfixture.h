#pragma once

// What the job-system tests share: a fake provider server, a project with written scenes, and
// accounts (with keys in an owner-only secrets file) pointing at the server.

#include "accounts/accountstore.h"
#include "accounts/secretstore.h"
#include "fakeapiserver.h"
#include "jobs/videopipeline.h"
#include "project/projectstore.h"
#include "providerroutes.h"

#include <QTemporaryDir>

#include <memory>

namespace t2v::test {

class JobFixture
{
public:
    explicit JobFixture(std::chrono::milliseconds renderTime = std::chrono::milliseconds(120));
    explicit JobFixture(const ProviderRoutesOptions& options);

    bool ok() const { return m_ok; }
    QString dir() const { return m_tmp.path(); }
    QString projectDir() const { return m_tmp.filePath(QStringLiteral("film")); }

    // A project whose scenes are all written.
    bool createProject(int scenes, const QString& aspect = QStringLiteral("16:9"));
    bool reopenProject();
    void closeProject();

    Account addVeo(const QString& id, const QString& key, int maxJobs = 2, int perMinute = 600);
    Account addFal(const QString& id, const QString& key, int maxJobs = 2, int perMinute = 600);

    // Short intervals for tests.
    static PipelineOptions fastOptions();

    FakeApiServer server;
    std::shared_ptr<ProviderRoutes> routes;
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<SecretStore> secrets;
    std::unique_ptr<ProjectStore> store;

private:
    QTemporaryDir m_tmp;
    bool m_ok = false;
};

// Runs the event loop until `done` is true or `timeoutMs` passes.
bool waitFor(const std::function<bool()>& done, int timeoutMs = 20000);

} // namespace t2v::test

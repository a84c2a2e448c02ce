#include "jobfixture.h"

#include "providers/providerregistry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v::test {

JobFixture::JobFixture(std::chrono::milliseconds renderTime)
    : JobFixture([renderTime] {
        ProviderRoutesOptions options;
        options.renderTime = renderTime;
        return options;
    }())
{}

JobFixture::JobFixture(const ProviderRoutesOptions& options)
{
    routes = installProviderRoutes(server, options);
    m_ok = server.start() && m_tmp.isValid();
    // Model lists, renders and inline clips are cached per test, not in the user's cache.
    qputenv("T2V_CACHE_DIR", path(u"cache"_s).toUtf8());
    app = std::make_unique<AppServices>(configDir());
    accounts = &app->accounts();
    secrets = &app->secrets();
    store = std::make_unique<ProjectStore>();
}

JobFixture::~JobFixture()
{
    // The project (its last save and its lock file) is closed while its folder still exists.
    store.reset();
}

bool JobFixture::writeProject(const QString& dir, int scenes, const QList<int>& failScenes,
                              const QString& aspect)
{
    Project p;
    Script& s = p.script;
    s.idea = u"A paper boat sails through a flooded city"_s;
    s.title = u"Paper Boat"_s;
    s.style = u"cinematic"_s;
    s.aspectRatio = aspect;
    s.durationSeconds = scenes * 4;
    s.sceneSeconds = 4;
    s.characters = {{u"Ava"_s, u"lead"_s, u"red coat"_s, {}}};
    for (int n = 1; n <= scenes; ++n)
        s.outline.append(u"Beat %1"_s.arg(n));
    s.layoutScenes();
    for (Scene& scene : s.scenes) {
        scene.status = SceneStatus::Written;
        scene.beat = s.outline[scene.number - 1];
        scene.narration = u"Narration of scene %1."_s.arg(scene.number);
        scene.visualPrompt = u"A paper boat, shot %1"_s.arg(scene.number);
        if (failScenes.contains(scene.number))
            scene.visualPrompt += u" [fail]"_s;
        scene.characters = {u"Ava"_s};
    }
    p.settings.videoAccounts = {};
    ProjectStore out;
    return out.create(dir, p).ok() && out.flush().ok();
}

bool JobFixture::createProject(int scenes, const QString& aspect)
{
    return writeProject(projectDir(), scenes, {}, aspect) && store->open(projectDir()).ok();
}

bool JobFixture::reopenProject()
{
    store = std::make_unique<ProjectStore>();
    return store->open(projectDir()).ok();
}

void JobFixture::closeProject()
{
    store->close();
}

Account JobFixture::addVeo(const QString& id, const QString& key, int maxJobs, int perMinute,
                           const QString& videoModel)
{
    Account a;
    a.id = id;
    a.videoModel = videoModel;
    a.label = id;
    a.provider = provider::Gemini;
    a.baseUrl = server.baseUrl();
    a.maxConcurrentJobs = maxJobs;
    a.requestsPerMinute = perMinute;
    (void)accounts->add(a);
    (void)secrets->write(id, key, SecretStore::Backend::File);
    return a;
}

Account JobFixture::addChat(const QString& id, const QString& key)
{
    Account a;
    a.id = id;
    a.label = id;
    a.provider = provider::OpenAi;
    a.baseUrl = server.baseUrl() + u"/v1"_s;
    a.model = u"test-model"_s;
    a.requestsPerMinute = 6000;
    (void)accounts->add(a);
    (void)secrets->write(id, key, SecretStore::Backend::File);
    return a;
}

Account JobFixture::addFal(const QString& id, const QString& key, int maxJobs, int perMinute)
{
    Account a;
    a.id = id;
    a.label = id;
    a.provider = provider::Fal;
    a.baseUrl = server.baseUrl() + u"/fal"_s;
    a.videoModel = u"fal-ai/veo3.1/fast"_s;
    a.maxConcurrentJobs = maxJobs;
    a.requestsPerMinute = perMinute;
    (void)accounts->add(a);
    (void)secrets->write(id, key, SecretStore::Backend::File);
    return a;
}

PipelineOptions JobFixture::fastOptions()
{
    PipelineOptions o;
    o.pollTick = 5ms;
    o.pollInterval = 15ms;
    o.maxPollInterval = 40ms;
    o.downloadRetryDelays = {20ms, 40ms, 80ms};
    return o;
}

bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QTest::qWait(5);
    }
    return true;
}

} // namespace t2v::test

#include "uifixture.h"

#include "i18n.h"
#include "project/projectstore.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace t2v::test {

UiFixture::UiFixture(std::chrono::milliseconds renderTime)
{
    // Short poll intervals in ProjectController, renders cached per test.
    qputenv("T2V_FAST_POLL", "1");
    // English texts with their plural forms, whatever the machine's language.
    ui::installTranslations(*QCoreApplication::instance(), u"en"_s);
    qputenv("T2V_CACHE_DIR", m_tmp.filePath(u"cache"_s).toUtf8());
    ProviderRoutesOptions options;
    options.renderTime = renderTime;
    options.videoBytes = 64 * 1024;
    routes = installProviderRoutes(server, options);
    m_ok = m_tmp.isValid() && server.start();
    m_context = std::make_unique<ui::AppContext>(configDir());
}

UiFixture::~UiFixture() = default;

Account UiFixture::addVeo(const QString& id, const QString& key, int maxJobs)
{
    Account a;
    a.id = id;
    a.label = id;
    a.provider = provider::Gemini;
    a.baseUrl = server.baseUrl();
    a.maxConcurrentJobs = maxJobs;
    a.requestsPerMinute = 6000;
    (void)m_context->accounts().add(a);
    (void)m_context->secrets().write(id, key, SecretStore::Backend::File);
    return a;
}

Account UiFixture::addChat(const QString& id, const QString& key)
{
    Account a;
    a.id = id;
    a.label = id;
    a.provider = provider::OpenAi;
    a.baseUrl = server.baseUrl() + u"/v1"_s;
    a.model = u"test-model"_s;
    a.requestsPerMinute = 6000;
    (void)m_context->accounts().add(a);
    (void)m_context->secrets().write(id, key, SecretStore::Backend::File);
    return a;
}

bool UiFixture::makeWrittenProject(const QString& dir, int scenes, const QList<int>& failScenes)
{
    Project p;
    Script& s = p.script;
    s.idea = u"A paper boat sails through a flooded city"_s;
    s.title = u"Paper Boat"_s;
    s.style = u"cinematic"_s;
    s.durationSeconds = scenes * 4;
    s.sceneSeconds = 4;
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
    }
    p.settings.videoAccounts = {};
    ProjectStore store;
    if (!store.create(dir, p).ok())
        return false;
    return store.flush().ok();
}

} // namespace t2v::test

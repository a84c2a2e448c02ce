// Tests for ModelCatalog: the Gemini and OpenAI-style model lists (table-driven parsers), the
// sorting into text / video / Omni / image, every page fetched from the fake server, the list
// kept per account, and the choice of a served model by the provider registry.

#include "fakeapiserver.h"
#include "providerroutes.h"
#include "providers/modelcatalog.h"
#include "providers/providerregistry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

Q_DECLARE_METATYPE(t2v::ModelKind)

class TestModelCatalog final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void classifyGemini_data();
    void classifyGemini();
    void parseGeminiPage_data();
    void parseGeminiPage();
    void parseOpenAiList_data();
    void parseOpenAiList();
    void fetchReadsEveryPage();
    void fetchOpenAiStyle();
    void aRejectedKeyIsAnAuthError();
    void falIsCurated();
    void keptPerAccount();
    void aDamagedListIsIgnored();
    void theRegistryChoosesAServedModel();
    void anUnservedModelIsNamedWithTheUsableOnes();

private:
    std::unique_ptr<QTemporaryDir> m_cache;
};

void TestModelCatalog::init()
{
    m_cache = std::make_unique<QTemporaryDir>();
    qputenv("T2V_CACHE_DIR", m_cache->path().toUtf8());
}

void TestModelCatalog::classifyGemini_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("methods");
    QTest::addColumn<ModelKind>("kind");
    QTest::newRow("text") << u"gemini-2.5-flash"_s
                          << QStringList{u"generateContent"_s, u"countTokens"_s} << ModelKind::Text;
    QTest::newRow("veo") << u"veo-3.1-generate-preview"_s << QStringList{u"predictLongRunning"_s}
                         << ModelKind::Video;
    QTest::newRow("omni, no marker")
        << u"gemini-omni-1.1-flash"_s << QStringList{u"generateContent"_s} << ModelKind::Omni;
    QTest::newRow("omni, no methods")
        << u"gemini-omni-flash-preview"_s << QStringList{} << ModelKind::Omni;
    QTest::newRow("imagen") << u"imagen-4.0-generate-001"_s << QStringList{u"predict"_s}
                            << ModelKind::Image;
    QTest::newRow("gemini image") << u"gemini-2.5-flash-image"_s
                                  << QStringList{u"generateContent"_s} << ModelKind::Image;
    QTest::newRow("embedding") << u"text-embedding-004"_s << QStringList{u"embedContent"_s}
                               << ModelKind::Other;
    QTest::newRow("nothing") << u"aqa"_s << QStringList{} << ModelKind::Other;
}

void TestModelCatalog::classifyGemini()
{
    QFETCH(QString, id);
    QFETCH(QStringList, methods);
    QFETCH(ModelKind, kind);
    QCOMPARE(ModelCatalog::classifyGemini(id, methods), kind);
}

void TestModelCatalog::parseGeminiPage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("token");
    QTest::newRow("a page with a token")
        << QByteArray(R"({"models":[{"name":"models/gemini-2.5-flash",
             "supportedGenerationMethods":["generateContent"]},
             {"name":"models/veo-3.1-generate-preview",
             "supportedGenerationMethods":["predictLongRunning"]}],"nextPageToken":"CiRt"})")
        << true << QStringList{u"gemini-2.5-flash"_s, u"veo-3.1-generate-preview"_s} << u"CiRt"_s;
    QTest::newRow("the last page") << QByteArray(R"({"models":[{"name":"models/a"}]})") << true
                                   << QStringList{u"a"_s} << QString();
    QTest::newRow("an empty page") << QByteArray("{}") << true << QStringList{} << QString();
    QTest::newRow("entries without a name are skipped")
        << QByteArray(R"({"models":[{"displayName":"x"}, 7, {"name":"models/b"}]})") << true
        << QStringList{u"b"_s} << QString();
    QTest::newRow("supportedActions spelling")
        << QByteArray(
               R"({"models":[{"name":"models/veo-x","supportedActions":["predictLongRunning"]}]})")
        << true << QStringList{u"veo-x"_s} << QString();
    QTest::newRow("not JSON") << QByteArray("<html>502</html>") << false << QStringList{}
                              << QString();
    QTest::newRow("an array") << QByteArray("[]") << false << QStringList{} << QString();
    QTest::newRow("models not a list")
        << QByteArray(R"({"models":{"name":"x"}})") << false << QStringList{} << QString();
}

void TestModelCatalog::parseGeminiPage()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QStringList, ids);
    QFETCH(QString, token);
    QString next = u"unchanged"_s;
    const auto r = ModelCatalog::parseGeminiPage(body, &next);
    QCOMPARE(r.ok(), ok);
    if (!ok) {
        QVERIFY(!r.error().message.isEmpty());
        return;
    }
    QStringList got;
    for (const ModelInfo& m : *r)
        got.append(m.id);
    QCOMPARE(got, ids);
    QCOMPARE(next, token);
    if (QTest::currentDataTag() == QByteArrayLiteral("supportedActions spelling"))
        QCOMPARE(r->first().kind, ModelKind::Video);
}

void TestModelCatalog::parseOpenAiList_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("ollama")
        << QByteArray(
               R"({"object":"list","data":[{"id":"llama3.1","object":"model"},{"id":"qwen3"}]})")
        << true << QStringList{u"llama3.1"_s, u"qwen3"_s};
    QTest::newRow("empty") << QByteArray(R"({"data":[]})") << true << QStringList{};
    QTest::newRow("no data") << QByteArray(R"({"models":[]})") << false << QStringList{};
    QTest::newRow("garbage") << QByteArray("not json") << false << QStringList{};
}

void TestModelCatalog::parseOpenAiList()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QStringList, ids);
    const auto r = ModelCatalog::parseOpenAiList(body);
    QCOMPARE(r.ok(), ok);
    if (!ok)
        return;
    QStringList got;
    for (const ModelInfo& m : *r) {
        got.append(m.id);
        QCOMPARE(m.kind, ModelKind::Text);
    }
    QCOMPARE(got, ids);
}

void TestModelCatalog::fetchReadsEveryPage()
{
    FakeApiServer server;
    auto routes = installProviderRoutes(server);
    routes->setModelPageLimit(2);
    QVERIFY(server.start());
    Account a;
    a.id = u"gem"_s;
    a.provider = provider::Gemini;
    a.baseUrl = server.baseUrl();
    const auto list = ModelCatalog::fetch(a, u"AIza-key-1"_s);
    QVERIFY2(list.ok(), qPrintable(list.ok() ? QString() : list.error().message));
    const json::Json all = ProviderRoutes::defaultGeminiModels();
    QCOMPARE(list->models.size(), qsizetype(all.size()));
    QCOMPARE(server.requestCount(u"/v1beta/models"_s), int((all.size() + 1) / 2));
    for (const FakeRequest& r : server.requests(u"/v1beta/models"_s))
        QCOMPARE(r.header("x-goog-api-key"), QByteArray("AIza-key-1"));
    QCOMPARE(list->ids(ModelKind::Video),
             (QStringList{u"veo-3.1-fast-generate-preview"_s, u"veo-3.1-generate-preview"_s,
                          u"veo-3.0-generate-001"_s}));
    QCOMPARE(list->ids(ModelKind::Omni), QStringList{u"gemini-omni-1.1-flash"_s});
    QCOMPARE(list->accountId, u"gem"_s);
    QVERIFY(list->fetchedAt.isValid());
    QVERIFY(!list->curated);
}

void TestModelCatalog::fetchOpenAiStyle()
{
    FakeApiServer server;
    auto routes = installProviderRoutes(server);
    QVERIFY(server.start());
    Account a;
    a.id = u"local"_s;
    a.provider = provider::OpenAi;
    a.baseUrl = server.baseUrl() + u"/v1"_s;
    const auto list = ModelCatalog::fetch(a, u"sk-1"_s);
    QVERIFY2(list.ok(), qPrintable(list.ok() ? QString() : list.error().message));
    QCOMPARE(list->ids(ModelKind::Text), QStringList{u"fake-model"_s});
    QCOMPARE(server.requests(u"/v1/models"_s).value(0).header("authorization"),
             QByteArray("Bearer sk-1"));
}

void TestModelCatalog::aRejectedKeyIsAnAuthError()
{
    FakeApiServer server;
    auto routes = installProviderRoutes(server);
    routes->setKeyBehaviour(u"AIza-bad"_s, {403});
    QVERIFY(server.start());
    Account a;
    a.id = u"gem"_s;
    a.provider = provider::Gemini;
    a.baseUrl = server.baseUrl();
    const auto list = ModelCatalog::fetch(a, u"AIza-bad"_s);
    QVERIFY(!list.ok());
    QVERIFY(list.error().isAuthFailure());
    QVERIFY(!ModelCatalog::cached(u"gem"_s)); // nothing kept from a failure
}

void TestModelCatalog::falIsCurated()
{
    Account a;
    a.id = u"fal"_s;
    a.provider = provider::Fal;
    const auto list = ModelCatalog::fetch(a, u"k"_s); // asks nothing
    QVERIFY(list.ok());
    QVERIFY(list->curated);
    QCOMPARE(list->ids(ModelKind::Video).value(0), u"fal-ai/veo3.1/fast"_s);
    // The registry's default for fal is the first of that list.
    QCOMPARE(ProviderRegistry::find(provider::Fal)->defaultVideoModel, u"fal-ai/veo3.1/fast"_s);
}

void TestModelCatalog::keptPerAccount()
{
    ModelList list;
    list.accountId = u"gem"_s;
    list.fetchedAt = QDateTime::currentDateTimeUtc();
    list.models = {{u"veo-3.1-generate-preview"_s, u"Veo 3.1"_s, ModelKind::Video},
                   {u"gemini-2.5-flash"_s, u"Gemini 2.5 Flash"_s, ModelKind::Text}};
    QVERIFY(ModelCatalog::store(list).ok());
    QVERIFY(ModelCatalog::cacheFile(u"gem"_s).startsWith(m_cache->path()));
    const auto back = ModelCatalog::cached(u"gem"_s);
    QVERIFY(back);
    QCOMPARE(back->models, list.models);
    QCOMPARE(back->fetchedAt, list.fetchedAt);
    QVERIFY(!ModelCatalog::cached(u"other"_s));
    QVERIFY(!ModelCatalog::cached(u"../gem"_s)); // never a path outside the cache
}

void TestModelCatalog::aDamagedListIsIgnored()
{
    const QString file = ModelCatalog::cacheFile(u"gem"_s);
    QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"models\": [ {\"id\": \"veo");
    f.close();
    QVERIFY(!ModelCatalog::cached(u"gem"_s));
    Account a;
    a.id = u"gem"_s;
    a.provider = provider::Gemini;
    // Nothing known: the row's default, and no refusal.
    QCOMPARE(ProviderRegistry::videoModel(a),
             ProviderRegistry::find(provider::Gemini)->defaultVideoModel);
    QVERIFY(ProviderRegistry::unservedVideoModel(a).isEmpty());
}

void TestModelCatalog::theRegistryChoosesAServedModel()
{
    Account a;
    a.id = u"gem"_s;
    a.provider = provider::Gemini;
    ModelList list;
    list.accountId = a.id;
    list.fetchedAt = QDateTime::currentDateTimeUtc();
    list.models = {{u"veo-3.0-generate-001"_s, {}, ModelKind::Video},
                   {u"veo-3.1-generate-001"_s, {}, ModelKind::Video},
                   {u"gemini-3.5-flash-lite"_s, {}, ModelKind::Text}};
    QVERIFY(ModelCatalog::store(list).ok());
    // The first preferred model the key serves, not the first it lists.
    QCOMPARE(ProviderRegistry::videoModel(a), u"veo-3.1-generate-001"_s);
    QCOMPARE(ProviderRegistry::textModel(a), u"gemini-3.5-flash-lite"_s);
    QVERIFY(ProviderRegistry::unservedVideoModel(a).isEmpty());
    // A model the account names is its own choice.
    a.videoModel = u"veo-3.0-generate-001"_s;
    QCOMPARE(ProviderRegistry::videoModel(a), u"veo-3.0-generate-001"_s);
}

void TestModelCatalog::anUnservedModelIsNamedWithTheUsableOnes()
{
    Account a;
    a.id = u"gem"_s;
    a.provider = provider::Gemini;
    a.videoModel = u"veo-3.1-fast-generate-preview"_s;
    ModelList list;
    list.accountId = a.id;
    list.models = {{u"veo-3.1-fast-generate-001"_s, {}, ModelKind::Video},
                   {u"gemini-2.5-flash"_s, {}, ModelKind::Text}};
    QVERIFY(ModelCatalog::store(list).ok());
    const QString why = ProviderRegistry::unservedVideoModel(a);
    QVERIFY2(why.contains(u"\"veo-3.1-fast-generate-preview\""_s), qPrintable(why));
    QVERIFY2(why.contains(u"Video models it can use: veo-3.1-fast-generate-001."_s),
             qPrintable(why));
    // With nothing preferred served, the first video model the key serves (there is no
    // built-in default to fall back on any more).
    a.videoModel.clear();
    list.models = {{u"gemini-2.5-flash"_s, {}, ModelKind::Text},
                   {u"veo-9-experimental"_s, {}, ModelKind::Video}};
    QVERIFY(ModelCatalog::store(list).ok());
    QCOMPARE(ProviderRegistry::videoModel(a), u"veo-9-experimental"_s);
    QVERIFY(ProviderRegistry::unservedVideoModel(a).isEmpty());
    // And a key that serves no video model at all is refused before anything is sent.
    list.models = {{u"gemini-2.5-flash"_s, {}, ModelKind::Text}};
    QVERIFY(ModelCatalog::store(list).ok());
    QVERIFY(ProviderRegistry::videoModel(a).isEmpty());
    QVERIFY2(ProviderRegistry::unservedVideoModel(a).contains(u"can use no video model"_s),
             qPrintable(ProviderRegistry::unservedVideoModel(a)));
}

QTEST_GUILESS_MAIN(TestModelCatalog)
#include "tst_modelcatalog.moc"

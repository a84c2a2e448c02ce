// Tests for ProviderFactory: each registry row makes its own text and video client; a key is
// required, read and sent by the provider's rule (a missing one is an error that names the
// account, keyless providers need none); unknown and disabled accounts; and test() against
// the fake API server for an OpenAI-compatible and a Gemini account, with a good and a wrong
// key.

#include "accounts/providerfactory.h"
#include "jobfixture.h"
#include "llm/geminiprovider.h"
#include "llm/offlinedraftprovider.h"
#include "llm/openaichatprovider.h"
#include "providers/modelcatalog.h"
#include "providers/providerregistry.h"
#include "session/appservices.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

namespace {

const QString kModels = u"/v1/models"_s;
const QString kGeminiModels = u"/v1beta/models"_s;

// Which LlmProvider class `p` is, by name.
QString textClass(const LlmProvider* p)
{
    if (dynamic_cast<const OfflineDraftProvider*>(p))
        return u"offline"_s;
    if (dynamic_cast<const GeminiProvider*>(p))
        return u"gemini"_s;
    if (dynamic_cast<const OpenAiChatProvider*>(p))
        return u"openai"_s;
    return u"other"_s;
}

} // namespace

class TestProviderFactory final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void everyRegistryRowIsCovered();
    void eachRowMakesItsOwnClients_data();
    void eachRowMakesItsOwnClients();
    void aMissingKeyNamesTheAccount_data();
    void aMissingKeyNamesTheAccount();
    void keylessProvidersNeedNoKey();
    void aLocalOpenAiServerRunsWithoutAKey();
    void theStoredKeyIsTheOneSent();
    void unknownAccountsAreNamed();
    void aDisabledAccountDoesNotWriteButCanBeTested();
    void theModelComesFromTheAccountOrTheOverride();
    void testAgainstTheServer_data();
    void testAgainstTheServer();

private:
    ProviderFactory factory() const { return m_f->app->providers(); }
    std::unique_ptr<JobFixture> m_f;
};

void TestProviderFactory::init()
{
    m_f = std::make_unique<JobFixture>();
    QVERIFY(m_f->ok());
}

void TestProviderFactory::cleanup()
{
    m_f.reset();
}

void TestProviderFactory::everyRegistryRowIsCovered()
{
    // A new provider gets a row in eachRowMakesItsOwnClients_data too.
    QStringList ids;
    for (const ProviderRow& row : ProviderRegistry::rows())
        ids.append(row.id);
    QCOMPARE(ids,
             (QStringList{provider::Offline, provider::Local, provider::Gemini, provider::OpenAi,
                          provider::Fal, provider::ComfyUi, provider::VideoServer}));
}

void TestProviderFactory::eachRowMakesItsOwnClients_data()
{
    QTest::addColumn<QString>("providerId");
    QTest::addColumn<QString>("text");  // the LlmProvider class, or "" when it cannot write
    QTest::addColumn<QString>("video"); // VideoProvider::id(), or "" when it cannot make videos
    QTest::newRow("offline") << provider::Offline << u"offline"_s << QString();
    QTest::newRow("local") << provider::Local << QString() << u"local"_s;
    QTest::newRow("gemini") << provider::Gemini << u"gemini"_s << u"veo"_s;
    QTest::newRow("openai") << provider::OpenAi << u"openai"_s << QString();
    QTest::newRow("fal") << provider::Fal << QString() << u"fal"_s;
    QTest::newRow("comfyui") << provider::ComfyUi << QString() << u"comfyui"_s;
    QTest::newRow("openai-video") << provider::VideoServer << QString() << u"openai-video"_s;
}

void TestProviderFactory::eachRowMakesItsOwnClients()
{
    QFETCH(QString, providerId);
    QFETCH(QString, text);
    QFETCH(QString, video);
    const ProviderRow* row = ProviderRegistry::find(providerId);
    QVERIFY(row);
    QString id = providerId; // the built-in accounts have their provider's id
    if (!row->builtIn) {
        id = providerId + u"-1"_s;
        Account a;
        a.id = id;
        a.provider = providerId;
        a.model = u"some-model"_s;
        if (row->publicBaseUrl.isEmpty()) // a server on the user's own GPU
            a.baseUrl = u"http://127.0.0.1:9"_s;
        QVERIFY(m_f->accounts->add(a).ok());
        QVERIFY(m_f->secrets->write(id, u"key-of-"_s + id, SecretStore::Backend::File).ok());
    }

    const auto writer = factory().text(id);
    if (text.isEmpty()) {
        QVERIFY(!writer);
        QCOMPARE(writer.error().kind, ErrorKind::Unsupported);
        QVERIFY2(writer.error().message.contains(u"\"%1\""_s.arg(id)) &&
                     writer.error().message.contains(u"cannot write scripts"_s),
                 qPrintable(writer.error().message));
    } else {
        QVERIFY2(writer, qPrintable(writer ? QString() : writer.error().message));
        QCOMPARE(textClass(writer.value().get()), text);
    }

    const auto maker = factory().video(id);
    if (video.isEmpty()) {
        QVERIFY(!maker);
        QVERIFY2(maker.error().message.contains(u"\"%1\""_s.arg(id)) &&
                     maker.error().message.contains(u"cannot make videos"_s),
                 qPrintable(maker.error().message));
    } else {
        QVERIFY2(maker, qPrintable(maker ? QString() : maker.error().message));
        QCOMPARE(maker.value()->id(), video);
    }
}

void TestProviderFactory::aMissingKeyNamesTheAccount_data()
{
    QTest::addColumn<QString>("providerId");
    QTest::addColumn<QString>("baseUrl");
    QTest::newRow("gemini") << provider::Gemini << QString();
    QTest::newRow("gemini at another address") << provider::Gemini << u"http://127.0.0.1:9/"_s;
    QTest::newRow("fal") << provider::Fal << QString();
    QTest::newRow("openai at the public server") << provider::OpenAi << QString();
}

void TestProviderFactory::aMissingKeyNamesTheAccount()
{
    QFETCH(QString, providerId);
    QFETCH(QString, baseUrl);
    Account a;
    a.id = u"acct-without-key"_s;
    a.provider = providerId;
    a.baseUrl = baseUrl;
    a.model = u"m"_s;
    QVERIFY(m_f->accounts->add(a).ok());
    const auto check = [](const Error& e) {
        QCOMPARE(e.kind, ErrorKind::Auth);
        // Which account, and where a key can come from.
        QVERIFY2(e.message.contains(u"\"acct-without-key\""_s), qPrintable(e.message));
        QVERIFY2(e.message.contains(u"no API key"_s), qPrintable(e.message));
        QVERIFY2(e.message.contains(u"T2V_KEY_ACCT_WITHOUT_KEY"_s), qPrintable(e.message));
    };
    const ProviderRow* row = ProviderRegistry::find(providerId);
    if (row->makeText) {
        const auto writer = factory().text(a.id);
        QVERIFY(!writer);
        check(writer.error());
    }
    if (row->makeVideo) {
        const auto maker = factory().video(a.id);
        QVERIFY(!maker);
        check(maker.error());
    }
    // Nothing is sent without the key.
    const Status tested = factory().test(a.id);
    QVERIFY(!tested);
    check(tested.error());
    QCOMPARE(m_f->server.requests().size(), 0);
}

void TestProviderFactory::keylessProvidersNeedNoKey()
{
    // A key stored for a built-in account by mistake is never read or sent.
    QVERIFY(m_f->secrets->write(u"offline"_s, u"stray-key"_s, SecretStore::Backend::File).ok());
    const auto offline = m_f->accounts->find(u"offline"_s);
    QVERIFY(offline);
    QVERIFY(!factory().keyFor(*offline));
    const auto writer = factory().text(u"offline"_s);
    QVERIFY(writer);
    QVERIFY(writer.value()->isOffline());
    QVERIFY(factory().test(u"offline"_s).ok());

    const auto local = m_f->accounts->find(u"local"_s);
    QVERIFY(local);
    QVERIFY(!factory().keyFor(*local));
    const auto maker = factory().video(u"local"_s);
    QVERIFY2(maker, qPrintable(maker ? QString() : maker.error().message));
    QVERIFY(!maker.value()->isPaid());
    QCOMPARE(m_f->server.requests().size(), 0);
}

void TestProviderFactory::aLocalOpenAiServerRunsWithoutAKey()
{
    Account a;
    a.id = u"ollama"_s;
    a.provider = provider::OpenAi;
    a.baseUrl = m_f->server.baseUrl() + u"/v1"_s;
    a.model = u"llama3.1"_s;
    QVERIFY(m_f->accounts->add(a).ok());
    const auto writer = factory().text(a.id);
    QVERIFY2(writer, qPrintable(writer ? QString() : writer.error().message));
    QCOMPARE(writer.value()->label(), u"llama3.1 via 127.0.0.1"_s);
    QVERIFY(factory().test(a.id).ok());
    const auto seen = m_f->server.requests(kModels);
    QCOMPARE(seen.size(), 1);
    QVERIFY(seen[0].header("authorization").isEmpty());

    // A key stored for it is sent all the same.
    QVERIFY(m_f->secrets->write(a.id, u"sk-local-123"_s, SecretStore::Backend::File).ok());
    QVERIFY(factory().test(a.id).ok());
    QCOMPARE(m_f->server.requests(kModels).value(1).header("authorization"),
             QByteArray("Bearer sk-local-123"));
}

void TestProviderFactory::theStoredKeyIsTheOneSent()
{
    m_f->addVeo(u"veo-a"_s, u"key-veo-a"_s);
    m_f->addVeo(u"veo-b"_s, u"key-veo-b"_s);
    const auto account = m_f->accounts->find(u"veo-b"_s);
    QVERIFY(account);
    QCOMPARE(factory().keyFor(*account).value_or(QString()), u"key-veo-b"_s);
    QVERIFY(factory().test(u"veo-b"_s).ok());
    const auto seen = m_f->server.requests(kGeminiModels);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].header("x-goog-api-key"), QByteArray("key-veo-b"));
}

void TestProviderFactory::unknownAccountsAreNamed()
{
    m_f->addChat(u"writer"_s, u"sk-writer"_s);
    const auto writer = factory().text(u"ghost"_s);
    QVERIFY(!writer);
    QCOMPARE(writer.error().kind, ErrorKind::Invalid);
    QVERIFY2(writer.error().message.contains(u"no account \"ghost\""_s),
             qPrintable(writer.error().message));
    // ... and says which accounts can write instead.
    QVERIFY2(writer.error().message.contains(u"offline"_s) &&
                 writer.error().message.contains(u"writer"_s),
             qPrintable(writer.error().message));

    const auto maker = factory().video(u"ghost"_s);
    QVERIFY(!maker);
    QVERIFY(maker.error().message.contains(u"no account \"ghost\""_s));
    const Status tested = factory().test(u"ghost"_s);
    QVERIFY(!tested);
    QVERIFY(tested.error().message.contains(u"no account \"ghost\""_s));

    // An account of a provider the registry does not know cannot make anything.
    Account odd;
    odd.id = u"odd"_s;
    odd.provider = u"nosuchprovider"_s;
    const auto oddVideo = ProviderFactory::video(odd, *m_f->secrets, {});
    QVERIFY(!oddVideo);
    QVERIFY(oddVideo.error().message.contains(u"\"odd\""_s));
    QVERIFY(!ProviderFactory::test(odd, *m_f->secrets).ok());
}

void TestProviderFactory::aDisabledAccountDoesNotWriteButCanBeTested()
{
    m_f->addChat(u"writer"_s, u"sk-writer"_s);
    QVERIFY(m_f->accounts->setEnabled(u"writer"_s, false, u"the key was rejected"_s).ok());
    const auto writer = factory().text(u"writer"_s);
    QVERIFY(!writer);
    QVERIFY2(writer.error().message.contains(u"\"writer\" is disabled (the key was rejected)"_s),
             qPrintable(writer.error().message));
    // Testing is how it comes back.
    QVERIFY(factory().test(u"writer"_s).ok());
    QCOMPARE(m_f->server.requests(kModels).size(), 1);
}

void TestProviderFactory::theModelComesFromTheAccountOrTheOverride()
{
    m_f->addChat(u"writer"_s, u"sk-writer"_s); // model "test-model"
    QCOMPARE(factory().text(u"writer"_s).value()->label(), u"test-model via 127.0.0.1"_s);
    QCOMPARE(factory().text(u"writer"_s, u"other-model"_s).value()->label(),
             u"other-model via 127.0.0.1"_s);
    // A Gemini account without a text model: the first preferred model its key serves, asked
    // with the first request when no list is kept (there is no built-in default any more).
    m_f->addVeo(u"gem"_s, u"key-gem"_s);
    QVERIFY2(factory().text(u"gem"_s).value()->label().contains(u"first preferred model"_s),
             qPrintable(factory().text(u"gem"_s).value()->label()));
    ModelList kept;
    kept.accountId = u"gem"_s;
    kept.models = {{u"gemini-3.5-flash-lite"_s, {}, ModelKind::Text}};
    QVERIFY(ModelCatalog::store(kept).ok());
    QCOMPARE(factory().text(u"gem"_s).value()->label(), u"gemini-3.5-flash-lite via Gemini API"_s);
}

void TestProviderFactory::testAgainstTheServer_data()
{
    QTest::addColumn<QString>("providerId");
    QTest::addColumn<int>("status"); // what the server answers for the key; 0: accepted
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("says");
    QTest::newRow("openai, good key") << provider::OpenAi << 0 << u"ok"_s << QString();
    QTest::newRow("openai, wrong key (401)")
        << provider::OpenAi << 401 << u"bad key"_s << u"Incorrect API key provided"_s;
    QTest::newRow("openai, forbidden (403)") << provider::OpenAi << 403 << u"bad key"_s << u"403"_s;
    QTest::newRow("gemini, good key") << provider::Gemini << 0 << u"ok"_s << QString();
    QTest::newRow("gemini, wrong key (400 API_KEY_INVALID)")
        << provider::Gemini << 401 << u"bad key"_s << u"The Gemini API rejected the key"_s;
    QTest::newRow("gemini, forbidden (403)") << provider::Gemini << 403 << u"bad key"_s << u"403"_s;
}

void TestProviderFactory::testAgainstTheServer()
{
    QFETCH(QString, providerId);
    QFETCH(int, status);
    QFETCH(QString, verdict);
    QFETCH(QString, says);
    const QString key = u"sk-test-SECRET-777"_s;
    const Account a =
        providerId == provider::Gemini ? m_f->addVeo(u"acct"_s, key) : m_f->addChat(u"acct"_s, key);
    if (status != 0)
        m_f->routes->setKeyBehaviour(key, {status, 0});
    const Status result = factory().test(a.id);
    QCOMPARE(AppServices::testVerdict(result), verdict);
    QCOMPARE(m_f->server.requests().size(), 1); // one cheap request
    if (result.ok())
        return;
    const Error& e = result.error();
    QVERIFY(e.isAuthFailure());
    QVERIFY2(e.message.contains(says), qPrintable(e.message));
    QVERIFY2(!e.message.contains(key) && !e.detail.contains(key), qPrintable(e.message));
    // The static form, for a worker thread with a copy of the account, says the same.
    const Status again = ProviderFactory::test(a, *m_f->secrets);
    QVERIFY(!again);
    QCOMPARE(again.error().message, e.message);
}

QTEST_GUILESS_MAIN(TestProviderFactory)
#include "tst_providerfactory.moc"

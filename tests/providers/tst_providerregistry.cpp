// Tests for ProviderRegistry: what each provider can do, when it needs a key, its defaults,
// its own account rules, and that a label and a factory exist for what it claims.

#include "providers/providerregistry.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestProviderRegistry final : public QObject
{
    Q_OBJECT

private slots:
    void capabilities();
    void keyRules_data();
    void keyRules();
    void providerRules_data();
    void providerRules();
    void everyRowCanMakeWhatItClaims();
    void aWorkflowThatCannotBeFilledStopsTheAccount();
    void builtInAccounts();
};

namespace {

Account account(const QString& provider, const QString& baseUrl = {})
{
    Account a;
    a.id = u"acct"_s;
    a.provider = provider;
    a.baseUrl = baseUrl;
    return a;
}

} // namespace

void TestProviderRegistry::capabilities()
{
    const Account gemini = account(provider::Gemini);
    QVERIFY(ProviderRegistry::canWriteScripts(gemini));
    QVERIFY(ProviderRegistry::canMakeVideos(gemini));
    QCOMPARE(ProviderRegistry::baseUrl(gemini), u"https://generativelanguage.googleapis.com"_s);
    QVERIFY(!ProviderRegistry::canMakeVideos(account(provider::OpenAi)));
    QVERIFY(!ProviderRegistry::canWriteScripts(account(provider::Fal)));
    QVERIFY(ProviderRegistry::canMakeVideos(account(provider::Local)));
    QVERIFY(!ProviderRegistry::canMakeVideos(account(u"sora"_s)));
    QCOMPARE(ProviderRegistry::label(u"sora"_s), u"sora"_s);
}

void TestProviderRegistry::keyRules_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<bool>("uses");
    QTest::addColumn<bool>("needs");
    QTest::newRow("gemini") << provider::Gemini << QString() << true << true;
    QTest::newRow("fal") << provider::Fal << QString() << true << true;
    QTest::newRow("openai") << provider::OpenAi << QString() << true << true;
    QTest::newRow("ollama: optional, sent when stored")
        << provider::OpenAi << u"http://localhost:11434/v1"_s << true << false;
    QTest::newRow("offline") << provider::Offline << QString() << false << false;
    QTest::newRow("local") << provider::Local << QString() << false << false;
    QTest::newRow("ComfyUI: optional, for a proxy")
        << provider::ComfyUi << u"http://127.0.0.1:8188"_s << true << false;
    QTest::newRow("/v1/videos server: optional")
        << provider::VideoServer << u"http://127.0.0.1:8091/v1"_s << true << false;
}

void TestProviderRegistry::keyRules()
{
    QFETCH(QString, provider);
    QFETCH(QString, baseUrl);
    QFETCH(bool, uses);
    QFETCH(bool, needs);
    const Account a = account(provider, baseUrl);
    QCOMPARE(ProviderRegistry::usesKey(a), uses);
    QCOMPARE(ProviderRegistry::needsKey(a), needs);
}

void TestProviderRegistry::providerRules_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("problem");
    QTest::newRow("gemini ok") << provider::Gemini << QString() << QString();
    QTest::newRow("unknown provider") << u"sora"_s << QString() << u"Unknown provider"_s;
    QTest::newRow("openai without model") << provider::OpenAi << QString() << u"model name"_s;
    QTest::newRow("openai with model") << provider::OpenAi << u"gpt-4o-mini"_s << QString();
    QTest::newRow("ComfyUI without its address")
        << provider::ComfyUi << QString() << u"needs the address of its server"_s;
    QTest::newRow("a video server without its address")
        << provider::VideoServer << QString() << u"http://127.0.0.1:8091/v1"_s;
}

void TestProviderRegistry::providerRules()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(QString, problem);
    Account a = account(provider);
    a.model = model;
    const QString why = ProviderRegistry::validate(a);
    if (problem.isEmpty())
        QVERIFY2(why.isEmpty(), qPrintable(why));
    else
        QVERIFY2(why.contains(problem), qPrintable(why));
}

void TestProviderRegistry::aWorkflowThatCannotBeFilledStopsTheAccount()
{
    // Read where it lives, before a run sends anything; accounts.json stays readable (validate
    // does not read the file).
    Account a = account(provider::ComfyUi, u"http://127.0.0.1:8188"_s);
    QVERIFY(ProviderRegistry::unservedVideoModel(a).isEmpty()); // the shipped default
    QCOMPARE(ProviderRegistry::videoModel(a), u"wan2.1-t2v"_s);
    a.videoModel = u"/nonexistent/my-wan.json"_s;
    QVERIFY(ProviderRegistry::validate(a).isEmpty());
    const QString why = ProviderRegistry::unservedVideoModel(a);
    QVERIFY2(why.contains(u"\"acct\" cannot render"_s) && why.contains(u"my-wan.json"_s),
             qPrintable(why));
    a.videoModel = u"wan2.1-i2v"_s;
    QVERIFY(ProviderRegistry::unservedVideoModel(a).isEmpty());
    QVERIFY(ProviderRegistry::has(a, Capability::VideoFromImage));
}

void TestProviderRegistry::everyRowCanMakeWhatItClaims()
{
    for (const ProviderRow& row : ProviderRegistry::rows()) {
        QVERIFY2(!QString::fromUtf8(row.label).isEmpty(), qPrintable(row.id));
        QCOMPARE(bool(row.makeText), row.capabilities.contains(Capability::Text));
        QCOMPARE(bool(row.makeVideo), row.capabilities.contains(Capability::VideoFromText));
        // A key is for a public service; a server on the user's own GPU has no public address.
        if (row.keyRule != KeyRule::None && row.keyRule != KeyRule::Optional)
            QVERIFY2(!row.publicBaseUrl.isEmpty(), qPrintable(row.id));
        else if (row.keyRule == KeyRule::Optional)
            QVERIFY2(row.publicBaseUrl.isEmpty() && row.validate, qPrintable(row.id));
    }
}

void TestProviderRegistry::builtInAccounts()
{
    QStringList ids;
    for (const Account& a : ProviderRegistry::builtInAccounts()) {
        ids.append(a.id);
        QCOMPARE(a.id, a.provider);
        QVERIFY(ProviderRegistry::validate(a).isEmpty());
    }
    QCOMPARE(ids, (QStringList{provider::Offline, provider::Local}));
    QVERIFY(!ProviderRegistry::addable().contains(provider::Local));
    QVERIFY(ProviderRegistry::addable().contains(provider::Gemini));
}

QTEST_GUILESS_MAIN(TestProviderRegistry)
#include "tst_providerregistry.moc"

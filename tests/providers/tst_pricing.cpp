// Tests for the price table and the cost estimate: the shipped table's prices, patterns and
// resolutions, unknown prices (never 0), the user's table over the shipped one, and the
// estimate's arithmetic over accounts (table-driven).

#include "providers/pricing.h"
#include "providers/providerregistry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(t2v::Account)

using namespace Qt::StringLiterals;
using namespace t2v;

namespace {

Account account(const QString& id, const QString& provider, const QString& videoModel = {})
{
    Account a;
    a.id = id;
    a.provider = provider;
    a.videoModel = videoModel;
    return a;
}

} // namespace

class TestPricing final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void shippedPrices_data();
    void shippedPrices();
    void theUsersTableComesFirst();
    void theUsersTableIsMadeFromTheShippedOne();
    void aDamagedTableIsNamed_data();
    void aDamagedTableIsNamed();
    void estimates_data();
    void estimates();

private:
    QTemporaryDir m_config;
    PriceTable m_prices;
};

void TestPricing::initTestCase()
{
    // No kept model lists: the accounts' models are what they name.
    qputenv("T2V_CACHE_DIR", m_config.filePath(u"cache"_s).toUtf8());
    m_prices = PriceTable::load(m_config.path());
    QVERIFY(!m_prices.isEmpty());
}

void TestPricing::shippedPrices_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("resolution");
    QTest::addColumn<double>("perSecond"); // -1: unknown
    QTest::newRow("Veo 3.1") << u"gemini"_s << u"veo-3.1-generate-001"_s << u"720p"_s << 0.40;
    QTest::newRow("Veo 3.1 4k") << u"gemini"_s << u"veo-3.1-generate-preview"_s << u"4k"_s << 0.60;
    QTest::newRow("Veo 3.1 Fast") << u"gemini"_s << u"veo-3.1-fast-generate-001"_s << u"1080p"_s
                                  << 0.15;
    QTest::newRow("Veo 3.1 Fast 4k: not known")
        << u"gemini"_s << u"veo-3.1-fast-generate-001"_s << u"4k"_s << -1.0;
    QTest::newRow("Omni, any resolution")
        << u"gemini"_s << u"gemini-omni-1.1-flash"_s << u"1080p"_s << 0.10;
    QTest::newRow("fal Veo 3.1 Fast") << u"fal"_s << u"fal-ai/veo3.1/fast"_s << u"720p"_s << 0.15;
    QTest::newRow("fal Kling: not known")
        << u"fal"_s << u"fal-ai/kling-video/v2.5-turbo/pro/text-to-video"_s << u"720p"_s << -1.0;
    QTest::newRow("a Veo id on fal is not Google's price")
        << u"fal"_s << u"veo-3.1-generate-001"_s << u"720p"_s << -1.0;
    QTest::newRow("local animatic") << u"local"_s << u"animatic"_s << u"1080p"_s << 0.0;
    QTest::newRow("ComfyUI, any workflow") << u"comfyui"_s << u"my-wan.json"_s << u"720p"_s << 0.0;
    QTest::newRow("a /v1/videos server")
        << u"openai-video"_s << u"Wan-AI/Wan2.1-T2V-1.3B-Diffusers"_s << u"1080p"_s << 0.0;
}

void TestPricing::shippedPrices()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(QString, resolution);
    QFETCH(double, perSecond);
    const auto price = m_prices.find(provider, model, resolution);
    QCOMPARE(price.has_value(), perSecond >= 0);
    if (price) {
        QCOMPARE(price->perSecond, perSecond);
        QVERIFY(!price->checked.isEmpty());
        QVERIFY(!price->source.isEmpty());
    }
}

void TestPricing::theUsersTableComesFirst()
{
    QTemporaryDir config;
    QFile f(config.filePath(u"prices.json"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"entries":[{"provider":"gemini","model":"veo-3.1-fast-*","per_second":{"*":0.12},
               "checked":"2026-12-01","source":"my invoice"}]})");
    f.close();
    QString problem;
    const PriceTable prices = PriceTable::load(config.path(), &problem);
    QVERIFY(problem.isEmpty());
    const auto mine = prices.find(u"gemini"_s, u"veo-3.1-fast-generate-001"_s, u"720p"_s);
    QVERIFY(mine);
    QCOMPARE(mine->perSecond, 0.12);
    QCOMPARE(mine->source, u"my invoice"_s);
    // What it does not name still comes from the shipped table.
    QCOMPARE(prices.find(u"gemini"_s, u"veo-3.1-generate-001"_s, u"720p"_s)->perSecond, 0.40);
    // "Edit prices…" opens the user's own table, never overwriting it.
    QCOMPARE(PriceTable::userTable(config.path()).value(), f.fileName());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("my invoice"));
}

void TestPricing::theUsersTableIsMadeFromTheShippedOne()
{
    QTemporaryDir config;
    const auto path = PriceTable::userTable(config.filePath(u"new"_s));
    QVERIFY(path.ok());
    QFile made(*path);
    QVERIFY(made.open(QIODevice::ReadOnly));
    QVERIFY(PriceTable::parse(made.readAll()).ok());
    QString problem;
    QVERIFY(!PriceTable::load(config.filePath(u"new"_s), &problem).isEmpty());
    QCOMPARE(problem, QString());
}

void TestPricing::aDamagedTableIsNamed_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("problem");
    QTest::newRow("not JSON") << QByteArray("{\"entries\": [") << u"entries"_s;
    QTest::newRow("no model") << QByteArray(R"({"entries":[{"provider":"fal","per_second":{}}]})")
                              << u"model"_s;
    QTest::newRow("a negative price")
        << QByteArray(R"({"entries":[{"provider":"fal","model":"x","per_second":{"*":-1}}]})")
        << u"0 or more"_s;
    QTest::newRow("a price in words")
        << QByteArray(R"({"entries":[{"provider":"fal","model":"x","per_second":{"*":"cheap"}}]})")
        << u"not a number"_s;
}

void TestPricing::aDamagedTableIsNamed()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, problem);
    QVERIFY(!PriceTable::parse(content).ok());
    QVERIFY2(PriceTable::parse(content).error().message.contains(problem),
             qPrintable(PriceTable::parse(content).error().message));
    // In the config folder: named, and the shipped table is used instead.
    QTemporaryDir config;
    QFile f(config.filePath(u"prices.json"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    QString said;
    const PriceTable prices = PriceTable::load(config.path(), &said);
    QVERIFY2(said.contains(u"prices.json"_s), qPrintable(said));
    QCOMPARE(prices.find(u"gemini"_s, u"veo-3.1-generate-001"_s, u"720p"_s)->perSecond, 0.40);
}

void TestPricing::estimates_data()
{
    QTest::addColumn<QList<double>>("clips");
    QTest::addColumn<QList<Account>>("accounts");
    QTest::addColumn<QString>("model");
    QTest::addColumn<double>("dollars");
    QTest::addColumn<int>("unknownClips");
    QTest::addColumn<QList<int>>("clipsPerAccount");
    QTest::addColumn<QString>("summary");

    const QList<double> film(75, 8.0); // 10 minutes in 8 s scenes
    const Account veo = account(u"veo"_s, u"gemini"_s, u"veo-3.1-generate-001"_s);
    const Account fast = account(u"fast"_s, u"gemini"_s, u"veo-3.1-fast-generate-001"_s);
    const Account local = account(u"local"_s, u"local"_s);
    const Account kling =
        account(u"kling"_s, u"fal"_s, u"fal-ai/kling-video/v2.5-turbo/pro/text-to-video"_s);
    QTest::newRow("75 scenes on Veo standard: 75 x 8 s x $0.40")
        << film << QList<Account>{veo} << QString() << 240.0 << 0 << QList<int>{75} << u"$240.00"_s;
    QTest::newRow("spread over two accounts in turn")
        << QList<double>{8, 8, 8} << QList<Account>{veo, fast} << QString()
        << 8 * 0.40 * 2 + 8 * 0.15 << 0 << QList<int>{2, 1} << u"$7.60"_s;
    QTest::newRow("local is free")
        << film << QList<Account>{local} << QString() << 0.0 << 0 << QList<int>{75} << u"free"_s;
    QTest::newRow("an unknown price is not zero")
        << QList<double>{8, 8, 8, 8} << QList<Account>{fast, kling} << QString() << 16 * 0.15 << 2
        << QList<int>{2, 2} << u"$2.40 + unknown for 2 clip(s)"_s;
    QTest::newRow("a model asked for the run")
        << QList<double>{4, 6} << QList<Account>{fast} << u"gemini-omni-1.1-flash"_s << 1.0 << 0
        << QList<int>{2} << u"$1.00"_s;
    QTest::newRow("an account with no model: its likely first choice")
        << QList<double>{8} << QList<Account>{account(u"gem"_s, u"gemini"_s)} << QString() << 1.2
        << 0 << QList<int>{1} << u"$1.20"_s;
    QTest::newRow("nothing to make") << QList<double>{} << QList<Account>{veo} << QString() << 0.0
                                     << 0 << QList<int>{0} << u"free"_s;
}

void TestPricing::estimates()
{
    QFETCH(QList<double>, clips);
    QFETCH(QList<Account>, accounts);
    QFETCH(QString, model);
    QFETCH(double, dollars);
    QFETCH(int, unknownClips);
    QFETCH(QList<int>, clipsPerAccount);
    QFETCH(QString, summary);
    const CostEstimate e = estimateCost(clips, accounts, u"720p"_s, model, m_prices);
    QVERIFY(qAbs(e.knownDollars - dollars) < 1e-9);
    QCOMPARE(e.unknownClips, unknownClips);
    QCOMPARE(e.lines.size(), accounts.size());
    for (int i = 0; i < accounts.size(); ++i)
        QCOMPARE(e.lines[i].clips, clipsPerAccount[i]);
    QCOMPARE(e.summary(), summary);
}

QTEST_GUILESS_MAIN(TestPricing)
#include "tst_pricing.moc"

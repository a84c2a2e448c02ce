// Tests for Account: the checks that do not depend on the provider, and JSON.

#include "core/account.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestAccount final : public QObject
{
    Q_OBJECT

private slots:
    void validate_data();
    void validate();
    void roundTripHasNoKey();
    void falQueueOptions_data();
    void falQueueOptions();
    void quotaGroups_data();
    void quotaGroups();
    void budgets_data();
    void budgets();
};

void TestAccount::validate_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("maxJobs");
    QTest::addColumn<int>("rpm");
    QTest::addColumn<QString>("problem");
    QTest::newRow("gemini ok") << u"gemini-1"_s << u"gemini"_s << QString() << QString() << 2 << 10
                               << QString();
    QTest::newRow("ollama ok") << u"ollama"_s << u"openai"_s << u"http://localhost:11434/v1"_s
                               << u"llama3.1"_s << 1 << 60 << QString();
    QTest::newRow("bad id") << u"My Account"_s << u"gemini"_s << QString() << QString() << 2 << 10
                            << u"account id"_s;
    QTest::newRow("ftp url") << u"x"_s << u"openai"_s << u"ftp://host/v1"_s << u"m"_s << 2 << 10
                             << u"base URL"_s;
    QTest::newRow("zero jobs") << u"x"_s << u"fal"_s << QString() << QString() << 0 << 10
                               << u"Max concurrent"_s;
    QTest::newRow("zero rpm") << u"x"_s << u"fal"_s << QString() << QString() << 1 << 0
                              << u"Requests per minute"_s;
}

void TestAccount::validate()
{
    QFETCH(QString, id);
    QFETCH(QString, provider);
    QFETCH(QString, baseUrl);
    QFETCH(QString, model);
    QFETCH(int, maxJobs);
    QFETCH(int, rpm);
    QFETCH(QString, problem);
    Account a;
    a.id = id;
    a.provider = provider;
    a.baseUrl = baseUrl;
    a.model = model;
    a.maxConcurrentJobs = maxJobs;
    a.requestsPerMinute = rpm;
    const QString why = a.validate();
    if (problem.isEmpty())
        QVERIFY2(why.isEmpty(), qPrintable(why));
    else
        QVERIFY2(why.contains(problem), qPrintable(why));
}

void TestAccount::roundTripHasNoKey()
{
    Account a;
    a.id = u"fal-2"_s;
    a.label = u"fal second"_s;
    a.provider = u"fal"_s;
    a.videoModel = u"fal-ai/kling-video/v2.5-turbo/pro/text-to-video"_s;
    a.maxConcurrentJobs = 4;
    a.requestsPerMinute = 30;
    a.enabled = false;
    a.disabledReason = u"key rejected"_s;
    a.startDeadlineSeconds = 600;
    a.mediaExpirySeconds = 7 * 86400;
    a.quotaGroup = u"my-project-123"_s;
    a.dailyBudgetUsd = 25.5;
    a.spendWindowUsd = 4;
    const json::Json j = a;
    QCOMPARE(j.get<Account>(), a);
    QCOMPARE(j["daily_budget_usd"].get<double>(), 25.5);
    QVERIFY(!j.contains("api_key"));
    QVERIFY(!j.contains("key"));
}

void TestAccount::falQueueOptions_data()
{
    QTest::addColumn<int>("deadline");
    QTest::addColumn<int>("expiry");
    QTest::addColumn<QString>("problem");
    QTest::newRow("none") << 0 << 0 << QString();
    QTest::newRow("both set") << 600 << 86400 << QString();
    QTest::newRow("shortest deadline") << 2 << 0 << QString();
    QTest::newRow("one second") << 1 << 0 << u"start deadline"_s; // fal refuses <= 1 s
    QTest::newRow("negative deadline") << -5 << 0 << u"start deadline"_s;
    QTest::newRow("deadline over a day") << 86401 << 0 << u"start deadline"_s;
    QTest::newRow("an hour of media") << 0 << 3600 << QString();
    QTest::newRow("a minute of media") << 0 << 60 << u"media expiry"_s;
    QTest::newRow("media over a year") << 0 << 31536001 << u"media expiry"_s;
}

void TestAccount::quotaGroups_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<bool>("valid");
    QTest::newRow("none") << QString() << true;
    QTest::newRow("a cloud project id") << u"my-project-123"_s << true;
    QTest::newRow("a name") << u"Studio.Team_2"_s << true;
    QTest::newRow("spaces") << u"my project"_s << false;
    QTest::newRow("leading dash") << u"-x"_s << false;
    QTest::newRow("a path") << u"../x"_s << false;
    QTest::newRow("too long") << QString(65, u'a') << false;
}

void TestAccount::quotaGroups()
{
    QFETCH(QString, group);
    QFETCH(bool, valid);
    Account a;
    a.id = u"gem"_s;
    a.provider = u"gemini"_s;
    a.quotaGroup = group;
    const QString why = a.validate();
    QCOMPARE(why.isEmpty(), valid);
    if (!valid)
        QVERIFY2(why.contains(u"quota group"_s), qPrintable(why));
    json::Json j = a;
    QCOMPARE(j.contains("quota_group"), !group.isEmpty()); // older files read as "none"
    QCOMPARE(j.get<Account>().quotaGroup, group);
}

void TestAccount::budgets_data()
{
    QTest::addColumn<double>("daily");
    QTest::addColumn<double>("window");
    QTest::addColumn<bool>("valid");
    QTest::newRow("none") << 0.0 << 0.0 << true;
    QTest::newRow("both") << 25.0 << 2.5 << true;
    QTest::newRow("the most") << 100000.0 << 0.0 << true;
    QTest::newRow("too much") << 100000.01 << 0.0 << false;
    QTest::newRow("negative daily") << -1.0 << 0.0 << false;
    QTest::newRow("negative window") << 0.0 << -0.5 << false;
    QTest::newRow("not a number") << qQNaN() << 0.0 << false;
}

void TestAccount::budgets()
{
    QFETCH(double, daily);
    QFETCH(double, window);
    QFETCH(bool, valid);
    Account a;
    a.id = u"gem"_s;
    a.provider = u"gemini"_s;
    a.dailyBudgetUsd = daily;
    a.spendWindowUsd = window;
    const QString why = a.validate();
    QCOMPARE(why.isEmpty(), valid);
    if (!valid)
        QVERIFY2(why.contains(u"budget"_s), qPrintable(why));
}

void TestAccount::falQueueOptions()
{
    QFETCH(int, deadline);
    QFETCH(int, expiry);
    QFETCH(QString, problem);
    Account a;
    a.id = u"fal"_s;
    a.provider = u"fal"_s;
    a.startDeadlineSeconds = deadline;
    a.mediaExpirySeconds = expiry;
    const QString why = a.validate();
    if (problem.isEmpty())
        QVERIFY2(why.isEmpty(), qPrintable(why));
    else
        QVERIFY2(why.contains(problem), qPrintable(why));
    // Accounts written before these options existed read as "not set".
    json::Json j = a;
    j.erase("start_deadline_seconds");
    j.erase("media_expiry_seconds");
    QCOMPARE(j.get<Account>().startDeadlineSeconds, 0);
    QCOMPARE(j.get<Account>().mediaExpirySeconds, 0);
}

QTEST_GUILESS_MAIN(TestAccount)
#include "tst_account.moc"

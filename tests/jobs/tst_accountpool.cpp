// Tests for AccountPool: building a run's accounts (and refusing before any request when one
// is missing or has no key), cooldowns and request budgets on a fake clock, and disabling.

#include "fakeclock.h"
#include "jobfixture.h"
#include "jobs/accountpool.h"
#include "providers/providerregistry.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

class TestAccountPool final : public QObject
{
    Q_OBJECT

private slots:
    void populateChecksEverythingFirst();
    void cooldownAndBudgetOnTheClock();
    void disableIsRememberedAndSignalled();
    void aQuotaGroupSharesBudgetCooldownAndConcurrency();
};

void TestAccountPool::populateChecksEverythingFirst()
{
    JobFixture f;
    f.addVeo(u"gem"_s, u"key-g"_s);
    Account nokey;
    nokey.id = u"nokey"_s;
    nokey.provider = provider::Fal;
    QVERIFY(f.accounts->add(nokey).ok());
    AccountPool pool;
    QVERIFY(pool.populate({u"gem"_s, u"local"_s}, *f.accounts, *f.secrets).ok());
    QCOMPARE(pool.provider(u"gem"_s)->id(), u"veo"_s);
    QCOMPARE(pool.provider(u"local"_s)->id(), u"local"_s);

    const Status missing = AccountPool().populate({u"ghost"_s}, *f.accounts, *f.secrets);
    QVERIFY(missing.error().message.contains(u"no account \"ghost\""_s));
    const Status withoutKey = AccountPool().populate({u"nokey"_s}, *f.accounts, *f.secrets);
    QVERIFY2(withoutKey.error().message.contains(u"T2V_KEY_NOKEY"_s),
             qPrintable(withoutKey.error().message));
    const Status llmOnly = AccountPool().populate({u"offline"_s}, *f.accounts, *f.secrets);
    QVERIFY(llmOnly.error().message.contains(u"cannot make videos"_s));
}

void TestAccountPool::cooldownAndBudgetOnTheClock()
{
    JobFixture f;
    f.addVeo(u"gem"_s, u"key-g"_s, 2, 3);
    FakeClock clock;
    AccountPool pool(clock);
    QVERIFY(pool.populate({u"gem"_s}, *f.accounts, *f.secrets).ok());
    QSignalSpy cooling(&pool, &AccountPool::accountCoolingDown);
    pool.coolDown(u"gem"_s, 5000ms, u"429"_s);
    QCOMPARE(pool.cooldownLeft(u"gem"_s), 5000ms);
    pool.coolDown(u"gem"_s, 1000ms, u"shorter does not shorten"_s);
    QCOMPARE(pool.cooldownLeft(u"gem"_s), 5000ms);
    QCOMPARE(cooling.count(), 1);
    clock.advance(5000ms);
    QCOMPARE(pool.cooldownLeft(u"gem"_s), 0ms);

    for (int i = 0; i < 3; ++i)
        QVERIFY(pool.tryAcquireRequest(u"gem"_s));
    QVERIFY(!pool.tryAcquireRequest(u"gem"_s));
    QCOMPARE(pool.timeUntilRequest(u"gem"_s), 60000ms);
    clock.advance(60000ms);
    QVERIFY(pool.tryAcquireRequest(u"gem"_s));
}

void TestAccountPool::aQuotaGroupSharesBudgetCooldownAndConcurrency()
{
    // Three keys of one Google Cloud project and one of another: the three count as one.
    JobFixture f;
    for (const QString& id : {u"k1"_s, u"k2"_s, u"k3"_s, u"other"_s}) {
        Account a = f.addVeo(id, u"key-"_s + id, id == u"k2"_s ? 1 : 3, id == u"k3"_s ? 2 : 5);
        if (id != u"other"_s) {
            a.quotaGroup = u"my-project-123"_s;
            QVERIFY(f.accounts->update(a).ok());
        }
    }
    FakeClock clock;
    AccountPool pool(clock);
    QVERIFY(pool.populate({u"k1"_s, u"k2"_s, u"k3"_s, u"other"_s}, *f.accounts, *f.secrets).ok());
    QCOMPARE(pool.groupOf(u"k2"_s), (QStringList{u"k1"_s, u"k2"_s, u"k3"_s}));
    QCOMPARE(pool.groupOf(u"other"_s), QStringList{u"other"_s});
    QCOMPARE(pool.groupConcurrency(u"k1"_s), 1); // the strictest of the group
    QCOMPARE(pool.groupConcurrency(u"other"_s), 3);

    // The group's budget is the lowest requests per minute (2), whichever key asks.
    QVERIFY(pool.tryAcquireRequest(u"k1"_s));
    QVERIFY(pool.tryAcquireRequest(u"k2"_s));
    QVERIFY(!pool.tryAcquireRequest(u"k3"_s));
    QVERIFY(!pool.tryAcquireRequest(u"k1"_s));
    QVERIFY(pool.tryAcquireRequest(u"other"_s)); // another project has its own
    QCOMPARE(pool.timeUntilRequest(u"k3"_s), 60000ms);

    // A 429 on one key cools the whole project down, and only it.
    QSignalSpy cooling(&pool, &AccountPool::accountCoolingDown);
    pool.coolDown(u"k2"_s, 600000ms, u"spend limit"_s);
    for (const QString& id : {u"k1"_s, u"k2"_s, u"k3"_s})
        QCOMPARE(pool.cooldownLeft(id), 600000ms);
    QCOMPARE(pool.cooldownLeft(u"other"_s), 0ms);
    QCOMPARE(cooling.count(), 3); // each account says it waits
    clock.advance(600000ms);
    QCOMPARE(pool.cooldownLeft(u"k1"_s), 0ms);
    QVERIFY(pool.tryAcquireRequest(u"k3"_s));
}

void TestAccountPool::disableIsRememberedAndSignalled()
{
    JobFixture f;
    f.addVeo(u"gem"_s, u"key-g"_s);
    AccountPool pool;
    QVERIFY(pool.populate({u"gem"_s}, *f.accounts, *f.secrets).ok());
    pool.setAccountStore(f.accounts);
    QSignalSpy disabled(&pool, &AccountPool::accountDisabled);
    pool.disable(u"gem"_s, u"key rejected"_s);
    pool.disable(u"gem"_s, u"again"_s);
    QCOMPARE(disabled.count(), 1);
    QVERIFY(pool.isDisabled(u"gem"_s));
    QCOMPARE(f.accounts->find(u"gem"_s)->disabledReason, u"key rejected"_s);
    // A disabled account in the store comes back disabled in the next run.
    AccountPool next;
    QVERIFY(next.populate({u"gem"_s}, *f.accounts, *f.secrets).ok());
    QVERIFY(next.isDisabled(u"gem"_s));
}

QTEST_GUILESS_MAIN(TestAccountPool)
#include "tst_accountpool.moc"

// Tests for jobs/spend.h: SpendGuard, SpendSummary and SpendLedger. The price of a request, caps
// that hold exactly at their boundary (per run, per project, per account and day), a resumed
// run that counts what was already spent, Unconfirmed jobs counted as spent and failed renders
// not, an unknown price that holds a capped run, the spend window's pacing (fake clock), and
// the ledger file (shared by projects, a damaged line left out).

#include "fakeclock.h"
#include "jobs/jobstatemachine.h"
#include "jobs/spend.h"
#include "project/project.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

namespace {

Account veo(const QString& id, double daily = 0, double window = 0)
{
    Account a;
    a.id = id;
    a.provider = u"gemini"_s;
    a.videoModel = u"veo-3.1-fast-generate-001"_s; // $0.15 per second
    a.dailyBudgetUsd = daily;
    a.spendWindowUsd = window;
    return a;
}

// `n` queued 8-second clips at 720p, s001-v1 ...
Project project(int n)
{
    Project p;
    for (int i = 1; i <= n; ++i) {
        VideoJob j;
        j.id = VideoJob::makeId(i, 1);
        j.sceneNumber = i;
        j.provider = u"veo"_s;
        j.resolution = u"720p"_s;
        j.durationSeconds = 8;
        p.jobs.append(j);
    }
    return p;
}

// What the scheduler does with a job it sends: Submitting, charged, then Submitted.
void buy(SpendGuard& guard, Project& p, const QString& id, const Account& a)
{
    VideoJob* job = p.findJob(id);
    QVERIFY(JobStateMachine::moveTo(*job, JobState::Submitting));
    guard.charge(p, {id}, a);
    job->remoteId = u"operations/"_s + id;
    QVERIFY(JobStateMachine::moveTo(*job, JobState::Submitted));
}

} // namespace

class TestSpend final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void prices_data();
    void prices();
    void runCapHoldsExactlyAtTheBoundary_data();
    void runCapHoldsExactlyAtTheBoundary();
    void aResumedRunCountsWhatWasSpent();
    void theProjectCapCountsEveryClip();
    void whatCountsAsSpent_data();
    void whatCountsAsSpent();
    void anUnknownPriceHoldsOnlyACappedRun();
    void theDailyCapHoldsTheAccountAcrossProjects();
    void theSpendWindowPacesTheQuotaGroup();
    void theLedgerIsSharedAndSurvivesADamagedLine();
    void theSummaryIsPerAccountAndDay();

private:
    QTemporaryDir m_dir;
    PriceTable m_prices;
};

void TestSpend::initTestCase()
{
    qputenv("T2V_CACHE_DIR", m_dir.filePath(u"cache"_s).toUtf8()); // no kept model lists
    m_prices = PriceTable::load(m_dir.filePath(u"config"_s));
    QVERIFY(!m_prices.isEmpty());
}

void TestSpend::prices_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("accountModel");
    QTest::addColumn<QString>("jobModel");
    QTest::addColumn<QString>("resolution");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<double>("usd"); // -1: unknown
    QTest::addColumn<QString>("priced");

    QTest::newRow("veo fast 8 s") << u"gemini"_s << u"veo-3.1-fast-generate-001"_s << QString()
                                  << u"720p"_s << 8 << 1.20 << u"veo-3.1-fast-generate-001"_s;
    QTest::newRow("the job's model wins")
        << u"gemini"_s << u"veo-3.1-fast-generate-001"_s << u"veo-3.1-generate-001"_s << u"4k"_s
        << 8 << 4.80 << u"veo-3.1-generate-001"_s;
    QTest::newRow("lite 4 s") << u"gemini"_s << u"veo-3.1-lite-generate-preview"_s << QString()
                              << u"1080p"_s << 4 << 0.32 << u"veo-3.1-lite-generate-preview"_s;
    // Found from the key's list on first use: the dearest it might pick, so caps hold.
    QTest::newRow("model found on first use") << u"gemini"_s << QString() << QString() << u"720p"_s
                                              << 8 << 3.20 << u"veo-3.1-generate-001"_s;
    QTest::newRow("unknown model") << u"gemini"_s << u"veo-9-experimental"_s << QString()
                                   << u"720p"_s << 8 << -1.0 << u"veo-9-experimental"_s;
    QTest::newRow("fast has no 4k price")
        << u"gemini"_s << u"veo-3.1-fast-generate-001"_s << QString() << u"4k"_s << 8 << -1.0
        << u"veo-3.1-fast-generate-001"_s;
    QTest::newRow("local is free")
        << u"local"_s << u"animatic"_s << QString() << u"720p"_s << 8 << 0.0 << u"animatic"_s;
}

void TestSpend::prices()
{
    QFETCH(QString, provider);
    QFETCH(QString, accountModel);
    QFETCH(QString, jobModel);
    QFETCH(QString, resolution);
    QFETCH(int, seconds);
    QFETCH(double, usd);
    QFETCH(QString, priced);
    SpendGuard guard;
    guard.setPrices(m_prices);
    Account a = veo(u"a"_s);
    a.provider = provider;
    a.videoModel = accountModel;
    VideoJob job = project(1).jobs.first();
    job.model = jobModel;
    job.resolution = resolution;
    job.durationSeconds = seconds;
    QString model;
    const auto price = guard.price(job, a, &model);
    QCOMPARE(model, priced);
    if (usd < 0) {
        QVERIFY(!price.has_value());
    } else {
        QVERIFY(price.has_value());
        QVERIFY(qAbs(*price - usd) < 1e-9);
    }
}

void TestSpend::runCapHoldsExactlyAtTheBoundary_data()
{
    QTest::addColumn<double>("cap");
    QTest::addColumn<int>("bought"); // clips of $1.20 that fit

    QTest::newRow("exactly three clips") << 3.60 << 3;
    QTest::newRow("a cent short of three") << 3.59 << 2;
    QTest::newRow("less than one") << 1.19 << 0;
    QTest::newRow("exactly one") << 1.20 << 1;
    QTest::newRow("more than all") << 100.0 << 5;
}

void TestSpend::runCapHoldsExactlyAtTheBoundary()
{
    QFETCH(double, cap);
    QFETCH(int, bought);
    SpendGuard guard;
    guard.setPrices(m_prices);
    Project p = project(5);
    Budget b;
    b.runUsd = cap;
    for (const VideoJob& j : std::as_const(p.jobs))
        b.runJobs.insert(j.id);
    guard.setBudget(b);
    const Account a = veo(u"a"_s);
    int n = 0;
    for (const VideoJob& j : std::as_const(p.jobs)) {
        const SpendDecision d = guard.check(p, {j.id}, a, {a});
        if (d.kind != SpendDecision::Go) {
            QCOMPARE(d.kind, SpendDecision::Hold);
            QVERIFY(!d.accountOnly);
            QVERIFY2(d.reason.contains(u"run's budget"_s), qPrintable(d.reason));
            break;
        }
        buy(guard, p, j.id, a);
        ++n;
    }
    QCOMPARE(n, bought);
    QVERIFY(SpendSummary::of(p.jobs).total.usd <= cap + 1e-9);
}

void TestSpend::aResumedRunCountsWhatWasSpent()
{
    // A run of scenes 1-4 with a $5 cap bought two clips, then the program stopped. The new
    // run of the same scenes has $2.60 left: two more clips would make $4.80, fitting; but a
    // run over scenes 3-4 alone counts only its own clips.
    SpendGuard guard;
    guard.setPrices(m_prices);
    Project p = project(4);
    const Account a = veo(u"a"_s);
    buy(guard, p, u"s001-v1"_s, a);
    buy(guard, p, u"s002-v1"_s, a);
    Budget b;
    b.runUsd = 3.00;
    b.runJobs = {u"s001-v1"_s, u"s002-v1"_s, u"s003-v1"_s, u"s004-v1"_s};
    guard.setBudget(b);
    SpendDecision d = guard.check(p, {u"s003-v1"_s}, a, {a});
    QCOMPARE(d.kind, SpendDecision::Hold); // 2.40 spent + 1.20 > 3.00
    QVERIFY2(d.reason.contains(u"$2.40 spent"_s), qPrintable(d.reason));
    b.runJobs = {u"s003-v1"_s, u"s004-v1"_s};
    guard.setBudget(b);
    QCOMPARE(guard.check(p, {u"s003-v1"_s}, a, {a}).kind, SpendDecision::Go);
    // Raising the cap goes on.
    b.runJobs = {u"s001-v1"_s, u"s002-v1"_s, u"s003-v1"_s, u"s004-v1"_s};
    b.runUsd = 3.60;
    guard.setBudget(b);
    QCOMPARE(guard.check(p, {u"s003-v1"_s}, a, {a}).kind, SpendDecision::Go);
}

void TestSpend::theProjectCapCountsEveryClip()
{
    SpendGuard guard;
    guard.setPrices(m_prices);
    Project p = project(3);
    const Account a = veo(u"a"_s);
    buy(guard, p, u"s001-v1"_s, a);
    Budget b;
    b.projectUsd = 2.40; // a run without a cap of its own still stops here
    guard.setBudget(b);
    QCOMPARE(guard.check(p, {u"s002-v1"_s}, a, {a}).kind, SpendDecision::Go);
    buy(guard, p, u"s002-v1"_s, a);
    const SpendDecision d = guard.check(p, {u"s003-v1"_s}, a, {a});
    QCOMPARE(d.kind, SpendDecision::Hold);
    QVERIFY2(d.reason.contains(u"project's budget of $2.40"_s), qPrintable(d.reason));
    // Two samples of one request are priced together.
    b.projectUsd = 4.80;
    guard.setBudget(b);
    QVERIFY(qAbs(guard.check(p, {u"s003-v1"_s}, a, {a}).usd.value() - 1.20) < 1e-9);
}

void TestSpend::whatCountsAsSpent_data()
{
    QTest::addColumn<int>("outcome");
    QTest::addColumn<double>("spent");

    // 0 Unconfirmed (the answer was lost), 1 recovered after a crash in Submitting, 2 refused
    // (fail from Submitting), 3 requeued after a 429, 4 the render failed, 5 downloaded.
    QTest::newRow("unconfirmed counts") << 0 << 1.20;
    QTest::newRow("a crash while submitting counts") << 1 << 1.20;
    QTest::newRow("a refused request does not") << 2 << 0.0;
    QTest::newRow("a 429 does not") << 3 << 0.0;
    QTest::newRow("a failed render does not") << 4 << 0.0;
    QTest::newRow("a failed download does") << 5 << 1.20;
}

void TestSpend::whatCountsAsSpent()
{
    QFETCH(int, outcome);
    QFETCH(double, spent);
    SpendGuard guard;
    guard.setPrices(m_prices);
    Project p = project(1);
    const Account a = veo(u"a"_s);
    VideoJob& job = p.jobs[0];
    QVERIFY(JobStateMachine::moveTo(job, JobState::Submitting));
    guard.charge(p, {job.id}, a);
    switch (outcome) {
    case 0:
        QVERIFY(JobStateMachine::unconfirm(job, u"lost"_s));
        break;
    case 1:
        QVERIFY(JobStateMachine::recover(job));
        QCOMPARE(job.state, JobState::Unconfirmed);
        break;
    case 2:
        QVERIFY(JobStateMachine::fail(job, JobStage::Submit, u"400"_s, false));
        break;
    case 3:
        QVERIFY(JobStateMachine::requeue(job));
        break;
    case 4:
    case 5:
        job.remoteId = u"operations/x"_s;
        QVERIFY(JobStateMachine::moveTo(job, JobState::Submitted));
        QVERIFY(JobStateMachine::fail(job, outcome == 4 ? JobStage::Render : JobStage::Download,
                                      u"failed"_s, true));
        break;
    }
    QVERIFY(qAbs(spentUsd(job) - spent) < 1e-9);
    QVERIFY(qAbs(SpendSummary::of(p.jobs).total.usd - spent) < 1e-9);
    if (outcome == 4) {
        // Retrying a failed render buys it again: one charge, not two.
        QVERIFY(JobStateMachine::retry(job));
        QCOMPARE(job.state, JobState::Queued);
        QVERIFY(job.charges.isEmpty());
    }
    if (outcome == 0) {
        // Retrying an unconfirmed job may buy it twice: both count.
        QVERIFY(JobStateMachine::retry(job));
        QVERIFY(JobStateMachine::moveTo(job, JobState::Submitting));
        guard.charge(p, {job.id}, a);
        QVERIFY(qAbs(spentUsd(job) - 2.40) < 1e-9);
    }
}

void TestSpend::anUnknownPriceHoldsOnlyACappedRun()
{
    SpendGuard guard;
    guard.setPrices(m_prices);
    Project p = project(1);
    Account a = veo(u"a"_s);
    a.videoModel = u"veo-9-experimental"_s;
    SpendDecision d = guard.check(p, {u"s001-v1"_s}, a, {a});
    QCOMPARE(d.kind, SpendDecision::Go); // no cap: it goes, priced unknown
    QVERIFY(!d.usd.has_value());
    QVERIFY(JobStateMachine::moveTo(p.jobs[0], JobState::Submitting));
    guard.charge(p, {u"s001-v1"_s}, a);
    QCOMPARE(SpendSummary::of(p.jobs).total.unknown, 1);
    QCOMPARE(SpendSummary::of(p.jobs).total.text(), u"$0.00 + 1 of unknown price"_s);
    Project q = project(1);
    Budget b;
    b.projectUsd = 100;
    guard.setBudget(b);
    d = guard.check(q, {u"s001-v1"_s}, a, {a});
    QCOMPARE(d.kind, SpendDecision::Hold);
    QVERIFY2(d.reason.contains(u"veo-9-experimental is unknown"_s), qPrintable(d.reason));
}

void TestSpend::theDailyCapHoldsTheAccountAcrossProjects()
{
    FakeClock clock; // 2026-11-23 12:00 UTC
    const QString path = m_dir.filePath(u"daily/spend.jsonl"_s);
    const Account a = veo(u"a"_s, 2.40);
    const Account b = veo(u"b"_s, 2.40);
    {
        // Another project bought one clip on "a" an hour ago, and one yesterday.
        SpendLedger other(path);
        other.record(clock.currentDateTimeUtc().addSecs(-3600), u"a"_s, u"/p/other"_s, u"s001-v1"_s,
                     1.20);
        other.record(clock.currentDateTimeUtc().addDays(-1), u"a"_s, u"/p/other"_s, u"s002-v1"_s,
                     1.20);
    }
    SpendGuard guard(clock);
    guard.setPrices(m_prices);
    guard.setLedger(SpendLedger(path));
    QCOMPARE(guard.ledger().problem(), QString());
    Project p = project(3);
    QCOMPARE(guard.check(p, {u"s001-v1"_s}, a, {a}).kind, SpendDecision::Go);
    buy(guard, p, u"s001-v1"_s, a);
    const SpendDecision d = guard.check(p, {u"s002-v1"_s}, a, {a});
    QCOMPARE(d.kind, SpendDecision::Hold);
    QVERIFY(d.accountOnly); // another account may still take it
    QVERIFY2(d.reason.contains(u"$2.40 spent today"_s), qPrintable(d.reason));
    QCOMPARE(guard.check(p, {u"s002-v1"_s}, b, {b}).kind, SpendDecision::Go);
    // A refund (nothing was made) gives the room back.
    guard.refund(u"a"_s, u"s001-v1"_s, 1.20);
    QCOMPARE(guard.check(p, {u"s002-v1"_s}, a, {a}).kind, SpendDecision::Go);
    // The next day starts afresh.
    buy(guard, p, u"s002-v1"_s, a);
    QCOMPARE(guard.check(p, {u"s003-v1"_s}, a, {a}).kind, SpendDecision::Hold);
    clock.advance(24h);
    QCOMPARE(guard.check(p, {u"s003-v1"_s}, a, {a}).kind, SpendDecision::Go);
}

void TestSpend::theSpendWindowPacesTheQuotaGroup()
{
    FakeClock clock;
    SpendGuard guard(clock);
    guard.setPrices(m_prices);
    // Two keys of one Cloud project; the lower window ($3 per 10 minutes) applies to both.
    const Account a = veo(u"a"_s, 0, 3.00);
    const Account b = veo(u"b"_s, 0, 5.00);
    Project p = project(4);
    buy(guard, p, u"s001-v1"_s, a);
    clock.advance(60s);
    buy(guard, p, u"s002-v1"_s, b);
    clock.advance(60s);
    // $2.40 in the window; one more is $3.60: wait until the first leaves it (8 minutes).
    SpendDecision d = guard.check(p, {u"s003-v1"_s}, b, {a, b});
    QCOMPARE(d.kind, SpendDecision::Wait);
    QVERIFY2(d.wait > 8min - 1s && d.wait <= 8min + 1s,
             qPrintable(QString::number(d.wait.count())));
    clock.advance(d.wait);
    QCOMPARE(guard.check(p, {u"s003-v1"_s}, b, {a, b}).kind, SpendDecision::Go);
    // A clip dearer than the whole window never fits: held, for this account only.
    Account tiny = veo(u"c"_s, 0, 1.00);
    d = guard.check(p, {u"s004-v1"_s}, tiny, {tiny});
    QCOMPARE(d.kind, SpendDecision::Hold);
    QVERIFY(d.accountOnly);
}

void TestSpend::theLedgerIsSharedAndSurvivesADamagedLine()
{
    const QString path = m_dir.filePath(u"shared/spend.jsonl"_s);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    SpendLedger one(path);
    SpendLedger two(path); // another program
    one.record(now, u"a"_s, u"/p/one"_s, u"s001-v1"_s, 1.20);
    two.record(now, u"a"_s, u"/p/two"_s, u"s001-v1"_s, 0.80);
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write("{\"at\":\"2026-11-2"); // cut short by a crash
    file.close();
    SpendLedger read(path);
    QVERIFY2(read.problem().contains(u"line 3"_s), qPrintable(read.problem()));
    QVERIFY(qAbs(read.spentOn(u"a"_s, now.toLocalTime().date()) - 2.00) < 1e-9);
    QCOMPARE(read.spentOn(u"b"_s, now.toLocalTime().date()), 0.0);
    QVERIFY(qAbs(read.spentSince({u"a"_s}, now.addSecs(-1)) - 2.00) < 1e-9);
}

void TestSpend::theSummaryIsPerAccountAndDay()
{
    FakeClock clock;
    SpendGuard guard(clock);
    guard.setPrices(m_prices);
    Project p = project(3);
    buy(guard, p, u"s001-v1"_s, veo(u"a"_s));
    clock.advance(24h);
    buy(guard, p, u"s002-v1"_s, veo(u"b"_s));
    buy(guard, p, u"s003-v1"_s, veo(u"b"_s));
    const SpendSummary s = SpendSummary::of(p.jobs);
    QCOMPARE(s.total.text(), u"$3.60"_s);
    QCOMPARE(s.byAccount.value(u"a"_s).text(), u"$1.20"_s);
    QCOMPARE(s.byAccount.value(u"b"_s).text(), u"$2.40"_s);
    QCOMPARE(s.byDay.size(), 2);
    QCOMPARE(s.byDay.last().text(), u"$2.40"_s);
    // The charges travel with the project file.
    json::Json j = p.jobs[1];
    VideoJob back = j.get<VideoJob>();
    QCOMPARE(back.charges, p.jobs[1].charges);
    QCOMPARE(back.charges.first().model, u"veo-3.1-fast-generate-001"_s);
}

QTEST_GUILESS_MAIN(TestSpend)
#include "tst_spend.moc"

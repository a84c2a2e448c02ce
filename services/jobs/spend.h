#pragma once

// What clips cost and what may be spent (DESIGN.md §4, "Spend and budgets").
//
// Every request that leaves is recorded as a Charge on its job before it is sent, at the
// price that applied then (the price table, the model and the clip's length). A charge goes
// when the service provably made nothing (refused, never reached, 429) or reported that the
// render failed (not billed); it stays for everything else, Unconfirmed jobs included, so the
// spend shown is what may have been billed, never less.
//
// SpendGuard decides before each request whether it may leave: a per-run cap over the run's
// jobs (what they already cost counts, so a resumed run goes on from where it stopped), a
// per-project cap, a per-account daily cap over every project (from the spend ledger in the
// config folder) and a spend window per quota group (dollars per 10 minutes), which paces
// requests instead of holding them. A request whose price is unknown is held while any cap
// applies: a cap that cannot be checked is not kept.

#include "core/account.h"
#include "core/clock.h"
#include "core/videojob.h"
#include "providers/pricing.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

#include <chrono>
#include <optional>

namespace t2v {

struct Project;

struct SpendTotal
{
    double usd = 0.0;
    int unknown = 0; // attempts whose price is unknown

    void add(const Charge& charge);
    // "$12.40", "$12.40 + 2 of unknown price", "$0.00"
    QString text() const;
};

struct SpendSummary
{
    SpendTotal total;
    QMap<QString, SpendTotal> byAccount;
    QMap<QDate, SpendTotal> byDay; // local days

    static SpendSummary of(const QList<VideoJob>& jobs);
};

// The charges of `job` that count as spend (all but a last one that can no longer be billed).
QList<Charge> countedCharges(const VideoJob& job);
// The same without a copy, for code that runs often.
template <typename F>
void forEachCountedCharge(const VideoJob& job, F&& visit)
{
    const qsizetype n = job.charges.size() - (job.mayBeBilled() ? 0 : 1);
    for (qsizetype i = 0; i < n; ++i)
        visit(job.charges[i]);
}
// What `jobs` may have cost in total, and since `since` (UTC): a light pass for status lines.
std::pair<SpendTotal, SpendTotal> spendTotals(const QList<VideoJob>& jobs, const QDateTime& since);
double spentUsd(const VideoJob& job);

// Every charge made from this computer, for the per-account daily caps, which hold across
// projects: spend.jsonl in the config folder, one JSON object per line ({at, account, job,
// project, usd}; a refund has a negative usd). Appends are single writes, so two programs may
// share it. A render the service reports as failed keeps its charge here (the project drops
// it), so the daily cap errs on the safe side; another program's charges are seen from the
// next run on.
class SpendLedger
{
public:
    SpendLedger() = default; // keeps nothing on disk
    explicit SpendLedger(QString path);

    void record(const QDateTime& at, const QString& accountId, const QString& project,
                const QString& jobId, double usd);
    // Dollars charged to `accountId` on the local day of `day`.
    double spentOn(const QString& accountId, const QDate& day) const;
    // Dollars charged to any of `accounts` since `since`.
    double spentSince(const QStringList& accounts, const QDateTime& since) const;
    // How long until `usd` more fits in `capUsd` per `window` for `accounts` (0: it fits now;
    // nullopt: it never fits, the request alone is over the cap).
    std::optional<std::chrono::milliseconds> waitForRoom(const QStringList& accounts,
                                                         const QDateTime& now,
                                                         std::chrono::seconds window, double capUsd,
                                                         double usd) const;
    QString path() const { return m_path; }
    QString problem() const { return m_problem; } // a line or a write that failed

private:
    struct Entry
    {
        QDateTime at;
        QString accountId;
        double usd = 0.0;
    };
    QString m_path;
    QList<Entry> m_entries;
    QString m_problem;
};

struct Budget
{
    std::optional<double> runUsd; // over the jobs in runJobs
    QSet<QString> runJobs;
    std::optional<double> projectUsd;
};

struct SpendDecision
{
    enum Kind { Go, Wait, Hold };
    Kind kind = Go;
    bool accountOnly = false;          // a Hold of this account only (its daily cap): others may go
    QString reason;                    // Wait and Hold
    std::chrono::milliseconds wait{0}; // Wait
    std::optional<double> usd;         // the price of the request (all its samples)
    QString model;                     // the model priced
};

class SpendGuard
{
public:
    explicit SpendGuard(Clock& clock = Clock::system());

    void setPrices(PriceTable prices) { m_prices = std::move(prices); }
    const PriceTable& prices() const { return m_prices; }
    void setLedger(SpendLedger ledger) { m_ledger = std::move(ledger); }
    const SpendLedger& ledger() const { return m_ledger; }
    void setBudget(Budget budget) { m_budget = std::move(budget); }
    const Budget& budget() const { return m_budget; }
    // Where the charges of this run are said to come from, in the ledger.
    void setProjectName(const QString& name) { m_projectName = name; }

    // Dollars per clip of `job` on `account`: the job's model, else the account's, else (the
    // key picks it on first use) the dearest model the account might pick.
    std::optional<double> price(const VideoJob& job, const Account& account,
                                QString* model = nullptr) const;

    // May a request for `jobIds` (samples of one clip) go to `account` now? `group` are the
    // accounts of its quota group in the run (itself included).
    SpendDecision check(const Project& project, const QStringList& jobIds, const Account& account,
                        const QList<Account>& group) const;

    static constexpr std::chrono::seconds kSpendWindow{600};

    // The request is about to leave: charges the jobs (and writes the ledger).
    void charge(Project& project, const QStringList& jobIds, const Account& account);
    // The answer named the model bought (job.model): its price replaces the one charged.
    void correct(Project& project, const QStringList& jobIds, const Account& account);
    // Charges removed by the job state machine (nothing made): the ledger gives them back.
    void refund(const QString& accountId, const QString& jobId, double usd);

private:
    Clock& m_clock;
    PriceTable m_prices;
    SpendLedger m_ledger;
    Budget m_budget;
    QString m_projectName;
};

QString formatUsd(double usd);

} // namespace t2v

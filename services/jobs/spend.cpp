#include "spend.h"

#include "core/json.h"
#include "core/logging.h"
#include "project/project.h"
#include "providers/providerregistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace t2v {
namespace {

// Dollars are compared in tenths of a cent: a cap of $20.00 admits spend of exactly $20.00.
constexpr double kSlack = 0.0005;

bool over(double spent, double more, double cap)
{
    return spent + more > cap + kSlack;
}

QString dearest(const QStringList& models, const QString& provider, const QString& resolution,
                const PriceTable& prices, std::optional<double>* perSecond)
{
    QString chosen;
    for (const QString& m : models) {
        const auto p = prices.find(provider, m, resolution);
        if (!p)
            continue;
        if (!*perSecond || p->perSecond > **perSecond) {
            *perSecond = p->perSecond;
            chosen = m;
        }
    }
    return chosen;
}

} // namespace

QString formatUsd(double usd)
{
    return u"$%1"_s.arg(usd, 0, 'f', 2);
}

void SpendTotal::add(const Charge& charge)
{
    if (charge.usd)
        usd += *charge.usd;
    else
        ++unknown;
}

QString SpendTotal::text() const
{
    QString out = formatUsd(usd);
    if (unknown > 0)
        out += u" + %1 of unknown price"_s.arg(unknown);
    return out;
}

QList<Charge> countedCharges(const VideoJob& job)
{
    QList<Charge> out;
    forEachCountedCharge(job, [&](const Charge& c) { out.append(c); });
    return out;
}

double spentUsd(const VideoJob& job)
{
    double usd = 0.0;
    forEachCountedCharge(job, [&](const Charge& c) { usd += c.usd.value_or(0.0); });
    return usd;
}

std::pair<SpendTotal, SpendTotal> spendTotals(const QList<VideoJob>& jobs, const QDateTime& since)
{
    std::pair<SpendTotal, SpendTotal> out;
    for (const VideoJob& job : jobs) {
        forEachCountedCharge(job, [&](const Charge& c) {
            out.first.add(c);
            if (c.at >= since)
                out.second.add(c);
        });
    }
    return out;
}

SpendSummary SpendSummary::of(const QList<VideoJob>& jobs)
{
    SpendSummary s;
    for (const VideoJob& job : jobs) {
        forEachCountedCharge(job, [&](const Charge& c) {
            s.total.add(c);
            s.byAccount[c.accountId].add(c);
            s.byDay[c.at.toLocalTime().date()].add(c);
        });
    }
    return s;
}

SpendLedger::SpendLedger(QString path)
    : m_path(std::move(path))
{
    QFile file(m_path);
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        m_problem = u"%1: %2"_s.arg(QDir::toNativeSeparators(m_path), file.errorString());
        return;
    }
    int number = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine(64 * 1024).trimmed();
        ++number;
        if (line.isEmpty())
            continue;
        QString why;
        const json::Json j = json::parse(line, &why);
        if (!j.is_object() || !j.contains("usd") || !j["usd"].is_number() ||
            !j.contains("account") || !j["account"].is_string()) {
            // A line cut short by a crash or a full disk: the others still count.
            m_problem = u"%1, line %2 is not a charge; it is left out"_s.arg(
                QDir::toNativeSeparators(m_path), QString::number(number));
            continue;
        }
        Entry e;
        e.at = json::optDateTime(j, "at");
        e.accountId = QString::fromStdString(j["account"].get<std::string>());
        e.usd = j["usd"].get<double>();
        m_entries.append(e);
    }
}

void SpendLedger::record(const QDateTime& at, const QString& accountId, const QString& project,
                         const QString& jobId, double usd)
{
    m_entries.append({at, accountId, usd});
    if (m_path.isEmpty())
        return;
    const json::Json j = {{"at", json::fromDateTime(at)},
                          {"account", accountId},
                          {"project", project},
                          {"job", jobId},
                          {"usd", usd}};
    const QByteArray line = QByteArray::fromStdString(json::dump(j)) + '\n';
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile file(m_path);
    // One write of one short line in append mode: lines of two programs do not interleave.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(line) != line.size() ||
        !file.flush()) {
        m_problem = u"%1: %2"_s.arg(QDir::toNativeSeparators(m_path), file.errorString());
        qCWarning(lcJobs).noquote() << "the spend ledger could not be written:" << m_problem;
    }
}

double SpendLedger::spentOn(const QString& accountId, const QDate& day) const
{
    double usd = 0.0;
    for (const Entry& e : m_entries) {
        if (e.accountId == accountId && e.at.toLocalTime().date() == day)
            usd += e.usd;
    }
    return usd;
}

double SpendLedger::spentSince(const QStringList& accounts, const QDateTime& since) const
{
    double usd = 0.0;
    for (const Entry& e : m_entries) {
        if (accounts.contains(e.accountId) && e.at > since)
            usd += e.usd;
    }
    return usd;
}

std::optional<milliseconds> SpendLedger::waitForRoom(const QStringList& accounts,
                                                     const QDateTime& now, seconds window,
                                                     double capUsd, double usd) const
{
    if (over(0.0, usd, capUsd))
        return std::nullopt;
    const QDateTime since = now.addSecs(-window.count());
    QList<Entry> recent;
    double spent = 0.0;
    for (const Entry& e : m_entries) {
        if (accounts.contains(e.accountId) && e.at > since) {
            recent.append(e);
            spent += e.usd;
        }
    }
    if (!over(spent, usd, capUsd))
        return 0ms;
    std::sort(recent.begin(), recent.end(),
              [](const Entry& a, const Entry& b) { return a.at < b.at; });
    for (const Entry& e : std::as_const(recent)) {
        spent -= e.usd; // this charge leaves the window at e.at + window
        if (!over(spent, usd, capUsd))
            return milliseconds(std::max<qint64>(0, now.msecsTo(e.at.addSecs(window.count())) + 1));
    }
    return milliseconds(window); // refunds kept it over: a full window from now
}

SpendGuard::SpendGuard(Clock& clock)
    : m_clock(clock)
{}

std::optional<double> SpendGuard::price(const VideoJob& job, const Account& account,
                                        QString* model) const
{
    QString name = job.model.isEmpty() ? ProviderRegistry::videoModel(account) : job.model;
    std::optional<double> perSecond;
    if (!name.isEmpty()) {
        if (const auto p = m_prices.find(account.provider, name, job.resolution))
            perSecond = p->perSecond;
    } else if (const ProviderRow* row = ProviderRegistry::find(account.provider)) {
        // The key picks its model with the first clip: price the dearest it might pick, so a
        // cap holds whichever it is. The charge is corrected to the model bought.
        name =
            dearest(row->videoPreferences, account.provider, job.resolution, m_prices, &perSecond);
    }
    if (model)
        *model = name;
    if (!perSecond)
        return std::nullopt;
    return *perSecond * job.durationSeconds;
}

SpendDecision SpendGuard::check(const Project& project, const QStringList& jobIds,
                                const Account& account, const QList<Account>& group) const
{
    SpendDecision d;
    double usd = 0.0;
    bool known = true;
    bool inRun = false;
    for (const QString& id : jobIds) {
        const VideoJob* job = project.findJob(id);
        if (!job)
            continue;
        inRun = inRun || m_budget.runJobs.contains(id);
        const auto p = price(*job, account, &d.model);
        known = known && p.has_value();
        usd += p.value_or(0.0);
    }
    if (known)
        d.usd = usd;
    double window = 0.0;
    QStringList groupIds;
    for (const Account& a : group) {
        groupIds.append(a.id);
        if (a.spendWindowUsd > 0 && (window == 0.0 || a.spendWindowUsd < window))
            window = a.spendWindowUsd;
    }
    const bool runCap = m_budget.runUsd && inRun;
    const bool capped = runCap || m_budget.projectUsd || account.dailyBudgetUsd > 0 || window > 0;
    if (!capped)
        return d;
    auto hold = [&](const QString& reason, bool accountOnly = false) {
        d.kind = SpendDecision::Hold;
        d.reason = reason;
        d.accountOnly = accountOnly;
        return d;
    };
    if (!known)
        return hold(u"The price of %1 is unknown, so a budget cannot be kept. Add it to "
                    u"prices.json in the settings folder, or remove the budget."_s.arg(
                        d.model.isEmpty() ? u"the model of \"%1\""_s.arg(account.id) : d.model));
    if (runCap) {
        double spent = 0.0;
        for (const VideoJob& job : project.jobs) {
            if (m_budget.runJobs.contains(job.id))
                spent += spentUsd(job);
        }
        if (over(spent, usd, *m_budget.runUsd))
            return hold(u"The run's budget of %1 is reached: %2 spent, the next clip costs %3. "
                        u"Raise the budget to go on."_s.arg(formatUsd(*m_budget.runUsd),
                                                            formatUsd(spent), formatUsd(usd)));
    }
    if (m_budget.projectUsd) {
        double spent = 0.0;
        for (const VideoJob& job : project.jobs)
            spent += spentUsd(job);
        if (over(spent, usd, *m_budget.projectUsd))
            return hold(u"The project's budget of %1 is reached: %2 spent, the next clip costs "
                        u"%3. Raise the budget to go on."_s.arg(formatUsd(*m_budget.projectUsd),
                                                                formatUsd(spent), formatUsd(usd)));
    }
    const QDateTime now = m_clock.currentDateTimeUtc();
    if (account.dailyBudgetUsd > 0) {
        const double spent = m_ledger.spentOn(account.id, now.toLocalTime().date());
        if (over(spent, usd, account.dailyBudgetUsd))
            return hold(u"Account \"%1\" reached its daily budget of %2: %3 spent today, the next "
                        u"clip costs %4."_s.arg(account.id, formatUsd(account.dailyBudgetUsd),
                                                formatUsd(spent), formatUsd(usd)),
                        true);
    }
    if (window > 0) {
        const auto wait = m_ledger.waitForRoom(groupIds, now, kSpendWindow, window, usd);
        if (!wait)
            return hold(u"One clip (%1) costs more than the %2 per 10 minutes that account "
                        u"\"%3\" may spend."_s.arg(formatUsd(usd), formatUsd(window), account.id),
                        true);
        if (*wait > 0ms) {
            d.kind = SpendDecision::Wait;
            d.wait = *wait;
            d.reason = u"pacing: %1 per 10 minutes for %2"_s.arg(formatUsd(window),
                                                                 groupIds.join(u", "_s));
        }
    }
    return d;
}

void SpendGuard::charge(Project& project, const QStringList& jobIds, const Account& account)
{
    const QDateTime now = m_clock.currentDateTimeUtc();
    for (const QString& id : jobIds) {
        VideoJob* job = project.findJob(id);
        if (!job)
            continue;
        Charge c;
        c.at = now;
        c.accountId = account.id;
        c.usd = price(*job, account, &c.model);
        job->charges.append(c);
        if (c.usd && *c.usd > 0)
            m_ledger.record(now, account.id, m_projectName, id, *c.usd);
    }
}

void SpendGuard::correct(Project& project, const QStringList& jobIds, const Account& account)
{
    for (const QString& id : jobIds) {
        VideoJob* job = project.findJob(id);
        if (!job || job->charges.isEmpty() || job->model.isEmpty())
            continue;
        Charge& c = job->charges.last();
        if (c.model == job->model)
            continue;
        const auto now = price(*job, account, &c.model);
        const double difference = now.value_or(0.0) - c.usd.value_or(0.0);
        c.usd = now;
        if (difference != 0.0)
            m_ledger.record(m_clock.currentDateTimeUtc(), account.id, m_projectName, id,
                            difference);
    }
}

void SpendGuard::refund(const QString& accountId, const QString& jobId, double usd)
{
    if (usd > 0)
        m_ledger.record(m_clock.currentDateTimeUtc(), accountId, m_projectName, jobId, -usd);
}

} // namespace t2v

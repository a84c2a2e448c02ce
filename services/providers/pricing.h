#pragma once

// What clips cost: a price table per provider and model (dollars per second of video, by
// resolution), shipped in resources/prices/prices.json with the date each price was checked
// and its source, and overridable by the user with a prices.json of the same shape in the
// config folder (its entries come first). A model with no entry has an unknown price, never 0.
// The local renderer costs nothing.

#include "core/account.h"
#include "core/error.h"

#include <QList>
#include <QString>

#include <optional>

namespace t2v {

struct Price
{
    double perSecond = 0.0;
    QString checked; // "2026-11-27"
    QString source;
};

class PriceTable
{
public:
    // Entries: provider, model (a pattern where '*' matches anything), per_second by
    // resolution ('*' = any), checked, source.
    static Result<PriceTable> parse(const QByteArray& json);
    // The user's prices.json in `configDir` (when there is one) over the shipped table. A
    // damaged user file is named in `problem` and left out.
    static PriceTable load(const QString& configDir, QString* problem = nullptr);
    // The user's own prices.json in `configDir`, made from the shipped table when there is
    // none yet, for the person to edit. Returns its path.
    static Result<QString> userTable(const QString& configDir);

    std::optional<Price> find(const QString& provider, const QString& model,
                              const QString& resolution) const;
    bool isEmpty() const { return m_entries.isEmpty(); }

private:
    struct Entry
    {
        QString provider;
        QString model;
        QList<std::pair<QString, double>> perSecond;
        QString checked;
        QString source;
    };
    QList<Entry> m_entries;
};

// One account's share of a run.
struct CostLine
{
    QString accountId;
    QString model;
    bool modelGuessed = false; // chosen from the key's list on the first clip: likely this one
    int clips = 0;
    double seconds = 0.0;
    std::optional<double> dollars; // unknown price: nothing
    bool free = false;
    QString priceChecked;
};

struct CostEstimate
{
    QList<CostLine> lines;
    double knownDollars = 0.0;
    int unknownClips = 0; // clips whose price is unknown

    QString summary() const; // "$12.00", "$12.00 + unknown for 3 clips", "free"
};

// `clipSeconds` are the durations of the clips to be bought, spread over `accounts` in turn as
// the scheduler does. `model` (when set) is asked for instead of each account's.
CostEstimate estimateCost(const QList<double>& clipSeconds, const QList<Account>& accounts,
                          const QString& resolution, const QString& model,
                          const PriceTable& prices);

} // namespace t2v

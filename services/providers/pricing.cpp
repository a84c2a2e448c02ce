#include "pricing.h"

#include "core/json.h"
#include "providers/providerregistry.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

bool matches(const QString& pattern, const QString& text)
{
    // '*' matches anything, '/' included (fal ids are paths); nothing else is special.
    QString re = QRegularExpression::escape(pattern);
    re.replace(u"\\*"_s, u".*"_s);
    return QRegularExpression(QRegularExpression::anchoredPattern(re)).match(text).hasMatch();
}

} // namespace

Result<PriceTable> PriceTable::parse(const QByteArray& bytes)
{
    QString why;
    const json::Json doc = json::parse(bytes, &why);
    if (!doc.is_object() || !doc.contains("entries") || !doc["entries"].is_array())
        return Error::make(ErrorKind::Invalid,
                           u"The price table is not a JSON object with \"entries\"%1."_s.arg(
                               why.isEmpty() ? QString() : u" ("_s + why + u')'));
    PriceTable table;
    try {
        for (const json::Json& e : doc["entries"]) {
            Entry entry;
            entry.provider = json::reqString(e, "provider");
            entry.model = json::reqString(e, "model");
            entry.checked = json::optString(e, "checked");
            entry.source = json::optString(e, "source");
            const json::Json& prices = e.at("per_second");
            if (!prices.is_object())
                return Error::make(ErrorKind::Invalid,
                                   u"Price of %1 %2: per_second is not an object."_s.arg(
                                       entry.provider, entry.model));
            for (auto it = prices.begin(); it != prices.end(); ++it) {
                if (!it.value().is_number() || it.value().get<double>() < 0)
                    return Error::make(
                        ErrorKind::Invalid,
                        u"Price of %1 %2 at %3 is not a number of dollars of 0 or more."_s.arg(
                            entry.provider, entry.model, QString::fromStdString(it.key())));
                entry.perSecond.append(
                    {QString::fromStdString(it.key()), it.value().get<double>()});
            }
            table.m_entries.append(entry);
        }
    } catch (const std::exception& e) {
        return Error::make(ErrorKind::Invalid, u"The price table has an unexpected shape: %1"_s.arg(
                                                   json::errorMessage(e)));
    }
    return table;
}

PriceTable PriceTable::load(const QString& configDir, QString* problem)
{
    PriceTable table;
    QFile own(QDir(configDir).filePath(u"prices.json"_s));
    if (own.exists()) {
        if (!own.open(QIODevice::ReadOnly)) {
            if (problem)
                *problem =
                    u"%1: %2"_s.arg(QDir::toNativeSeparators(own.fileName()), own.errorString());
        } else if (auto mine = parse(own.read(1 << 20)); !mine) {
            if (problem)
                *problem =
                    u"%1: %2"_s.arg(QDir::toNativeSeparators(own.fileName()), mine.error().message);
        } else {
            table = *mine;
        }
    }
    QFile shipped(u":/t2v/prices/prices.json"_s);
    if (shipped.open(QIODevice::ReadOnly)) {
        if (auto builtIn = parse(shipped.readAll()))
            table.m_entries += builtIn->m_entries;
    }
    return table;
}

Result<QString> PriceTable::userTable(const QString& configDir)
{
    const QString path = QDir(configDir).filePath(u"prices.json"_s);
    if (QFile::exists(path))
        return path;
    QFile shipped(u":/t2v/prices/prices.json"_s);
    QSaveFile out(path);
    if (!QDir().mkpath(configDir) || !shipped.open(QIODevice::ReadOnly) ||
        !out.open(QIODevice::WriteOnly) || out.write(shipped.readAll()) < 0 || !out.commit())
        return Error::make(ErrorKind::Io, u"Cannot write %1: %2"_s.arg(
                                              QDir::toNativeSeparators(path), out.errorString()));
    return path;
}

std::optional<Price> PriceTable::find(const QString& provider, const QString& model,
                                      const QString& resolution) const
{
    for (const Entry& e : m_entries) {
        if (e.provider != provider || !matches(e.model, model))
            continue;
        for (const auto& [res, dollars] : e.perSecond) {
            if (res == u"*"_s || res.compare(resolution, Qt::CaseInsensitive) == 0)
                return Price{dollars, e.checked, e.source};
        }
        return std::nullopt; // the model is listed, but not at this resolution
    }
    return std::nullopt;
}

QString CostEstimate::summary() const
{
    if (knownDollars == 0.0 && unknownClips == 0)
        return u"free"_s;
    QString text = u"$%1"_s.arg(knownDollars, 0, 'f', 2);
    if (unknownClips > 0)
        text += u" + unknown for %1 clip(s)"_s.arg(unknownClips);
    return text;
}

CostEstimate estimateCost(const QList<double>& clipSeconds, const QList<Account>& accounts,
                          const QString& resolution, const QString& model, const PriceTable& prices)
{
    CostEstimate out;
    if (accounts.isEmpty())
        return out;
    for (const Account& a : accounts) {
        CostLine line;
        line.accountId = a.id;
        line.model = model.isEmpty() ? ProviderRegistry::videoModel(a) : model;
        if (line.model.isEmpty()) {
            // Chosen from the key's model list on the first clip: most likely the first
            // preferred one.
            if (const ProviderRow* row = ProviderRegistry::find(a.provider);
                row && !row->videoPreferences.isEmpty()) {
                line.model = row->videoPreferences.first();
                line.modelGuessed = true;
            }
        }
        out.lines.append(line);
    }
    for (int i = 0; i < clipSeconds.size(); ++i) {
        CostLine& line = out.lines[i % out.lines.size()];
        ++line.clips;
        line.seconds += clipSeconds[i];
    }
    for (CostLine& line : out.lines) {
        const Account& a = accounts[int(&line - out.lines.data())];
        const auto price = prices.find(a.provider, line.model, resolution);
        if (!price) {
            out.unknownClips += line.clips;
            continue;
        }
        line.dollars = price->perSecond * line.seconds;
        line.free = price->perSecond == 0.0;
        line.priceChecked = price->checked;
        out.knownDollars += *line.dollars;
    }
    return out;
}

} // namespace t2v

#include "scenechecks.h"

#include "story/sceneparser.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

const QString kEmptyPrefix = u"No "_s;
const QString kUnknownPrefix = u"Not in the character bible: "_s;

QSet<QString> contentWords(const QString& text)
{
    static const QSet<QString> stop{
        u"the"_s, u"a"_s,    u"an"_s,   u"and"_s,   u"of"_s,  u"in"_s,   u"on"_s,    u"at"_s,
        u"to"_s,  u"with"_s, u"as"_s,   u"is"_s,    u"her"_s, u"his"_s,  u"their"_s, u"its"_s,
        u"by"_s,  u"from"_s, u"into"_s, u"while"_s, u"for"_s, u"over"_s, u"under"_s};
    static const QRegularExpression split(u"[^\\p{L}\\p{N}]+"_s);
    QSet<QString> words;
    for (const QString& w : text.toLower().split(split, Qt::SkipEmptyParts)) {
        if (w.size() > 1 && !stop.contains(w))
            words.insert(w);
    }
    return words;
}

double jaccard(const QSet<QString>& a, const QSet<QString>& b)
{
    if (a.isEmpty() && b.isEmpty())
        return 1.0;
    const QSet<QString>& small = a.size() <= b.size() ? a : b;
    const QSet<QString>& large = a.size() <= b.size() ? b : a;
    qsizetype common = 0;
    for (const QString& w : small)
        common += large.contains(w) ? 1 : 0;
    return double(common) / double(a.size() + b.size() - common);
}

// Only this many earlier scenes are compared, so a three-hour script stays quick to check.
constexpr int kDuplicateWindow = 200;

bool ownedByChecks(const QString& warning)
{
    return warning.startsWith(SceneChecks::duplicatePrefix()) || warning.startsWith(kEmptyPrefix) ||
           warning.startsWith(kUnknownPrefix);
}

} // namespace

double SceneChecks::similarity(const QString& a, const QString& b)
{
    return jaccard(contentWords(a), contentWords(b));
}

void SceneChecks::apply(Script& script, double duplicateThreshold)
{
    QList<QSet<QString>> words;
    for (const Scene& s : std::as_const(script.scenes))
        words.append(contentWords(s.visualPrompt + u' ' + s.narration));

    for (int i = 0; i < script.scenes.size(); ++i) {
        Scene& s = script.scenes[i];
        s.warnings.removeIf(ownedByChecks);
        if (!s.isWritten())
            continue;
        for (int j = std::max(0, i - kDuplicateWindow); j < i; ++j) {
            if (!script.scenes[j].isWritten())
                continue;
            if (jaccard(words[i], words[j]) >= duplicateThreshold) {
                s.warnings.append(duplicatePrefix() + QString::number(j + 1) + u"."_s);
                break;
            }
        }
        for (const QString& name : std::as_const(s.characters)) {
            if (SceneParser::resolveCharacter(name, script.characters).isEmpty() &&
                !name.contains(u"narrator"_s, Qt::CaseInsensitive))
                s.warnings.append(kUnknownPrefix + name + u"."_s);
        }
        const QList<std::pair<QString, QString>> fields{{u"visual prompt"_s, s.visualPrompt},
                                                        {u"camera direction"_s, s.camera},
                                                        {u"location"_s, s.location},
                                                        {u"time of day"_s, s.timeOfDay},
                                                        {u"mood"_s, s.mood}};
        for (const auto& [label, value] : fields) {
            if (value.trimmed().isEmpty())
                s.warnings.append(kEmptyPrefix + label + u"."_s);
        }
        s.warnings.removeDuplicates();
    }
}

} // namespace t2v

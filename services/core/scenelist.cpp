#include "scenelist.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace t2v {

Result<QList<int>> parseSceneList(const QString& text, int sceneCount)
{
    static const QRegularExpression item(u"^\\s*(\\d+)\\s*(?:-\\s*(\\d+)\\s*)?$"_s);
    QList<int> out;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        if (part.trimmed().isEmpty())
            continue; // "1, ,3" and a trailing comma are fine
        const auto m = item.match(part);
        if (!m.hasMatch())
            return Error::make(
                ErrorKind::Invalid,
                u"\"%1\" is not a scene number or range like 3-7"_s.arg(part.trimmed()));
        const int from = m.captured(1).toInt();
        const int to = m.captured(2).isEmpty() ? from : m.captured(2).toInt();
        if (from < 1 || to < from)
            return Error::make(ErrorKind::Invalid,
                               u"\"%1\" is not a valid range"_s.arg(part.trimmed()));
        if (to > sceneCount)
            return Error::make(
                ErrorKind::Invalid,
                u"scene %1 does not exist (the script has %2 scenes)"_s.arg(to).arg(sceneCount));
        for (int n = from; n <= to; ++n) {
            if (!out.contains(n))
                out.append(n);
        }
    }
    if (out.isEmpty())
        return Error::make(ErrorKind::Invalid, u"no scenes chosen"_s);
    std::sort(out.begin(), out.end());
    return out;
}

QString formatSceneList(QList<int> scenes)
{
    std::sort(scenes.begin(), scenes.end());
    scenes.erase(std::unique(scenes.begin(), scenes.end()), scenes.end());
    QStringList parts;
    for (qsizetype i = 0; i < scenes.size();) {
        qsizetype j = i;
        while (j + 1 < scenes.size() && scenes[j + 1] == scenes[j] + 1)
            ++j;
        parts.append(j == i ? QString::number(scenes[i])
                            : u"%1-%2"_s.arg(scenes[i]).arg(scenes[j]));
        i = j + 1;
    }
    return parts.join(u',');
}

} // namespace t2v

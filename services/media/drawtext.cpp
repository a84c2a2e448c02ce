#include "drawtext.h"

#include <QFileInfo>
#include <QStringList>

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace t2v::drawtext {

QString colour(const QString& hex)
{
    QString c = hex.trimmed();
    if (c.startsWith(u'#'))
        c = u"0x"_s + c.mid(1);
    return c;
}

QString mix(const QString& from, const QString& to, double amount)
{
    auto channels = [](const QString& hex) {
        const QString h = hex.startsWith(u'#') ? hex.mid(1) : hex;
        bool ok = false;
        const uint v = h.toUInt(&ok, 16);
        return std::array<int, 3>{int((v >> 16) & 0xff), int((v >> 8) & 0xff), int(v & 0xff)};
    };
    const auto a = channels(from);
    const auto b = channels(to);
    QString out = u"#"_s;
    for (int i = 0; i < 3; ++i)
        out +=
            u"%1"_s.arg(int(std::lround(a[i] + (b[i] - a[i]) * amount)), 2, 16, QLatin1Char('0'));
    return out;
}

QString wrap(const QString& text, int width, int maxLines)
{
    QStringList lines;
    QString line;
    for (const QString& word : text.simplified().split(u' ', Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines.append(line);
            line.clear();
        }
        line += (line.isEmpty() ? QString() : u" "_s) + word;
    }
    if (!line.isEmpty())
        lines.append(line);
    if (lines.size() > maxLines) {
        lines = lines.mid(0, maxLines);
        lines.last() += u" …"_s;
    }
    return lines.join(u'\n');
}

namespace {

QString fontFile(bool bold)
{
    const QString path = bold ? u"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"_s
                              : u"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"_s;
    return QFileInfo::exists(path) ? path : QString();
}

} // namespace

QString font(bool bold)
{
    const QString file = fontFile(bold);
    // drawtext option values: ':' and '\' must be escaped.
    if (!file.isEmpty())
        return u"fontfile='%1'"_s.arg(QString(file).replace(u"'"_s, u"'\\''"_s));
    return bold ? u"font='Sans:style=Bold'"_s : u"font='Sans'"_s;
}

} // namespace t2v::drawtext

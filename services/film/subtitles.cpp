#include "subtitles.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

constexpr int kLineWidth = 42;

QStringList wrap(const QString& text)
{
    QStringList lines;
    QString line;
    for (const QString& word : text.simplified().split(u' ', Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > kLineWidth) {
            lines.append(line);
            line.clear();
        }
        line += (line.isEmpty() ? QString() : u" "_s) + word;
    }
    if (!line.isEmpty())
        lines.append(line);
    return lines;
}

} // namespace

QString Subtitles::sceneText(const Scene& scene)
{
    QStringList parts;
    if (!scene.narration.trimmed().isEmpty())
        parts.append(scene.narration.simplified());
    for (const DialogueLine& d : scene.dialogue) {
        if (!d.text.trimmed().isEmpty())
            parts.append(d.speaker.isEmpty() ? d.text.simplified()
                                             : d.speaker + u": "_s + d.text.simplified());
    }
    return parts.join(u' ');
}

QList<SubtitleSpan> Subtitles::spans(const QList<const Scene*>& scenes,
                                     const QList<double>& durations, double overlap)
{
    QList<SubtitleSpan> out;
    double at = 0;
    for (qsizetype i = 0; i < scenes.size(); ++i) {
        const double length = durations.value(i);
        const QString text = scenes[i] ? sceneText(*scenes[i]) : QString();
        if (!text.isEmpty() && length > 0)
            out.append({at, at + length - (i + 1 < scenes.size() ? overlap : 0.0), text});
        at += length - (i + 1 < scenes.size() ? overlap : 0.0);
    }
    return out;
}

QString Subtitles::timestamp(double seconds)
{
    const qint64 ms = qint64(std::llround(std::max(0.0, seconds) * 1000.0));
    return u"%1:%2:%3,%4"_s.arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

QString Subtitles::toSrt(const QList<SubtitleSpan>& spans)
{
    QString out;
    int index = 1;
    for (const SubtitleSpan& span : spans) {
        const QStringList lines = wrap(span.text);
        // Cues of at most two lines share the span in proportion to their length.
        QList<QStringList> cues;
        for (qsizetype i = 0; i < lines.size(); i += 2)
            cues.append(lines.mid(i, 2));
        qsizetype totalChars = 0;
        for (const QStringList& c : cues)
            totalChars += c.join(u' ').size();
        double at = span.start;
        for (qsizetype c = 0; c < cues.size(); ++c) {
            const double share =
                totalChars > 0 ? double(cues[c].join(u' ').size()) / double(totalChars) : 1.0;
            const double end =
                c + 1 == cues.size() ? span.end : at + (span.end - span.start) * share;
            out += u"%1\n%2 --> %3\n%4\n\n"_s.arg(index++).arg(timestamp(at), timestamp(end),
                                                               cues[c].join(u'\n'));
            at = end;
        }
    }
    return out;
}

} // namespace t2v

// Tests for Subtitles: timestamps, cue splitting, and timings that add up to the film.

#include "film/subtitles.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestSubtitles final : public QObject
{
    Q_OBJECT

private slots:
    void timestamps_data();
    void timestamps();
    void sceneTextJoinsNarrationAndDialogue();
    void longTextIsSplitIntoTwoLineCues();
    void timingsAddUpWithAndWithoutFades();
};

void TestSubtitles::timestamps_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << u"00:00:00,000"_s;
    QTest::newRow("ms") << 1.2345 << u"00:00:01,235"_s;
    QTest::newRow("minute") << 61.5 << u"00:01:01,500"_s;
    QTest::newRow("hours") << 3 * 3600 + 1.0 << u"03:00:01,000"_s;
    QTest::newRow("negative clamps") << -2.0 << u"00:00:00,000"_s;
}

void TestSubtitles::timestamps()
{
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(Subtitles::timestamp(seconds), text);
}

void TestSubtitles::sceneTextJoinsNarrationAndDialogue()
{
    Scene s;
    s.narration = u"  The rain   stops. "_s;
    s.dialogue = {{u"Mai"_s, u"Look!"_s}, {QString(), u"A voice"_s}, {u"Tom"_s, u"  "_s}};
    QCOMPARE(Subtitles::sceneText(s), u"The rain stops. Mai: Look! A voice"_s);
}

void TestSubtitles::longTextIsSplitIntoTwoLineCues()
{
    const QString text = QString(u"word "_s).repeated(40).trimmed(); // 200 characters
    const QString srt = Subtitles::toSrt({{0, 8, text}});
    const QStringList cues = srt.split(u"\n\n"_s, Qt::SkipEmptyParts);
    QVERIFY(cues.size() >= 3);
    for (const QString& cue : cues) {
        const QStringList lines = cue.split(u'\n');
        QVERIFY(lines.size() <= 4); // index, time, at most two lines
        for (qsizetype i = 2; i < lines.size(); ++i)
            QVERIFY(lines[i].size() <= 42);
    }
    QVERIFY(cues.first().contains(u"00:00:00,000 --> "_s));
    QVERIFY(cues.last().contains(u" --> 00:00:08,000"_s));
}

void TestSubtitles::timingsAddUpWithAndWithoutFades()
{
    Scene a, b, c;
    a.narration = u"One."_s;
    b.narration = u"Two."_s;
    c.narration = u"Three."_s;
    const QList<const Scene*> scenes{&a, &b, &c};
    const auto plain = Subtitles::spans(scenes, {8, 8, 5});
    QCOMPARE(plain.size(), 3);
    QCOMPARE(plain[1].start, 8.0);
    QCOMPARE(plain.last().end, 21.0);
    const auto faded = Subtitles::spans(scenes, {8, 8, 5}, 0.5);
    QCOMPARE(faded[1].start, 7.5);
    QCOMPARE(faded.last().end, 21.0 - 2 * 0.5);
    const auto skipped = Subtitles::spans({&a, nullptr, &c}, {4, 4, 4});
    QCOMPARE(skipped.size(), 2);
    QCOMPARE(skipped[1].start, 8.0);
}

QTEST_GUILESS_MAIN(TestSubtitles)
#include "tst_subtitles.moc"

// Tests for the style presets and languages compiled into the program.

#include "story/stylepresets.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestStylePresets final : public QObject
{
    Q_OBJECT

private slots:
    void atLeastEighteenComplete();
    void theStylesUsersAskFor();
    void languages();
    void unknownFallsBackToDefault();
};

void TestStylePresets::atLeastEighteenComplete()
{
    const auto& all = StylePresets::all();
    QVERIFY(all.size() >= 18);
    QSet<QString> ids;
    for (const StylePreset& s : all) {
        QVERIFY2(!ids.contains(s.id), qPrintable(s.id));
        ids.insert(s.id);
        QVERIFY2(!s.name.isEmpty() && !s.tags.isEmpty() && !s.negative.isEmpty(), qPrintable(s.id));
        QVERIFY2(s.background.startsWith(u'#') && s.accent.startsWith(u'#'), qPrintable(s.id));
    }
}

void TestStylePresets::theStylesUsersAskFor()
{
    for (const QString& id : {u"anime"_s, u"pixar-3d"_s, u"realistic"_s, u"cinematic"_s,
                              u"documentary"_s, u"film-noir"_s, u"horror"_s})
        QVERIFY2(StylePresets::find(id), qPrintable(id));
}

void TestStylePresets::languages()
{
    const QStringList wanted{u"vi"_s, u"en"_s, u"ja"_s, u"ko"_s, u"zh"_s, u"fr"_s,
                             u"de"_s, u"es"_s, u"ru"_s, u"th"_s, u"id"_s};
    for (const QString& code : wanted)
        QVERIFY2(StylePresets::language(code), qPrintable(code));
    QCOMPARE(StylePresets::language(u"vi"_s)->native, u"Tiếng Việt"_s);
}

void TestStylePresets::unknownFallsBackToDefault()
{
    QCOMPARE(StylePresets::findOrDefault(u"no-such-style"_s).id, StylePresets::defaultId());
    QVERIFY(!StylePresets::find(u"no-such-style"_s));
}

QTEST_GUILESS_MAIN(TestStylePresets)
#include "tst_stylepresets.moc"

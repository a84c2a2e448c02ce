// Tests for PromptComposer: the video prompt carries the bible's look of each character in the
// scene and the style, and is trimmed at a word boundary.

#include "story/promptcomposer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestPromptComposer final : public QObject
{
    Q_OBJECT

private slots:
    void pinsCharactersAndStyle();
    void negativeSeparateOrInline();
    void trimsAtWordBoundary_data();
    void trimsAtWordBoundary();
};

static Script script()
{
    Script s;
    s.characters = {{u"Mai"_s, u"keeper"_s, u"short grey hair, yellow raincoat"_s, {}},
                    {u"Tom"_s, u"friend"_s, u"red cap, freckles"_s, {}},
                    {u"Zed"_s, u"ghost"_s, u"translucent, blue glow"_s, {}}};
    return s;
}

void TestPromptComposer::pinsCharactersAndStyle()
{
    Scene scene;
    scene.visualPrompt = u"Mai climbs the stairs"_s;
    scene.characters = {u"mai"_s, u"Tom"_s, u"Unknown"_s};
    const StylePreset style{u"x"_s, u"X"_s, {}, u"film grain, 35mm"_s, u"text, watermark"_s,
                            {},     {}};
    const ComposedPrompt p = PromptComposer::compose(scene, script(), style, 2000, true);
    QCOMPARE(
        p.prompt,
        u"Mai climbs the stairs. Characters: Mai: short grey hair, yellow raincoat; Tom: red cap, "
        u"freckles. Style: film grain, 35mm."_s);
    QVERIFY(!p.prompt.contains(u"Zed"_s)); // only the scene's characters
    QCOMPARE(p.negative, u"text, watermark"_s);
    QVERIFY(!p.trimmed);
}

void TestPromptComposer::negativeSeparateOrInline()
{
    Scene scene;
    scene.visualPrompt = u"A boat."_s;
    const StylePreset style{u"x"_s, u"X"_s, {}, u"watercolor"_s, u"photo"_s, {}, {}};
    const ComposedPrompt inlined = PromptComposer::compose(scene, script(), style, 2000, false);
    QVERIFY(inlined.prompt.endsWith(u"Avoid: photo."_s));
}

void TestPromptComposer::trimsAtWordBoundary_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fits") << u"short text"_s << 20 << u"short text"_s;
    QTest::newRow("cut mid word") << u"alpha beta gamma"_s << 13 << u"alpha beta"_s;
    QTest::newRow("cut after comma") << u"alpha, beta gamma"_s << 9 << u"alpha"_s;
    QTest::newRow("exact") << u"alpha beta"_s << 10 << u"alpha beta"_s;
    QTest::newRow("no limit") << u"alpha beta"_s << 0 << u"alpha beta"_s;
}

void TestPromptComposer::trimsAtWordBoundary()
{
    QFETCH(QString, text);
    QFETCH(int, limit);
    QFETCH(QString, expected);
    QCOMPARE(PromptComposer::trimToWordBoundary(text, limit), expected);
}

QTEST_GUILESS_MAIN(TestPromptComposer)
#include "tst_promptcomposer.moc"

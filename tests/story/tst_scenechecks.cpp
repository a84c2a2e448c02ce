// Tests for SceneChecks: near-duplicates, unknown characters and empty fields.

#include "story/scenechecks.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestSceneChecks final : public QObject
{
    Q_OBJECT

private slots:
    void similarity();
    void flagsProblemsAndIsIdempotent();
};

void TestSceneChecks::similarity()
{
    QCOMPARE(SceneChecks::similarity(u"a red boat on the sea"_s, u"A red boat on the sea."_s), 1.0);
    QVERIFY(SceneChecks::similarity(u"red boat sea storm"_s, u"green forest bird dawn"_s) < 0.01);
    QVERIFY(SceneChecks::similarity(u"red boat sea storm night"_s, u"red boat sea storm dawn"_s) >
            0.6);
}

void TestSceneChecks::flagsProblemsAndIsIdempotent()
{
    Script s;
    s.durationSeconds = 24;
    s.characters = {{u"Mai"_s, {}, u"grey hair"_s, {}}};
    s.layoutScenes();
    auto fill = [](Scene& sc, const QString& visual) {
        sc.status = SceneStatus::Written;
        sc.visualPrompt = visual;
        sc.narration = u"n"_s;
        sc.camera = u"wide"_s;
        sc.location = u"sea"_s;
        sc.timeOfDay = u"dusk"_s;
        sc.mood = u"calm"_s;
        sc.characters = {u"Mai"_s};
    };
    fill(s.scenes[0], u"A red boat drifts on a calm sea at dusk"_s);
    fill(s.scenes[1], u"A red boat drifts on the calm sea at dusk"_s);
    fill(s.scenes[2], u"Mai climbs a lighthouse"_s);
    s.scenes[2].camera.clear();
    s.scenes[2].characters.append(u"Ghost"_s);
    s.scenes[0].warnings = {u"parser warning kept"_s};

    SceneChecks::apply(s);
    QCOMPARE(s.scenes[0].warnings, QStringList{u"parser warning kept"_s});
    QCOMPARE(s.scenes[1].warnings, QStringList{u"Nearly the same as scene 1."_s});
    QVERIFY(s.scenes[2].warnings.contains(u"Not in the character bible: Ghost."_s));
    QVERIFY(s.scenes[2].warnings.contains(u"No camera direction."_s));

    const Script once = s;
    SceneChecks::apply(s);
    QCOMPARE(s, once);
}

QTEST_GUILESS_MAIN(TestSceneChecks)
#include "tst_scenechecks.moc"

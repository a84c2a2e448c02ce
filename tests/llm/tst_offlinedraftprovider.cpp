// Tests for the offline draft writer: same contract as an LLM, deterministic, and 75 scenes
// that are 75 different scenes.

#include "llm/offlinedraftprovider.h"
#include "story/promptbuilder.h"
#include "story/scenechecks.h"
#include "story/sceneparser.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestOfflineDraftProvider final : public QObject
{
    Q_OBJECT

private slots:
    void labelSaysNoAi();
    void writesAFullScriptOfDistinctScenes();
    void isDeterministic();
    void writesVietnamese();
    void refusesForeignRequests();

private:
    Script writeAll(const QString& idea, int scenes, const QString& language);
};

Script TestOfflineDraftProvider::writeAll(const QString& idea, int scenes, const QString& language)
{
    OfflineDraftProvider p;
    Script s;
    s.idea = idea;
    s.language = language;
    s.durationSeconds = scenes * 8;
    const auto plan =
        p.complete(buildPlanRequest(s, StylePresets::findOrDefault({}), 1, scenes), CancelToken());
    if (!plan.ok())
        return s;
    const auto parsed = SceneParser::parsePlan(plan->text, 1, scenes, true);
    if (!parsed.ok())
        return s;
    s.title = parsed->title;
    s.characters = parsed->characters;
    s.outline = parsed->beats;
    s.layoutScenes();
    for (int n = 1; n <= scenes; ++n) {
        const auto reply = p.complete(buildSceneRequest(s, StylePresets::findOrDefault({}),
                                                        chooseSceneContext(s, n, 3, false)),
                                      CancelToken());
        if (!reply.ok())
            continue;
        const auto scene = SceneParser::parseScene(reply->text, n, s.characters);
        if (scene.ok())
            s.scenes[n - 1] = *scene;
    }
    return s;
}

void TestOfflineDraftProvider::labelSaysNoAi()
{
    OfflineDraftProvider p;
    QCOMPARE(p.label(), u"Offline draft (no AI)"_s);
    QVERIFY(p.isOffline());
}

void TestOfflineDraftProvider::writesAFullScriptOfDistinctScenes()
{
    Script s = writeAll(u"A lighthouse keeper befriends a storm"_s, 75, u"en"_s);
    QCOMPARE(s.writtenCount(), 75);
    QCOMPARE(s.title, u"A Lighthouse Keeper Befriends a Storm"_s);
    QCOMPARE(s.characters.size(), 2);
    QVERIFY(!s.characters[0].appearance.isEmpty());
    QSet<QString> visuals, beats, narrations, cameras, places;
    for (const Scene& scene : std::as_const(s.scenes)) {
        visuals.insert(scene.visualPrompt);
        beats.insert(scene.beat);
        narrations.insert(scene.narration);
        cameras.insert(scene.camera);
        places.insert(scene.location);
        QVERIFY(scene.warnings.isEmpty());
    }
    QCOMPARE(visuals.size(), 75);
    QCOMPARE(narrations.size(), 75);
    QVERIFY(cameras.size() >= 10);
    QVERIFY(places.size() >= 20);
    SceneChecks::apply(s);
    for (const Scene& scene : std::as_const(s.scenes))
        QVERIFY2(scene.warnings.isEmpty(),
                 qPrintable(u"scene %1: %2"_s.arg(scene.number).arg(scene.warnings.join(u' '))));
    // The arc: the last scenes resolve, the first ones open.
    QVERIFY(s.scenes.last().mood == u"bittersweet"_s || s.scenes.last().mood == u"peaceful"_s ||
            s.scenes.last().mood == u"tender"_s);
}

void TestOfflineDraftProvider::isDeterministic()
{
    const Script a = writeAll(u"Two robots open a bakery"_s, 6, u"en"_s);
    const Script b = writeAll(u"Two robots open a bakery"_s, 6, u"en"_s);
    QCOMPARE(a, b);
    const Script c = writeAll(u"A whale learns to sing"_s, 6, u"en"_s);
    QVERIFY(a.scenes[0].visualPrompt != c.scenes[0].visualPrompt);
}

void TestOfflineDraftProvider::writesVietnamese()
{
    const Script s = writeAll(u"Một cậu bé tìm lại con diều"_s, 5, u"vi"_s);
    QCOMPARE(s.writtenCount(), 5);
    QVERIFY2(s.scenes[0].narration.contains(u" ở "_s) || s.scenes[0].narration.contains(u"một"_s),
             qPrintable(s.scenes[0].narration));
    // Video prompts stay in English: video models follow English best.
    QVERIFY(s.scenes[0].visualPrompt.contains(u" at "_s) &&
            s.scenes[0].visualPrompt.contains(u"mood"_s));
}

void TestOfflineDraftProvider::refusesForeignRequests()
{
    OfflineDraftProvider p;
    LlmRequest r;
    r.messages.append({LlmMessage::Role::User, u"Write me a haiku"_s});
    const auto reply = p.complete(r, CancelToken());
    QVERIFY(!reply.ok());
    QCOMPARE(reply.error().kind, ErrorKind::Unsupported);
}

QTEST_GUILESS_MAIN(TestOfflineDraftProvider)
#include "tst_offlinedraftprovider.moc"

// Tests for Script, Scene and Character: scene layout and JSON round-trips.

#include "core/script.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestScript final : public QObject
{
    Q_OBJECT

private slots:
    void characterReferencesAndDamagedOnes();
    void keyframesAndDamagedOnes();
    void sceneCount_data();
    void sceneCount();
    void roundTrip();
    void layoutKeepsWrittenScenes();
    void missingScenes();
    void rejectsBadDocuments_data();
    void rejectsBadDocuments();
    void moreScenesThanTheLengthHoldsKeepsThemAll();
    void validateSettings_data();
    void validateSettings();
    void findsCharactersIgnoringCase();
};

void TestScript::sceneCount_data()
{
    QTest::addColumn<int>("duration");
    QTest::addColumn<int>("sceneSeconds");
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("last");
    QTest::newRow("10 minutes") << 600 << 8 << 75 << 8.0;
    QTest::newRow("demo") << 64 << 8 << 8 << 8.0;
    QTest::newRow("rest in last") << 60 << 8 << 8 << 4.0;
    QTest::newRow("one second") << 1 << 8 << 1 << 1.0;
    QTest::newRow("three hours") << 10800 << 4 << 2700 << 4.0;
    QTest::newRow("30 s scenes") << 95 << 30 << 4 << 5.0;
}

void TestScript::sceneCount()
{
    QFETCH(int, duration);
    QFETCH(int, sceneSeconds);
    QFETCH(int, count);
    QFETCH(double, last);
    Script s;
    s.durationSeconds = duration;
    s.sceneSeconds = sceneSeconds;
    QCOMPARE(s.sceneCount(), count);
    QCOMPARE(s.sceneDuration(count), last);
    if (count > 1)
        QCOMPARE(s.sceneDuration(1), double(sceneSeconds));
    double total = 0;
    for (int n = 1; n <= count; ++n)
        total += s.sceneDuration(n);
    QCOMPARE(total, double(duration));
}

static Script sampleScript()
{
    Script s;
    s.idea = u"A lighthouse keeper befriends a storm"_s;
    s.style = u"cinematic"_s;
    s.language = u"vi"_s;
    s.aspectRatio = u"9:16"_s;
    s.durationSeconds = 24;
    s.title = u"Người giữ hải đăng"_s;
    s.logline = u"A keeper and a storm"_s;
    s.characters = {{u"Mai"_s, u"keeper"_s, u"short grey hair, yellow raincoat"_s, u"calm alto"_s}};
    s.outline = {u"Arrival"_s, u"Storm"_s, u"Calm"_s};
    s.layoutScenes();
    Scene& first = s.scenes[0];
    first.beat = u"Arrival"_s;
    first.narration = u"She climbs the stairs."_s;
    first.dialogue = {{u"Mai"_s, u"Another night."_s}};
    first.visualPrompt = u"Spiral stairs, lantern light"_s;
    first.camera = u"low angle"_s;
    first.location = u"lighthouse"_s;
    first.timeOfDay = u"dusk"_s;
    first.mood = u"quiet"_s;
    first.characters = {u"Mai"_s};
    first.status = SceneStatus::Written;
    first.warnings = {u"near-duplicate of scene 3"_s};
    return s;
}

void TestScript::roundTrip()
{
    const Script s = sampleScript();
    const json::Json j = s;
    const Script back = j.get<Script>();
    QCOMPARE(back, s);
    QCOMPARE(back.scenes.size(), 3);
    QCOMPARE(back.scenes[0].dialogue.value(0).text, u"Another night."_s);
    QCOMPARE(back.scenes[2].status, SceneStatus::Pending);
}

void TestScript::layoutKeepsWrittenScenes()
{
    Script s = sampleScript();
    s.durationSeconds = 40; // 5 scenes now
    s.layoutScenes();
    QCOMPARE(s.scenes.size(), 5);
    QCOMPARE(s.scenes[0].narration, u"She climbs the stairs."_s);
    QCOMPARE(s.scenes[4].number, 5);
    QCOMPARE(s.scenes[4].durationSeconds, 8.0);
}

void TestScript::missingScenes()
{
    Script s = sampleScript();
    QCOMPARE(s.missingScenes(), (QList<int>{2, 3}));
    s.scenes[2].status = SceneStatus::Edited;
    QCOMPARE(s.missingScenes(), (QList<int>{2}));
    QCOMPARE(s.writtenCount(), 2);
}

void TestScript::rejectsBadDocuments_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("scene out of order")
        << QByteArray(R"({"duration_seconds":16,"scenes":[{"number":2}]})") << u"out of order"_s;
    QTest::newRow("too many scenes for three hours")
        << QByteArray(R"({"duration_seconds":8,"scene_seconds":4,"scenes":[)" +
                      [] {
                          QByteArray scenes;
                          for (int n = 1; n <= 2701; ++n)
                              scenes += (n > 1 ? "," : "") + QByteArray(R"({"number":)") +
                                        QByteArray::number(n) + '}';
                          return scenes;
                      }() +
                      "]}")
        << u"2701 scenes"_s;
    QTest::newRow("characters not a list")
        << QByteArray(R"({"characters":{"name":"x"}})") << u"/characters"_s;
    QTest::newRow("unknown status")
        << QByteArray(R"({"scenes":[{"number":1,"status":"great"}]})") << u"great"_s;
    QTest::newRow("scene seconds out of range")
        << QByteArray(R"({"scene_seconds":2})") << u"4-30"_s;
    QTest::newRow("number is text")
        << QByteArray(R"({"scenes":[{"number":"one"}]})") << u"/scenes/0/number"_s;
    QTest::newRow("dialogue without text")
        << QByteArray(R"({"scenes":[{"number":1,"dialogue":[{"speaker":"A"}]}]})") << u"'text'"_s;
}

void TestScript::moreScenesThanTheLengthHoldsKeepsThemAll()
{
    // Earlier versions could save a shorter length without dropping scenes: none is lost.
    const json::Json j = json::Json::parse(
        R"({"duration_seconds":8,"scenes":[{"number":1,"duration":8},{"number":2,"duration":5}]})");
    const Script s = j.get<Script>();
    QCOMPARE(s.sceneCount(), 2);
    QCOMPARE(s.durationSeconds, 13);
}

void TestScript::rejectsBadDocuments()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, mentions);
    const json::Json j = json::Json::parse(document.toStdString());
    try {
        (void)j.get<Script>();
        QFAIL("expected an error");
    } catch (const std::exception& e) {
        const QString message = json::errorMessage(e);
        QVERIFY2(message.contains(mentions), qPrintable(message));
    }
}

void TestScript::validateSettings_data()
{
    QTest::addColumn<int>("duration");
    QTest::addColumn<int>("sceneSeconds");
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<QString>("idea");
    QTest::addColumn<bool>("valid");
    QTest::newRow("fine") << 600 << 8 << u"16:9"_s << u"x"_s << true;
    QTest::newRow("empty idea") << 600 << 8 << u"16:9"_s << u"  "_s << false;
    QTest::newRow("zero duration") << 0 << 8 << u"16:9"_s << u"x"_s << false;
    QTest::newRow("over 3 hours") << 10801 << 8 << u"16:9"_s << u"x"_s << false;
    QTest::newRow("3 s scenes") << 60 << 3 << u"16:9"_s << u"x"_s << false;
    QTest::newRow("31 s scenes") << 60 << 31 << u"16:9"_s << u"x"_s << false;
    QTest::newRow("odd aspect") << 60 << 8 << u"4:3"_s << u"x"_s << false;
    QTest::newRow("portrait") << 60 << 8 << u"9:16"_s << u"x"_s << true;
}

void TestScript::validateSettings()
{
    QFETCH(int, duration);
    QFETCH(int, sceneSeconds);
    QFETCH(QString, aspect);
    QFETCH(QString, idea);
    QFETCH(bool, valid);
    Script s;
    s.durationSeconds = duration;
    s.sceneSeconds = sceneSeconds;
    s.aspectRatio = aspect;
    s.idea = idea;
    QCOMPARE(s.validateSettings().isEmpty(), valid);
}

void TestScript::findsCharactersIgnoringCase()
{
    const Script s = sampleScript();
    QVERIFY(s.findCharacter(u" mai "_s));
    QVERIFY(!s.findCharacter(u"Lan"_s));
}

void TestScript::characterReferencesAndDamagedOnes()
{
    const json::Json j = json::parse(QByteArrayLiteral(R"({"name": "Ava", "references": [
        {"file": "refs/ava-1.png", "approved": true},
        {"file": "../../etc/passwd", "approved": true},
        {"file": "refs/sub/ava.png"},
        {"file": "refs/ava.exe"},
        {"approved": true},
        "refs/ava-2.png"]})"),
                                     nullptr);
    const Character c = j.get<Character>();
    QCOMPARE(c.references.size(), 1);
    QCOMPARE(c.references[0].file, u"refs/ava-1.png"_s);
    QVERIFY(c.references[0].approved);
    // And back: the same entry.
    json::Json again = c;
    QCOMPARE(again["references"].size(), std::size_t(1));
    QVERIFY(again.get<Character>() == c);
}

void TestScript::keyframesAndDamagedOnes()
{
    const json::Json j = json::parse(QByteArrayLiteral(R"({"number": 3, "status": "written",
        "keyframe": "keyframes/s003-ab12.png", "new_keyframe": "../outside.png",
        "chained": true})"),
                                     nullptr);
    const Scene s = j.get<Scene>();
    QCOMPARE(s.keyframe, u"keyframes/s003-ab12.png"_s);
    QVERIFY(s.newKeyframe.isEmpty()); // a foreign path is left out, the scene still loads
    QVERIFY(s.chained);
    // Scene 1 has nothing before it to continue.
    QVERIFY(!json::parse(QByteArrayLiteral(R"({"number": 1, "chained": true})"), nullptr)
                 .get<Scene>()
                 .chained);
    json::Json again = s;
    QCOMPARE(again["keyframe"].get<std::string>(), "keyframes/s003-ab12.png");
    QVERIFY(!again.contains("new_keyframe"));
    QVERIFY(again.get<Scene>() == s);
}

QTEST_GUILESS_MAIN(TestScript)
#include "tst_script.moc"

// Tests for the exports: the screenplay, an SRT timed by scene durations, the prompts CSV with
// proper quoting, the script JSON and the CMX 3600 EDL.

#include "film/exporters.h"
#include "project/projectstore.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

namespace {

Script script()
{
    Script s;
    s.idea = u"A boat, a storm"_s;
    s.title = u"Boat: \"The Storm\""_s;
    s.logline = u"A boat meets a storm."_s;
    s.durationSeconds = 20;
    s.sceneSeconds = 8;
    s.characters = {{u"Mai"_s, u"keeper"_s, u"grey hair, yellow coat"_s, u"alto"_s}};
    // One reference image in use, one waiting: only the first goes with the clips.
    s.characters[0].references = {{u"refs/mai-1.png"_s, u"generated"_s, u"local"_s, true,
                                   QDateTime(QDate(2026, 11, 28), QTime(8, 0), Qt::UTC)},
                                  {u"refs/mai-2.png"_s, u"imported"_s, {}, false, {}}};
    s.outline = {u"a"_s, u"b"_s, u"c"_s};
    s.layoutScenes();
    for (Scene& scene : s.scenes) {
        scene.status = SceneStatus::Written;
        scene.beat = u"Beat %1"_s.arg(scene.number);
        scene.narration = u"Narration %1, with a comma."_s.arg(scene.number);
        scene.visualPrompt = u"Waves, \"loud\"\nand high %1"_s.arg(scene.number);
        scene.characters = {u"Mai"_s};
    }
    s.scenes[1].keyframe = u"keyframes/s002-a.png"_s;
    s.scenes[1].dialogue = {{u"Mai"_s, u"Hold on!"_s}};
    return s;
}

double seconds(const QString& stamp)
{
    const QStringList p = stamp.split(QRegularExpression(u"[:,]"_s));
    return p[0].toInt() * 3600 + p[1].toInt() * 60 + p[2].toInt() + p[3].toInt() / 1000.0;
}

} // namespace

class TestExporters final : public QObject
{
    Q_OBJECT

private slots:
    void markdownHasEverything();
    void srtTimingsAddUpToTheFilm();
    void csvQuotesProperly();
    void scriptJsonRoundTrips();
    void timecodes_data();
    void timecodes();
    void edlIsCmx3600();
    void writeAllWritesSixFiles();
};

void TestExporters::markdownHasEverything()
{
    const QString md = Exporters::markdown(script());
    QVERIFY(md.startsWith(u"# Boat: \"The Storm\"\n"_s));
    QVERIFY(md.contains(u"**Mai** (keeper) — grey hair, yellow coat; voice: alto"_s));
    QVERIFY(md.contains(u"### Scene 3 — Beat 3"_s));
    QVERIFY(md.contains(u"> **Mai:** Hold on!"_s));
    QVERIFY(md.contains(u"00:00:16–00:00:20"_s)); // the last scene takes the rest
}

void TestExporters::srtTimingsAddUpToTheFilm()
{
    const QString srt = Exporters::srt(script());
    static const QRegularExpression cue(
        u"(\\d\\d:\\d\\d:\\d\\d,\\d\\d\\d) --> (\\d\\d:\\d\\d:\\d\\d,\\d\\d\\d)"_s);
    auto it = cue.globalMatch(srt);
    double previousEnd = 0, lastEnd = 0;
    int count = 0;
    while (it.hasNext()) {
        const auto m = it.next();
        QCOMPARE(seconds(m.captured(1)), previousEnd); // back to back, no gaps
        previousEnd = lastEnd = seconds(m.captured(2));
        ++count;
    }
    QVERIFY(count >= 3);
    QCOMPARE(lastEnd, 20.0);
    QVERIFY(srt.contains(u"Mai: Hold on!"_s));
}

void TestExporters::csvQuotesProperly()
{
    const QString csv = Exporters::promptsCsv(script());
    QVERIFY(csv.startsWith(
        u"scene,duration,visual_prompt,negative_prompt,reference_images,keyframe\r\n"_s));
    QVERIFY(csv.contains(u",refs/mai-1.png,keyframes/s002-a.png\r\n"_s));
    QVERIFY(csv.contains(u",refs/mai-1.png,\r\n"_s)); // scenes without a keyframe
    QVERIFY(!csv.contains(u"mai-2.png"_s));
    QVERIFY(csv.contains(u"1,8,\"Waves, \"\"loud\"\"\nand high 1."_s));
    QVERIFY(csv.contains(u"3,4,"_s)); // the last scene lasts 4 s
    QVERIFY(csv.contains(u"Characters: Mai: grey hair, yellow coat."_s));
}

void TestExporters::scriptJsonRoundTrips()
{
    const Script s = script();
    const json::Json doc = json::Json::parse(Exporters::scriptJson(s).toStdString());
    QCOMPARE(doc.get<Script>(), s);
    QCOMPARE(doc["characters"][0]["references"][0]["file"].get<std::string>(), "refs/mai-1.png");
}

void TestExporters::timecodes_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<double>("fps");
    QTest::addColumn<QString>("tc");
    QTest::newRow("zero") << 0.0 << 24.0 << u"00:00:00:00"_s;
    QTest::newRow("eight") << 8.0 << 24.0 << u"00:00:08:00"_s;
    QTest::newRow("half") << 1.5 << 24.0 << u"00:00:01:12"_s;
    QTest::newRow("hour") << 3600.0 << 25.0 << u"01:00:00:00"_s;
    QTest::newRow("30fps") << 61.0 + 10.0 / 30 << 30.0 << u"00:01:01:10"_s;
}

void TestExporters::timecodes()
{
    QFETCH(double, seconds);
    QFETCH(double, fps);
    QFETCH(QString, tc);
    QCOMPARE(Exporters::timecode(seconds, fps), tc);
}

void TestExporters::edlIsCmx3600()
{
    const QString edl = Exporters::edl(
        u"Boat"_s, {{u"/x/clips/s001-v1.mp4"_s, 8}, {u"/x/clips/s002-v2.mp4"_s, 4}}, 24);
    const QStringList lines = edl.split(u'\n');
    QCOMPARE(lines[0], u"TITLE: Boat"_s);
    QCOMPARE(lines[1], u"FCM: NON-DROP FRAME"_s);
    QVERIFY(edl.contains(
        u"001  AX001    AA/V  C        00:00:00:00 00:00:08:00 01:00:00:00 01:00:08:00"_s));
    QVERIFY(edl.contains(
        u"002  AX002    AA/V  C        00:00:00:00 00:00:04:00 01:00:08:00 01:00:12:00"_s));
    QVERIFY(edl.contains(u"* FROM CLIP NAME: s002-v2.mp4"_s));
}

void TestExporters::writeAllWritesSixFiles()
{
    QTemporaryDir tmp;
    Project p;
    p.script = script();
    // One clip bought twice (the first attempt unconfirmed, then submitted again), one whose
    // render failed (not billed), one of unknown price.
    VideoJob bought;
    bought.id = u"s001-v1"_s;
    bought.sceneNumber = 1;
    bought.provider = u"veo"_s;
    bought.state = JobState::Done;
    bought.remoteId = u"operations/1"_s;
    const QDateTime at(QDate(2026, 11, 27), QTime(9, 30), Qt::UTC);
    bought.charges = {{at, u"gem"_s, u"veo-3.1-fast-generate-001"_s, 1.2},
                      {at.addSecs(60), u"gem"_s, u"veo-3.1-fast-generate-001"_s, 1.2}};
    VideoJob failed = bought;
    failed.id = u"s002-v1"_s;
    failed.sceneNumber = 2;
    failed.state = JobState::Failed;
    failed.failedStage = JobStage::Render;
    failed.charges = {{at, u"gem"_s, u"veo-3.1-fast-generate-001"_s, 1.2}};
    VideoJob unknown = bought;
    unknown.id = u"s003-v1"_s;
    unknown.sceneNumber = 3;
    unknown.charges = {{at, u"fal, eu"_s, u"fal-ai/new-model"_s, std::nullopt}};
    p.jobs = {bought, failed, unknown};
    const auto written = Exporters::writeAll(p, tmp.path());
    QVERIFY(written.ok());
    QCOMPARE(written->size(), 6);
    for (const QString& f : *written)
        QVERIFY2(QFile(f).size() > 0, qPrintable(f));
    QVERIFY(QFile::exists(QDir(tmp.path()).filePath(u"exports/Boat The Storm.srt"_s)));
    QFile spend(QDir(tmp.path()).filePath(u"exports/Boat The Storm - spend.csv"_s));
    QVERIFY(spend.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(spend.readAll()),
             u"job,scene,variant,state,account,model,submitted_at,usd\r\n"
             u"s001-v1,1,1,done,gem,veo-3.1-fast-generate-001,2026-11-27T09:30:00Z,1.2000\r\n"
             u"s001-v1,1,1,done,gem,veo-3.1-fast-generate-001,2026-11-27T09:31:00Z,1.2000\r\n"
             u"s003-v1,3,1,done,\"fal, eu\",fal-ai/new-model,2026-11-27T09:30:00Z,unknown\r\n"_s);
}

QTEST_GUILESS_MAIN(TestExporters)
#include "tst_exporters.moc"

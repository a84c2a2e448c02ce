// Tests for the Assembler: stream copy of matching clips, normalisation of different ones,
// exact fades, subtitles (soft and burned), music, chosen variants and missing clips.

#include "film/assembler.h"
#include "testmedia.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

namespace {

QString streamTypes(const QString& file)
{
    QProcess p;
    p.start(u"ffprobe"_s, {u"-v"_s, u"error"_s, u"-show_entries"_s,
                           u"stream=codec_type,codec_name"_s, u"-of"_s, u"csv=p=0"_s, file});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).simplified();
}

double probeFps(const QString& file)
{
    QProcess p;
    p.start(u"ffprobe"_s, {u"-v"_s, u"error"_s, u"-select_streams"_s, u"v:0"_s, u"-show_entries"_s,
                           u"stream=avg_frame_rate"_s, u"-of"_s, u"csv=p=0"_s, file});
    p.waitForFinished(30000);
    const QStringList r = QString::fromUtf8(p.readAllStandardOutput()).trimmed().split(u'/');
    return r.size() == 2 ? r[0].toDouble() / r[1].toDouble() : 0;
}

} // namespace

class TestAssembler final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void matchingClipsAreJoinedByStreamCopy();
    void differentClipsAreNormalised();
    void fadesShortenTheFilmExactly();
    void burnedSubtitlesAndMusic();
    void chosenVariantIsUsed();
    void missingClipsAreNamed();
    void badOptionsAreRefused_data();
    void badOptionsAreRefused();
    void fileNames_data();
    void fileNames();

private:
    Project projectWith(const QList<ClipSpec>& specs, const QString& dir);
    FfmpegTools m_tools;
};

void TestAssembler::initTestCase()
{
    auto tools = FfmpegTools::locate();
    QVERIFY(tools.ok());
    m_tools = *tools;
}

Project TestAssembler::projectWith(const QList<ClipSpec>& specs, const QString& dir)
{
    Project p;
    p.script.title = u"Test Film"_s;
    p.script.sceneSeconds = 4;
    p.script.durationSeconds = int(specs.size()) * 4;
    p.script.layoutScenes();
    for (int i = 0; i < specs.size(); ++i) {
        Scene& s = p.script.scenes[i];
        s.status = SceneStatus::Written;
        s.narration = u"Scene %1 says something."_s.arg(i + 1);
        const QString name = u"s%1-v1.mp4"_s.arg(i + 1);
        const QString clip = makeClip(QDir(dir).filePath(u"clips"_s), name, specs[i]);
        VideoJob job;
        job.id = VideoJob::makeId(i + 1, 1);
        job.sceneNumber = i + 1;
        job.provider = u"local"_s;
        job.state = clip.isEmpty() ? JobState::Failed : JobState::Done;
        job.clipPath = u"clips/"_s + name;
        p.jobs.append(job);
    }
    return p;
}

void TestAssembler::matchingClipsAreJoinedByStreamCopy()
{
    QTemporaryDir tmp;
    ClipSpec spec;
    spec.seconds = 2;
    const Project p = projectWith({spec, spec, spec}, tmp.path());
    AssemblyOptions o;
    o.subtitles = u"soft"_s;
    auto plan = Assembler::plan(m_tools, p, tmp.path(), o);
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().message));
    QVERIFY(plan->streamCopy);
    QCOMPARE(plan->output, QDir(tmp.path()).filePath(u"final/Test Film.mp4"_s));
    double progressSeen = 0;
    auto result = Assembler::assemble(m_tools, *plan, o, {}, [&](double f) { progressSeen = f; });
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QVERIFY(result->streamCopy);
    QVERIFY(qAbs(probeDuration(result->output) - 6.0) < 0.1);
    QCOMPARE(streamTypes(result->output), u"h264,video aac,audio mov_text,subtitle"_s);
    QCOMPARE(progressSeen, 1.0);
    QVERIFY(QDir(QDir(tmp.path()).filePath(u"final"_s))
                .entryList({u"*.part"_s, u".assemble*"_s}, QDir::AllEntries | QDir::Hidden)
                .isEmpty());
}

void TestAssembler::differentClipsAreNormalised()
{
    QTemporaryDir tmp;
    ClipSpec a;
    a.width = 320;
    a.height = 180;
    a.fps = 24;
    a.seconds = 1.5;
    ClipSpec b = a;
    b.width = 640;
    b.height = 360;
    b.fps = 30;
    ClipSpec c = a;
    c.width = 180;
    c.height = 320; // portrait: pillarboxed
    c.fps = 25;
    c.audio = false; // a clip without sound gets silence
    const Project p = projectWith({a, b, c}, tmp.path());
    AssemblyOptions o;
    o.subtitles = u"none"_s;
    auto plan = Assembler::plan(m_tools, p, tmp.path(), o);
    QVERIFY(plan.ok());
    QVERIFY(!plan->streamCopy);
    auto result = Assembler::assemble(m_tools, *plan, o);
    QVERIFY2(result.ok(),
             qPrintable(result.ok() ? QString() : result.error().message + result.error().detail));
    QCOMPARE(probeSize(result->output), u"320x180"_s);
    QVERIFY(qAbs(probeFps(result->output) - 24.0) < 0.01);
    QVERIFY(qAbs(probeDuration(result->output) - 4.5) < 0.1);
    QCOMPARE(streamTypes(result->output), u"h264,video aac,audio"_s);
}

void TestAssembler::fadesShortenTheFilmExactly()
{
    QTemporaryDir tmp;
    ClipSpec spec;
    spec.seconds = 2;
    const Project p = projectWith({spec, spec, spec, spec}, tmp.path());
    AssemblyOptions o;
    o.transition = u"fade"_s;
    o.fadeSeconds = 0.5;
    auto plan = Assembler::plan(m_tools, p, tmp.path(), o);
    QVERIFY(plan.ok());
    QVERIFY(!plan->streamCopy);
    QCOMPARE(plan->expectedSeconds, 8.0 - 3 * 0.5);
    auto result = Assembler::assemble(m_tools, *plan, o);
    QVERIFY2(result.ok(),
             qPrintable(result.ok() ? QString() : result.error().message + result.error().detail));
    QVERIFY2(qAbs(probeDuration(result->output) - 6.5) < 0.06,
             qPrintable(QString::number(probeDuration(result->output))));
    // The subtitles follow the faded timeline.
    QVERIFY(plan->subtitles.contains(u"00:00:01,500 --> "_s));
}

void TestAssembler::burnedSubtitlesAndMusic()
{
    QTemporaryDir tmp;
    ClipSpec spec;
    spec.seconds = 1.5;
    const Project p = projectWith({spec, spec}, tmp.path());
    ClipSpec musicSpec;
    musicSpec.seconds = 1; // shorter than the film: it loops
    const QString music = makeClip(tmp.filePath(u"music"_s), u"m.mp4"_s, musicSpec);
    AssemblyOptions o;
    o.subtitles = u"burn"_s;
    o.musicPath = music;
    o.musicVolume = 0.3;
    auto plan = Assembler::plan(m_tools, p, tmp.path(), o);
    QVERIFY(plan.ok());
    QVERIFY(!plan->streamCopy);
    auto result = Assembler::assemble(m_tools, *plan, o);
    QVERIFY2(result.ok(),
             qPrintable(result.ok() ? QString() : result.error().message + result.error().detail));
    QCOMPARE(streamTypes(result->output),
             u"h264,video aac,audio"_s); // burned in: no subtitle track
    QVERIFY(qAbs(probeDuration(result->output) - 3.0) < 0.1);
}

void TestAssembler::chosenVariantIsUsed()
{
    QTemporaryDir tmp;
    ClipSpec spec;
    spec.seconds = 1;
    Project p = projectWith({spec}, tmp.path());
    ClipSpec longer = spec;
    longer.seconds = 2;
    const QString v2 = makeClip(QDir(tmp.path()).filePath(u"clips"_s), u"s1-v2.mp4"_s, longer);
    VideoJob second = p.jobs[0];
    second.id = VideoJob::makeId(1, 2);
    second.variant = 2;
    second.clipPath = u"clips/s1-v2.mp4"_s;
    p.jobs.append(second);
    AssemblyOptions o;
    o.subtitles = u"none"_s;
    QCOMPARE(Assembler::plan(m_tools, p, tmp.path(), o)->clips[0].jobId, u"s001-v1"_s);
    p.settings.chosenVariants.insert(1, 2);
    QCOMPARE(Assembler::plan(m_tools, p, tmp.path(), o)->clips[0].jobId, u"s001-v2"_s);
}

void TestAssembler::missingClipsAreNamed()
{
    QTemporaryDir tmp;
    ClipSpec spec;
    spec.seconds = 1;
    Project p = projectWith({spec, spec, spec, spec}, tmp.path());
    p.jobs[1].state = JobState::Failed;
    QFile::remove(QDir(tmp.path()).filePath(p.jobs[3].clipPath)); // deleted by hand
    auto plan = Assembler::plan(m_tools, p, tmp.path(), AssemblyOptions{});
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().message.contains(u"Scenes 2, 4 have no finished clip"_s),
             qPrintable(plan.error().message));
    QVERIFY(plan.error().message.contains(u"--scenes 2,4"_s));
}

void TestAssembler::badOptionsAreRefused_data()
{
    QTest::addColumn<QString>("subtitles");
    QTest::addColumn<QString>("transition");
    QTest::addColumn<double>("fade");
    QTest::addColumn<QString>("music");
    QTest::newRow("subtitles") << u"yes"_s << u"none"_s << 0.5 << QString();
    QTest::newRow("transition") << u"soft"_s << u"wipe"_s << 0.5 << QString();
    QTest::newRow("fade length") << u"soft"_s << u"fade"_s << 5.0 << QString();
    QTest::newRow("music missing") << u"soft"_s << u"none"_s << 0.5 << u"/no/such/music.mp3"_s;
}

void TestAssembler::badOptionsAreRefused()
{
    QFETCH(QString, subtitles);
    QFETCH(QString, transition);
    QFETCH(double, fade);
    QFETCH(QString, music);
    AssemblyOptions o;
    o.subtitles = subtitles;
    o.transition = transition;
    o.fadeSeconds = fade;
    o.musicPath = music;
    QVERIFY(!o.validate().isEmpty());
    QVERIFY(!Assembler::plan(m_tools, Project{}, QDir::tempPath(), o).ok());
}

void TestAssembler::fileNames_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << u"Paper Boat"_s << u"Paper Boat"_s;
    QTest::newRow("slashes") << u"A/B\\C: D?"_s << u"A B C D"_s;
    QTest::newRow("dots") << u"..hidden"_s << u"hidden"_s;
    QTest::newRow("vietnamese") << u"Người giữ hải đăng"_s << u"Người giữ hải đăng"_s;
    QTest::newRow("empty") << u"???"_s << u"film"_s;
}

void TestAssembler::fileNames()
{
    QFETCH(QString, title);
    QFETCH(QString, name);
    QCOMPARE(Assembler::fileNameFor(title), name);
}

QTEST_GUILESS_MAIN(TestAssembler)
#include "tst_assembler.moc"

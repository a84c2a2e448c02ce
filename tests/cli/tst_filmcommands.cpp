// Tests for t2v demo and t2v assemble: the whole offline pipeline end to end.

#include "processrun.h"
#include "project/projectstore.h"
#include "testmedia.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

class TestFilmCommands final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void demoMakesAFilmWithThumbnailsAndExports();
    void assembleNamesMissingScenes();
    void assembleWithFades();
    void ffmpegFromTheWindowsSettings();

private:
    ProcessRun t2v(const QStringList& args);
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestFilmCommands::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
}

ProcessRun TestFilmCommands::t2v(const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"T2V_CONFIG_DIR"_s, m_tmp->filePath(u"config"_s));
    env.insert(u"T2V_CACHE_DIR"_s, m_tmp->filePath(u"cache"_s));
    env.insert(u"T2V_NO_KEYCHAIN"_s, u"1"_s);
    return runProcess(QStringLiteral(T2V_BIN_DIR "/t2v"), args, env, 300000);
}

void TestFilmCommands::demoMakesAFilmWithThumbnailsAndExports()
{
    const QString out = m_tmp->filePath(u"demo"_s);
    const ProcessRun r = t2v({u"demo"_s, u"--out"_s, out, u"--scenes"_s, u"3"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList films = QDir(QDir(out).filePath(u"final"_s)).entryList({u"*.mp4"_s});
    QCOMPARE(films.size(), 1);
    const QString film = QDir(out).filePath(u"final/"_s + films.first());
    QVERIFY2(qAbs(probeDuration(film) - 24.0) < 0.5,
             qPrintable(QString::number(probeDuration(film))));
    QProcess streams;
    streams.start(u"ffprobe"_s, {u"-v"_s, u"error"_s, u"-show_entries"_s, u"stream=codec_name"_s,
                                 u"-of"_s, u"csv=p=0"_s, film});
    streams.waitForFinished();
    QVERIFY(QString::fromUtf8(streams.readAllStandardOutput())
                .contains(u"mov_text"_s)); // soft subtitles
    QCOMPARE(QDir(QDir(out).filePath(u"thumbs"_s)).entryList({u"*.jpg"_s}).size(), 3);
    const QStringList exports = QDir(QDir(out).filePath(u"exports"_s)).entryList(QDir::Files);
    QCOMPARE(exports.size(), 6); // with the spend CSV
    for (const QString& suffix :
         {u".md"_s, u".srt"_s, u"prompts.csv"_s, u"script.json"_s, u".edl"_s}) {
        QVERIFY2(std::any_of(exports.cbegin(), exports.cend(),
                             [&](const QString& e) { return e.endsWith(suffix); }),
                 qPrintable(suffix));
    }
    QVERIFY(r.out.contains(u"film "_s) && r.out.contains(film));
    const auto project = ProjectStore::load(QDir(out).filePath(u"project.json"_s));
    QVERIFY(project.ok());
    // Every character has its card in refs/, and the animatic drew the cards of the
    // characters in each scene (the clip records what it was made with).
    const QStringList cards = QDir(QDir(out).filePath(u"refs"_s)).entryList({u"*.png"_s});
    QCOMPARE(cards.size(), project->script.characters.size());
    for (const VideoJob& j : project->jobs) {
        QCOMPARE(j.state, JobState::Done);
        QVERIFY(!j.references.isEmpty());
        for (const QString& ref : j.references)
            QVERIFY2(cards.contains(QFileInfo(ref).fileName()), qPrintable(ref));
    }
    QVERIFY2(r.out.contains(u"references "_s), qPrintable(r.out));

    // A second demo in the same place is refused rather than overwriting the first.
    QCOMPARE(t2v({u"demo"_s, u"--out"_s, out, u"--scenes"_s, u"1"_s}).exitCode, 1);
}

void TestFilmCommands::assembleNamesMissingScenes()
{
    const QString project = m_tmp->filePath(u"p"_s);
    QCOMPARE(t2v({u"script"_s, u"--project"_s, project, u"--idea"_s, u"x y z"_s, u"--duration"_s,
                  u"12"_s, u"--scene-seconds"_s, u"4"_s})
                 .exitCode,
             0);
    QCOMPARE(t2v({u"render"_s, u"--project"_s, project, u"--scenes"_s, u"1,3"_s}).exitCode, 0);
    const ProcessRun r = t2v({u"assemble"_s, u"--project"_s, project});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"Scene 2 has no finished clip"_s), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(QDir(project).filePath(u"final"_s)) ||
            QDir(QDir(project).filePath(u"final"_s)).entryList({u"*.mp4"_s}).isEmpty());
    QCOMPARE(t2v({u"assemble"_s, u"--project"_s, project, u"--transition"_s, u"wipe"_s}).exitCode,
             2);
}

void TestFilmCommands::ffmpegFromTheWindowsSettings()
{
    // The FFmpeg path set in the window's Settings is the one the command line uses...
    const QString project = m_tmp->filePath(u"settings"_s);
    QCOMPARE(t2v({u"script"_s, u"--project"_s, project, u"--idea"_s, u"x y z"_s, u"--duration"_s,
                  u"4"_s, u"--scene-seconds"_s, u"4"_s})
                 .exitCode,
             0);
    const QString bogus = m_tmp->filePath(u"nowhere/ffmpeg"_s);
    QDir().mkpath(m_tmp->filePath(u"config"_s));
    QFile settings(m_tmp->filePath(u"config/settings.json"_s));
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write(QByteArray("{\"version\": 1, \"ffmpeg_path\": \"") + bogus.toUtf8() + "\"}");
    settings.close();
    const ProcessRun r = t2v({u"assemble"_s, u"--project"_s, project});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"FFmpeg was not found at %1"_s.arg(bogus)), qPrintable(r.err));
    // ...and a damaged settings file is reported, not fatal.
    QVERIFY(settings.open(QIODevice::WriteOnly | QIODevice::Truncate));
    settings.write("{ nope");
    settings.close();
    const ProcessRun damaged = t2v({u"status"_s, u"--project"_s, project});
    QCOMPARE(damaged.exitCode, 0);
    QVERIFY2(damaged.err.contains(u"settings.json is damaged"_s), qPrintable(damaged.err));
}

void TestFilmCommands::assembleWithFades()
{
    const QString project = m_tmp->filePath(u"fades"_s);
    QCOMPARE(t2v({u"script"_s, u"--project"_s, project, u"--idea"_s, u"x y z"_s, u"--duration"_s,
                  u"12"_s, u"--scene-seconds"_s, u"4"_s})
                 .exitCode,
             0);
    QCOMPARE(t2v({u"render"_s, u"--project"_s, project}).exitCode, 0);
    const ProcessRun r = t2v({u"assemble"_s, u"--project"_s, project, u"--transition"_s, u"fade"_s,
                              u"--fade"_s, u"0.5"_s, u"--subtitles"_s, u"burn"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList films = QDir(QDir(project).filePath(u"final"_s)).entryList({u"*.mp4"_s});
    QCOMPARE(films.size(), 1);
    QVERIFY(qAbs(probeDuration(QDir(project).filePath(u"final/"_s + films.first())) - 11.0) < 0.1);
    // The choice is remembered for the next assembly.
    QCOMPARE(ProjectStore::load(QDir(project).filePath(u"project.json"_s))->settings.transition,
             u"fade"_s);
}

QTEST_GUILESS_MAIN(TestFilmCommands)
#include "tst_filmcommands.moc"

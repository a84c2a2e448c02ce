// Tests for the t2v program's script and resume commands: runs the real binary.

#include "fakeapiserver.h"
#include "processrun.h"
#include "project/projectstore.h"
#include "providerroutes.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

using Run = ProcessRun;

class TestScriptCommands final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void helpVersionAndUnknownCommands();
    void usageErrors_data();
    void usageErrors();
    void offlineTenMinutesWritesSeventyFiveScenes();
    void interruptedRunExitsThreeAndResumeFinishes();
    void existingScriptNeedsForce();
    void damagedProjectIsReported();
    void aBadArgumentChangesNothingOnDisk();
    void resumeWithoutAnIdeaSaysSo();

private:
    Run t2v(const QStringList& args, const QProcessEnvironment& extra = {});
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestScriptCommands::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
}

Run TestScriptCommands::t2v(const QStringList& args, const QProcessEnvironment& extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"T2V_CONFIG_DIR"_s, m_tmp->filePath(u"config"_s));
    env.insert(u"T2V_NO_KEYCHAIN"_s, u"1"_s);
    for (const QString& key : extra.keys())
        env.insert(key, extra.value(key));
    return runProcess(QStringLiteral(T2V_BIN_DIR "/t2v"), args, env);
}

void TestScriptCommands::helpVersionAndUnknownCommands()
{
    const Run help = t2v({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    for (const QString& command : {u"demo"_s, u"script"_s, u"resume"_s, u"render"_s, u"assemble"_s,
                                   u"status"_s, u"clips"_s, u"accounts"_s})
        QVERIFY2(help.out.contains(command), qPrintable(command));
    const Run version = t2v({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.contains(QStringLiteral(T2V_VERSION)));
    const Run unknown = t2v({u"dance"_s});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY(unknown.err.contains(u"unknown command \"dance\""_s));
    const Run scriptHelp = t2v({u"script"_s, u"--help"_s});
    QCOMPARE(scriptHelp.exitCode, 0);
    QVERIFY(scriptHelp.out.contains(u"--batch-size"_s));
    // The usage line names the command, not the path the program was started from.
    QVERIFY2(scriptHelp.out.startsWith(u"Usage: t2v script [options]"_s),
             qPrintable(scriptHelp.out.section(u'\n', 0, 0)));
    QVERIFY(!scriptHelp.out.contains(u"bin/t2v"_s));
}

void TestScriptCommands::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no idea") << QStringList{u"--project"_s, u"P"_s} << u"--idea is required"_s;
    QTest::newRow("no project") << QStringList{u"--idea"_s, u"x"_s} << u"--project is required"_s;
    QTest::newRow("duration") << QStringList{u"--project"_s, u"P"_s,          u"--idea"_s,
                                             u"x"_s,         u"--duration"_s, u"0"_s}
                              << u"--duration"_s;
    QTest::newRow("batch size") << QStringList{u"--project"_s,    u"P"_s, u"--idea"_s, u"x"_s,
                                               u"--batch-size"_s, u"11"_s}
                                << u"--batch-size must be 1-10"_s;
    QTest::newRow("no-batch and batch size")
        << QStringList{u"--project"_s,    u"P"_s, u"--idea"_s, u"x"_s, u"--no-batch"_s,
                       u"--batch-size"_s, u"3"_s}
        << u"cannot be combined"_s;
    QTest::newRow("mode") << QStringList{u"--project"_s, u"P"_s,      u"--idea"_s,
                                         u"x"_s,         u"--mode"_s, u"fast"_s}
                          << u"--mode must be"_s;
    QTest::newRow("style") << QStringList{u"--project"_s, u"P"_s,       u"--idea"_s,
                                          u"x"_s,         u"--style"_s, u"vaporwave"_s}
                           << u"unknown style"_s;
    QTest::newRow("language") << QStringList{u"--project"_s, u"P"_s,          u"--idea"_s,
                                             u"x"_s,         u"--language"_s, u"xx"_s}
                              << u"unknown language"_s;
    QTest::newRow("unknown option") << QStringList{u"--colour"_s, u"red"_s} << u"Unknown option"_s;
}

void TestScriptCommands::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run r = t2v(QStringList{u"script"_s} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(u"P/project.json"_s));
}

void TestScriptCommands::offlineTenMinutesWritesSeventyFiveScenes()
{
    const QString project = m_tmp->filePath(u"ten-minutes"_s);
    const Run r = t2v({u"script"_s, u"--project"_s, project, u"--idea"_s,
                       u"A lighthouse keeper befriends a storm"_s, u"--duration"_s, u"600"_s,
                       u"--llm"_s, u"offline"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(u"Offline draft (no AI)"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"Done: 75 scenes"_s), qPrintable(r.err));
    const auto loaded = ProjectStore::load(QDir(project).filePath(u"project.json"_s));
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->script.sceneCount(), 75);
    QCOMPARE(loaded->script.writtenCount(), 75);
    QVERIFY(QFileInfo(QDir(project).filePath(u"logs"_s)).isDir());
    // The project is released: another program can open it now.
    ProjectStore store;
    QVERIFY(store.open(project).ok());
}

void TestScriptCommands::interruptedRunExitsThreeAndResumeFinishes()
{
    FakeApiServer server;
    auto routes = installProviderRoutes(server);
    QVERIFY(server.start());
    // An OpenAI-compatible account pointing at the fake server.
    QDir().mkpath(m_tmp->filePath(u"config"_s));
    QFile accounts(m_tmp->filePath(u"config/accounts.json"_s));
    QVERIFY(accounts.open(QIODevice::WriteOnly));
    accounts.write(QByteArray::fromStdString(json::Json{
        {"version", 1},
        {"accounts",
         {{{"id", "fake"},
           {"provider", "openai"},
           {"base_url", QString(server.baseUrl() + u"/v1"_s).toStdString()},
           {"model", "fake-model"}}}}}.dump()));
    accounts.close();
    QProcessEnvironment env;
    env.insert(u"T2V_KEY_FAKE"_s, u"sk-fake-key-123"_s);
    routes->setResponseOverride([](const json::Json& ctx, int) -> std::optional<FakeResponse> {
        if (json::optInt(ctx, "scene") == 4)
            return FakeResponse::json(503, {{"error", {{"message", "overloaded"}}}});
        return std::nullopt;
    });

    const QString project = m_tmp->filePath(u"flaky"_s);
    const Run first = t2v({u"script"_s, u"--project"_s, project, u"--idea"_s,
                           u"A kite over the city"_s, u"--duration"_s, u"72"_s, u"--llm"_s,
                           u"fake"_s, u"--batch-size"_s, u"3"_s, u"--retries"_s, u"0"_s},
                          env);
    QVERIFY2(first.exitCode == 3, qPrintable(first.err));
    QVERIFY2(first.err.contains(u"Scene 4"_s) && first.err.contains(u"t2v resume --project"_s),
             qPrintable(first.err));
    QCOMPARE(ProjectStore::load(QDir(project).filePath(u"project.json"_s))->script.missingScenes(),
             (QList<int>{4, 7, 8, 9})); // batch 2 kept scenes 5 and 6; batch 3 never started
    QCOMPARE(server.requests(u"/v1/chat/completions"_s).value(0).header("authorization"),
             QByteArray("Bearer sk-fake-key-123"));
    // The key never reaches the log.
    QFile log(QDir(project).filePath(
        u"logs/t2v-%1.log"_s.arg(QDate::currentDate().toString(Qt::ISODate))));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(!log.readAll().contains("sk-fake-key-123"));

    routes->setResponseOverride({});
    const Run resumed = t2v({u"resume"_s, u"--project"_s, project}, env);
    QCOMPARE(resumed.exitCode, 0);
    QCOMPARE(ProjectStore::load(QDir(project).filePath(u"project.json"_s))->script.writtenCount(),
             9);

    const Run again = t2v({u"resume"_s, u"--project"_s, project}, env);
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.err.contains(u"Nothing to resume"_s), qPrintable(again.err));
}

void TestScriptCommands::existingScriptNeedsForce()
{
    const QString project = m_tmp->filePath(u"twice"_s);
    const QStringList args{u"script"_s, u"--project"_s,  project, u"--idea"_s,
                           u"x y z"_s,  u"--duration"_s, u"16"_s};
    QCOMPARE(t2v(args).exitCode, 0);
    const Run second = t2v(args);
    QCOMPARE(second.exitCode, 1);
    QVERIFY2(second.err.contains(u"--force"_s), qPrintable(second.err));
    QCOMPARE(t2v(args + QStringList{u"--force"_s}).exitCode, 0);
}

void TestScriptCommands::damagedProjectIsReported()
{
    const QString project = m_tmp->filePath(u"damaged"_s);
    QDir().mkpath(project);
    QFile f(QDir(project).filePath(u"project.json"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"schema_version\": 1, \"script\": ");
    f.close();
    const Run r = t2v({u"resume"_s, u"--project"_s, project});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"project.json is damaged"_s), qPrintable(r.err));
}

namespace {

QByteArray bytesOf(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

void TestScriptCommands::aBadArgumentChangesNothingOnDisk()
{
    const QString project = m_tmp->filePath(u"kept"_s);
    QCOMPARE(t2v({u"script"_s, u"--project"_s, project, u"--idea"_s, u"x y z"_s, u"--duration"_s,
                  u"24"_s})
                 .exitCode,
             0);
    // Again, so that there is a backup too.
    QCOMPARE(t2v({u"script"_s, u"--project"_s, project, u"--idea"_s, u"x y z"_s, u"--duration"_s,
                  u"24"_s, u"--force"_s})
                 .exitCode,
             0);
    const QString file = QDir(project).filePath(u"project.json"_s);
    const QByteArray before = bytesOf(file);
    const QByteArray backup = bytesOf(file + u".bak"_s);
    const Run r = t2v({u"script"_s, u"--project"_s, project, u"--idea"_s, u"new"_s, u"--force"_s,
                       u"--duration"_s, u"8"_s, u"--llm"_s, u"nosuch"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"nosuch"_s), qPrintable(r.err));
    QCOMPARE(bytesOf(file), before);
    QCOMPARE(bytesOf(file + u".bak"_s), backup);
    QVERIFY(ProjectStore::load(file).ok());
    QVERIFY(ProjectStore::load(file + u".bak"_s).ok());
}

void TestScriptCommands::resumeWithoutAnIdeaSaysSo()
{
    // What a kill at the very start of an older "t2v script" left: no idea, empty slots.
    const QString project = m_tmp->filePath(u"blank"_s);
    {
        Project p;
        p.script.durationSeconds = 64;
        ProjectStore store;
        QVERIFY(store.create(project, p).ok());
    }
    const Run r = t2v({u"resume"_s, u"--project"_s, project});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"no idea"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"0 of 8 scenes written"_s), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestScriptCommands)
#include "tst_scriptcommands.moc"

// Tests for the t2v program's render, status, resume (video part) and accounts commands.

#include "fakeapiserver.h"
#include "processrun.h"
#include "project/projectstore.h"
#include "providerroutes.h"
#include "testmedia.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

class TestVideoCommands final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void renderWithTheLocalAccountThenStatusShowsEveryJobDone();
    void renderUsageErrors_data();
    void renderUsageErrors();
    void renderOnVeoInterruptedThenResumed();
    void accountsAddListTestRemove();
    void statusOfADamagedProject();

private:
    ProcessRun t2v(const QStringList& args, const QProcessEnvironment& extra = {},
                   const QByteArray& stdinData = {});
    QString offlineProject(const QString& name, int seconds);
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestVideoCommands::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
}

ProcessRun TestVideoCommands::t2v(const QStringList& args, const QProcessEnvironment& extra,
                                  const QByteArray& stdinData)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"T2V_CONFIG_DIR"_s, m_tmp->filePath(u"config"_s));
    env.insert(u"T2V_CACHE_DIR"_s, m_tmp->filePath(u"cache"_s));
    env.insert(u"T2V_NO_KEYCHAIN"_s, u"1"_s);
    for (const QString& key : extra.keys())
        env.insert(key, extra.value(key));
    if (stdinData.isEmpty())
        return runProcess(QStringLiteral(T2V_BIN_DIR "/t2v"), args, env);
    // A key piped in.
    QFile input(m_tmp->filePath(u"stdin.txt"_s));
    input.open(QIODevice::WriteOnly);
    input.write(stdinData);
    input.close();
    const QStringList shellArgs =
        QStringList{u"-c"_s, u"exec \"$0\" \"$@\" < \"%1\""_s.arg(input.fileName()),
                    QStringLiteral(T2V_BIN_DIR "/t2v")} +
        args;
    return runProcess(u"/bin/sh"_s, shellArgs, env);
}

QString TestVideoCommands::offlineProject(const QString& name, int seconds)
{
    const QString dir = m_tmp->filePath(name);
    const ProcessRun r =
        t2v({u"script"_s, u"--project"_s, dir, u"--idea"_s, u"A kite over the city"_s,
             u"--duration"_s, QString::number(seconds), u"--scene-seconds"_s, u"4"_s});
    return r.exitCode == 0 ? dir : QString();
}

void TestVideoCommands::renderWithTheLocalAccountThenStatusShowsEveryJobDone()
{
    const QString project = offlineProject(u"local"_s, 12);
    QVERIFY(!project.isEmpty());
    const ProcessRun render =
        t2v({u"render"_s, u"--project"_s, project, u"--account"_s, u"local"_s});
    QVERIFY2(render.exitCode == 0, qPrintable(render.err));
    QVERIFY2(render.err.contains(u"3 done"_s), qPrintable(render.err));
    for (int n = 1; n <= 3; ++n) {
        const QString clip = QDir(project).filePath(u"clips/s00%1-v1.mp4"_s.arg(n));
        QVERIFY(QFileInfo::exists(clip));
        QVERIFY(qAbs(probeDuration(clip) - 4.0) < 0.05);
        QVERIFY(QFileInfo::exists(QDir(project).filePath(u"thumbs/s00%1-v1.jpg"_s.arg(n))));
    }
    const ProcessRun status = t2v({u"status"_s, u"--project"_s, project, u"--json"_s});
    QCOMPARE(status.exitCode, 0);
    const json::Json doc = json::Json::parse(status.out.toStdString());
    QCOMPARE(doc["jobs"].size(), 3u);
    for (const json::Json& j : doc["jobs"])
        QCOMPARE(j["state"].get<std::string>(), "done");
    QCOMPARE(doc["summary"]["done"].get<int>(), 3);
    QCOMPARE(doc["script"]["written"].get<int>(), 3);

    // Rendering again buys nothing: every scene already has its clip.
    const ProcessRun again = t2v({u"render"_s, u"--project"_s, project});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.err.contains(u"0 new clip(s)"_s), qPrintable(again.err));

    const ProcessRun human = t2v({u"status"_s, u"--project"_s, project});
    QVERIFY(human.out.contains(u"3 done"_s));
}

void TestVideoCommands::renderUsageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no project") << QStringList{} << 2 << u"--project is required"_s;
    QTest::newRow("scenes") << QStringList{u"--scenes"_s, u"9-2"_s} << 2 << u"not a valid range"_s;
    QTest::newRow("beyond") << QStringList{u"--scenes"_s, u"1-40"_s} << 2 << u"does not exist"_s;
    QTest::newRow("parallel") << QStringList{u"--parallel-downloads"_s, u"11"_s} << 2 << u"1-10"_s;
    QTest::newRow("unknown account")
        << QStringList{u"--account"_s, u"ghost"_s} << 1 << u"no account \"ghost\""_s;
    QTest::newRow("llm account") << QStringList{u"--account"_s, u"offline"_s} << 1
                                 << u"cannot make videos"_s;
}

void TestVideoCommands::renderUsageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, mentions);
    const QString project = offlineProject(u"errors"_s, 8);
    QVERIFY(!project.isEmpty());
    QStringList full{u"render"_s};
    if (!args.isEmpty() || code != 2 || mentions != u"--project is required"_s)
        full << u"--project"_s << project;
    const ProcessRun r = t2v(full + args);
    QCOMPARE(r.exitCode, code);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
}

void TestVideoCommands::renderOnVeoInterruptedThenResumed()
{
    FakeApiServer server;
    ProviderRoutesOptions options;
    options.renderTime = std::chrono::milliseconds(1500);
    auto routes = installProviderRoutes(server, options);
    QVERIFY(server.start());
    const QString project = offlineProject(u"veo"_s, 8);
    QVERIFY(!project.isEmpty());
    const ProcessRun added =
        t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"gem"_s, u"--provider"_s, u"gemini"_s,
             u"--base-url"_s, server.baseUrl(), u"--key-stdin"_s, u"--store"_s, u"file"_s},
            {}, "AIza-cli-key-0001\n");
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));

    // Stopped (as with Ctrl+C) after submitting: exit code 3.
    QProcess render;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"T2V_CONFIG_DIR"_s, m_tmp->filePath(u"config"_s));
    env.insert(u"T2V_NO_KEYCHAIN"_s, u"1"_s);
    render.setProcessEnvironment(env);
    render.start(QStringLiteral(T2V_BIN_DIR "/t2v"),
                 {u"render"_s, u"--project"_s, project, u"--account"_s, u"gem"_s});
    QTRY_COMPARE_WITH_TIMEOUT(routes->operationsCreated(), 2, 20000);
    QTest::qWait(300);
    render.terminate(); // SIGTERM, like Ctrl+C
    QTRY_VERIFY_WITH_TIMEOUT(render.state() == QProcess::NotRunning, 20000);
    QCOMPARE(render.exitCode(), 3);
    QVERIFY(QString::fromUtf8(render.readAllStandardError()).contains(u"t2v resume"_s));

    const ProcessRun resumed = t2v({u"resume"_s, u"--project"_s, project});
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    QCOMPARE(routes->operationsCreated(), 2); // nothing bought twice
    const auto loaded = ProjectStore::load(QDir(project).filePath(u"project.json"_s));
    for (const VideoJob& j : loaded->jobs)
        QCOMPARE(j.state, JobState::Done);
    for (const FakeRequest& r : server.requests(u"/v1beta/.*"_s))
        QCOMPARE(r.header("x-goog-api-key"), QByteArray("AIza-cli-key-0001"));
}

void TestVideoCommands::accountsAddListTestRemove()
{
    FakeApiServer server;
    auto routes = installProviderRoutes(server);
    routes->setKeyBehaviour(u"bad-key-000"_s, {401});
    QVERIFY(server.start());
    QCOMPARE(t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"good"_s, u"--provider"_s, u"openai"_s,
                  u"--base-url"_s, server.baseUrl() + u"/v1"_s, u"--model"_s, u"m"_s,
                  u"--key-stdin"_s, u"--store"_s, u"file"_s},
                 {}, "good-key-000\n")
                 .exitCode,
             0);
    QCOMPARE(t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"bad"_s, u"--provider"_s, u"fal"_s,
                  u"--base-url"_s, server.baseUrl() + u"/fal"_s, u"--key-stdin"_s, u"--store"_s,
                  u"file"_s},
                 {}, "bad-key-000\n")
                 .exitCode,
             0);
    const ProcessRun keychain = t2v(
        {u"accounts"_s, u"add"_s, u"--id"_s, u"kc"_s, u"--provider"_s, u"fal"_s, u"--key-stdin"_s},
        {}, "kc-key-000\n");
    QCOMPARE(keychain.exitCode, 1);
    QVERIFY2(keychain.err.contains(u"secrets file"_s), qPrintable(keychain.err));

    const ProcessRun list = t2v({u"accounts"_s, u"list"_s});
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains(u"good"_s) && list.out.contains(u"file"_s));
    QVERIFY(!list.out.contains(u"good-key-000"_s)); // never shown
    QVERIFY(!list.out.contains(u"kc "_s));
    QFile accounts(m_tmp->filePath(u"config/accounts.json"_s));
    QVERIFY(accounts.open(QIODevice::ReadOnly));
    QVERIFY(!accounts.readAll().contains("good-key-000"));

    const ProcessRun ok = t2v({u"accounts"_s, u"test"_s, u"--id"_s, u"good"_s});
    QCOMPARE(ok.exitCode, 0);
    QVERIFY(ok.out.contains(u"good: ok"_s));
    const ProcessRun bad = t2v({u"accounts"_s, u"test"_s, u"--id"_s, u"bad"_s});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.out.contains(u"bad: bad key"_s), qPrintable(bad.out));
    QCOMPARE(t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"far"_s, u"--provider"_s, u"openai"_s,
                  u"--base-url"_s, u"http://127.0.0.1:1/v1"_s, u"--model"_s, u"m"_s})
                 .exitCode,
             0);
    const ProcessRun far = t2v({u"accounts"_s, u"test"_s, u"--id"_s, u"far"_s});
    QCOMPARE(far.exitCode, 1);
    QVERIFY2(far.out.contains(u"far: unreachable"_s), qPrintable(far.out));

    QCOMPARE(t2v({u"accounts"_s, u"remove"_s, u"--id"_s, u"good"_s}).exitCode, 0);
    QVERIFY(!t2v({u"accounts"_s, u"list"_s}).out.contains(u"good"_s));
    QCOMPARE(t2v({u"accounts"_s, u"remove"_s, u"--id"_s, u"local"_s}).exitCode, 1);
    QCOMPARE(t2v({u"accounts"_s, u"fly"_s}).exitCode, 2);
}

void TestVideoCommands::statusOfADamagedProject()
{
    const QString dir = m_tmp->filePath(u"broken"_s);
    QDir().mkpath(dir);
    QFile f(QDir(dir).filePath(u"project.json"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[]");
    f.close();
    const ProcessRun r = t2v({u"status"_s, u"--project"_s, dir});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(u"does not hold a T2V Studio project"_s));
}

QTEST_GUILESS_MAIN(TestVideoCommands)
#include "tst_videocommands.moc"

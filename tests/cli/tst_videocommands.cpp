// Tests for the t2v program's render, status, resume (video part) and accounts commands.

#include "fakeapiserver.h"
#include "localgpuroutes.h"
#include "processrun.h"
#include "project/projectstore.h"
#include "providerroutes.h"
#include "testmedia.h"

#include <QDateTime>
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
    void aNewScriptNeedsForceAndKeepsTheClipsApart();
    void unconfirmedJobsKeepTheExitCodeAtOne();
    void aProjectThatPointsOutsideItsFolderIsRefused();
    void accountsAddTakesTheKeyFromTheEnvironment();
    void aDamagedSecretsFileIsKeptAndNamed();
    void verboseInfoIsNotCalledAnError();
    void discoveredModelsChooseAndGuardTheRender();
    void renderOnGeminiOmniFindsTheModelItself();
    void aBudgetStopsTheRenderAndARaiseGoesOn();
    void renderOnYourOwnGpu();
    void aWorkflowWithoutPromptIsRefusedBeforeAnyRequest();
    void referenceImagesGoWithTheClips();

private:
    ProcessRun t2v(const QStringList& args, const QProcessEnvironment& extra = {},
                   const QByteArray& stdinData = {});
    QString offlineProject(const QString& name, int seconds);
    void fastPolls();
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

void TestVideoCommands::fastPolls()
{
    QDir().mkpath(m_tmp->filePath(u"config"_s));
    QFile settings(m_tmp->filePath(u"config/settings.json"_s));
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write(R"({"version": 1, "poll_interval_seconds": 2})");
}

void TestVideoCommands::renderWithTheLocalAccountThenStatusShowsEveryJobDone()
{
    const QString project = offlineProject(u"local"_s, 12);
    QVERIFY(!project.isEmpty());
    // Scene 3 continues scene 2: it is rendered after it, from its last frame.
    const ProcessRun chained = t2v({u"keyframes"_s, u"--project"_s, project, u"--chain"_s, u"3"_s});
    QVERIFY2(chained.exitCode == 0 &&
                 chained.out.contains(u"scene   3  no keyframe; starts from the last frame of "
                                      u"scene 2"_s),
             qPrintable(chained.out + chained.err));
    QCOMPARE(t2v({u"keyframes"_s, u"--project"_s, project, u"--chain"_s, u"1"_s}).exitCode, 2);
    const ProcessRun dry =
        t2v({u"render"_s, u"--project"_s, project, u"--account"_s, u"local"_s, u"--dry-run"_s});
    QVERIFY2(dry.exitCode == 0 && dry.out.contains(u"total: free"_s), qPrintable(dry.out));
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
    // In order: scene 3 was sent once scene 2's clip was done.
    const auto loaded = ProjectStore::load(QDir(project).filePath(u"project.json"_s));
    QVERIFY(loaded.ok());
    QVERIFY(loaded->findJob(u"s003-v1"_s)->submittedAt >= loaded->findJob(u"s002-v1"_s)->updatedAt);
    QVERIFY(loaded->script.scenes[2].chained);

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

    // The next morning: the jobs were submitted ten hours ago.
    {
        const QString file = QDir(project).filePath(u"project.json"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        json::Json doc = json::Json::parse(f.readAll().toStdString());
        f.close();
        const QString evening =
            QDateTime::currentDateTimeUtc().addSecs(-36000).toString(Qt::ISODate);
        for (json::Json& j : doc["jobs"])
            j["submitted_at"] = evening.toStdString();
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QByteArray::fromStdString(doc.dump(2)));
    }
    const ProcessRun resumed = t2v({u"resume"_s, u"--project"_s, project});
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    QCOMPARE(routes->operationsCreated(), 2);                                // nothing bought twice
    QVERIFY(server.requestCount(u"/v1beta/models/.*/operations/.*"_s) >= 2); // polled, not failed
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
    accounts.close();
    // A fal account with no model chosen renders with the current default, Veo 3.1 Fast.
    QVERIFY2(list.out.contains(u"fal-ai/veo3.1/fast"_s), qPrintable(list.out));

    // fal's queue options: checked, then stored with the account.
    const ProcessRun tooShort =
        t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"late"_s, u"--provider"_s, u"fal"_s,
             u"--start-deadline"_s, u"1"_s, u"--key-stdin"_s, u"--store"_s, u"file"_s},
            {}, "late-key-000\n");
    QCOMPARE(tooShort.exitCode, 2);
    QVERIFY2(tooShort.err.contains(u"start deadline"_s), qPrintable(tooShort.err));
    QCOMPARE(t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"night"_s, u"--provider"_s, u"fal"_s,
                  u"--start-deadline"_s, u"1800"_s, u"--media-expiry"_s, u"604800"_s,
                  u"--key-stdin"_s, u"--store"_s, u"file"_s},
                 {}, "night-key-000\n")
                 .exitCode,
             0);
    QVERIFY(accounts.open(QIODevice::ReadOnly));
    const json::Json stored = json::parse(accounts.readAll(), nullptr);
    accounts.close();
    bool found = false;
    for (const json::Json& a : stored.value("accounts", json::Json::array())) {
        if (a.value("id", "") == "night") {
            found = true;
            QCOMPARE(a.value("start_deadline_seconds", 0), 1800);
            QCOMPARE(a.value("media_expiry_seconds", 0), 604800);
        }
    }
    QVERIFY2(found, stored.dump().c_str());
    QVERIFY(t2v({u"accounts"_s, u"remove"_s, u"--id"_s, u"night"_s}).exitCode == 0);

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

void TestVideoCommands::aNewScriptNeedsForceAndKeepsTheClipsApart()
{
    const QString project = offlineProject(u"rewrite"_s, 12); // 3 scenes of 4 s
    QVERIFY(!project.isEmpty());
    QCOMPARE(t2v({u"render"_s, u"--project"_s, project}).exitCode, 0);
    const QStringList again{u"script"_s, u"--project"_s,       project,
                            u"--idea"_s, u"Another"_s,         u"--duration"_s,
                            u"8"_s,      u"--scene-seconds"_s, u"4"_s};
    const ProcessRun refused = t2v(again);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"--force"_s), qPrintable(refused.err));

    const ProcessRun forced = t2v(again + QStringList{u"--force"_s});
    QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
    const QString file = QDir(project).filePath(u"project.json"_s);
    const auto loaded = ProjectStore::load(file);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QVERIFY(ProjectStore::load(file + u".bak"_s).ok());
    QCOMPARE(loaded->script.sceneCount(), 2);
    QCOMPARE(loaded->jobs.size(), 3);
    for (const VideoJob& j : loaded->jobs) {
        QVERIFY(j.orphaned); // made for the old scenes: kept, paid clips are never lost
        QVERIFY(QFileInfo::exists(QDir(project).filePath(j.clipPath)));
    }
    const ProcessRun status = t2v({u"status"_s, u"--project"_s, project});
    QVERIFY2(status.out.contains(u"former scene 3"_s), qPrintable(status.out));

    // One is used for the new scene 2, one is deleted with its files.
    const ProcessRun used = t2v({u"clips"_s, u"use"_s, u"--project"_s, project, u"--job"_s,
                                 u"s003-v1"_s, u"--scene"_s, u"2"_s});
    QVERIFY2(used.exitCode == 0, qPrintable(used.err));
    const ProcessRun deleted =
        t2v({u"clips"_s, u"delete"_s, u"--project"_s, project, u"--job"_s, u"s001-v1"_s});
    QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
    const auto after = ProjectStore::load(file);
    QVERIFY(after.ok());
    QCOMPARE(after->jobs.size(), 2);
    QVERIFY(after->jobFor(2, 1));
    QCOMPARE(after->jobFor(2, 1)->id, u"s003-v1"_s);
    QCOMPARE(after->settings.chosenVariants.value(2), 1);
    QVERIFY(!QFileInfo::exists(QDir(project).filePath(u"clips/s001-v1.mp4"_s)));
    // Scene 1 has no clip: render makes one, next to the orphan s002-v1.
    QCOMPARE(t2v({u"render"_s, u"--project"_s, project}).exitCode, 0);
    const auto rendered = ProjectStore::load(file);
    QCOMPARE(rendered->jobs.size(), 3);
    QCOMPARE(rendered->jobFor(1, 1)->state, JobState::Done);
}

void TestVideoCommands::unconfirmedJobsKeepTheExitCodeAtOne()
{
    const QString project = offlineProject(u"unconfirmed"_s, 8);
    QVERIFY(!project.isEmpty());
    {
        ProjectStore store;
        QVERIFY(store.open(project).ok());
        VideoJob job;
        job.id = u"s001-v1"_s;
        job.sceneNumber = 1;
        job.provider = u"local"_s;
        job.accountId = u"local"_s;
        job.state = JobState::Unconfirmed;
        job.failedStage = JobStage::Submit;
        job.error = u"The answer was lost."_s;
        store.project().jobs.append(job);
        store.markDirty();
        QVERIFY(store.flush().ok());
    }
    for (int i = 0; i < 2; ++i) {
        const ProcessRun r = t2v({u"resume"_s, u"--project"_s, project});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"unconfirmed"_s, Qt::CaseInsensitive), qPrintable(r.err));
    }
}

void TestVideoCommands::aProjectThatPointsOutsideItsFolderIsRefused()
{
    FakeApiServer server;
    installProviderRoutes(server);
    QVERIFY(server.start());
    const QString project = offlineProject(u"hostile"_s, 8);
    QVERIFY(!project.isEmpty());
    const QString target = m_tmp->filePath(u"escaped"_s);
    QString climb = QDir(QDir(project).filePath(u"clips"_s)).relativeFilePath(target);
    const QString file = QDir(project).filePath(u"project.json"_s);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    json::Json doc = json::Json::parse(f.readAll().toStdString());
    f.close();
    doc["jobs"] = json::Json::array(
        {{{"id", climb.toStdString()},
          {"scene", 1},
          {"provider", "local"},
          {"account", "local"},
          {"state", "ready"},
          {"remote_id", "local:abc"},
          {"video_url", QString(server.baseUrl() + u"/fal-cdn/x.mp4"_s).toStdString()}}});
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QByteArray::fromStdString(doc.dump(2)));
    f.close();
    const ProcessRun r = t2v({u"resume"_s, u"--project"_s, project});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"not a job id"_s), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(target + u".mp4"_s));
    QVERIFY(!QFileInfo::exists(target + u".mp4.part"_s));
    QVERIFY(!QFileInfo::exists(target + u".jpg"_s));
    QCOMPARE(server.requestCount(u".*"_s), 0);
}

void TestVideoCommands::accountsAddTakesTheKeyFromTheEnvironment()
{
    QProcessEnvironment env;
    env.insert(u"T2V_KEY_GEM2"_s, u"AIza-from-env-0002"_s);
    const ProcessRun r =
        t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"gem2"_s, u"--provider"_s, u"gemini"_s}, env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const ProcessRun list = t2v({u"accounts"_s, u"list"_s}, env);
    QVERIFY2(list.out.contains(u"environment"_s), qPrintable(list.out));
}

void TestVideoCommands::aDamagedSecretsFileIsKeptAndNamed()
{
    QDir().mkpath(m_tmp->filePath(u"config"_s));
    const QByteArray damaged = "{ \"version\": 1, \"keys\": { \"old\": \"k1\", } }";
    QFile f(m_tmp->filePath(u"config/secrets.json"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(damaged);
    f.close();
    const ProcessRun r = t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"newfal"_s, u"--provider"_s,
                              u"fal"_s, u"--key-stdin"_s, u"--store"_s, u"file"_s},
                             {}, "fal-key-new\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"secrets.json"_s) && r.err.contains(u"line 1"_s), qPrintable(r.err));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), damaged);
    QVERIFY(!t2v({u"accounts"_s, u"list"_s}).out.contains(u"newfal"_s));
}

void TestVideoCommands::verboseInfoIsNotCalledAnError()
{
    const QString project = offlineProject(u"verbose"_s, 8);
    QVERIFY(!project.isEmpty());
    const ProcessRun r = t2v({u"render"_s, u"--project"_s, project, u"--verbose"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(u"downloading s001-v1"_s), qPrintable(r.err));
    QVERIFY2(!r.err.contains(u"error:"_s), qPrintable(r.err));
}

void TestVideoCommands::discoveredModelsChooseAndGuardTheRender()
{
    FakeApiServer server;
    ProviderRoutesOptions options;
    options.renderTime = std::chrono::milliseconds(200);
    auto routes = installProviderRoutes(server, options);
    routes->setModelPageLimit(4); // 9 models: three pages, each asked with the last token
    QVERIFY(server.start());
    const auto addGemini = [&](const QString& id, const QStringList& extra) {
        return t2v(QStringList{u"accounts"_s, u"add"_s, u"--id"_s, id, u"--provider"_s, u"gemini"_s,
                               u"--base-url"_s, server.baseUrl(), u"--key-stdin"_s, u"--store"_s,
                               u"file"_s} +
                       extra,
                   {}, "AIza-cli-key-0001\n");
    };
    QCOMPARE(addGemini(u"gem"_s, {}).exitCode, 0);

    // Listed by kind; the models this account will use are marked.
    const ProcessRun listed = t2v({u"accounts"_s, u"models"_s, u"--id"_s, u"gem"_s});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    for (const QString& heading : {u"text:"_s, u"video:"_s, u"omni:"_s, u"image:"_s})
        QVERIFY2(listed.out.contains(heading), qPrintable(listed.out));
    QVERIFY2(listed.out.contains(u"* gemini-2.5-flash"_s), qPrintable(listed.out));
    QVERIFY2(listed.out.contains(u"* veo-3.1-fast-generate-preview"_s), qPrintable(listed.out));
    QVERIFY(listed.out.contains(u"gemini-omni-1.1-flash"_s));
    QVERIFY(!listed.out.contains(u"text-embedding-004"_s));
    QCOMPARE(server.requestCount(u"/v1beta/models"_s), 3);
    const auto pages = server.requests(u"/v1beta/models"_s);
    QCOMPARE(pages[1].query.queryItemValue(u"pageToken"_s), u"4"_s);
    QCOMPARE(pages[2].query.queryItemValue(u"pageToken"_s), u"8"_s);

    const ProcessRun kept =
        t2v({u"accounts"_s, u"models"_s, u"--id"_s, u"gem"_s, u"--json"_s, u"--cached"_s});
    QVERIFY2(kept.exitCode == 0, qPrintable(kept.err));
    QCOMPARE(server.requestCount(u"/v1beta/models"_s), 3); // --cached asks nothing
    const json::Json doc = json::parse(kept.out.toUtf8(), nullptr);
    QCOMPARE(json::optString(doc, "video_model"), u"veo-3.1-fast-generate-preview"_s);
    QCOMPARE(int(doc.value("models", json::Json::array()).size()), 9);

    // The key now serves Veo 3.1 but not Fast: with no model chosen, the render uses it.
    routes->setGeminiModels(json::Json::array(
        {{{"name", "models/gemini-2.5-flash"}, {"supportedGenerationMethods", {"generateContent"}}},
         {{"name", "models/veo-3.1-generate-preview"},
          {"supportedGenerationMethods", {"predictLongRunning"}}}}));
    QCOMPARE(t2v({u"accounts"_s, u"models"_s, u"--id"_s, u"gem"_s}).exitCode, 0);
    const QString project = offlineProject(u"served"_s, 8);
    QVERIFY(!project.isEmpty());
    const ProcessRun render = t2v({u"render"_s, u"--project"_s, project, u"--account"_s, u"gem"_s});
    QVERIFY2(render.exitCode == 0, qPrintable(render.err));
    const int sent = server.requestCount(u"/v1beta/models/[^/]+:predictLongRunning"_s);
    QVERIFY(sent >= 1);
    QCOMPARE(server.requestCount(u"/v1beta/models/veo-3.1-generate-preview:predictLongRunning"_s),
             sent);

    // A model the key cannot use: named with the ones it can, and nothing is sent or paid.
    QCOMPARE(addGemini(u"old"_s, {u"--video-model"_s, u"veo-3.1-lite-generate-001"_s}).exitCode, 0);
    const ProcessRun oldModels = t2v({u"accounts"_s, u"models"_s, u"--id"_s, u"old"_s});
    QCOMPARE(oldModels.exitCode, 1);
    QVERIFY2(oldModels.err.contains(u"veo-3.1-generate-preview"_s), qPrintable(oldModels.err));
    const int created = routes->operationsCreated();
    const QString second = offlineProject(u"refused"_s, 8);
    QVERIFY(!second.isEmpty());
    const ProcessRun refused = t2v({u"render"_s, u"--project"_s, second, u"--account"_s, u"old"_s});
    QVERIFY(refused.exitCode != 0);
    const QString said = refused.out + refused.err;
    QVERIFY2(said.contains(u"veo-3.1-lite-generate-001"_s), qPrintable(said));
    QVERIFY2(said.contains(u"Video models it can use: veo-3.1-generate-preview"_s),
             qPrintable(said));
    QCOMPARE(server.requestCount(u"/v1beta/models/veo-3.1-lite-generate-001:.*"_s), 0);
    QCOMPARE(routes->operationsCreated(), created);
}

void TestVideoCommands::renderOnGeminiOmniFindsTheModelItself()
{
    // A key that serves Gemini Omni and no Veo, an account that names no model and whose
    // models were never listed: the first submission asks, and every clip comes from Omni.
    FakeApiServer server;
    ProviderRoutesOptions options;
    options.renderTime = std::chrono::milliseconds(200);
    auto routes = installProviderRoutes(server, options);
    routes->setGeminiModels(
        json::Json::array({{{"name", "models/gemini-3.5-flash-lite"},
                            {"supportedGenerationMethods", {"generateContent"}}},
                           {{"name", "models/gemini-omni-1.1-flash"},
                            {"supportedGenerationMethods", {"generateContent"}}}}));
    QVERIFY(server.start());
    const ProcessRun added =
        t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"omni"_s, u"--provider"_s, u"gemini"_s,
             u"--base-url"_s, server.baseUrl(), u"--quota-group"_s, u"my-project-123"_s,
             u"--key-stdin"_s, u"--store"_s, u"file"_s},
            {}, "AIza-cli-key-0001\n");
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    const ProcessRun listed = t2v({u"accounts"_s, u"list"_s});
    const QString row = listed.out.section(u"\nomni "_s, 1, 1).section(u'\n', 0, 0);
    QVERIFY2(row.contains(u" auto "_s), qPrintable(listed.out)); // chosen on first use
    QVERIFY2(row.contains(u"(quota group my-project-123)"_s), qPrintable(listed.out));
    QCOMPARE(server.requestCount(u"/v1beta/models"_s), 0);
    QCOMPARE(t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"bad"_s, u"--provider"_s, u"gemini"_s,
                  u"--quota-group"_s, u"my project"_s, u"--key-stdin"_s},
                 {}, "AIza-cli-key-0001\n")
                 .exitCode,
             2);
    const QString project = offlineProject(u"omni"_s, 12);
    QVERIFY(!project.isEmpty());

    // What it would cost, before anything is bought: the key's list is asked (free), and the
    // 3 clips of 4 s on Omni at $0.10/s are $1.20.
    const ProcessRun dry =
        t2v({u"render"_s, u"--project"_s, project, u"--account"_s, u"omni"_s, u"--dry-run"_s});
    QVERIFY2(dry.exitCode == 0, qPrintable(dry.out + dry.err));
    QVERIFY2(dry.out.contains(u"3 clip(s) to buy"_s), qPrintable(dry.out));
    QVERIFY2(dry.out.contains(u"gemini-omni-1.1-flash"_s), qPrintable(dry.out));
    QVERIFY2(dry.out.contains(u"total: $1.20"_s), qPrintable(dry.out));
    QCOMPARE(server.requestCount(u"/v1beta/interactions.*"_s), 0);
    QCOMPARE(server.requestCount(u"/v1beta/models"_s), 1);
    QVERIFY(ProjectStore::load(QDir(project).filePath(u"project.json"_s))->jobs.isEmpty());

    const ProcessRun render =
        t2v({u"render"_s, u"--project"_s, project, u"--account"_s, u"omni"_s});
    QVERIFY2(render.exitCode == 0, qPrintable(render.out + render.err));
    QCOMPARE(server.requestCount(u"/v1beta/models"_s), 1); // asked once (by the dry run), kept
    QCOMPARE(server.requestCount(u"/v1beta/models/[^/]+:predictLongRunning"_s), 0);
    const auto created = server.requests(u"/v1beta/interactions"_s);
    QCOMPARE(created.size(), 3);
    for (const FakeRequest& r : created) {
        const json::Json body = r.json();
        QCOMPARE(json::optString(body, "model"), u"gemini-omni-1.1-flash"_s);
        QCOMPARE(QString::fromStdString(body["generation_config"]["video_config"]["task"]),
                 u"text_to_video"_s);
        QCOMPARE(json::optString(body["response_format"], "duration"), u"4s"_s);
        QCOMPARE(r.header("x-goog-api-key"), QByteArray("AIza-cli-key-0001"));
    }
    const auto loaded = ProjectStore::load(QDir(project).filePath(u"project.json"_s));
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->jobs.size(), 3);
    for (const VideoJob& j : loaded->jobs) {
        QCOMPARE(j.state, JobState::Done);
        QCOMPARE(j.model, u"gemini-omni-1.1-flash"_s); // what was bought
        QVERIFY(QFileInfo::exists(QDir(project).filePath(j.clipPath)));
        QVERIFY(!j.thumbPath.isEmpty());
        QVERIFY(QFileInfo::exists(QDir(project).filePath(j.thumbPath)));
    }
}

void TestVideoCommands::aBudgetStopsTheRenderAndARaiseGoesOn()
{
    // Four 4-second scenes on Veo 3.1 Fast ($0.15/s): $0.60 a clip, $2.40 in all.
    FakeApiServer server;
    auto routes = installProviderRoutes(server);
    QVERIFY(server.start());
    const QString project = offlineProject(u"budget"_s, 16);
    QVERIFY(!project.isEmpty());
    QVERIFY(t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"gem"_s, u"--provider"_s, u"gemini"_s,
                 u"--base-url"_s, server.baseUrl(), u"--video-model"_s,
                 u"veo-3.1-fast-generate-preview"_s, u"--key-stdin"_s, u"--store"_s, u"file"_s},
                {}, "AIza-cli-key-0001\n")
                .exitCode == 0);
    const QStringList render{u"render"_s, u"--project"_s, project, u"--account"_s, u"gem"_s};

    const ProcessRun dry = t2v(render + QStringList{u"--dry-run"_s});
    QVERIFY2(dry.exitCode == 0 && dry.out.contains(u"total: $2.40"_s), qPrintable(dry.out));
    QVERIFY2(dry.out.contains(u"4 clips"_s), qPrintable(dry.out));

    // Above the amount from which runs are confirmed, without a terminal and without --yes:
    // nothing is sent.
    {
        QFile settings(m_tmp->filePath(u"config/settings.json"_s));
        QVERIFY(settings.open(QIODevice::WriteOnly));
        settings.write(R"({"version": 1, "confirm_cost_above_usd": 2})");
    }
    const ProcessRun unconfirmed = t2v(render);
    QCOMPARE(unconfirmed.exitCode, 1);
    QVERIFY2(unconfirmed.err.contains(u"estimated at $2.40"_s) &&
                 unconfirmed.err.contains(u"--yes"_s),
             qPrintable(unconfirmed.err));
    QCOMPARE(routes->operationsCreated(), 0);

    // A budget of $1.20 buys two clips and stops with exit code 3.
    const ProcessRun first = t2v(render + QStringList{u"--yes"_s, u"--budget"_s, u"1.20"_s});
    QVERIFY2(first.exitCode == 3, qPrintable(first.err));
    QVERIFY2(first.err.contains(u"run's budget of $1.20 is reached"_s), qPrintable(first.err));
    QCOMPARE(routes->operationsCreated(), 2);
    const ProcessRun status = t2v({u"status"_s, u"--project"_s, project, u"--json"_s});
    const json::Json doc = json::Json::parse(status.out.toStdString());
    QCOMPARE(doc["spend"]["total_usd"].get<double>(), 1.20);
    QCOMPARE(doc["spend"]["by_account"]["gem"].get<double>(), 1.20);
    QCOMPARE(doc["summary"]["queued"].get<int>(), 2);
    for (const json::Json& j : doc["jobs"]) {
        if (j["state"] == "queued")
            QVERIFY(QString::fromStdString(j["error"].get<std::string>()).contains(u"budget"_s));
    }
    const ProcessRun human = t2v({u"status"_s, u"--project"_s, project});
    QVERIFY2(human.out.contains(u"spend:  $1.20"_s), qPrintable(human.out));

    // The cap is kept with the project: a plain resume stops at it too.
    const ProcessRun resumed = t2v({u"resume"_s, u"--project"_s, project});
    QVERIFY2(resumed.exitCode == 3, qPrintable(resumed.err));
    QVERIFY2(resumed.err.contains(u"resume --budget"_s), qPrintable(resumed.err));
    QCOMPARE(routes->operationsCreated(), 2);
    // Raised, it counts what the clips of the run already cost: $1.80 buys one more.
    const ProcessRun second = t2v({u"resume"_s, u"--project"_s, project, u"--budget"_s, u"1.80"_s});
    QVERIFY2(second.exitCode == 3, qPrintable(second.err));
    QCOMPARE(routes->operationsCreated(), 3);
    // Raised to the whole film: the last clip is bought and every clip is done.
    const ProcessRun third = t2v(render + QStringList{u"--yes"_s, u"--budget"_s, u"2.40"_s});
    QVERIFY2(third.exitCode == 0, qPrintable(third.err));
    QCOMPARE(routes->operationsCreated(), 4);
    QVERIFY2(third.err.contains(u"may have cost $2.40"_s), qPrintable(third.err));
    // Every charge is in the ledger that the per-account daily caps read.
    QFile ledger(m_tmp->filePath(u"config/spend.jsonl"_s));
    QVERIFY(ledger.open(QIODevice::ReadOnly));
    QCOMPARE(ledger.readAll().count('\n'), 4);
    // A budget that is not an amount is a usage error.
    QCOMPARE(t2v(render + QStringList{u"--budget"_s, u"ten"_s}).exitCode, 2);
}

void TestVideoCommands::referenceImagesGoWithTheClips()
{
    FakeApiServer server;
    ProviderRoutesOptions options;
    options.renderTime = std::chrono::milliseconds(300);
    auto routes = installProviderRoutes(server, options);
    QVERIFY(server.start());
    fastPolls();
    // Offline cards for every character, into refs/ and the bible.
    const QString project = offlineProject(u"refs"_s, 8);
    QVERIFY(!project.isEmpty());
    const ProcessRun made = t2v({u"refs"_s, u"--project"_s, project});
    QVERIFY2(made.exitCode == 0, qPrintable(made.out + made.err));
    QVERIFY2(made.out.contains(u".png  in use, made by local"_s), qPrintable(made.out));
    auto loaded = ProjectStore::load(QDir(project).filePath(u"project.json"_s));
    QVERIFY(loaded.ok());
    QHash<QString, QByteArray> cards; // character -> the bytes of its card
    for (const Character& c : loaded->script.characters) {
        QCOMPARE(c.approvedReferences().size(), 1);
        QFile f(QDir(project).filePath(c.references[0].file));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        cards.insert(c.name, f.readAll());
    }
    QVERIFY(!cards.isEmpty());
    // Run again: nothing to do, nothing replaced.
    const ProcessRun again = t2v({u"refs"_s, u"--project"_s, project});
    QVERIFY2(again.exitCode == 0 && again.err.contains(u"Every character has"_s),
             qPrintable(again.err));

    // A Gemini account (Veo 3.1 found from the key's list): referenceImages, as assets.
    QVERIFY(t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"gem"_s, u"--provider"_s, u"gemini"_s,
                 u"--base-url"_s, server.baseUrl(), u"--key-stdin"_s, u"--store"_s, u"file"_s},
                {}, "AIza-refs-key\n")
                .exitCode == 0);
    const ProcessRun render = t2v({u"render"_s, u"--project"_s, project, u"--account"_s, u"gem"_s});
    QVERIFY2(render.exitCode == 0, qPrintable(render.out + render.err));
    loaded = ProjectStore::load(QDir(project).filePath(u"project.json"_s));
    QVERIFY(loaded.ok());
    int sent = 0;
    for (const FakeRequest& r : server.requests()) {
        if (!r.path.endsWith(u":predictLongRunning"_s))
            continue;
        const json::Json instance = r.json()["instances"][0];
        QVERIFY2(instance.contains("referenceImages"), qPrintable(r.path));
        for (const json::Json& ref : instance["referenceImages"]) {
            QCOMPARE(ref["referenceType"].get<std::string>(), "ASSET");
            const QByteArray bytes = QByteArray::fromBase64(
                QByteArray::fromStdString(ref["image"]["bytesBase64Encoded"].get<std::string>()));
            QVERIFY(std::find(cards.cbegin(), cards.cend(), bytes) != cards.cend());
        }
        ++sent;
    }
    QCOMPARE(sent, int(loaded->jobs.size()));
    for (const VideoJob& j : loaded->jobs) {
        QCOMPARE(j.state, JobState::Done);
        const Scene* scene = loaded->script.scene(j.sceneNumber);
        QCOMPARE(j.references.size(), std::min<qsizetype>(scene->characters.size(), 3));
    }

    // A fal.ai account: the model family's reference-to-video route, images as data URIs.
    QVERIFY(t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"falacc"_s, u"--provider"_s, u"fal"_s,
                 u"--base-url"_s, server.baseUrl() + u"/fal"_s, u"--key-stdin"_s, u"--store"_s,
                 u"file"_s},
                {}, "fal-refs-key\n")
                .exitCode == 0);
    const QString second = offlineProject(u"refs-fal"_s, 4);
    QVERIFY(!second.isEmpty());
    QVERIFY(t2v({u"refs"_s, u"--project"_s, second}).exitCode == 0);
    const ProcessRun viaFal =
        t2v({u"render"_s, u"--project"_s, second, u"--account"_s, u"falacc"_s});
    QVERIFY2(viaFal.exitCode == 0, qPrintable(viaFal.out + viaFal.err));
    const auto routed = server.requests(u"/fal/fal-ai/veo3.1/fast/reference-to-video"_s);
    QCOMPARE(routed.size(), 1);
    const json::Json urls = routed[0].json()["image_urls"];
    QVERIFY(!urls.empty());
    QVERIFY(urls[0].get<std::string>().rfind("data:image/png;base64,", 0) == 0);

    // Keyframes: the clip starts from the scene's first frame, through /image-to-video.
    const QString third = offlineProject(u"keyframes"_s, 4);
    QVERIFY(!third.isEmpty());
    QVERIFY(t2v({u"refs"_s, u"--project"_s, third}).exitCode == 0);
    const ProcessRun keyframes = t2v({u"keyframes"_s, u"--project"_s, third});
    QVERIFY2(keyframes.exitCode == 0, qPrintable(keyframes.out + keyframes.err));
    QVERIFY2(keyframes.out.contains(u"Clips start from their scene's keyframe."_s) &&
                 keyframes.out.contains(u"scene   1  keyframes/s001-"_s),
             qPrintable(keyframes.out));
    const auto withKeyframe = ProjectStore::load(QDir(third).filePath(u"project.json"_s));
    QVERIFY(withKeyframe.ok());
    QFile keyframe(QDir(third).filePath(withKeyframe->script.scenes[0].keyframe));
    QVERIFY(keyframe.open(QIODevice::ReadOnly));
    const QByteArray frame = keyframe.readAll();
    const ProcessRun fromFrame =
        t2v({u"render"_s, u"--project"_s, third, u"--account"_s, u"falacc"_s});
    QVERIFY2(fromFrame.exitCode == 0, qPrintable(fromFrame.out + fromFrame.err));
    const auto started = server.requests(u"/fal/fal-ai/veo3.1/fast/image-to-video"_s);
    QCOMPARE(started.size(), 1);
    QCOMPARE(QByteArray::fromStdString(started[0].json()["image_url"].get<std::string>()),
             "data:image/png;base64," + frame.toBase64());
    // --off: text again, the keyframes kept.
    const ProcessRun off = t2v({u"keyframes"_s, u"--project"_s, third, u"--off"_s});
    QVERIFY2(off.exitCode == 0 && off.out.contains(u"do not start from keyframes"_s),
             qPrintable(off.out));
    QVERIFY(keyframe.exists());
}

QTEST_GUILESS_MAIN(TestVideoCommands)
#include "tst_videocommands.moc"

void TestVideoCommands::renderOnYourOwnGpu()
{
    // One fake GPU behind ComfyUI and one behind a /v1/videos server, 300 ms per clip.
    FakeApiServer server;
    auto routes = installProviderRoutes(server);
    auto gpu = installLocalGpuRoutes(server, routes, std::chrono::milliseconds(300));
    QVERIFY(server.start());
    fastPolls();
    // No key asked for: a local server has none (one can be stored for a proxy).
    const ProcessRun added = t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"comfy"_s, u"--provider"_s,
                                  u"comfyui"_s, u"--base-url"_s, server.baseUrl() + u"/comfy"_s});
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    QCOMPARE(t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"nourl"_s, u"--provider"_s, u"comfyui"_s})
                 .exitCode,
             2);
    const ProcessRun listed = t2v({u"accounts"_s, u"list"_s});
    const QString row = listed.out.section(u"\ncomfy "_s, 1, 1).section(u'\n', 0, 0);
    QVERIFY2(row.contains(u"wan2.1-t2v"_s), qPrintable(listed.out));
    QVERIFY2(row.contains(u" 1/600 "_s), qPrintable(listed.out)); // one job per GPU
    QVERIFY(t2v({u"accounts"_s, u"test"_s, u"--id"_s, u"comfy"_s}).exitCode == 0);

    const QString project = offlineProject(u"comfy"_s, 12);
    QVERIFY(!project.isEmpty());
    const ProcessRun dry =
        t2v({u"render"_s, u"--project"_s, project, u"--account"_s, u"comfy"_s, u"--dry-run"_s});
    QVERIFY2(dry.exitCode == 0 && dry.out.contains(u"total: free"_s), qPrintable(dry.out));
    const ProcessRun render =
        t2v({u"render"_s, u"--project"_s, project, u"--account"_s, u"comfy"_s});
    QVERIFY2(render.exitCode == 0, qPrintable(render.out + render.err));
    const auto loaded = ProjectStore::load(QDir(project).filePath(u"project.json"_s));
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->jobs.size(), 3);
    const QList<json::Json> graphs = gpu->comfyGraphs();
    QCOMPARE(graphs.size(), 3);
    QSet<QString> prompts;
    for (const json::Json& g : graphs) {
        prompts.insert(QString::fromStdString(g["6"]["inputs"]["text"].get<std::string>()));
        QCOMPARE(g["40"]["inputs"]["length"].get<int>(), 65); // 4 s at 16 fps, 4n+1
        QCOMPARE(g["40"]["inputs"]["width"].get<int>(), 832);
        QCOMPARE(g["50"]["class_type"].get<std::string>(), "SaveVideo");
    }
    QCOMPARE(prompts.size(), 3); // one clip per scene, each with its own prompt
    QVERIFY(!prompts.contains(QString()));
    for (const VideoJob& j : loaded->jobs) {
        QCOMPARE(j.state, JobState::Done);
        QCOMPARE(j.model, u"wan2.1-t2v"_s);
        QVERIFY(QFileInfo::exists(QDir(project).filePath(j.clipPath)));
        QVERIFY(QFileInfo::exists(QDir(project).filePath(j.thumbPath)));
    }
    // The GPU had the next clip waiting, never the whole run queued on it.
    QCOMPARE(gpu->comfyPeakLoad(), 2);

    // The same through an OpenAI-style video server.
    QVERIFY(t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"wan"_s, u"--provider"_s, u"openai-video"_s,
                 u"--base-url"_s, server.baseUrl() + u"/v1"_s})
                .exitCode == 0);
    const QString second = offlineProject(u"videos"_s, 8);
    QVERIFY(!second.isEmpty());
    const ProcessRun rendered =
        t2v({u"render"_s, u"--project"_s, second, u"--account"_s, u"wan"_s});
    QVERIFY2(rendered.exitCode == 0, qPrintable(rendered.out + rendered.err));
    const auto sent = gpu->videoRequests();
    QCOMPARE(sent.size(), 2);
    for (const auto& fields : sent) {
        QCOMPARE(fields.value(u"content_type"_s), QByteArray("multipart"));
        QCOMPARE(fields.value(u"num_frames"_s), QByteArray("65"));
        QCOMPARE(fields.value(u"seconds"_s), QByteArray("4"));
    }
    const auto done = ProjectStore::load(QDir(second).filePath(u"project.json"_s));
    QVERIFY(done.ok());
    for (const VideoJob& j : done->jobs) {
        QCOMPARE(j.state, JobState::Done);
        QVERIFY(QFileInfo::exists(QDir(second).filePath(j.clipPath)));
    }
}

void TestVideoCommands::aWorkflowWithoutPromptIsRefusedBeforeAnyRequest()
{
    FakeApiServer server;
    auto routes = installProviderRoutes(server);
    auto gpu = installLocalGpuRoutes(server, routes, std::chrono::milliseconds(300));
    QVERIFY(server.start());
    QFile shipped(u":/t2v/comfyui/wan2.1-t2v.json"_s);
    QVERIFY(shipped.open(QIODevice::ReadOnly));
    const QByteArray good = shipped.readAll();
    QByteArray bad = good;
    bad.replace("\"{{prompt}}\"", "\"a fixed text\"");
    const QString path = m_tmp->filePath(u"my-wan.json"_s);
    const auto write = [&](const QByteArray& text) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
    };
    // Refused when the account is added...
    write(bad);
    const ProcessRun refused =
        t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"mine"_s, u"--provider"_s, u"comfyui"_s,
             u"--base-url"_s, server.baseUrl() + u"/comfy"_s, u"--video-model"_s, path});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(u"nothing marks where the prompt goes"_s) &&
                 refused.err.contains(u"{{prompt}}"_s),
             qPrintable(refused.err));
    // ...and when the file lost its mark after the account was added: before any request.
    write(good);
    QCOMPARE(t2v({u"accounts"_s, u"add"_s, u"--id"_s, u"mine"_s, u"--provider"_s, u"comfyui"_s,
                  u"--base-url"_s, server.baseUrl() + u"/comfy"_s, u"--video-model"_s, path})
                 .exitCode,
             0);
    write(bad);
    const QString project = offlineProject(u"refused"_s, 8);
    QVERIFY(!project.isEmpty());
    const ProcessRun render =
        t2v({u"render"_s, u"--project"_s, project, u"--account"_s, u"mine"_s});
    QVERIFY(render.exitCode != 0);
    const QString said = render.out + render.err;
    QVERIFY2(said.contains(u"nothing marks where the prompt goes"_s), qPrintable(said));
    QCOMPARE(server.requestCount(u"/comfy/.*"_s), 0);
    QVERIFY(gpu->comfyGraphs().isEmpty());
}

// Crash trials: the real t2v program, killed with SIGKILL at seeded random moments of
// "t2v script", "t2v render" and "t2v resume" (sometimes twice in a row), then resumed until
// it is done, against the fake Veo / fal / chat server. Downloads are a few MB behind a
// bandwidth cap and change content at every attempt; job-creating POSTs on a reused
// connection are reset after the server made the job. Afterwards: every scene is written and
// never written again once it was on disk, every job is Done or Unconfirmed, no remote job was
// created twice, every clip is byte-identical to a version the server served, no .part is left,
// and project.json and its backup load after every kill.
//
// T2V_CRASH_TRIALS (default 12) and T2V_CRASH_SEED (default 1) choose the trials.

#include "fakeapiserver.h"
#include "jobs/spend.h"
#include "processrun.h"
#include "project/projectstore.h"
#include "providerroutes.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

namespace {

const QString kVeoSubmit = u"/v1beta/models/[^/]+:predictLongRunning"_s;
const QString kFalSubmit = u"/fal/fal-ai/veo3.1/fast"_s;

QByteArray fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

// Stops the trial at the first failed check inside a helper.
#define CHECKED(call)                                                                              \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

struct Outcome
{
    bool killed = false;
    int exitCode = -1;
    QString err;
};

} // namespace

class TestCrashTrials final : public QObject
{
    Q_OBJECT

private slots:
    void killedAtRandomMomentsNothingIsLostOrBoughtTwice();

private:
    void trial(int number, quint32 seed);
    // Runs t2v; kills it with SIGKILL after `killAfterMs` if it is still running (< 0: never).
    Outcome run(const QStringList& args, int killAfterMs);
    // After every run: both files load, and what is written is remembered.
    void checkOnDisk(const QString& when);
    void setUpAccounts(const QString& baseUrl);

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_project;
    FakeApiServer* m_server = nullptr;
    ProviderRoutes* m_routes = nullptr;
    // Scenes on disk, and how many scene requests the server had seen, after each run.
    QList<std::pair<QSet<int>, int>> m_written;
    QString m_log;
};

Outcome TestCrashTrials::run(const QStringList& args, int killAfterMs)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"T2V_CONFIG_DIR"_s, m_tmp->filePath(u"config"_s));
    env.insert(u"T2V_CACHE_DIR"_s, m_tmp->filePath(u"cache"_s));
    env.insert(u"T2V_NO_KEYCHAIN"_s, u"1"_s);
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(T2V_BIN_DIR "/t2v"), args);
    Outcome out;
    if (!p.waitForStarted(10000))
        return out;
    // The fake server runs on its own thread: blocking here does not stop it.
    if (!p.waitForFinished(killAfterMs < 0 ? 120000 : killAfterMs)) {
        p.kill(); // SIGKILL: no handler runs, nothing is flushed
        p.waitForFinished(10000);
        out.killed = true;
    } else {
        out.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }
    out.err = QString::fromUtf8(p.readAllStandardError());
    m_log += u"$ t2v %1 -> %2\n%3\n"_s.arg(args.join(u' '),
                                           out.killed ? u"killed after %1 ms"_s.arg(killAfterMs)
                                                      : u"exit %1"_s.arg(out.exitCode),
                                           out.err.right(600));
    return out;
}

void TestCrashTrials::checkOnDisk(const QString& when)
{
    const QString file = QDir(m_project).filePath(ProjectStore::kFileName);
    if (!QFileInfo::exists(file))
        return; // killed before the project existed
    const auto loaded = ProjectStore::load(file);
    if (!loaded)
        QFAIL(qPrintable(when + u": "_s + loaded.error().message + u"\n"_s + m_log));
    const QString backup = QDir(m_project).filePath(ProjectStore::kBackupName);
    if (QFileInfo::exists(backup)) {
        const auto previous = ProjectStore::load(backup);
        if (!previous)
            QFAIL(qPrintable(when + u": backup: "_s + previous.error().message + u"\n"_s + m_log));
    }
    QMap<QString, int> states;
    for (const VideoJob& j : loaded->jobs)
        ++states[jobStateName(j.state)];
    QStringList counts;
    for (auto it = states.cbegin(); it != states.cend(); ++it)
        counts.append(u"%1 %2"_s.arg(it.value()).arg(it.key()));
    m_log += u"  on disk: %1/%2 scenes, jobs: %3\n"_s.arg(loaded->script.writtenCount())
                 .arg(loaded->script.sceneCount())
                 .arg(counts.isEmpty() ? u"none"_s : counts.join(u", "_s));
    QSet<int> written;
    for (const Scene& s : loaded->script.scenes) {
        if (s.isWritten())
            written.insert(s.number);
    }
    m_written.append({written, int(m_routes->contexts(u"scene"_s).size())});
}

void TestCrashTrials::setUpAccounts(const QString& baseUrl)
{
    QDir().mkpath(m_tmp->filePath(u"config"_s));
    QFile settings(m_tmp->filePath(u"config/settings.json"_s));
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write(R"({"version": 1, "poll_interval_seconds": 2})");
    settings.close();
    const QList<QStringList> accounts{{u"writer"_s, u"openai"_s, u"--base-url"_s,
                                       baseUrl + u"/v1"_s, u"--model"_s, u"fake-model"_s},
                                      {u"gem"_s, u"gemini"_s, u"--base-url"_s, baseUrl},
                                      {u"fal"_s, u"fal"_s, u"--base-url"_s, baseUrl + u"/fal"_s,
                                       u"--video-model"_s, u"fal-ai/veo3.1/fast"_s}};
    for (const QStringList& a : accounts) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"T2V_CONFIG_DIR"_s, m_tmp->filePath(u"config"_s));
        env.insert(u"T2V_NO_KEYCHAIN"_s, u"1"_s);
        env.insert(u"T2V_KEY_"_s + a[0].toUpper(), u"key-"_s + a[0]);
        const ProcessRun r =
            runProcess(QStringLiteral(T2V_BIN_DIR "/t2v"),
                       QStringList{u"accounts"_s, u"add"_s, u"--id"_s, a[0], u"--provider"_s, a[1],
                                   u"--max-jobs"_s, u"4"_s, u"--rpm"_s, u"600"_s} +
                           a.mid(2),
                       env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
}

void TestCrashTrials::trial(int number, quint32 seed)
{
    QRandomGenerator rng(seed);
    m_tmp = std::make_unique<QTemporaryDir>();
    m_project = m_tmp->filePath(u"film"_s);
    m_written.clear();
    m_log.clear();
    const bool veo = number % 2 == 0;
    const QString account = veo ? u"gem"_s : u"fal"_s;

    FakeApiServer server;
    ProviderRoutesOptions options;
    options.renderTime = 1000ms;
    options.videoBytes = 2 * 1024 * 1024;
    options.changingContent = true;
    auto routes = installProviderRoutes(server, options);
    routes->setAnswerDelay([](const json::Json&) { return 250ms; });
    server.setBandwidth(3 * 1024 * 1024);
    server.resetReusedPosts(kVeoSubmit);
    server.resetReusedPosts(kFalSubmit);
    QVERIFY(server.start());
    routes->setBaseUrl(server.baseUrl());
    m_server = &server;
    m_routes = routes.get();
    CHECKED(setUpAccounts(server.baseUrl()));
    // Every account's key comes from the environment of the child processes.
    qputenv("T2V_KEY_WRITER", "key-writer");
    qputenv("T2V_KEY_GEM", "key-gem");
    qputenv("T2V_KEY_FAL", "key-fal");

    const QStringList script{u"script"_s,
                             u"--project"_s,
                             m_project,
                             u"--idea"_s,
                             u"A ferry crosses a frozen lake at dawn"_s,
                             u"--duration"_s,
                             u"24"_s,
                             u"--scene-seconds"_s,
                             u"8"_s,
                             u"--llm"_s,
                             u"writer"_s,
                             u"--batch-size"_s,
                             u"2"_s};
    const QStringList resume{u"resume"_s, u"--project"_s, m_project};

    // The script: killed while it is written, perhaps again while it is resumed.
    run(script, int(rng.bounded(20, 1100)));
    CHECKED(checkOnDisk(u"after the killed script"_s));
    if (rng.bounded(2) == 0) {
        run(QFileInfo::exists(QDir(m_project).filePath(u"project.json"_s)) ? resume : script,
            int(rng.bounded(20, 500)));
        CHECKED(checkOnDisk(u"after the killed resume of the script"_s));
    }
    for (int i = 0; i < 4; ++i) {
        const auto loaded = ProjectStore::load(QDir(m_project).filePath(u"project.json"_s));
        if (loaded && loaded->script.missingScenes().isEmpty())
            break;
        const Outcome o = run(
            QFileInfo::exists(QDir(m_project).filePath(u"project.json"_s)) ? resume : script, -1);
        QVERIFY2(o.exitCode == 0, qPrintable(m_log));
        CHECKED(checkOnDisk(u"after the script finished"_s));
    }

    // The clips: killed while they are made, then while they are resumed (maybe twice).
    // Killed before it saved a single job, render is what a person would run again.
    for (int i = 0; i < 3; ++i) {
        run({u"render"_s, u"--project"_s, m_project, u"--account"_s, account,
             u"--parallel-downloads"_s, u"3"_s},
            int(rng.bounded(50, 4500)));
        CHECKED(checkOnDisk(u"after the killed render"_s));
        const auto rendered = ProjectStore::load(QDir(m_project).filePath(u"project.json"_s));
        if (rendered && !rendered->jobs.isEmpty())
            break;
    }
    const int kills = 1 + int(rng.bounded(2));
    for (int k = 0; k < kills; ++k) {
        run(resume, int(rng.bounded(50, 3500)));
        CHECKED(checkOnDisk(u"after a killed resume"_s));
    }
    Outcome last;
    for (int i = 0; i < 4; ++i) {
        last = run(resume, -1);
        CHECKED(checkOnDisk(u"after a resume"_s));
        if (last.exitCode == 0)
            break;
        // Exit 1 is right only when a job is Unconfirmed (killed mid-submission).
        const auto loaded = ProjectStore::load(QDir(m_project).filePath(u"project.json"_s));
        QVERIFY(loaded.ok());
        bool onlyUnconfirmed = last.exitCode == 1;
        for (const VideoJob& j : loaded->jobs)
            onlyUnconfirmed = onlyUnconfirmed && j.state != JobState::Failed;
        if (onlyUnconfirmed)
            break;
    }

    // Everything the server was asked is known: check the result against it.
    QVERIFY(server.waitForIdle());
    const auto loaded = ProjectStore::load(QDir(m_project).filePath(u"project.json"_s));
    QVERIFY2(loaded.ok(), qPrintable(m_log));
    const Project& p = loaded.value();
    QCOMPARE(p.script.writtenCount(), p.script.sceneCount());
    // A scene on disk is never asked for again.
    const QList<json::Json> asked = routes->contexts(u"scene"_s);
    for (const auto& [written, seen] : std::as_const(m_written)) {
        for (int i = seen; i < asked.size(); ++i) {
            const int scene = asked[i].value("scene", 0);
            QVERIFY2(!written.contains(scene),
                     qPrintable(u"scene %1 was written again\n%2"_s.arg(scene).arg(m_log)));
        }
    }
    QCOMPARE(p.jobs.size(), p.script.sceneCount());
    const QList<FakeRequest> posts = server.requests(veo ? kVeoSubmit : kFalSubmit);
    QSet<QByteArray> versions;
    for (int v = 1; v <= routes->clipVersionsServed(); ++v)
        versions.insert(routes->clipBody(v)->sha256());
    for (const VideoJob& j : p.jobs) {
        QVERIFY2(
            j.state == JobState::Done || j.state == JobState::Unconfirmed,
            qPrintable(u"%1 is %2: %3\n%4"_s.arg(j.id, jobStateName(j.state), j.error, m_log)));
        int made = 0;
        for (const FakeRequest& r : posts) {
            const json::Json body = r.json();
            const json::Json& input = veo ? body["instances"][0] : body;
            made += QString::fromStdString(input.value("prompt", std::string())) == j.prompt;
        }
        QVERIFY2(made <= 1,
                 qPrintable(u"%1 was bought %2 times\n%3"_s.arg(j.id).arg(made).arg(m_log)));
        // Its spend survived the kills: charged once, before the request left (an
        // Unconfirmed job whose request may not have left counts too; never less).
        QVERIFY2(countedCharges(j).size() == 1,
                 qPrintable(u"%1 has %2 charge(s) counted\n%3"_s.arg(j.id)
                                .arg(countedCharges(j).size())
                                .arg(m_log)));
        if (j.state != JobState::Done)
            continue;
        QCOMPARE(made, 1);
        const QString clip = QDir(m_project).filePath(j.clipPath);
        QVERIFY2(versions.contains(fileSha256(clip)),
                 qPrintable(u"%1 is not a clip the server sent\n%2"_s.arg(j.id, m_log)));
        QVERIFY(QFileInfo::exists(QDir(m_project).filePath(j.thumbPath)));
    }
    QDirIterator parts(QDir(m_project).filePath(u"clips"_s), {u"*.part"_s, u"*.part.meta"_s});
    QVERIFY2(!parts.hasNext(), qPrintable(u"left behind: "_s + parts.next() + u"\n"_s + m_log));
    QVERIFY(ProjectStore::load(QDir(m_project).filePath(ProjectStore::kBackupName)).ok());
    if (qEnvironmentVariableIsSet("T2V_CRASH_VERBOSE"))
        qInfo("trial %d (%s):\n%s", number, veo ? "veo" : "fal", qPrintable(m_log));
    m_server = nullptr;
    m_routes = nullptr;
}

void TestCrashTrials::killedAtRandomMomentsNothingIsLostOrBoughtTwice()
{
    const int trials = qEnvironmentVariableIntValue("T2V_CRASH_TRIALS") > 0
                           ? qEnvironmentVariableIntValue("T2V_CRASH_TRIALS")
                           : 12;
    const quint32 seed = qEnvironmentVariableIntValue("T2V_CRASH_SEED") > 0
                             ? quint32(qEnvironmentVariableIntValue("T2V_CRASH_SEED"))
                             : 1u;
    for (int t = 0; t < trials; ++t) {
        trial(t, seed * 1000 + quint32(t));
        if (QTest::currentTestFailed()) {
            qWarning("trial %d (seed %u) failed", t, seed * 1000 + quint32(t));
            return;
        }
    }
}

QTEST_GUILESS_MAIN(TestCrashTrials)
#include "tst_crashtrials.moc"

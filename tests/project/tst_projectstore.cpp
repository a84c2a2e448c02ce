// Tests for ProjectStore: atomic saves, backups, autosave, locking, migrations and a table of
// damaged files that must give clear errors and change nothing on disk.

#include "project/projectstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;

namespace {

Project sampleProject()
{
    Project p;
    p.script.idea = u"A paper boat sails through a flooded city"_s;
    p.script.durationSeconds = 24;
    p.script.title = u"Paper Boat"_s;
    p.script.outline = {u"Launch"_s, u"Rapids"_s, u"Harbour"_s};
    p.script.layoutScenes();
    p.script.scenes[0].narration = u"A child lets the boat go."_s;
    p.script.scenes[0].status = SceneStatus::Written;
    VideoJob job;
    job.id = VideoJob::makeId(1, 1);
    job.sceneNumber = 1;
    job.provider = u"veo"_s;
    job.accountId = u"gemini"_s;
    job.state = JobState::Rendering;
    job.remoteId = u"models/veo/operations/op-1"_s;
    p.jobs.append(job);
    return p;
}

// Every file under `dir` with a hash of its content.
QMap<QString, QByteArray> snapshot(const QString& dir)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::Dirs | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QByteArray hash = "dir";
        if (it.fileInfo().isFile() && f.open(QIODevice::ReadOnly))
            hash = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1);
        out.insert(QDir(dir).relativeFilePath(path), hash);
    }
    return out;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

} // namespace

class TestProjectStore final : public QObject
{
    Q_OBJECT

private slots:
    void createAndReopen();
    void createMakesTheFolders();
    void flushWritesAtOnceAndKeepsBackup();
    void autosaveIsDebounced();
    void defaultAutosaveDelayIsOneSecond();
    void unchangedProjectIsNotRewritten();
    void crashBeforeRenameKeepsOldFile();
    void damagedFiles_data();
    void damagedFiles();
    void damagedFileOffersBackup();
    void secondOpenIsRefused();
    void saveFailureKeepsDataAndRetries();
    void saveNowWritesInOrderOffTheCallingThread();
    void saveNowReportsFailuresAndSkipsGoneCallers();
    void aSaveWritesTheProjectAsItWasWhenTaken();
    void modifiedAtFollowsRealChanges();
    void migrationsRunInOrder();
    void aShortenedFilmOfAnOlderVersionStillLoads();
    void jobsOfScenesThatAreGoneLoadAsOrphans();
    void changingTheLayoutKeepsEveryPaidClip();
    void aNewScriptKeepsTheOldClipsApart();
    void removingAClipRemovesItsFiles();
};

void TestProjectStore::createAndReopen()
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(u"Film"_s);
    {
        ProjectStore store;
        const Status s = store.create(dir, sampleProject());
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
    }
    ProjectStore store;
    const Status s = store.open(dir);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
    QCOMPARE(store.project().script.title, u"Paper Boat"_s);
    QCOMPARE(store.project().jobs.size(), 1);
    QCOMPARE(store.project().jobs[0].remoteId, u"models/veo/operations/op-1"_s);
    QCOMPARE(store.project().schemaVersion, Project::kSchemaVersion);
    QVERIFY(store.project().createdAt.isValid());
}

void TestProjectStore::createMakesTheFolders()
{
    QTemporaryDir tmp;
    ProjectStore store;
    QVERIFY(store.create(tmp.filePath(u"F"_s), sampleProject()).ok());
    for (const QString& sub : ProjectStore::subfolders())
        QVERIFY2(QFileInfo(tmp.filePath(u"F/"_s + sub)).isDir(), qPrintable(sub));
    // A second create in the same place must not overwrite the project.
    ProjectStore other;
    store.close();
    const Status again = other.create(tmp.filePath(u"F"_s), Project{});
    QVERIFY(!again.ok());
    QVERIFY(again.error().message.contains(u"already holds a project"_s));
}

void TestProjectStore::flushWritesAtOnceAndKeepsBackup()
{
    QTemporaryDir tmp;
    ProjectStore store;
    QVERIFY(store.create(tmp.path(), sampleProject()).ok());
    const QByteArray first = readFile(store.filePath());

    store.project().jobs[0].state = JobState::Ready;
    store.project().jobs[0].videoUrl = u"https://example.invalid/v.mp4"_s;
    store.markDirty();
    QVERIFY(store.flush().ok());
    QVERIFY(!store.isDirty());

    const Result<Project> onDisk = ProjectStore::load(store.filePath());
    QVERIFY(onDisk.ok());
    QCOMPARE(onDisk->jobs[0].state, JobState::Ready);
    QCOMPARE(readFile(tmp.filePath(ProjectStore::kBackupName)), first);
}

void TestProjectStore::autosaveIsDebounced()
{
    QTemporaryDir tmp;
    ProjectStore store;
    QVERIFY(store.create(tmp.path(), sampleProject()).ok());
    store.setAutosaveDelay(100ms);
    QSignalSpy saved(&store, &ProjectStore::saved);

    store.project().script.title = u"One"_s;
    store.markDirty();
    store.project().script.title = u"Two"_s;
    store.markDirty();
    store.project().script.title = u"Three"_s;
    store.markDirty();
    QCOMPARE(saved.count(), 0); // nothing written synchronously
    QCOMPARE(ProjectStore::load(store.filePath())->script.title, u"Paper Boat"_s);

    QVERIFY(saved.wait(5000));
    QCOMPARE(saved.count(), 1); // three changes, one save
    QCOMPARE(ProjectStore::load(store.filePath())->script.title, u"Three"_s);
}

void TestProjectStore::defaultAutosaveDelayIsOneSecond()
{
    QTemporaryDir tmp;
    ProjectStore store;
    QVERIFY(store.create(tmp.path(), sampleProject()).ok());
    QSignalSpy saved(&store, &ProjectStore::saved);
    store.project().script.logline = u"changed"_s;
    store.markDirty();
    // Keep changing it: later changes must not push the save further out.
    QTimer keepChanging;
    int n = 0;
    QObject::connect(&keepChanging, &QTimer::timeout, &store, [&] {
        store.project().script.logline = u"changed %1"_s.arg(++n);
        store.markDirty();
    });
    keepChanging.start(100);
    QVERIFY(saved.wait(5000));
    keepChanging.stop();
    QVERIFY2(n < 25, "a save must not wait for the changes to stop");
}

void TestProjectStore::unchangedProjectIsNotRewritten()
{
    QTemporaryDir tmp;
    ProjectStore store;
    QVERIFY(store.create(tmp.path(), sampleProject()).ok());
    const QByteArray before = readFile(store.filePath());
    store.markDirty();
    QVERIFY(store.flush().ok());
    QCOMPARE(readFile(store.filePath()), before);
    QVERIFY(!QFileInfo::exists(tmp.filePath(ProjectStore::kBackupName)));
}

void TestProjectStore::crashBeforeRenameKeepsOldFile()
{
    QTemporaryDir tmp;
    {
        ProjectStore store;
        QVERIFY(store.create(tmp.path(), sampleProject()).ok());
    }
    const QByteArray before = readFile(tmp.filePath(ProjectStore::kFileName));

    // A child process changes the project and dies between writing and renaming.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"T2V_CRASH_CHILD_DIR"_s, tmp.path());
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(30000));
    QCOMPARE(child.exitCode(), 42);

    QCOMPARE(readFile(tmp.filePath(ProjectStore::kFileName)), before);
    ProjectStore store;
    const Status reopened = store.open(tmp.path()); // the dead child's lock is stale
    QVERIFY2(reopened.ok(), qPrintable(reopened.ok() ? QString() : reopened.error().message));
    QCOMPARE(store.project().script.title, u"Paper Boat"_s);
}

void TestProjectStore::damagedFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("mentions");

    const QByteArray good = QByteArray::fromStdString(json::Json(sampleProject()).dump());
    QTest::newRow("empty") << QByteArray() << u"is empty"_s;
    QTest::newRow("whitespace") << QByteArray(" \n\t ") << u"is empty"_s;
    QTest::newRow("truncated") << good.left(good.size() / 2) << u"not valid JSON"_s;
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff garbage", 12) << u"not valid JSON"_s;
    QTest::newRow("array") << QByteArray("[1,2,3]") << u"expected a JSON object"_s;
    QTest::newRow("no version") << QByteArray(R"({"script":{}})") << u"schema_version"_s;
    QTest::newRow("version as text")
        << QByteArray(R"({"schema_version":"1"})") << u"schema_version"_s;
    QTest::newRow("newer version")
        << QByteArray(R"({"schema_version":99})") << u"newer T2V Studio"_s;
    QTest::newRow("version zero") << QByteArray(R"({"schema_version":0})") << u"impossible"_s;
    QTest::newRow("wrong type deep")
        << QByteArray(
               R"({"schema_version":1,"script":{"duration_seconds":16,"scenes":[{"number":1,"duration":"eight"}]}})")
        << u"/script/scenes/0/duration"_s;
    QTest::newRow("jobs not a list")
        << QByteArray(R"({"schema_version":1,"jobs":{}})") << u"/jobs"_s;
    QTest::newRow("duplicate job ids")
        << QByteArray(
               R"({"schema_version":1,"jobs":[{"id":"a","scene":1,"provider":"local","state":"queued"},{"id":"a","scene":1,"provider":"local","state":"queued"}]})")
        << u"two jobs"_s;
    // A project file may come from someone else: nothing in it may lead outside the folder.
    auto job = [](const char* fields) -> QByteArray {
        return QByteArray(
                   R"({"schema_version":1,"jobs":[{"scene":1,"provider":"veo","state":"ready",)") +
               fields + "}]}";
    };
    QTest::newRow("job id climbs out")
        << job(R"("id":"../../../../tmp/x","video_url":"http://127.0.0.1:1/x")")
        << u"not a job id"_s;
    QTest::newRow("job id with a slash") << job(R"("id":"clips/x")") << u"not a job id"_s;
    QTest::newRow("job id absolute") << job(R"("id":"/tmp/x")") << u"not a job id"_s;
    QTest::newRow("clip absolute")
        << job(R"("id":"s001-v1","clip":"/home/someone/.bashrc")") << u"not a path inside"_s;
    QTest::newRow("clip climbs out")
        << job(R"("id":"s001-v1","clip":"clips/../../x.mp4")") << u"not a path inside"_s;
    QTest::newRow("thumbnail with a backslash")
        << job(R"("id":"s001-v1","thumbnail":"thumbs\\..\\..\\x.jpg")") << u"not a path inside"_s;
    QTest::newRow("account id climbs out")
        << job(R"("id":"s001-v1","account":"../x")") << u"not an account id"_s;
    QTest::newRow("remote id climbs out")
        << job(R"("id":"s001-v1","remote_id":"local:../../../etc/passwd")") << u"remote job id"_s;
    QTest::newRow("video from another scheme")
        << job(R"("id":"s001-v1","video_url":"ftp://example.com/x.mp4")") << u"usable address"_s;
    QTest::newRow("bad settings") << QByteArray(
                                         R"({"schema_version":1,"settings":{"batch_size":50}})")
                                  << u"batch size 50"_s;
    QTest::newRow("negative budget")
        << QByteArray(R"({"schema_version":1,"settings":{"budget_usd":-5}})") << u"a budget is"_s;
    QTest::newRow("run budget of text")
        << QByteArray(R"({"schema_version":1,"settings":{"run_budget":{"usd":"ten"}}})")
        << u"run_budget"_s;
    QTest::newRow("negative charge")
        << job(R"("id":"s001-v1","charges":[{"at":"2026-11-27T09:00:00Z","usd":-1}])")
        << u"a charge is"_s;
}

void TestProjectStore::damagedFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, mentions);
    QTemporaryDir tmp;
    writeFile(tmp.filePath(ProjectStore::kFileName), content);
    const auto before = snapshot(tmp.path());

    ProjectStore store;
    const Status s = store.open(tmp.path());
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(mentions), qPrintable(s.error().message));
    QVERIFY2(s.error().message.contains(ProjectStore::kFileName), qPrintable(s.error().message));
    QVERIFY(!store.isOpen());
    QCOMPARE(snapshot(tmp.path()), before); // nothing written, nothing created
}

void TestProjectStore::damagedFileOffersBackup()
{
    QTemporaryDir tmp;
    {
        ProjectStore store;
        QVERIFY(store.create(tmp.path(), sampleProject()).ok());
        store.project().script.title = u"Second version"_s;
        store.markDirty();
        QVERIFY(store.flush().ok());
    }
    writeFile(tmp.filePath(ProjectStore::kFileName), "{\"schema_version\": 1, \"scri");
    ProjectStore store;
    const Status s = store.open(tmp.path());
    QVERIFY(!s.ok());
    QVERIFY2(s.error().detail.contains(ProjectStore::kBackupName), qPrintable(s.error().detail));

    const Status restored = store.openBackup(tmp.path());
    QVERIFY(restored.ok());
    QCOMPARE(store.project().script.title, u"Paper Boat"_s);
    const QStringList kept = QDir(tmp.path()).entryList({u"project.json.damaged-*"_s});
    QCOMPARE(kept.size(), 1);
    QVERIFY(ProjectStore::load(store.filePath()).ok());
}

void TestProjectStore::secondOpenIsRefused()
{
    QTemporaryDir tmp;
    ProjectStore first;
    QVERIFY(first.create(tmp.path(), sampleProject()).ok());
    ProjectStore second;
    const Status s = second.open(tmp.path());
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(u"already open"_s), qPrintable(s.error().message));
    first.close();
    QVERIFY(second.open(tmp.path()).ok());
}

void TestProjectStore::saveFailureKeepsDataAndRetries()
{
    QTemporaryDir tmp;
    ProjectStore store;
    QVERIFY(store.create(tmp.path(), sampleProject()).ok());
    QSignalSpy failed(&store, &ProjectStore::saveFailed);

    // Works as root too: a directory where the file must go makes the final rename fail.
    const QString file = store.filePath();
    QVERIFY(QFile::remove(file));
    QVERIFY(QDir().mkpath(file + u"/blocker"_s));

    store.project().script.title = u"Unsaved but kept"_s;
    store.markDirty();
    const Status s = store.flush();
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(ProjectStore::kFileName), qPrintable(s.error().message));
    QCOMPARE(failed.count(), 1);
    QVERIFY(store.isDirty());
    QCOMPARE(store.project().script.title, u"Unsaved but kept"_s);

    QVERIFY(QDir(file).removeRecursively());
    QVERIFY(store.flush().ok());
    QCOMPARE(ProjectStore::load(file)->script.title, u"Unsaved but kept"_s);
}

void TestProjectStore::saveNowWritesInOrderOffTheCallingThread()
{
    QTemporaryDir tmp;
    ProjectStore store;
    QVERIFY(store.create(tmp.path(), sampleProject()).ok());
    // The disk is written on the writer thread, never on the caller's.
    const QThread* caller = QThread::currentThread();
    const QThread* writer = nullptr;
    int writes = 0;
    store.setBeforeCommitHook([&] {
        writer = QThread::currentThread();
        ++writes;
    });
    QStringList seenOnDisk;
    auto save = [&](const QString& title) {
        store.project().script.title = title;
        store.saveNow(this, [&, title](const Status& s) {
            QVERIFY(s.ok());
            // When the callback runs, this version (or a newer one) is on disk.
            seenOnDisk.append(ProjectStore::load(store.filePath())->script.title);
            QVERIFY2(seenOnDisk.last() >= title, qPrintable(seenOnDisk.last()));
        });
    };
    // One burst, one write: every caller learns that its change (and the later ones) is saved.
    save(u"A1"_s);
    save(u"A2"_s);
    save(u"A3"_s);
    QCOMPARE(store.pendingSaves(), 3);
    QTRY_COMPARE(seenOnDisk.size(), 3);
    QCOMPARE(seenOnDisk, (QStringList{u"A3"_s, u"A3"_s, u"A3"_s}));
    QCOMPARE(writes, 1);
    QCOMPARE(store.pendingSaves(), 0);
    QVERIFY(writer && writer != caller);

    // Separate bursts are written one after the other, in order.
    seenOnDisk.clear();
    save(u"B1"_s);
    QCoreApplication::processEvents(); // serialised and on its way to the writer
    save(u"B2"_s);
    QTRY_COMPARE(seenOnDisk.size(), 2);
    QCOMPARE(seenOnDisk.last(), u"B2"_s);
    QCOMPARE(writes, 3);
    // The version before the last one is the backup.
    QCOMPARE(ProjectStore::load(QDir(tmp.path()).filePath(ProjectStore::kBackupName))->script.title,
             u"B1"_s);

    // Closing waits for saves on their way: the last change is on disk.
    store.project().script.title = u"C1"_s;
    store.saveNow();
    store.close();
    QCOMPARE(ProjectStore::load(QDir(tmp.path()).filePath(ProjectStore::kFileName))->script.title,
             u"C1"_s);
}

void TestProjectStore::aSaveWritesTheProjectAsItWasWhenTaken()
{
    QTemporaryDir tmp;
    ProjectStore store;
    QVERIFY(store.create(tmp.path(), sampleProject()).ok());
    // The writer thread serialises a copy of the project: changes made on the owner's thread
    // while it works belong to the next save, not to this one, and never race with it.
    QSemaphore writing;
    QSemaphore goOn;
    store.setBeforeCommitHook([&] {
        writing.release();
        goOn.acquire();
    });
    bool done = false;
    store.project().script.title = u"Taken"_s;
    store.saveNow(this, [&](const Status& s) {
        QVERIFY(s.ok());
        done = true;
    });
    // Whatever happens below, the writer is let go, or closing the store would wait forever.
    const auto letGo = qScopeGuard([&] {
        store.setBeforeCommitHook({});
        goOn.release(1000);
    });
    // available(), not tryAcquire(): QTRY_VERIFY evaluates its condition once more at the end.
    QTRY_COMPARE(writing.available(), 1);
    for (int i = 0; i < 200; ++i) {
        store.project().script.title = u"Changed %1"_s.arg(i);
        store.project().script.scenes[0].narration = u"Narration %1"_s.arg(i);
        store.project().jobs.clear();
    }
    goOn.release();
    QTRY_VERIFY(done);
    const auto onDisk = ProjectStore::load(store.filePath());
    QVERIFY(onDisk.ok());
    QCOMPARE(onDisk->script.title, u"Taken"_s);
    QCOMPARE(onDisk->script.scenes[0].narration, sampleProject().script.scenes[0].narration);
    QCOMPARE(onDisk->jobs.size(), sampleProject().jobs.size());

    // The next save takes the changes.
    store.setBeforeCommitHook({});
    QVERIFY(store.flush().ok());
    const auto next = ProjectStore::load(store.filePath());
    QVERIFY(next.ok());
    QCOMPARE(next->script.title, u"Changed 199"_s);
    QCOMPARE(next->script.scenes[0].narration, u"Narration 199"_s);
    QVERIFY(next->jobs.isEmpty());
}

void TestProjectStore::modifiedAtFollowsRealChanges()
{
    QTemporaryDir tmp;
    ProjectStore store;
    QVERIFY(store.create(tmp.path(), sampleProject()).ok());
    const QDateTime created = ProjectStore::load(store.filePath())->modifiedAt;
    QVERIFY(created.isValid());
    QCOMPARE(store.project().modifiedAt, created);

    // Nothing changed: the file and its time stay.
    bool done = false;
    store.saveNow(this, [&](const Status&) { done = true; });
    QTRY_VERIFY(done);
    QCOMPARE(ProjectStore::load(store.filePath())->modifiedAt, created);
    QCOMPARE(store.project().modifiedAt, created);

    // A change: the time on disk moves on and the project in memory learns it.
    QTest::qWait(5);
    store.project().script.title = u"Retitled"_s;
    done = false;
    store.saveNow(this, [&](const Status&) { done = true; });
    QTRY_VERIFY(done);
    const QDateTime changed = ProjectStore::load(store.filePath())->modifiedAt;
    QVERIFY2(changed > created, qPrintable(changed.toString(Qt::ISODateWithMs)));
    QCOMPARE(store.project().modifiedAt, changed);
}

void TestProjectStore::saveNowReportsFailuresAndSkipsGoneCallers()
{
    QTemporaryDir tmp;
    ProjectStore store;
    QVERIFY(store.create(tmp.path(), sampleProject()).ok());
    QSignalSpy failed(&store, &ProjectStore::saveFailed);
    const QString file = store.filePath();
    QVERIFY(QFile::remove(file));
    QVERIFY(QDir().mkpath(file + u"/blocker"_s));

    store.project().script.title = u"Unsaved but kept"_s;
    std::optional<Status> result;
    store.saveNow(this, [&](const Status& s) { result = s; });
    bool goneCalled = false;
    {
        QObject gone;
        store.saveNow(&gone, [&](const Status&) { goneCalled = true; });
    }
    QTRY_VERIFY(result.has_value());
    QVERIFY(!result->ok());
    QVERIFY(result->error().message.contains(ProjectStore::kFileName));
    QTRY_COMPARE(store.pendingSaves(), 0);
    QVERIFY(!goneCalled);
    QVERIFY(failed.count() >= 1);
    QVERIFY(store.isDirty());

    // The next save writes it, whatever happened in between.
    QVERIFY(QDir(file).removeRecursively());
    QVERIFY(store.flush().ok());
    QCOMPARE(ProjectStore::load(file)->script.title, u"Unsaved but kept"_s);
}

void TestProjectStore::migrationsRunInOrder()
{
    QList<Migration> steps{
        {1, [](json::Json& d) { d["added_in_2"] = true; }},
        {2, [](json::Json& d) { d["added_in_3"] = d.value("added_in_2", false); }},
    };
    json::Json doc = {{"schema_version", 1}};
    QCOMPARE(migrateProjectDocument(doc, 1, 3, steps), QString());
    QCOMPARE(doc["schema_version"].get<int>(), 3);
    QVERIFY(doc["added_in_3"].get<bool>());

    json::Json gap = {{"schema_version", 1}};
    const QString why = migrateProjectDocument(gap, 1, 4, steps);
    QVERIFY2(why.contains(u"from project format 3 to 4"_s), qPrintable(why));
    QVERIFY(projectMigrations().isEmpty()); // format 1 is the only one so far
}

// The child of crashBeforeRenameKeepsOldFile: dies where a power cut would hurt most.
void TestProjectStore::aShortenedFilmOfAnOlderVersionStillLoads()
{
    // Written by a version that saved a shorter length without dropping the scenes.
    QTemporaryDir tmp;
    writeFile(tmp.filePath(ProjectStore::kFileName),
              R"({"schema_version":1,"script":{"idea":"x","duration_seconds":8,"scene_seconds":8,
                  "scenes":[{"number":1,"status":"written","narration":"one"},
                            {"number":2,"status":"written","narration":"two"},
                            {"number":3,"status":"written","narration":"three"}]}})");
    ProjectStore store;
    const Status s = store.open(tmp.path());
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
    const Script& script = store.project().script;
    QCOMPARE(script.sceneCount(), 3); // the length grew back to hold every written scene
    QCOMPARE(script.writtenCount(), 3);
    QCOMPARE(script.scenes[2].narration, u"three"_s);
}

void TestProjectStore::jobsOfScenesThatAreGoneLoadAsOrphans()
{
    QTemporaryDir tmp;
    writeFile(tmp.filePath(ProjectStore::kFileName),
              R"({"schema_version":1,"script":{"duration_seconds":8},"jobs":[
            {"id":"s002-v1","scene":2,"provider":"veo","account":"gem","state":"done",
             "remote_id":"models/veo/operations/op-7","clip":"clips/s002-v1.mp4"}]})");
    ProjectStore store;
    QVERIFY(store.open(tmp.path()).ok());
    const VideoJob& job = store.project().jobs.value(0);
    QVERIFY(job.orphaned);
    QCOMPARE(job.clipPath, u"clips/s002-v1.mp4"_s);
    QVERIFY(store.project().jobsForScene(2).isEmpty());
}

void TestProjectStore::changingTheLayoutKeepsEveryPaidClip()
{
    QTemporaryDir tmp;
    Project p = sampleProject(); // 3 scenes of 8 s
    for (Scene& scene : p.script.scenes)
        scene.status = SceneStatus::Written;
    VideoJob done = p.jobs[0];
    done.id = VideoJob::makeId(3, 1);
    done.sceneNumber = 3;
    done.state = JobState::Done;
    done.clipPath = u"clips/s003-v1.mp4"_s;
    VideoJob queued = done;
    queued.id = VideoJob::makeId(3, 2);
    queued.variant = 2;
    queued.state = JobState::Queued;
    queued.remoteId.clear();
    queued.clipPath.clear();
    p.jobs << done << queued;
    p.settings.chosenVariants.insert(3, 1);
    ProjectStore store;
    QVERIFY(store.create(tmp.path(), p).ok());

    const Project::JobsAfterLayout result = store.project().changeLayout(16, 8);
    QCOMPARE(result.orphaned, QStringList{u"s003-v1"_s}); // paid: kept apart
    QCOMPARE(result.removed, QStringList{u"s003-v2"_s});  // never sent: gone
    QCOMPARE(store.project().script.sceneCount(), 2);
    QVERIFY(!store.project().settings.chosenVariants.contains(3));
    store.markDirty();
    QVERIFY(store.flush().ok());
    store.close();

    // Every write stays loadable: the file and its backup.
    QVERIFY(ProjectStore::load(tmp.filePath(ProjectStore::kFileName)).ok());
    QVERIFY(ProjectStore::load(tmp.filePath(ProjectStore::kBackupName)).ok());
    QVERIFY(store.open(tmp.path()).ok());
    const VideoJob* kept = store.project().findJob(u"s003-v1"_s);
    QVERIFY(kept && kept->orphaned);
    QCOMPARE(kept->clipPath, u"clips/s003-v1.mp4"_s);

    // Back to three scenes: a new clip of scene 3 gets an id of its own, the orphan stays.
    store.project().changeLayout(24, 8);
    QCOMPARE(store.project().freeJobId(3, 1), u"s003-v1-r2"_s);
    QVERIFY(!store.project().jobFor(3, 1));
    // Used for scene 3 after all: it becomes its next variant.
    QCOMPARE(store.project().attachOrphan(u"s003-v1"_s, 3), 1);
    QCOMPARE(store.project().jobFor(3, 1)->id, u"s003-v1"_s);
}

void TestProjectStore::aNewScriptKeepsTheOldClipsApart()
{
    Project p = sampleProject();
    p.jobs[0].state = JobState::Unconfirmed; // may be paid
    VideoJob failed = p.jobs[0];
    failed.id = u"s002-v1"_s;
    failed.sceneNumber = 2;
    failed.state = JobState::Failed;
    failed.remoteId.clear(); // refused before anything was made
    p.jobs << failed;
    const Project::JobsAfterLayout result = p.detachAllJobs();
    QCOMPARE(result.orphaned, QStringList{u"s001-v1"_s});
    QCOMPARE(result.removed, QStringList{u"s002-v1"_s});
    QVERIFY(p.jobsForScene(1).isEmpty());
}

void TestProjectStore::removingAClipRemovesItsFiles()
{
    QTemporaryDir tmp;
    Project p = sampleProject();
    p.jobs[0].state = JobState::Done;
    p.jobs[0].clipPath = u"clips/s001-v1.mp4"_s;
    p.jobs[0].thumbPath = u"thumbs/s001-v1.jpg"_s;
    ProjectStore store;
    QVERIFY(store.create(tmp.path(), p).ok());
    writeFile(tmp.filePath(u"clips/s001-v1.mp4"_s), "clip");
    writeFile(tmp.filePath(u"thumbs/s001-v1.jpg"_s), "thumb");
    writeFile(tmp.filePath(u"clips/other.mp4"_s), "another clip");
    QVERIFY(store.removeJob(u"s001-v1"_s).ok());
    QVERIFY(store.project().jobs.isEmpty());
    QVERIFY(!QFile::exists(tmp.filePath(u"clips/s001-v1.mp4"_s)));
    QVERIFY(!QFile::exists(tmp.filePath(u"thumbs/s001-v1.jpg"_s)));
    QVERIFY(QFile::exists(tmp.filePath(u"clips/other.mp4"_s)));

    store.project().jobs.append(sampleProject().jobs[0]); // rendering: still being made
    const Status refused = store.removeJob(u"s001-v1"_s);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message.contains(u"still being made"_s));
}

static int crashChild(const QString& dir)
{
    ProjectStore store;
    if (!store.open(dir).ok())
        return 1;
    store.project().script.title = u"Never committed"_s;
    store.markDirty();
    store.setBeforeCommitHook([] { std::_Exit(42); });
    (void)store.flush();
    return 2;
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QString crashDir = qEnvironmentVariable("T2V_CRASH_CHILD_DIR");
    if (!crashDir.isEmpty())
        return crashChild(crashDir);
    TestProjectStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_projectstore.moc"

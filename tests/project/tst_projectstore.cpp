// Tests for ProjectStore: atomic saves, backups, autosave, locking, migrations and a table of
// damaged files that must give clear errors and change nothing on disk.

#include "project/projectstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
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
    void migrationsRunInOrder();
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
    QTest::newRow("job beyond the script")
        << QByteArray(
               R"({"schema_version":1,"script":{"duration_seconds":8},"jobs":[{"id":"a","scene":5,"provider":"local","state":"queued"}]})")
        << u"scene 5"_s;
    QTest::newRow("bad settings") << QByteArray(
                                         R"({"schema_version":1,"settings":{"batch_size":50}})")
                                  << u"batch size 50"_s;
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

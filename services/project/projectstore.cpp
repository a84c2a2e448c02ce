#include "projectstore.h"

#include "core/async.h"
#include "core/logging.h"
#include "core/safepath.h"
#include "project/projectpaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QMutex>
#include <QPointer>
#include <QSaveFile>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {
namespace {

constexpr qint64 kMaxProjectFileSize = 256LL * 1024 * 1024;
constexpr auto kRetryAfterFailedSave = 5s;

QByteArray serialize(const Project& project)
{
    return QByteArray::fromStdString(json::dump(json::Json(project), 2)) + '\n';
}

Status writeFileAtomically(const QString& path, const QByteArray& bytes,
                           const std::function<void()>& beforeCommit)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(ErrorKind::Io, u"Cannot write %1: %2"_s.arg(
                                              QDir::toNativeSeparators(path), file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return Error::make(ErrorKind::Io,
                           u"Cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), why));
    }
    if (beforeCommit)
        beforeCommit();
    if (!file.commit())
        return Error::make(ErrorKind::Io, u"Cannot save %1: %2"_s.arg(
                                              QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

} // namespace

// What project.json holds, and the one place that serialises and writes it: from the writer
// thread, or from the owner's thread once the writer is idle. The mutex keeps the two apart.
// The project arrives as a copy (its lists are shared, so copying costs the same for 10 scenes
// or 1000), so the owner's thread never pays for the serialisation.
struct ProjectStore::Disk
{
    QMutex mutex;
    QString dir;
    QByteArray onDisk;
    QDateTime modifiedAt; // of the version in onDisk
    std::function<void()> beforeCommit;

    // Writes `project` unless it is what the disk holds; modifiedAt is set when it changed.
    // Returns the modifiedAt of the version on disk.
    Result<QDateTime> save(Project project)
    {
        QMutexLocker lock(&mutex);
        project.modifiedAt = modifiedAt;
        if (serialize(project) == onDisk)
            return modifiedAt;
        project.modifiedAt = QDateTime::currentDateTimeUtc();
        const QByteArray bytes = serialize(project);
        // The version on disk now becomes the backup before it is replaced.
        if (!onDisk.isEmpty()) {
            if (Status s = writeFileAtomically(QDir(dir).filePath(kBackupName), onDisk, {}); !s)
                return s.error();
        }
        if (Status s = writeFileAtomically(QDir(dir).filePath(kFileName), bytes, beforeCommit); !s)
            return s.error();
        onDisk = bytes;
        modifiedAt = project.modifiedAt;
        return modifiedAt;
    }
};

const QStringList& ProjectStore::subfolders()
{
    static const QStringList folders{u"clips"_s,   u"thumbs"_s, u"upscaled"_s,
                                     u"exports"_s, u"final"_s,  u"logs"_s};
    return folders;
}

ProjectStore::ProjectStore(QObject* parent)
    : QObject(parent)
{
    m_autosave.setSingleShot(true);
    connect(&m_autosave, &QTimer::timeout, this, [this] { saveNow(); });
}

ProjectStore::~ProjectStore()
{
    close();
}

QString ProjectStore::filePath() const
{
    return QDir(m_dir).filePath(kFileName);
}

QString ProjectStore::absolutePath(const QString& relative) const
{
    if (relative.isEmpty())
        return {};
    if (QFileInfo(relative).isAbsolute())
        return relative;
    return QDir(m_dir).filePath(relative);
}

QString ProjectStore::relativePath(const QString& absolute) const
{
    return QDir(m_dir).relativeFilePath(absolute);
}

Result<Project> ProjectStore::load(const QString& filePath)
{
    const QString shown = QDir::toNativeSeparators(filePath);
    QFileInfo info(filePath);
    if (!info.exists())
        return Error::make(ErrorKind::Io, u"%1 does not exist: this folder is not a T2V Studio "
                                          u"project."_s.arg(shown));
    if (info.size() > kMaxProjectFileSize)
        return Error::make(ErrorKind::Invalid,
                           u"%1 is %2 MB, too large to be a project file."_s.arg(shown).arg(
                               info.size() / (1024 * 1024)));
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, u"Cannot read %1: %2"_s.arg(shown, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (bytes.trimmed().isEmpty())
        return Error::make(ErrorKind::Invalid,
                           u"%1 is empty: the last save did not finish."_s.arg(shown));

    QString parseError;
    json::Json doc = json::parse(bytes, &parseError);
    if (doc.is_discarded())
        return Error::make(ErrorKind::Invalid,
                           u"%1 is damaged (not valid JSON) at %2."_s.arg(shown, parseError));
    if (!doc.is_object())
        return Error::make(ErrorKind::Invalid,
                           u"%1 does not hold a T2V Studio project (expected a JSON object, found "
                           u"%2)."_s.arg(shown, QString::fromUtf8(doc.type_name())));
    const auto version = doc.find("schema_version");
    if (version == doc.end() || !version->is_number_integer())
        return Error::make(ErrorKind::Invalid, u"%1 has no valid schema_version: it is not a T2V "
                                               u"Studio project or it is damaged."_s.arg(shown));
    const int fileVersion = version->get<int>();
    if (fileVersion > Project::kSchemaVersion)
        return Error::make(ErrorKind::Invalid,
                           u"%1 was written by a newer T2V Studio (project format %2; this version "
                           u"reads up to %3). Update T2V Studio to open it."_s.arg(shown)
                               .arg(fileVersion)
                               .arg(Project::kSchemaVersion));
    if (fileVersion < 1)
        return Error::make(
            ErrorKind::Invalid,
            u"%1 has an impossible project format %2."_s.arg(shown).arg(fileVersion));
    if (fileVersion < Project::kSchemaVersion) {
        const QString why =
            migrateProjectDocument(doc, fileVersion, Project::kSchemaVersion, projectMigrations());
        if (!why.isEmpty())
            return Error::make(ErrorKind::Invalid, u"%1 cannot be upgraded: %2."_s.arg(shown, why));
    }

    try {
        Project project = doc.get<Project>();
        if (const auto script = doc.find("script"); script != doc.end() && script->is_object()) {
            const int stored = script->value("duration_seconds", project.script.durationSeconds);
            if (stored != project.script.durationSeconds)
                qCWarning(lcProject).noquote()
                    << u"%1 had more scenes than a %2 s film holds; the length is now %3 s so that "
                       u"none is lost"_s.arg(shown)
                           .arg(stored)
                           .arg(project.script.durationSeconds);
        }
        return project;
    } catch (const std::exception& e) {
        return Error::make(ErrorKind::Invalid,
                           u"%1 is damaged: %2"_s.arg(shown, json::errorMessage(e)));
    }
}

Status ProjectStore::lockFolder(const QString& dir)
{
    auto lock = std::make_unique<QLockFile>(QDir(dir).filePath(u".project.lock"_s));
    // Only a dead owner makes the lock stale; a window may keep a project open for days.
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        lock->getLockInfo(&pid, &host, &app);
        if (lock->error() == QLockFile::LockFailedError)
            return Error::make(
                ErrorKind::Invalid,
                u"%1 is already open in another program (%2, process %3 on %4). "
                u"Close it there first."_s
                    .arg(QDir::toNativeSeparators(dir), app.isEmpty() ? u"T2V Studio"_s : app)
                    .arg(pid)
                    .arg(host));
        return Error::make(ErrorKind::Io, u"Cannot lock %1: the folder is not writable."_s.arg(
                                              QDir::toNativeSeparators(dir)));
    }
    m_lock = std::move(lock);
    return {};
}

void ProjectStore::adopt(const QString& dir, Project project, QByteArray onDisk)
{
    m_dir = QDir(dir).absolutePath();
    m_project = std::move(project);
    m_disk = std::make_shared<Disk>();
    m_disk->dir = m_dir;
    m_disk->onDisk = std::move(onDisk);
    m_disk->modifiedAt = m_project.modifiedAt;
    m_disk->beforeCommit = m_beforeCommit;
    m_session = std::make_unique<QObject>();
    m_open = true;
    m_dirty = false;
    m_lastSaveError.clear();
    for (const QString& sub : subfolders())
        QDir(m_dir).mkpath(sub);
    qCInfo(lcProject).noquote() << "opened" << displayPath(m_dir);
}

Status ProjectStore::create(const QString& dir, Project initial)
{
    close();
    if (QFileInfo::exists(QDir(dir).filePath(kFileName)))
        return Error::make(
            ErrorKind::Invalid,
            u"%1 already holds a project; open it instead."_s.arg(QDir::toNativeSeparators(dir)));
    if (!QDir().mkpath(dir))
        return Error::make(ErrorKind::Io,
                           u"Cannot create the folder %1."_s.arg(QDir::toNativeSeparators(dir)));
    if (Status locked = lockFolder(dir); !locked)
        return locked;
    initial.schemaVersion = Project::kSchemaVersion;
    initial.appVersion = QStringLiteral(T2V_VERSION);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!initial.createdAt.isValid())
        initial.createdAt = now;
    initial.modifiedAt = now;
    initial.script.layoutScenes();
    const QByteArray bytes = serialize(initial);
    if (Status written = writeFileAtomically(QDir(dir).filePath(kFileName), bytes, {}); !written) {
        m_lock.reset();
        return written;
    }
    adopt(dir, std::move(initial), bytes);
    return {};
}

Status ProjectStore::open(const QString& dir)
{
    close();
    const QString file = QDir(dir).filePath(kFileName);
    Result<Project> loaded = load(file);
    if (!loaded) {
        Error e = loaded.error();
        const QString backup = QDir(dir).filePath(kBackupName);
        if (QFileInfo::exists(backup) && load(backup).ok())
            e.detail = u"A backup of the previous version is available (%1)."_s.arg(
                QDir::toNativeSeparators(backup));
        return e;
    }
    if (Status locked = lockFolder(dir); !locked)
        return locked;
    QFile f(file);
    f.open(QIODevice::ReadOnly);
    adopt(dir, std::move(loaded).value(), f.readAll());
    return {};
}

Status ProjectStore::openBackup(const QString& dir)
{
    close();
    const QString backup = QDir(dir).filePath(kBackupName);
    Result<Project> loaded = load(backup);
    if (!loaded)
        return loaded.error();
    if (Status locked = lockFolder(dir); !locked)
        return locked;
    const QString damaged = QDir(dir).filePath(kFileName);
    if (QFileInfo::exists(damaged)) {
        const QString keep =
            damaged + u".damaged-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
        QFile::copy(damaged, keep);
    }
    adopt(dir, std::move(loaded).value(), {});
    m_dirty = true;
    return flush();
}

void ProjectStore::close()
{
    if (!m_open)
        return;
    if (Status s = flush(); !s)
        qCWarning(lcProject) << "could not save on close:" << s.error().message;
    m_autosave.stop();
    m_session.reset(); // callbacks of this project's saves are not called after it closed
    m_pendingSaves = 0;
    m_waiters.clear();
    m_saveScheduled = false;
    m_lock.reset();
    m_open = false;
    m_project = Project{};
    m_disk.reset();
}

Status ProjectStore::removeJob(const QString& jobId)
{
    const VideoJob* job = m_open ? m_project.findJob(jobId) : nullptr;
    if (!job)
        return Error::make(ErrorKind::Invalid, u"There is no clip \"%1\"."_s.arg(jobId));
    if (!isTerminal(job->state))
        return Error::make(ErrorKind::Invalid,
                           u"%1 is still being made (%2); cancel it first."_s.arg(
                               jobId, jobStateLabel(job->state)));
    for (const QString& relative :
         {job->clipPath, job->thumbPath, job->upscaledPath, ProjectPaths::clip(jobId),
          ProjectPaths::clipPart(jobId), ProjectPaths::clipPartMeta(jobId),
          ProjectPaths::thumbnail(jobId), ProjectPaths::upscaled(jobId)}) {
        if (!relative.isEmpty() && isSafeRelativePath(relative))
            QFile::remove(QDir(m_dir).filePath(relative));
    }
    if (!job->orphaned && m_project.settings.chosenVariants.value(job->sceneNumber) == job->variant)
        m_project.settings.chosenVariants.remove(job->sceneNumber);
    m_project.removeJob(jobId);
    qCInfo(lcProject).noquote() << "removed the clip" << jobId;
    markDirty();
    return {};
}

void ProjectStore::markDirty()
{
    if (!m_open)
        return;
    m_dirty = true;
    // Not restarted by later changes: a save is never more than one delay late.
    if (!m_autosave.isActive())
        m_autosave.start(m_autosaveDelay);
}

Status ProjectStore::flush()
{
    if (!m_open)
        return Error::make(ErrorKind::Invalid, u"No project is open."_s);
    // After every save already on its way, in order. Not only when marked dirty: a change made
    // without markDirty() must not be lost either; identical bytes are not written again.
    if (m_saveScheduled)
        startSave();
    if (m_writer)
        m_writer->waitForDone();
    m_autosave.stop();
    m_dirty = false;
    const Result<QDateTime> saved = m_disk->save(m_project);
    const Status s = saved ? Status() : Status(saved.error());
    if (saved)
        m_project.modifiedAt = *saved;
    saveFinished(s);
    return s;
}

void ProjectStore::saveNow(const QObject* context, std::function<void(const Status&)> done)
{
    if (!m_open) {
        if (done)
            done(Error::make(ErrorKind::Invalid, u"No project is open."_s));
        return;
    }
    ++m_pendingSaves;
    m_waiters.push_back({context != nullptr, const_cast<QObject*>(context), std::move(done)});
    if (m_saveScheduled)
        return;
    // A burst of changes (a poll wave finishing, a batch of scenes) is serialised once, after
    // the events that make it are handled, not once per change on the GUI thread.
    m_saveScheduled = true;
    QMetaObject::invokeMethod(
        m_session.get(), [this] { startSave(); }, Qt::QueuedConnection);
}

void ProjectStore::startSave()
{
    m_saveScheduled = false;
    if (!m_open || m_waiters.empty())
        return;
    m_autosave.stop();
    m_dirty = false;
    if (!m_writer) {
        // One thread: saves reach the disk in the order they were asked for.
        m_writer = std::make_unique<QThreadPool>();
        m_writer->setMaxThreadCount(1);
        m_writer->setObjectName(u"project-writer"_s);
    }
    std::shared_ptr<Disk> disk = m_disk;
    runInPool(
        m_writer.get(), m_session.get(),
        [disk, project = m_project] { return disk->save(project); },
        [this, waiters = std::exchange(m_waiters, {})](const Result<QDateTime>& saved) {
            const Status s = saved ? Status() : Status(saved.error());
            if (saved)
                m_project.modifiedAt = *saved;
            m_pendingSaves -= int(waiters.size());
            saveFinished(s);
            for (const Waiter& w : waiters) {
                if (w.done && (!w.hasContext || w.context))
                    w.done(s);
            }
        });
}

void ProjectStore::saveFinished(const Status& s)
{
    if (!s) {
        m_dirty = true; // written again by the next save, whatever changed
        m_lastSaveError = s.error().message;
        qCWarning(lcProject) << "save failed:" << s.error().message;
        emit saveFailed(s.error().message);
        if (!m_autosave.isActive())
            m_autosave.start(kRetryAfterFailedSave);
        return;
    }
    m_lastSaveError.clear();
    emit saved();
}

void ProjectStore::setBeforeCommitHook(std::function<void()> hook)
{
    m_beforeCommit = std::move(hook);
    if (m_disk) {
        QMutexLocker lock(&m_disk->mutex);
        m_disk->beforeCommit = m_beforeCommit;
    }
}

void ProjectStore::setAutosaveDelay(std::chrono::milliseconds delay)
{
    m_autosaveDelay = delay;
}

} // namespace t2v

#pragma once

// Owns the open project folder: loads project.json, keeps the Project in memory on the main
// thread and writes it atomically (QSaveFile), keeping the previous good version as
// project.json.bak. Routine changes are saved at most one second later (markDirty); critical
// transitions such as a remote job id are written at once (saveNow, or flush where blocking is
// fine). A save hands a copy of the project (its lists are implicitly shared, so the copy costs
// the same for any project size) to a writer thread, which serialises it and writes it (each
// write ends with an fsync) in order, so the window neither serialises nor waits for the disk. A
// lock file stops two windows or processes from writing the same project.

#include "core/error.h"
#include "project/project.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

class QLockFile;
class QThreadPool;

namespace t2v {

class ProjectStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectStore)

public:
    static inline const QString kFileName = QStringLiteral("project.json");
    static inline const QString kBackupName = QStringLiteral("project.json.bak");
    static const QStringList& subfolders(); // clips thumbs upscaled exports final logs

    explicit ProjectStore(QObject* parent = nullptr);
    ~ProjectStore() override;

    // Reads and validates a project file without changing anything on disk.
    static Result<Project> load(const QString& filePath);

    // Makes the folder and its subfolders, writes `initial` and opens it.
    Status create(const QString& dir, Project initial);
    // Opens an existing project folder. On any error nothing is written.
    Status open(const QString& dir);
    // Opens the folder from project.json.bak; the damaged project.json is kept beside it as
    // project.json.damaged-<time> and replaced on the next save.
    Status openBackup(const QString& dir);
    // Saves pending changes and releases the folder.
    void close();

    bool isOpen() const { return m_open; }
    QString dir() const { return m_dir; }
    QString filePath() const;
    QString absolutePath(const QString& relative) const;
    QString relativePath(const QString& absolute) const;

    const Project& project() const { return m_project; }
    // Change the project, then call markDirty() or flush().
    Project& project() { return m_project; }

    // Removes a finished, failed or cancelled job and its files (clip, thumbnail, resample,
    // partial download). A job still being made is refused.
    Status removeJob(const QString& jobId);

    // Saves within the autosave delay (1 s by default), never later.
    void markDirty();
    // Saves now if anything changed and waits for the disk. For the command line, closing, and
    // tests; the window uses saveNow().
    Status flush();
    // Saves now without waiting: the project is taken as soon as the events being handled are
    // done (every saveNow() of one burst shares a single serialisation and write), written on
    // the writer thread after every earlier save, and `done` runs on this object's thread once
    // they are on disk (or failed), unless `context` is gone by then. Use for changes that must
    // not be lost, such as a remote job id, before starting the next paid request.
    void saveNow(const QObject* context = nullptr, std::function<void(const Status&)> done = {});
    // saveNow() calls whose callbacks have not run yet.
    int pendingSaves() const { return m_pendingSaves; }
    bool isDirty() const { return m_dirty; }
    QString lastSaveError() const { return m_lastSaveError; }

    void setAutosaveDelay(std::chrono::milliseconds delay);
    // Tests: runs after the new content is written to the temporary file and before it
    // replaces project.json.
    void setBeforeCommitHook(std::function<void()> hook);

signals:
    void saved();
    void saveFailed(const QString& message);

private:
    struct Disk;
    Status lockFolder(const QString& dir);
    void saveFinished(const Status& status);
    // Serialises once for every saveNow() since the last one and hands the bytes to the writer.
    void startSave();
    void adopt(const QString& dir, Project project, QByteArray onDisk);

    QString m_dir;
    bool m_open = false;
    bool m_dirty = false;
    Project m_project;
    std::shared_ptr<Disk> m_disk; // what project.json holds; used on the writer thread
    std::unique_ptr<QThreadPool> m_writer;
    std::unique_ptr<QObject> m_session; // owns this project's save callbacks
    int m_pendingSaves = 0;
    struct Waiter
    {
        bool hasContext = false;
        QPointer<QObject> context;
        std::function<void(const Status&)> done;
    };
    std::vector<Waiter> m_waiters; // saveNow() calls not serialised yet
    bool m_saveScheduled = false;
    QString m_lastSaveError;
    QTimer m_autosave;
    std::chrono::milliseconds m_autosaveDelay{1000};
    std::unique_ptr<QLockFile> m_lock;
    std::function<void()> m_beforeCommit;
};

} // namespace t2v

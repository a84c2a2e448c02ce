#pragma once

// The open project as the window sees it: creating, opening and closing the folder, and the
// services that work on it (StoryService for the script, VideoPipeline for the clips, the
// Assembler for the film). Widgets talk to this object; it never touches a widget.

#include "core/error.h"
#include "jobs/videopipeline.h"
#include "media/assembler.h"
#include "project/projectstore.h"
#include "story/storyservice.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace t2v::ui {

class AppContext;

class ProjectController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectController)

public:
    explicit ProjectController(AppContext& context, QObject* parent = nullptr);
    ~ProjectController() override;

    AppContext& context() { return m_context; }
    ProjectStore& store() { return m_store; }
    bool isOpen() const { return m_store.isOpen(); }
    StoryService* story() { return m_story.get(); }
    VideoPipeline* pipeline() { return m_pipeline.get(); }

    Status create(const QString& dir, Project initial);
    Status open(const QString& dir);
    Status openBackup(const QString& dir);
    void close();

    // Script
    Status writeScript(bool fromScratch);
    Status regenerate(const QList<int>& scenes, const QString& note);
    void stopScript();
    bool isWritingScript() const { return m_story && m_story->isRunning(); }

    // Clips. start() submits new work; opening a project only carries on with what is in flight.
    Status makeClips(const QList<int>& scenes, const JobOptions& options, int parallelDownloads);
    Status resumeClips(bool submitQueued);
    void stopClips();
    bool isMakingClips() const { return m_pipeline && m_pipeline->isRunning(); }
    void setParallelDownloads(int n);
    Status retry(const QStringList& jobIds);
    // Buys the clips again as new paid requests; the window asks first.
    Status renderAgain(const QStringList& jobIds);
    Status redownload(const QStringList& jobIds);
    void cancel(const QStringList& jobIds);
    void chooseVariant(const QString& jobId);
    // A clip kept apart from the scenes becomes the next variant of `sceneNumber`, used in the
    // film.
    Status useOrphanFor(const QString& jobId, int sceneNumber);
    // Deletes a finished, failed or cancelled clip and its files.
    Status deleteClip(const QString& jobId);

    // The film's length or scene length changes: scenes past the new count go, and their clips
    // are kept apart (orphans). Returns how many clips were set apart.
    Result<int> changeLayout(int durationSeconds, int sceneSeconds);
    // Whether a layout change would drop written scenes or set clips apart.
    bool layoutChangeLosesWork(int durationSeconds, int sceneSeconds) const;

    // Film
    Status assemble(const AssemblyOptions& options);
    void cancelAssembly();
    bool isAssembling() const { return m_assembly.isRunning(); }
    Result<QStringList> writeExports();

signals:
    void opened();
    void closed();
    void scriptReset();            // the scene count or the plan changed
    void sceneChanged(int number); // one scene's text or status changed
    void jobsReset();              // jobs were added or reordered
    void jobChanged(const QString& id);
    void jobProgress(const QString& id, qint64 received, qint64 total);
    void clipsIdle();
    void assemblyProgress(double fraction);
    void assemblyFinished(const QString& film, double seconds);
    void assemblyFailed(const QString& message);
    void problem(const QString& message);
    void notice(const QString& message);

private:
    void wireStory();
    // Gives the story service a provider for the project's writing account.
    Status useWritingAccount();
    Status preparePipeline(const QStringList& submitAccounts, int parallelDownloads);
    PipelineOptions pipelineOptions(int parallelDownloads) const;

    AppContext& m_context;
    ProjectStore m_store;
    std::unique_ptr<StoryService> m_story;
    std::unique_ptr<VideoPipeline> m_pipeline;
    QFutureWatcher<Result<AssemblyResult>> m_assembly;
    CancelToken m_assemblyCancel;
    std::shared_ptr<std::atomic<double>> m_assemblyFraction;
    QTimer m_assemblyTick;
};

} // namespace t2v::ui

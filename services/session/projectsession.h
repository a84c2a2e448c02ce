#pragma once

// The one service both faces drive: an open project and everything done to it. The window's
// panels and every t2v command are thin faces over this object; what a run does (which
// account writes, how clips are made, retried or bought again, how the film is assembled) is
// decided here and nowhere else. It applies the application's settings (FFmpeg, poll
// interval, parallel downloads) to the work it starts. Main thread; no widgets.

#include "core/error.h"
#include "film/assembler.h"
#include "jobs/spend.h"
#include "jobs/videopipeline.h"
#include "project/projectstore.h"
#include "providers/pricing.h"
#include "session/referencemaker.h"
#include "story/storyservice.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>

namespace t2v {

class AppServices;

class ProjectSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectSession)

public:
    explicit ProjectSession(AppServices& app, QObject* parent = nullptr);
    ~ProjectSession() override;

    AppServices& app() { return m_app; }
    ProjectStore& store() { return m_store; }
    const ProjectStore& store() const { return m_store; }
    const Project& project() const { return m_store.project(); }
    bool isOpen() const { return m_store.isOpen(); }
    // Progress of the script being written (batches, estimate); its signals are relayed.
    const StoryService& story() const { return m_story; }
    // The characters' reference images (made, imported, approved).
    ReferenceMaker& references() { return m_references; }

    // Tests and benchmarks against a local fake server shorten the polling and retry delays.
    void setPipelineTuning(const PipelineOptions& tuning) { m_tuning = tuning; }

    Status create(const QString& dir, Project initial);
    // Opens a project folder. With resumeInFlight, clips already submitted are polled and
    // downloaded at once (nothing new is bought without being asked).
    Status open(const QString& dir, bool resumeInFlight = true);
    Status openBackup(const QString& dir);
    void close();

    // Script
    Status writeScript(bool fromScratch);
    Status regenerate(const QList<int>& scenes, const QString& note);
    void stopScript();
    bool isWritingScript() const { return m_story.isRunning(); }
    // The film's length or scene length changes: scenes past the new count go, their clips
    // are kept apart (orphans). Returns how many clips were set apart.
    Result<int> changeLayout(int durationSeconds, int sceneSeconds);
    // Whether a layout change would drop written scenes or set clips apart.
    bool layoutChangeLosesWork(int durationSeconds, int sceneSeconds) const;

    // Clips. makeClips submits new work; resumeClips carries on with what the project holds
    // (submitting queued clips only when asked).
    Status makeClips(const QList<int>& scenes, const JobOptions& options, int parallelDownloads);
    Status resumeClips(bool submitQueued);
    void stopClips();
    bool isMakingClips() const { return m_pipeline && m_pipeline->isRunning(); }
    void setParallelDownloads(int n);
    // The running limit of transfers at once; 0 when no clip work is running.
    int activeParallelDownloads() const
    {
        return m_pipeline && m_pipeline->isRunning() ? m_pipeline->parallelDownloads() : 0;
    }
    // Costs (jobs/spend.h). What making `scenes` with `options` would cost: the clips still to
    // be bought, spread over the accounts as the run spreads them.
    // `again`: jobs to be bought anew as well (render again, an unconfirmed retry).
    CostEstimate estimateClips(const QList<int>& scenes, const JobOptions& options,
                               const QStringList& again = {}) const;
    // The price table in use (the user's prices.json over the shipped one); a damaged user
    // file is named in `problem`.
    PriceTable prices(QString* problem = nullptr) const;
    // What the project's clips may have cost: in total, per account and per day.
    SpendSummary spend() const { return SpendSummary::of(m_store.project().jobs); }
    // A cap for the next makeClips: the clips it covers (those already made included) may
    // cost at most `usd` together; nullopt: that run has none. Before resumeClips: a new cap
    // for the clips of the last capped run (nullopt keeps the one it had). Kept in the project.
    void setRunBudget(std::optional<double> usd) { m_nextRunBudget = usd; }
    // The project's own cap (0: none), kept in the project. Raising it continues a held run.
    void setProjectBudget(double usd);
    // Why queued clips are not being submitted (a budget reached, a price unknown).
    QString heldReason() const { return m_pipeline ? m_pipeline->heldReason() : QString(); }

    Status retry(const QStringList& jobIds);
    // Buys the clips again as new paid requests; faces ask first.
    Status renderAgain(const QStringList& jobIds);
    Status redownload(const QStringList& jobIds);
    void cancel(const QStringList& jobIds);
    void chooseVariant(const QString& jobId);
    // A clip kept apart from the scenes becomes the next variant of `sceneNumber`, used in
    // the film.
    Status useOrphanFor(const QString& jobId, int sceneNumber);
    // Deletes a finished, failed or cancelled clip and its files.
    Status deleteClip(const QString& jobId);
    JobCounts counts() const { return VideoPipeline::countJobs(m_store.project()); }

    // Film
    Status assemble(const AssemblyOptions& options);
    void cancelAssembly();
    bool isAssembling() const { return m_assembling; }
    Result<QStringList> writeExports();

signals:
    void opened();
    void closed();
    void scriptReset();            // the scene count or the plan changed
    void sceneChanged(int number); // one scene's text or status changed
    void scriptProgress();
    void scriptFinished();
    void scriptInterrupted(const QString& reason);
    void scriptFailed(const QString& reason);
    void sceneFailed(int number, const QString& reason);
    void planReady();
    void jobsReset(); // jobs were added, removed or reordered
    void jobChanged(const QString& id);
    void jobProgress(const QString& id, qint64 received, qint64 total);
    void downloadsFinished(int succeeded, int failed);
    void clipsIdle();
    // Submissions stopped at a budget; clips in flight carry on.
    void clipsHeld(const QString& reason);
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
    void applyBudget();
    void onAssembled(const Result<AssemblyResult>& result);

    AppServices& m_app;
    ProjectStore m_store;
    StoryService m_story;
    ReferenceMaker m_references;
    std::unique_ptr<VideoPipeline> m_pipeline;
    std::optional<PipelineOptions> m_tuning;
    std::optional<double> m_nextRunBudget;
    bool m_assembling = false;
    quint64 m_generation = 0;
    CancelToken m_assemblyCancel;
    std::shared_ptr<std::atomic<double>> m_assemblyFraction;
    QTimer m_assemblyTick;
};

} // namespace t2v

#pragma once

// Writes the script of the open project (DESIGN.md §3): one plan call (title, logline, style
// guide, character bible, outline), then the scenes in ordered batches of B on the llm pool.
// Every request of a batch gets the context snapshot taken when the batch starts; results are
// stored by scene number, so order never depends on completion order. Each finished scene is
// saved at once (debounced). A scene that still fails after its retries stops the run as
// interrupted; every finished scene is kept and resume() continues with the missing ones.
// Lives on the main thread; workers get values and return values.

#include "core/canceltoken.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/script.h"
#include "llm/llmprovider.h"
#include "net/retrypolicy.h"
#include "story/scenewriter.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

class QThreadPool;

namespace t2v {

class ProjectStore;

class StoryService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoryService)

public:
    enum class Mode { Batch, Sequential, Rolling };
    static std::optional<Mode> modeFromName(const QString& name);
    static QString modeName(Mode mode);

    explicit StoryService(ProjectStore& store, QObject* parent = nullptr);
    ~StoryService() override;

    void setProvider(std::shared_ptr<LlmProvider> provider) { m_provider = std::move(provider); }
    void setClock(Clock& clock) { m_clock = &clock; }
    void setRetryPolicy(const RetryPolicy& policy) { m_policy = policy; }
    void setThreadPool(QThreadPool* pool) { m_pool = pool; }

    // Writes a new script for the project's idea and settings; the old plan and scenes go.
    Status start();
    // Writes whatever is missing: the plan, the rest of the outline, the missing scenes.
    Status resume();
    // Writes the chosen scenes again with their neighbours as context. A scene whose new
    // version fails keeps its old text.
    Status regenerate(const QList<int>& scenes, const QString& note = {});
    // Stops: requests in flight are abandoned; interrupted("Stopped.") follows.
    void cancel();

    bool isRunning() const { return m_running; }
    // The writer's label, e.g. "Offline draft (no AI)" or "gpt-4o-mini via api.openai.com".
    QString writerLabel() const { return m_provider ? m_provider->label() : QString(); }
    int batchCount() const { return m_batchTotal; }
    int batchesDone() const { return m_batchesDone; }
    // Estimated seconds left in this run, once at least one scene has arrived.
    std::optional<int> etaSeconds() const;

signals:
    void planReady();
    void sceneStarted(int number);
    void sceneReady(int number);
    void sceneFailed(int number, const QString& reason);
    void batchFinished(int batch, int batches);
    void progress(int done, int total);
    void finished();
    void interrupted(const QString& reason);
    void failed(const QString& reason);

private:
    Status begin(bool regenerating);
    void advance();
    void startPlan(int firstBeat, int lastBeat);
    void onPlanDone(quint64 generation, const PlanOutcome& outcome);
    void startScenes();
    void launchMore();
    void launch(int number, const Script& snapshot);
    void onSceneDone(quint64 generation, const SceneOutcome& outcome);
    void maybeFinish();
    void complete();
    void stop(const QString& reason);
    void emitProgress();

    ProjectStore& m_store;
    std::shared_ptr<LlmProvider> m_provider;
    Clock* m_clock = &Clock::system();
    RetryPolicy m_policy;
    QThreadPool* m_pool = nullptr;

    bool m_running = false;
    bool m_regenerating = false;
    quint64 m_generation = 0;
    CancelToken m_cancel;
    std::optional<QString> m_failure;

    Mode m_mode = Mode::Batch;
    int m_batchSize = 5;
    int m_contextScenes = 3;
    int m_retries = 2;
    QString m_note;

    QList<int> m_order; // scenes of this run, in order
    QList<int> m_queue; // not started yet
    QSet<int> m_inFlight;
    QSet<int> m_done;
    QList<int> m_groupLeft; // per batch: scenes not finished yet
    int m_batchTotal = 0;
    int m_batchesDone = 0;
    QElapsedTimer m_sceneTimer;
};

} // namespace t2v

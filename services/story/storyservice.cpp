#include "storyservice.h"

#include "core/async.h"
#include "core/limits.h"
#include "core/logging.h"
#include "core/pools.h"
#include "project/projectstore.h"
#include "story/promptbuilder.h"
#include "story/scenechecks.h"
#include "story/stylepresets.h"

#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace t2v {

std::optional<StoryService::Mode> StoryService::modeFromName(const QString& name)
{
    if (name == u"batch"_s)
        return Mode::Batch;
    if (name == u"sequential"_s)
        return Mode::Sequential;
    if (name == u"rolling"_s)
        return Mode::Rolling;
    return std::nullopt;
}

QString StoryService::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Batch:
        return u"batch"_s;
    case Mode::Sequential:
        return u"sequential"_s;
    case Mode::Rolling:
        return u"rolling"_s;
    }
    return u"batch"_s;
}

StoryService::StoryService(ProjectStore& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{}

StoryService::~StoryService()
{
    m_cancel.cancel();
}

std::optional<int> StoryService::etaSeconds() const
{
    const int done = int(m_done.size());
    const int left = int(m_order.size()) - done;
    if (!m_running || done == 0 || !m_sceneTimer.isValid())
        return std::nullopt;
    return int(double(m_sceneTimer.elapsed()) / 1000.0 / done * left + 0.5);
}

Status StoryService::start()
{
    if (m_running)
        return Error::make(ErrorKind::Invalid, u"A script is already being written."_s);
    if (!m_store.isOpen())
        return Error::make(ErrorKind::Invalid, u"No project is open."_s);
    Script& script = m_store.project().script;
    if (const QString why = script.validateSettings(); !why.isEmpty()) {
        emit failed(why);
        return Error::make(ErrorKind::Invalid, why);
    }
    if (!m_provider) {
        // Checked before the old script goes: a failed start changes nothing.
        const QString why = u"No LLM account is set up for writing."_s;
        emit failed(why);
        return Error::make(ErrorKind::Invalid, why);
    }
    script.title.clear();
    script.logline.clear();
    script.styleGuide.clear();
    script.characters.clear();
    script.outline.clear();
    script.scenes.clear();
    script.layoutScenes();
    // The clips were made for the old scenes: kept (they may be paid for) but no longer theirs.
    const Project::JobsAfterLayout detached = m_store.project().detachAllJobs();
    if (!detached.orphaned.isEmpty())
        qCInfo(lcStory).noquote()
            << u"%1 clip(s) of the previous script are kept apart from the new scenes"_s.arg(
                   detached.orphaned.size());
    m_store.markDirty();
    return begin(false);
}

Status StoryService::resume()
{
    if (m_running)
        return Error::make(ErrorKind::Invalid, u"A script is already being written."_s);
    if (!m_store.isOpen())
        return Error::make(ErrorKind::Invalid, u"No project is open."_s);
    if (const QString why = m_store.project().script.validateSettings(); !why.isEmpty()) {
        emit failed(why);
        return Error::make(ErrorKind::Invalid, why);
    }
    return begin(false);
}

Status StoryService::regenerate(const QList<int>& scenes, const QString& note)
{
    if (m_running)
        return Error::make(ErrorKind::Invalid, u"A script is already being written."_s);
    const Script& script = m_store.project().script;
    if (!script.hasPlan())
        return Error::make(ErrorKind::Invalid, u"The script has no plan yet: generate it first."_s);
    QList<int> chosen;
    for (int n : scenes) {
        if (n < 1 || n > script.sceneCount())
            return Error::make(
                ErrorKind::Invalid,
                u"There is no scene %1 (the script has %2)."_s.arg(n).arg(script.sceneCount()));
        if (!chosen.contains(n))
            chosen.append(n);
    }
    if (chosen.isEmpty())
        return Error::make(ErrorKind::Invalid, u"Choose the scenes to write again."_s);
    std::sort(chosen.begin(), chosen.end());
    m_note = note;
    m_order = chosen;
    return begin(true);
}

Status StoryService::begin(bool regenerating)
{
    if (!m_provider) {
        const QString why = u"No LLM account is set up for writing."_s;
        emit failed(why);
        return Error::make(ErrorKind::Invalid, why);
    }
    const ProjectSettings& settings = m_store.project().settings;
    m_mode = modeFromName(settings.mode).value_or(Mode::Batch);
    m_batchSize = m_mode == Mode::Sequential ? 1 : limits::BatchSize.clamp(settings.batchSize);
    m_contextScenes = limits::ContextScenes.clamp(settings.contextScenes);
    m_retries = limits::SceneRetries.clamp(settings.sceneRetries);
    if (!regenerating)
        m_note.clear();
    m_regenerating = regenerating;
    m_running = true;
    ++m_generation;
    m_cancel = CancelToken();
    m_failure.reset();
    m_inFlight.clear();
    m_done.clear();
    m_queue.clear();
    m_groupLeft.clear();
    m_batchTotal = 0;
    m_batchesDone = 0;
    m_sceneTimer.invalidate();
    if (!m_pool)
        m_pool = &Pools::llm();
    m_pool->setMaxThreadCount(std::max(m_batchSize, 1));
    qCInfo(lcStory).noquote() << u"writing with %1, %2 mode, batches of %3"_s
                                     .arg(m_provider->label(), modeName(m_mode))
                                     .arg(m_batchSize);
    // Let the caller connect before the first signal.
    QTimer::singleShot(0, this, [this, generation = m_generation] {
        if (generation == m_generation)
            advance();
    });
    return {};
}

void StoryService::advance()
{
    if (m_cancel.isCancelled()) {
        stop(u"Stopped."_s);
        return;
    }
    const Script& script = m_store.project().script;
    const int count = script.sceneCount();
    if (!m_regenerating && script.title.isEmpty()) {
        startPlan(1, std::min(count, kOutlineChunk));
        return;
    }
    if (!m_regenerating && script.outline.size() < count) {
        const int first = int(script.outline.size()) + 1;
        startPlan(first, std::min(count, first + kOutlineChunk - 1));
        return;
    }
    startScenes();
}

void StoryService::startPlan(int firstBeat, int lastBeat)
{
    const Script& script = m_store.project().script;
    PlanTask task;
    task.request =
        buildPlanRequest(script, StylePresets::findOrDefault(script.style), firstBeat, lastBeat);
    task.firstBeat = firstBeat;
    task.lastBeat = lastBeat;
    task.withStory = firstBeat == 1;
    task.retries = m_retries;
    task.policy = m_policy;
    qCInfo(lcStory).noquote() << u"planning beats %1-%2 of %3"_s.arg(firstBeat).arg(lastBeat).arg(
        script.sceneCount());
    auto provider = m_provider;
    Clock* clock = m_clock;
    const CancelToken cancel = m_cancel;
    runInPool(
        m_pool, this,
        [provider, task, clock, cancel] { return writePlan(*provider, task, *clock, cancel); },
        [this, generation = m_generation](const PlanOutcome& outcome) {
            onPlanDone(generation, outcome);
        });
}

void StoryService::onPlanDone(quint64 generation, const PlanOutcome& outcome)
{
    if (generation != m_generation)
        return;
    if (!outcome.plan) {
        stop(outcome.error.isCancelled() ? u"Stopped."_s : outcome.error.message);
        return;
    }
    Script& script = m_store.project().script;
    const ParsedPlan& plan = *outcome.plan;
    if (outcome.task.withStory) {
        script.title = plan.title;
        script.logline = plan.logline;
        script.styleGuide = plan.styleGuide;
        script.characters = plan.characters;
        script.outline = plan.beats;
    } else {
        script.outline.append(plan.beats);
    }
    for (const QString& w : plan.warnings)
        qCInfo(lcStory).noquote() << "plan:" << w;
    script.layoutScenes();
    // The plan cost a paid request: keep it even if the program stops now.
    m_store.saveNow();
    if (script.outline.size() >= script.sceneCount())
        emit planReady();
    advance();
}

void StoryService::startScenes()
{
    const Script& script = m_store.project().script;
    if (!m_regenerating)
        m_order = script.missingScenes();
    m_queue = m_order;
    m_batchTotal = int((m_order.size() + m_batchSize - 1) / m_batchSize);
    for (int b = 0; b < m_batchTotal; ++b)
        m_groupLeft.append(
            int(std::min<qsizetype>(m_batchSize, m_order.size() - qsizetype(b) * m_batchSize)));
    m_sceneTimer.start();
    emitProgress();
    if (m_order.isEmpty()) {
        complete();
        return;
    }
    launchMore();
}

void StoryService::launchMore()
{
    if (m_failure || m_cancel.isCancelled()) {
        maybeFinish();
        return;
    }
    const Script snapshot = m_store.project().script;
    if (m_mode != Mode::Rolling) {
        // A batch starts when the previous one is completely done, all from one snapshot.
        if (!m_inFlight.isEmpty())
            return;
        for (int i = 0; i < m_batchSize && !m_queue.isEmpty(); ++i)
            launch(m_queue.takeFirst(), snapshot);
        return;
    }
    // Rolling: scene i starts once every scene of this run up to i - B is done.
    while (int(m_inFlight.size()) < m_batchSize && !m_queue.isEmpty()) {
        const qsizetype position = m_order.indexOf(m_queue.first());
        bool ready = true;
        for (qsizetype p = 0; p <= position - m_batchSize; ++p) {
            if (!m_done.contains(m_order[p])) {
                ready = false;
                break;
            }
        }
        if (!ready)
            break;
        launch(m_queue.takeFirst(), snapshot);
    }
}

void StoryService::launch(int number, const Script& snapshot)
{
    SceneContextChoice choice = chooseSceneContext(snapshot, number, m_contextScenes, true);
    choice.note = m_note;
    m_inFlight.insert(number);
    emit sceneStarted(number);
    auto provider = m_provider;
    Clock* clock = m_clock;
    const CancelToken cancel = m_cancel;
    const int retries = m_retries;
    const RetryPolicy policy = m_policy;
    // The request is built on the worker: the snapshot is an implicitly shared copy, and the
    // GUI thread does not spend its time serialising prompts.
    runInPool(
        m_pool, this,
        [provider, snapshot, choice, clock, cancel, retries, policy] {
            SceneTask task;
            task.number = choice.number;
            task.request =
                buildSceneRequest(snapshot, StylePresets::findOrDefault(snapshot.style), choice);
            task.bible = snapshot.characters;
            task.retries = retries;
            task.policy = policy;
            return writeScene(*provider, task, *clock, cancel);
        },
        [this, generation = m_generation](const SceneOutcome& outcome) {
            onSceneDone(generation, outcome);
        });
}

void StoryService::onSceneDone(quint64 generation, const SceneOutcome& outcome)
{
    if (generation != m_generation)
        return;
    const int n = outcome.number;
    m_inFlight.remove(n);
    Script& script = m_store.project().script;
    if (outcome.scene) {
        Scene scene = *outcome.scene;
        scene.number = n;
        scene.durationSeconds = script.sceneDuration(n);
        if (scene.beat.isEmpty())
            scene.beat = script.outline.value(n - 1);
        scene.status = SceneStatus::Written;
        scene.error.clear();
        script.scenes[n - 1] = scene;
        m_store.markDirty();
        m_done.insert(n);
        emit sceneReady(n);
        const int group = int(m_order.indexOf(n) / m_batchSize);
        if (group >= 0 && group < m_groupLeft.size() && --m_groupLeft[group] == 0) {
            ++m_batchesDone;
            emit batchFinished(group + 1, m_batchTotal);
        }
        emitProgress();
    } else if (!outcome.error.isCancelled()) {
        if (!m_regenerating) {
            script.scenes[n - 1].status = SceneStatus::Failed;
            script.scenes[n - 1].error = outcome.error.message;
            m_store.markDirty();
        }
        qCWarning(lcStory).noquote() << outcome.error.message;
        emit sceneFailed(n, outcome.error.message);
        if (!m_failure)
            m_failure = outcome.error.message;
    }
    launchMore();
    maybeFinish();
}

void StoryService::maybeFinish()
{
    if (!m_running || !m_inFlight.isEmpty())
        return;
    if (m_cancel.isCancelled()) {
        stop(u"Stopped."_s);
        return;
    }
    if (m_failure) {
        stop(*m_failure);
        return;
    }
    if (m_queue.isEmpty())
        complete();
}

void StoryService::complete()
{
    // The checks compare every scene with up to 200 before it (about 15 ms for 300 scenes):
    // they run on a worker with a copy of the script, and the run finishes when their
    // warnings are in. A scene changed meanwhile keeps its own warnings.
    const Script before = m_store.project().script; // shared, not copied
    const quint64 generation = m_generation;
    runInPool(
        m_pool, this,
        [checked = before]() mutable {
            SceneChecks::apply(checked);
            return checked;
        },
        [this, generation, before](const Script& checked) {
            if (generation != m_generation || !m_running)
                return; // stopped or started again meanwhile
            Script& script = m_store.project().script;
            const qsizetype n =
                std::min({script.scenes.size(), before.scenes.size(), checked.scenes.size()});
            for (qsizetype i = 0; i < n; ++i) {
                if (script.scenes[i] == before.scenes[i])
                    script.scenes[i].warnings = checked.scenes[i].warnings;
            }
            m_store.markDirty();
            m_store.saveNow();
            m_running = false;
            qCInfo(lcStory).noquote() << u"script complete: %1 scenes"_s.arg(script.writtenCount());
            emit finished();
        });
}

void StoryService::stop(const QString& reason)
{
    if (!m_running)
        return;
    m_store.saveNow();
    m_running = false;
    ++m_generation; // late answers of this run are ignored
    qCInfo(lcStory).noquote() << "interrupted:" << reason;
    emit interrupted(reason);
}

void StoryService::cancel()
{
    if (!m_running)
        return;
    m_cancel.cancel();
    // Requests in flight come back cancelled within a moment; then the run stops.
    if (m_inFlight.isEmpty())
        stop(u"Stopped."_s);
}

void StoryService::emitProgress()
{
    if (m_regenerating)
        emit progress(int(m_done.size()), int(m_order.size()));
    else
        emit progress(m_store.project().script.writtenCount(),
                      m_store.project().script.sceneCount());
}

} // namespace t2v

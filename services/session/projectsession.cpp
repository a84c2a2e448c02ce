#include "projectsession.h"

#include "core/async.h"
#include "core/limits.h"
#include "core/logging.h"
#include "core/logsink.h"
#include "core/pools.h"
#include "film/exporters.h"
#include "jobs/jobstatemachine.h"
#include "media/ffmpegtools.h"
#include "session/appservices.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {

ProjectSession::ProjectSession(AppServices& app, QObject* parent)
    : QObject(parent)
    , m_app(app)
    , m_story(m_store)
    , m_references(app, m_store)
    , m_assemblyFraction(std::make_shared<std::atomic<double>>(0))
{
    connect(&m_store, &ProjectStore::saveFailed, this, [this](const QString& m) {
        emit problem(tr("The project could not be saved: %1. Your work is kept in memory and "
                        "saved as soon as possible.")
                         .arg(m));
    });
    wireStory();
    m_assemblyTick.setInterval(100ms);
    connect(&m_assemblyTick, &QTimer::timeout, this,
            [this] { emit assemblyProgress(m_assemblyFraction->load()); });
}

ProjectSession::~ProjectSession()
{
    close();
}

void ProjectSession::wireStory()
{
    connect(&m_story, &StoryService::planReady, this, [this] {
        emit scriptReset();
        emit planReady();
    });
    connect(&m_story, &StoryService::sceneReady, this, &ProjectSession::sceneChanged);
    connect(&m_story, &StoryService::sceneStarted, this, &ProjectSession::sceneChanged);
    connect(&m_story, &StoryService::sceneFailed, this, [this](int n, const QString& why) {
        emit sceneChanged(n);
        emit sceneFailed(n, why);
    });
    connect(&m_story, &StoryService::progress, this, &ProjectSession::scriptProgress);
    connect(&m_story, &StoryService::finished, this, [this] {
        emit scriptReset();
        emit scriptFinished();
    });
    connect(&m_story, &StoryService::interrupted, this, &ProjectSession::scriptInterrupted);
    connect(&m_story, &StoryService::failed, this, &ProjectSession::scriptFailed);
}

Status ProjectSession::create(const QString& dir, Project initial)
{
    close();
    if (initial.settings.batchSize == ProjectSettings{}.batchSize)
        initial.settings.batchSize = m_app.settings().defaultBatchSize();
    if (initial.settings.parallelDownloads == ProjectSettings{}.parallelDownloads)
        initial.settings.parallelDownloads = m_app.settings().parallelDownloads();
    if (Status s = m_store.create(dir, std::move(initial)); !s)
        return s;
    m_app.settings().addRecentProject(m_store.dir());
    const QString logs = QDir(m_store.dir()).filePath(u"logs"_s);
    LogSink::setLogFile(QDir(logs).filePath(u"%1-%2.log"_s.arg(
        QCoreApplication::applicationName(), QDate::currentDate().toString(Qt::ISODate))));
    emit opened();
    return {};
}

Status ProjectSession::open(const QString& dir, bool resumeInFlight)
{
    close();
    if (Status s = m_store.open(dir); !s)
        return s;
    m_app.settings().addRecentProject(m_store.dir());
    const QString logs = QDir(m_store.dir()).filePath(u"logs"_s);
    LogSink::setLogFile(QDir(logs).filePath(u"%1-%2.log"_s.arg(
        QCoreApplication::applicationName(), QDate::currentDate().toString(Qt::ISODate))));
    emit opened();
    if (!resumeInFlight)
        return {};
    // Polling and downloading carry on by themselves; nothing new is bought without a click.
    bool inFlight = false;
    for (const VideoJob& j : m_store.project().jobs)
        inFlight = inFlight || (!isTerminal(j.state) && j.state != JobState::Queued);
    if (inFlight) {
        if (Status s = resumeClips(false); !s)
            emit problem(tr("Clips in progress could not be resumed: %1").arg(s.error().message));
        else
            emit notice(tr("Resumed the clips that were in progress."));
    }
    return {};
}

Status ProjectSession::openBackup(const QString& dir)
{
    close();
    if (Status s = m_store.openBackup(dir); !s)
        return s;
    emit opened();
    return {};
}

void ProjectSession::close()
{
    if (!m_store.isOpen())
        return;
    cancelAssembly();
    m_assembling = false;
    m_assemblyTick.stop();
    ++m_generation; // work of this project that finishes later is not reported
    m_story.cancel();
    if (m_pipeline)
        m_pipeline->stop();
    m_pipeline.reset();
    m_nextRunBudget.reset();
    LogSink::setLogFile({});
    m_store.close();
    emit closed();
}

Status ProjectSession::useWritingAccount()
{
    if (!isOpen())
        return Error::make(ErrorKind::Invalid, tr("Open or create a project first."));
    const ProjectSettings& s = m_store.project().settings;
    auto provider = m_app.providers().text(s.llmAccount, s.llmModel);
    if (!provider)
        return provider.error();
    m_story.setProvider(provider.value());
    return {};
}

Status ProjectSession::writeScript(bool fromScratch)
{
    if (Status s = useWritingAccount(); !s)
        return s;
    const Status started = fromScratch ? m_story.start() : m_story.resume();
    if (started && fromScratch) {
        emit scriptReset();
        emit jobsReset(); // the old clips are kept apart from the new scenes
    }
    return started;
}

Status ProjectSession::regenerate(const QList<int>& scenes, const QString& note)
{
    if (Status s = useWritingAccount(); !s)
        return s;
    return m_story.regenerate(scenes, note);
}

void ProjectSession::stopScript()
{
    m_story.cancel();
}

bool ProjectSession::layoutChangeLosesWork(int durationSeconds, int sceneSeconds) const
{
    if (!isOpen())
        return false;
    const Project& p = m_store.project();
    const int count = sceneCountFor(durationSeconds, sceneSeconds);
    for (const Scene& scene : p.script.scenes) {
        if (scene.number > count && scene.isWritten())
            return true;
    }
    for (const VideoJob& job : p.jobs) {
        if (!job.orphaned && job.sceneNumber > count)
            return true;
    }
    return false;
}

Result<int> ProjectSession::changeLayout(int durationSeconds, int sceneSeconds)
{
    if (!isOpen())
        return Error::make(ErrorKind::Invalid, tr("Open or create a project first."));
    if (isWritingScript())
        return Error::make(ErrorKind::Invalid, tr("Stop the script first."));
    const Project::JobsAfterLayout result =
        m_store.project().changeLayout(durationSeconds, sceneSeconds);
    m_store.markDirty();
    m_store.saveNow();
    emit scriptReset();
    if (!result.orphaned.isEmpty() || !result.removed.isEmpty())
        emit jobsReset();
    if (!result.orphaned.isEmpty())
        emit notice(tr("%n clip(s) of scenes the script no longer has are kept apart in the "
                       "Videos tab.",
                       nullptr, int(result.orphaned.size())));
    return int(result.orphaned.size());
}

PipelineOptions ProjectSession::pipelineOptions(int parallelDownloads) const
{
    PipelineOptions o;
    if (m_tuning)
        o = *m_tuning;
    else {
        // The same checking pace in the window and on the command line.
        const auto seconds = std::chrono::seconds(m_app.settings().pollIntervalSeconds());
        o.pollInterval = seconds;
        o.maxPollInterval = seconds * 4;
    }
    o.parallelDownloads = parallelDownloads;
    o.ffmpegPath = m_app.settings().ffmpegPath();
    return o;
}

Status ProjectSession::preparePipeline(const QStringList& submitAccounts, int parallelDownloads)
{
    if (m_pipeline && m_pipeline->isRunning()) {
        // Already going: new submissions use these accounts from now on.
        if (Status s =
                m_pipeline->useSubmitAccounts(submitAccounts, m_app.accounts(), m_app.secrets());
            !s)
            return s;
        m_pipeline->setParallelDownloads(parallelDownloads);
        return {};
    }
    auto pipeline = std::make_unique<VideoPipeline>(m_store);
    if (Status s = pipeline->prepare(submitAccounts, m_app.accounts(), m_app.secrets(),
                                     pipelineOptions(parallelDownloads));
        !s)
        return s;
    QString priceProblem;
    pipeline->setPrices(prices(&priceProblem));
    if (!priceProblem.isEmpty())
        emit problem(tr("Your price table is not used: %1").arg(priceProblem));
    SpendLedger ledger(QDir(m_app.accounts().configDir()).filePath(u"spend.jsonl"_s));
    if (!ledger.problem().isEmpty())
        emit problem(tr("The spend record: %1").arg(ledger.problem()));
    pipeline->setSpendLedger(std::move(ledger), m_store.dir());
    m_pipeline = std::move(pipeline);
    applyBudget();
    connect(m_pipeline.get(), &VideoPipeline::held, this, &ProjectSession::clipsHeld);
    connect(m_pipeline.get(), &VideoPipeline::jobChanged, this, &ProjectSession::jobChanged);
    connect(m_pipeline.get(), &VideoPipeline::jobProgress, this, &ProjectSession::jobProgress);
    connect(m_pipeline.get(), &VideoPipeline::problem, this, &ProjectSession::problem);
    connect(m_pipeline.get(), &VideoPipeline::idle, this, [this] {
        // Every clip is finished one way or another: stop polling until there is new work.
        m_pipeline->stop();
        emit clipsIdle();
    });
    connect(m_pipeline.get(), &VideoPipeline::waveFinished, this, [this](int ok, int failed) {
        emit downloadsFinished(ok, failed);
        emit notice(tr("Downloads finished: %1 succeeded, %2 failed.").arg(ok).arg(failed));
    });
    return {};
}

Status ProjectSession::makeClips(const QList<int>& scenes, const JobOptions& options,
                                 int parallelDownloads)
{
    if (!isOpen())
        return Error::make(ErrorKind::Invalid, tr("Open or create a project first."));
    if (Status s = preparePipeline(options.accounts, parallelDownloads); !s)
        return s;
    auto added = m_pipeline->addJobs(scenes, options);
    if (!added)
        return added.error();
    ProjectSettings& settings = m_store.project().settings;
    settings.runBudgetUsd = m_nextRunBudget.value_or(0.0);
    settings.runBudgetJobs.clear();
    for (int n : m_nextRunBudget ? scenes : QList<int>()) {
        for (int v = 1; v <= options.variants; ++v) {
            if (const VideoJob* job = m_store.project().jobFor(n, v))
                settings.runBudgetJobs.append(job->id);
        }
    }
    m_nextRunBudget.reset();
    applyBudget();
    settings.videoAccounts = options.accounts;
    settings.variants = options.variants;
    settings.resolution = options.resolution;
    settings.upscale = options.upscale;
    settings.parallelDownloads = parallelDownloads;
    m_store.markDirty();
    emit jobsReset();
    if (!m_pipeline->isRunning())
        m_pipeline->start(true);
    else
        m_pipeline->setSubmitting(true);
    if (added->isEmpty())
        emit notice(tr("Every chosen scene already has its clips."));
    return {};
}

Status ProjectSession::resumeClips(bool submitQueued)
{
    if (!isOpen())
        return Error::make(ErrorKind::Invalid, tr("Open or create a project first."));
    ProjectSettings& settings = m_store.project().settings;
    if (m_nextRunBudget && settings.runBudgetUsd > 0 && *m_nextRunBudget != settings.runBudgetUsd) {
        settings.runBudgetUsd = *m_nextRunBudget; // the last capped run, with a new cap
        m_store.markDirty();
    }
    m_nextRunBudget.reset();
    if (Status s = preparePipeline(submitQueued ? settings.videoAccounts : QStringList(),
                                   settings.parallelDownloads);
        !s)
        return s;
    applyBudget();
    if (!m_pipeline->isRunning())
        m_pipeline->start(submitQueued);
    else if (submitQueued)
        m_pipeline->setSubmitting(true); // opening carried on only with what was in flight
    return {};
}

void ProjectSession::setProjectBudget(double usd)
{
    if (!isOpen() || !limits::isBudget(usd))
        return;
    m_store.project().settings.budgetUsd = usd;
    m_store.markDirty();
    applyBudget();
    // A run that stopped at the budget goes on.
    if (m_pipeline && !m_pipeline->isRunning() && !m_pipeline->heldReason().isEmpty())
        (void)resumeClips(true);
}

void ProjectSession::applyBudget()
{
    if (!m_pipeline || !isOpen())
        return;
    const ProjectSettings& s = m_store.project().settings;
    Budget b;
    if (s.runBudgetUsd > 0) {
        b.runUsd = s.runBudgetUsd;
        b.runJobs = QSet<QString>(s.runBudgetJobs.cbegin(), s.runBudgetJobs.cend());
    }
    if (s.budgetUsd > 0)
        b.projectUsd = s.budgetUsd;
    m_pipeline->setBudget(b);
}

PriceTable ProjectSession::prices(QString* problem) const
{
    return PriceTable::load(m_app.accounts().configDir(), problem);
}

CostEstimate ProjectSession::estimateClips(const QList<int>& scenes, const JobOptions& options,
                                           const QStringList& again) const
{
    const Project& proj = m_store.project();
    QList<double> clips;
    for (int n : scenes) {
        const Scene* scene = proj.script.scene(n);
        if (!scene)
            continue;
        for (int v = 1; v <= options.variants; ++v) {
            const VideoJob* job = proj.jobFor(n, v);
            // Queued clips are still to be bought; the others were (or are being) made.
            if (!job || job->state == JobState::Queued)
                clips.append(scene->durationSeconds > 0 ? scene->durationSeconds
                                                        : proj.script.sceneDuration(n));
        }
    }
    for (const QString& id : again) {
        if (const VideoJob* job = proj.findJob(id); job && job->state != JobState::Queued)
            clips.append(job->durationSeconds);
    }
    QList<Account> accounts;
    for (const QString& id : options.accounts) {
        if (const auto a = m_app.accounts().find(id))
            accounts.append(*a);
    }
    return estimateCost(clips, accounts, options.resolution, options.model, prices());
}

void ProjectSession::stopClips()
{
    if (m_pipeline)
        m_pipeline->stop();
}

void ProjectSession::setParallelDownloads(int n)
{
    if (isOpen()) {
        m_store.project().settings.parallelDownloads = n;
        m_store.markDirty();
    }
    if (m_pipeline)
        m_pipeline->setParallelDownloads(n);
}

Status ProjectSession::retry(const QStringList& jobIds)
{
    if (Status s = resumeClips(true); !s)
        return s;
    return m_pipeline->retry(jobIds);
}

Status ProjectSession::renderAgain(const QStringList& jobIds)
{
    if (Status s = resumeClips(true); !s)
        return s;
    return m_pipeline->renderAgain(jobIds);
}

Status ProjectSession::redownload(const QStringList& jobIds)
{
    if (Status s = resumeClips(false); !s)
        return s;
    return m_pipeline->redownload(jobIds);
}

void ProjectSession::cancel(const QStringList& jobIds)
{
    if (m_pipeline) {
        m_pipeline->cancel(jobIds);
        return;
    }
    // Nothing is running: there is nothing to stop, only the jobs to mark.
    for (const QString& id : jobIds) {
        VideoJob* job = m_store.project().findJob(id);
        if (job && JobStateMachine::cancel(*job))
            emit jobChanged(id);
    }
    m_store.markDirty();
}

void ProjectSession::chooseVariant(const QString& jobId)
{
    const VideoJob* job = m_store.project().findJob(jobId);
    if (!job || job->orphaned)
        return;
    m_store.project().settings.chosenVariants.insert(job->sceneNumber, job->variant);
    m_store.markDirty();
    for (const VideoJob* other : m_store.project().jobsForScene(job->sceneNumber))
        emit jobChanged(other->id);
}

Status ProjectSession::useOrphanFor(const QString& jobId, int sceneNumber)
{
    Project& p = m_store.project();
    const int variant = p.attachOrphan(jobId, sceneNumber);
    if (variant == 0)
        return Error::make(ErrorKind::Invalid,
                           tr("%1 cannot become a clip of scene %2 (the script has %3 scenes).")
                               .arg(jobId)
                               .arg(sceneNumber)
                               .arg(p.script.sceneCount()));
    p.settings.chosenVariants.insert(sceneNumber, variant);
    m_store.markDirty();
    m_store.saveNow();
    emit jobsReset();
    return {};
}

Status ProjectSession::deleteClip(const QString& jobId)
{
    if (Status s = m_store.removeJob(jobId); !s)
        return s;
    m_store.saveNow();
    emit jobsReset();
    return {};
}

Status ProjectSession::assemble(const AssemblyOptions& options)
{
    if (!isOpen())
        return Error::make(ErrorKind::Invalid, tr("Open or create a project first."));
    if (m_assembling)
        return Error::make(ErrorKind::Invalid, tr("The film is already being assembled."));
    auto tools = FfmpegTools::locate(m_app.settings().ffmpegPath());
    if (!tools)
        return tools.error();
    if (const QString why = options.validate(); !why.isEmpty())
        return Error::make(ErrorKind::Invalid, why);
    ProjectSettings& s = m_store.project().settings;
    s.subtitles = options.subtitles;
    s.transition = options.transition;
    s.fadeSeconds = options.fadeSeconds;
    s.musicPath = options.musicPath;
    s.musicVolume = options.musicVolume;
    m_store.markDirty();
    // The plan probes every clip: off the caller's thread with the rest, on the render pool
    // (a whole film is long work; thumbnails keep their own pool).
    const Project snapshot = m_store.project();
    const QString dir = m_store.dir();
    const FfmpegTools t = *tools;
    m_assemblyCancel = CancelToken();
    m_assemblyFraction->store(0);
    m_assembling = true;
    runInPool(
        &Pools::render(), this,
        [snapshot, dir, t, options, cancel = m_assemblyCancel,
         fraction = m_assemblyFraction]() -> Result<AssemblyResult> {
            auto plan = Assembler::plan(t, snapshot, dir, options, cancel);
            if (!plan)
                return plan.error();
            return Assembler::assemble(t, *plan, options, cancel,
                                       [fraction](double f) { fraction->store(f); });
        },
        [this, generation = m_generation](const Result<AssemblyResult>& r) {
            if (generation == m_generation)
                onAssembled(r);
        });
    m_assemblyTick.start();
    return {};
}

void ProjectSession::onAssembled(const Result<AssemblyResult>& r)
{
    m_assembling = false;
    m_assemblyTick.stop();
    if (!r) {
        emit assemblyFailed(r.error().isCancelled() ? tr("Stopped; nothing was written.")
                                                    : r.error().message);
        return;
    }
    (void)writeExports();
    emit assemblyFinished(r->output, r->durationSeconds);
}

void ProjectSession::cancelAssembly()
{
    m_assemblyCancel.cancel();
}

Result<QStringList> ProjectSession::writeExports()
{
    if (!isOpen())
        return Error::make(ErrorKind::Invalid, tr("Open or create a project first."));
    return Exporters::writeAll(m_store.project(), m_store.dir());
}

} // namespace t2v

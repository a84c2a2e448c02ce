#include "projectcontroller.h"

#include "appcontext.h"
#include "core/logging.h"
#include "core/logsink.h"
#include "core/pools.h"
#include "llm/llmproviders.h"
#include "project/exporters.h"

#include <QDate>
#include <QDir>
#include <QtConcurrent>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v::ui {

ProjectController::ProjectController(AppContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_assemblyFraction(std::make_shared<std::atomic<double>>(0))
{
    connect(&m_store, &ProjectStore::saveFailed, this, [this](const QString& m) {
        emit problem(tr("The project could not be saved: %1. Your work is kept in memory and saved "
                        "as soon as "
                        "possible.")
                         .arg(m));
    });
    connect(&m_assembly, &QFutureWatcherBase::finished, this, [this] {
        m_assemblyTick.stop();
        const Result<AssemblyResult> r = m_assembly.result();
        if (!r) {
            emit assemblyFailed(r.error().isCancelled() ? tr("Stopped; nothing was written.")
                                                        : r.error().message);
            return;
        }
        (void)writeExports();
        emit assemblyFinished(r->output, r->durationSeconds);
    });
    m_assemblyTick.setInterval(100ms);
    connect(&m_assemblyTick, &QTimer::timeout, this,
            [this] { emit assemblyProgress(m_assemblyFraction->load()); });
}

ProjectController::~ProjectController()
{
    close();
}

Status ProjectController::create(const QString& dir, Project initial)
{
    close();
    if (initial.settings.batchSize == ProjectSettings{}.batchSize)
        initial.settings.batchSize = m_context.settings().defaultBatchSize();
    initial.settings.parallelDownloads = m_context.settings().parallelDownloads();
    if (Status s = m_store.create(dir, std::move(initial)); !s)
        return s;
    m_context.settings().addRecentProject(m_store.dir());
    wireStory();
    emit opened();
    return {};
}

Status ProjectController::open(const QString& dir)
{
    close();
    if (Status s = m_store.open(dir); !s)
        return s;
    m_context.settings().addRecentProject(m_store.dir());
    wireStory();
    emit opened();
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

Status ProjectController::openBackup(const QString& dir)
{
    close();
    if (Status s = m_store.openBackup(dir); !s)
        return s;
    wireStory();
    emit opened();
    return {};
}

void ProjectController::close()
{
    if (!m_store.isOpen())
        return;
    cancelAssembly();
    m_assembly.waitForFinished();
    if (m_story)
        m_story->cancel();
    m_story.reset();
    if (m_pipeline)
        m_pipeline->stop();
    m_pipeline.reset();
    LogSink::setLogFile({});
    m_store.close();
    m_context.thumbnails().clear();
    emit closed();
}

void ProjectController::wireStory()
{
    const QString logs = QDir(m_store.dir()).filePath(u"logs"_s);
    QDir().mkpath(logs);
    LogSink::setLogFile(QDir(logs).filePath(
        u"t2v-studio-%1.log"_s.arg(QDate::currentDate().toString(Qt::ISODate))));
    m_story = std::make_unique<StoryService>(m_store);
    connect(m_story.get(), &StoryService::planReady, this, &ProjectController::scriptReset);
    connect(m_story.get(), &StoryService::sceneReady, this, &ProjectController::sceneChanged);
    connect(m_story.get(), &StoryService::sceneStarted, this, &ProjectController::sceneChanged);
    connect(m_story.get(), &StoryService::sceneFailed, this,
            [this](int n, const QString&) { emit sceneChanged(n); });
    connect(m_story.get(), &StoryService::finished, this, &ProjectController::scriptReset);
}

Status ProjectController::useWritingAccount()
{
    if (!isOpen())
        return Error::make(ErrorKind::Invalid, tr("Open or create a project first."));
    const ProjectSettings& s = m_store.project().settings;
    const auto account = m_context.accounts().find(s.llmAccount);
    if (!account)
        return Error::make(ErrorKind::Invalid,
                           tr("The writing account \"%1\" does not exist.").arg(s.llmAccount));
    std::optional<QString> key;
    if (auto secret = m_context.secrets().read(account->id))
        key = secret->key;
    auto provider = LlmProviders::create(*account, key, s.llmModel);
    if (!provider)
        return provider.error();
    m_story->setProvider(provider.value());
    return {};
}

Status ProjectController::writeScript(bool fromScratch)
{
    if (Status s = useWritingAccount(); !s)
        return s;
    const Status started = fromScratch ? m_story->start() : m_story->resume();
    if (started && fromScratch) {
        emit scriptReset();
        emit jobsReset(); // the old clips are kept apart from the new scenes
    }
    return started;
}

Status ProjectController::regenerate(const QList<int>& scenes, const QString& note)
{
    if (Status s = useWritingAccount(); !s)
        return s;
    return m_story->regenerate(scenes, note);
}

void ProjectController::stopScript()
{
    if (m_story)
        m_story->cancel();
}

PipelineOptions ProjectController::pipelineOptions(int parallelDownloads) const
{
    PipelineOptions o;
    o.parallelDownloads = parallelDownloads;
    o.ffmpegPath = m_context.settings().ffmpegPath();
    const auto seconds = std::chrono::seconds(m_context.settings().pollIntervalSeconds());
    o.pollInterval = seconds;
    o.maxPollInterval = seconds * 4;
    if (qEnvironmentVariableIsSet("T2V_FAST_POLL")) {
        // Tests and benchmarks against the local fake server.
        o.pollTick = 10ms;
        o.pollInterval = 30ms;
        o.maxPollInterval = 100ms;
        o.downloadRetryDelays = {50ms, 100ms, 200ms};
    }
    return o;
}

Status ProjectController::preparePipeline(const QStringList& submitAccounts, int parallelDownloads)
{
    if (m_pipeline && m_pipeline->isRunning()) {
        // Already going: new submissions use these accounts from now on.
        if (!submitAccounts.isEmpty()) {
            if (Status s = m_pipeline->accounts().populate(submitAccounts, m_context.accounts(),
                                                           m_context.secrets());
                !s)
                return s;
            m_pipeline->scheduler().setSubmitAccounts(submitAccounts);
        }
        m_pipeline->downloads().setMaxParallel(parallelDownloads);
        return {};
    }
    auto pipeline = std::make_unique<VideoPipeline>(m_store);
    if (Status s = pipeline->prepare(submitAccounts, m_context.accounts(), m_context.secrets(),
                                     pipelineOptions(parallelDownloads));
        !s)
        return s;
    m_pipeline = std::move(pipeline);
    connect(m_pipeline.get(), &VideoPipeline::jobChanged, this, &ProjectController::jobChanged);
    connect(m_pipeline.get(), &VideoPipeline::jobProgress, this, &ProjectController::jobProgress);
    connect(m_pipeline.get(), &VideoPipeline::problem, this, &ProjectController::problem);
    connect(m_pipeline.get(), &VideoPipeline::idle, this, [this] {
        // Every clip is finished one way or another: stop polling until there is new work.
        m_pipeline->stop();
        emit clipsIdle();
    });
    connect(m_pipeline.get(), &VideoPipeline::waveFinished, this, [this](int ok, int failed) {
        emit notice(tr("Downloads finished: %1 succeeded, %2 failed.").arg(ok).arg(failed));
    });
    return {};
}

Status ProjectController::makeClips(const QList<int>& scenes, const JobOptions& options,
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
    settings.videoAccounts = options.accounts;
    settings.variants = options.variants;
    settings.resolution = options.resolution;
    settings.upscale = options.upscale;
    settings.parallelDownloads = parallelDownloads;
    m_store.markDirty();
    emit jobsReset();
    if (!m_pipeline->isRunning())
        m_pipeline->start();
    else
        m_pipeline->scheduler().start();
    if (added->isEmpty())
        emit notice(tr("Every chosen scene already has its clips."));
    return {};
}

Status ProjectController::resumeClips(bool submitQueued)
{
    const ProjectSettings& settings = m_store.project().settings;
    if (Status s = preparePipeline(submitQueued ? settings.videoAccounts : QStringList(),
                                   settings.parallelDownloads);
        !s)
        return s;
    if (!m_pipeline->isRunning()) {
        m_pipeline->start();
        if (!submitQueued)
            m_pipeline->scheduler().stop();
    } else if (submitQueued) {
        // Opening the project only carried on with work in flight; submitting is asked now.
        m_pipeline->scheduler().start();
    }
    return {};
}

void ProjectController::stopClips()
{
    if (m_pipeline)
        m_pipeline->stop();
}

void ProjectController::setParallelDownloads(int n)
{
    if (isOpen()) {
        m_store.project().settings.parallelDownloads = n;
        m_store.markDirty();
    }
    if (m_pipeline)
        m_pipeline->downloads().setMaxParallel(n);
}

Status ProjectController::retry(const QStringList& jobIds)
{
    if (Status s = resumeClips(true); !s)
        return s;
    return m_pipeline->retry(jobIds);
}

Status ProjectController::renderAgain(const QStringList& jobIds)
{
    if (Status s = resumeClips(true); !s)
        return s;
    return m_pipeline->renderAgain(jobIds);
}

Status ProjectController::useOrphanFor(const QString& jobId, int sceneNumber)
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

Status ProjectController::deleteClip(const QString& jobId)
{
    if (Status s = m_store.removeJob(jobId); !s)
        return s;
    m_store.saveNow();
    m_context.thumbnails().clear();
    emit jobsReset();
    return {};
}

bool ProjectController::layoutChangeLosesWork(int durationSeconds, int sceneSeconds) const
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

Result<int> ProjectController::changeLayout(int durationSeconds, int sceneSeconds)
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

Status ProjectController::redownload(const QStringList& jobIds)
{
    for (const QString& id : jobIds) {
        VideoJob* job = m_store.project().findJob(id);
        if (!job || job->remoteId.isEmpty())
            continue;
        // Fetch again from the service: a new address comes from a fresh poll if needed.
        job->state = job->videoUrl.isEmpty() ? JobState::Submitted : JobState::Ready;
        job->downloadAttempts = 0;
        job->error.clear();
        emit jobChanged(id);
    }
    m_store.markDirty();
    return resumeClips(false);
}

void ProjectController::cancel(const QStringList& jobIds)
{
    if (m_pipeline) {
        m_pipeline->cancel(jobIds);
        return;
    }
    for (const QString& id : jobIds) {
        VideoJob* job = m_store.project().findJob(id);
        if (job && !isTerminal(job->state) && job->state != JobState::Submitting) {
            job->state = JobState::Cancelled;
            emit jobChanged(id);
        }
    }
    m_store.markDirty();
}

void ProjectController::chooseVariant(const QString& jobId)
{
    const VideoJob* job = m_store.project().findJob(jobId);
    if (!job)
        return;
    m_store.project().settings.chosenVariants.insert(job->sceneNumber, job->variant);
    m_store.markDirty();
    for (const VideoJob* other : m_store.project().jobsForScene(job->sceneNumber))
        emit jobChanged(other->id);
}

Status ProjectController::assemble(const AssemblyOptions& options)
{
    if (!isOpen())
        return Error::make(ErrorKind::Invalid, tr("Open or create a project first."));
    if (m_assembly.isRunning())
        return Error::make(ErrorKind::Invalid, tr("The film is already being assembled."));
    auto tools = FfmpegTools::locate(m_context.settings().ffmpegPath());
    if (!tools)
        return tools.error();
    ProjectSettings& s = m_store.project().settings;
    s.subtitles = options.subtitles;
    s.transition = options.transition;
    s.fadeSeconds = options.fadeSeconds;
    s.musicPath = options.musicPath;
    s.musicVolume = options.musicVolume;
    m_store.markDirty();
    // The plan probes every clip: off the GUI thread with the rest.
    const Project snapshot = m_store.project();
    const QString dir = m_store.dir();
    const FfmpegTools t = *tools;
    m_assemblyCancel = CancelToken();
    m_assemblyFraction->store(0);
    const CancelToken cancel = m_assemblyCancel;
    auto fraction = m_assemblyFraction;
    m_assembly.setFuture(QtConcurrent::run(
        &Pools::media(), [snapshot, dir, t, options, cancel, fraction]() -> Result<AssemblyResult> {
            auto plan = Assembler::plan(t, snapshot, dir, options, cancel);
            if (!plan)
                return plan.error();
            return Assembler::assemble(t, *plan, options, cancel,
                                       [fraction](double f) { fraction->store(f); });
        }));
    m_assemblyTick.start();
    return {};
}

void ProjectController::cancelAssembly()
{
    m_assemblyCancel.cancel();
}

Result<QStringList> ProjectController::writeExports()
{
    if (!isOpen())
        return Error::make(ErrorKind::Invalid, tr("Open or create a project first."));
    return Exporters::writeAll(m_store.project(), m_store.dir());
}

} // namespace t2v::ui

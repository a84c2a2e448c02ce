#include "jobscheduler.h"

#include "core/async.h"
#include "core/limits.h"
#include "core/logging.h"
#include "core/pools.h"
#include "jobs/accountpool.h"
#include "jobs/jobstatemachine.h"
#include "jobs/spend.h"
#include "net/retrypolicy.h"
#include "project/projectstore.h"
#include "providers/providerregistry.h"
#include "story/promptcomposer.h"
#include "story/stylepresets.h"
#include "video/videoprovider.h"

#include <QDir>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace t2v {
namespace {

constexpr auto kDefaultCooldown429 = 30s;
constexpr auto kCooldown503 = 15s;
constexpr auto kCooldownUnreachable = 10s;

QString narrationFor(const Scene& scene)
{
    QStringList parts;
    if (!scene.narration.isEmpty())
        parts.append(scene.narration);
    for (const DialogueLine& d : scene.dialogue)
        parts.append(d.speaker.isEmpty() ? d.text : d.speaker + u": "_s + d.text);
    return parts.join(u' ');
}

} // namespace

JobScheduler::JobScheduler(ProjectStore& store, AccountPool& accounts, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_accounts(accounts)
{
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &JobScheduler::pump);
}

int JobScheduler::recoverInterruptedJobs(Project& project)
{
    int changed = 0;
    for (VideoJob& job : project.jobs)
        changed += JobStateMachine::recover(job) ? 1 : 0;
    return changed;
}

Result<QStringList> JobScheduler::addJobs(const QList<int>& scenes, const JobOptions& options)
{
    if (!m_store.isOpen())
        return Error::make(ErrorKind::Invalid, u"No project is open."_s);
    if (options.accounts.isEmpty())
        return Error::make(ErrorKind::Invalid, u"Choose at least one video account."_s);
    if (!limits::Variants.contains(options.variants))
        return Error::make(ErrorKind::Invalid,
                           u"Variants per scene must be %1."_s.arg(limits::Variants.text()));
    QString providerId;
    std::shared_ptr<VideoProvider> provider;
    for (const QString& id : options.accounts) {
        auto p = m_accounts.provider(id);
        if (!p)
            return Error::make(ErrorKind::Invalid,
                               u"The account \"%1\" is not set up for this run."_s.arg(id));
        if (!providerId.isEmpty() && p->id() != providerId)
            return Error::make(
                ErrorKind::Invalid,
                u"The accounts of one run must use the same service; \"%1\" uses %2, "
                u"not %3."_s.arg(id, p->id(), providerId));
        providerId = p->id();
        provider = p;
    }
    Project& project = m_store.project();
    const Script& script = project.script;
    const StylePreset style = StylePresets::findOrDefault(script.style);
    QStringList added;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int number : scenes) {
        const Scene* scene = script.scene(number);
        if (!scene)
            return Error::make(ErrorKind::Invalid,
                               u"There is no scene %1 (the script has %2)."_s.arg(number).arg(
                                   script.sceneCount()));
        if (!scene->isWritten())
            return Error::make(ErrorKind::Invalid, u"Scene %1 is not written yet."_s.arg(number));
        const ComposedPrompt prompt = PromptComposer::compose(
            *scene, script, style, provider->promptLimit(), provider->separateNegativePrompt());
        for (int v = 1; v <= options.variants; ++v) {
            if (project.jobFor(number, v))
                continue; // never make a second job for the same clip by accident
            const QString id = project.freeJobId(number, v);
            VideoJob job;
            job.id = id;
            job.sceneNumber = number;
            job.variant = v;
            job.provider = providerId;
            // Empty: the account's model, recorded when the clip is bought.
            job.model = options.model;
            job.prompt = prompt.prompt;
            job.negativePrompt = prompt.negative;
            job.aspectRatio =
                options.aspectRatio.isEmpty() ? script.aspectRatio : options.aspectRatio;
            job.resolution = options.resolution;
            job.durationSeconds =
                int(std::lround(scene->durationSeconds > 0 ? scene->durationSeconds
                                                           : script.sceneDuration(number)));
            job.upscale = options.upscale;
            job.createdAt = now;
            job.updatedAt = now;
            project.jobs.append(job);
            added.append(id);
        }
    }
    std::sort(project.jobs.begin(), project.jobs.end(),
              [](const VideoJob& a, const VideoJob& b) { return a.id < b.id; });
    m_submitAccounts = options.accounts;
    if (!added.isEmpty())
        m_store.markDirty();
    for (const QString& id : std::as_const(added))
        emit jobChanged(id);
    return added;
}

void JobScheduler::start()
{
    if (!m_pool)
        m_pool = &Pools::jobs();
    // Why clips waited is looked at again (a budget may have been raised since).
    for (VideoJob& job : m_store.project().jobs) {
        if (job.state == JobState::Queued && !job.error.isEmpty()) {
            job.error.clear();
            m_store.markDirty();
        }
    }
    m_heldReason.clear();
    m_running = true;
    schedulePump(0ms);
}

void JobScheduler::stop()
{
    m_running = false;
    m_wake.stop();
}

int JobScheduler::queuedCount() const
{
    int n = 0;
    for (const VideoJob& job : m_store.project().jobs)
        n += job.state == JobState::Queued ? 1 : 0;
    return n;
}

void JobScheduler::schedulePump(milliseconds delay)
{
    if (!m_wake.isActive() || m_wake.remainingTimeAsDuration() > delay)
        m_wake.start(std::max(delay, 0ms));
}

int JobScheduler::activeOperations(const QString& accountId) const
{
    QSet<QString> operations;
    for (const VideoJob& job : m_store.project().jobs) {
        if (job.accountId == accountId && occupiesAccountSlot(job.state))
            operations.insert(job.remoteId.isEmpty() ? job.id : job.remoteId);
    }
    return int(operations.size());
}

QList<Account> JobScheduler::groupAccounts(const QString& accountId) const
{
    QList<Account> group;
    for (const QString& member : m_accounts.groupOf(accountId)) {
        if (const Account* a = m_accounts.account(member))
            group.append(*a);
    }
    return group;
}

QString JobScheduler::pickAccount(const VideoJob& first, milliseconds* wait, SpendDecision* spend)
{
    *wait = milliseconds::max();
    const int n = int(m_submitAccounts.size());
    QStringList capped; // accounts at their own budget (a daily cap, a spend window)
    int usable = 0;
    for (int i = 0; i < n; ++i) {
        const QString id = m_submitAccounts[(m_roundRobin + i) % n];
        auto provider = m_accounts.provider(id);
        const Account* account = m_accounts.account(id);
        if (!provider || !account || provider->id() != first.provider || m_accounts.isDisabled(id))
            continue;
        ++usable;
        if (m_spend) {
            // First, so that an account at its daily cap is named even while it is busy.
            const SpendDecision d = m_spend->check(
                m_store.project(), samplesFor(first, provider->maxSamplesPerRequest()), *account,
                groupAccounts(id));
            if (d.kind == SpendDecision::Hold && !d.accountOnly) {
                *spend = d;
                return {};
            }
            if (d.kind == SpendDecision::Hold) {
                capped.append(d.reason);
                continue;
            }
            if (d.kind == SpendDecision::Wait) {
                *wait = std::min(*wait, d.wait);
                continue;
            }
        }
        // A local GPU server gets one more, to wait in its own queue (queueAhead).
        if (activeOperations(id) >= account->maxConcurrentJobs + provider->queueAhead())
            continue; // a job leaving this account wakes the scheduler
        if (const QStringList group = m_accounts.groupOf(id); group.size() > 1) {
            int inGroup = 0;
            for (const QString& member : group)
                inGroup += activeOperations(member);
            if (inGroup >= m_accounts.groupConcurrency(id))
                continue; // the quota group's keys share one project's concurrency
        }
        if (const auto cool = m_accounts.cooldownLeft(id); cool > 0ms) {
            *wait = std::min(*wait, cool);
            continue;
        }
        if (!m_accounts.tryAcquireRequest(id)) {
            *wait = std::min(*wait, m_accounts.timeUntilRequest(id));
            continue;
        }
        m_roundRobin = (m_roundRobin + i + 1) % n;
        return id;
    }
    if (usable > 0 && capped.size() == usable) {
        // Every account that could take it is at its own cap: the run holds.
        spend->kind = SpendDecision::Hold;
        spend->reason = capped.join(u' ');
    }
    return {};
}

VideoJob* JobScheduler::firstQueued()
{
    for (VideoJob& job : m_store.project().jobs) {
        if (job.state != JobState::Queued || job.orphaned)
            continue;
        const ChainStart start = chainStart(job);
        if (start.state == ChainStart::Waiting) {
            // In order: the scene waits for the previous one's clip; others go on.
            if (job.error != start.reason) {
                job.error = start.reason;
                emit jobChanged(job.id);
                m_store.markDirty();
            }
            continue;
        }
        if (start.state == ChainStart::Broken) {
            failJobs({job.id}, JobStage::Submit, start.reason, true);
            continue;
        }
        return &job;
    }
    return nullptr;
}

JobScheduler::ChainStart JobScheduler::chainStart(const VideoJob& job) const
{
    const Project& project = m_store.project();
    const Scene* scene = project.script.scene(job.sceneNumber);
    if (!scene || !scene->chained || job.sceneNumber < 2)
        return {};
    const int previous = job.sceneNumber - 1;
    const QList<const VideoJob*> before = project.jobsForScene(previous);
    const VideoJob* clip = nullptr;
    bool live = false;
    for (const VideoJob* j : before) {
        if (j->state == JobState::Done && !j->clipPath.isEmpty() &&
            (!clip || j->variant == project.settings.chosenVariants.value(previous)))
            clip = j;
        live = live || !isTerminal(j->state);
    }
    if (clip)
        return {ChainStart::Ready, QDir(m_store.dir()).filePath(clip->clipPath), {}};
    if (live)
        return {
            ChainStart::Waiting,
            {},
            u"Waits for the clip of scene %1, whose last frame it starts from."_s.arg(previous)};
    return {ChainStart::Broken,
            {},
            u"Scene %1 continues scene %2, which has no finished clip to start from. Make "
            u"scene %2's clip, then Retry this one (or stop chaining it: t2v keyframes "
            u"--unchain %1)."_s.arg(job.sceneNumber)
                .arg(previous)};
}

bool JobScheduler::failIfNoAccountLeft(const VideoJob& first)
{
    for (const QString& id : std::as_const(m_submitAccounts)) {
        auto p = m_accounts.provider(id);
        if (p && p->id() == first.provider && !m_accounts.isDisabled(id))
            return false;
    }
    QStringList reasons;
    for (const QString& id : std::as_const(m_submitAccounts))
        reasons.append(u"%1: %2"_s.arg(id, m_accounts.disabledReason(id)));
    QStringList ids;
    for (const VideoJob& job : m_store.project().jobs) {
        if (job.state == JobState::Queued && !job.orphaned && job.provider == first.provider)
            ids.append(job.id);
    }
    const QString message =
        u"No usable %1 account is left (%2)."_s.arg(first.provider, reasons.join(u"; "_s));
    failJobs(ids, JobStage::Submit, message, true);
    emit problem(message);
    return true;
}

QStringList JobScheduler::samplesFor(const VideoJob& first, int maxSamples) const
{
    // One request can make several samples of the same scene (Veo's sampleCount), when they
    // share everything that was asked.
    QStringList ids{first.id};
    for (const VideoJob& job : m_store.project().jobs) {
        if (ids.size() >= maxSamples)
            break;
        if (&job != &first && job.state == JobState::Queued && !job.orphaned &&
            job.sceneNumber == first.sceneNumber && job.provider == first.provider &&
            job.prompt == first.prompt && job.negativePrompt == first.negativePrompt &&
            job.resolution == first.resolution && job.aspectRatio == first.aspectRatio &&
            job.model == first.model && job.durationSeconds == first.durationSeconds)
            ids.append(job.id);
    }
    return ids;
}

VideoRequest JobScheduler::requestFor(const VideoJob& first, int samples) const
{
    VideoRequest request;
    request.prompt = first.prompt;
    request.negativePrompt = first.negativePrompt;
    request.aspectRatio = first.aspectRatio;
    request.resolution = first.resolution;
    request.durationSeconds = first.durationSeconds;
    request.sampleCount = samples;
    request.model = first.model; // empty: the account's own
    const Script& script = m_store.project().script;
    if (const Scene* scene = script.scene(first.sceneNumber))
        request.narration = narrationFor(*scene);
    request.sceneNumber = first.sceneNumber;
    request.sceneCount = script.sceneCount();
    request.variant = first.variant;
    request.referenceFiles = script.referencesFor(first.sceneNumber);
    if (const Scene* scene = script.scene(first.sceneNumber);
        scene && m_store.project().settings.keyframes && !scene->keyframe.isEmpty())
        request.firstFrameFile = QDir(m_store.dir()).filePath(scene->keyframe);
    // A chained scene starts where the previous clip ends, whatever its keyframe.
    if (const ChainStart start = chainStart(first); start.state == ChainStart::Ready) {
        request.firstFrameFile.clear();
        request.firstFrameClip = start.clip;
        request.ffmpegPath = m_ffmpegPath;
    }
    for (QString& file : request.referenceFiles)
        file = QDir(m_store.dir()).filePath(file);
    request.title = script.title;
    request.language = script.language;
    const StylePreset style = StylePresets::findOrDefault(script.style);
    request.background = style.background;
    request.accent = style.accent;
    return request;
}

void JobScheduler::pump()
{
    if (!m_running || m_submitting || !m_store.isOpen())
        return;
    VideoJob* first = firstQueued();
    if (!first) {
        emit queueEmpty();
        return;
    }
    if (failIfNoAccountLeft(*first)) {
        schedulePump(0ms);
        return;
    }
    milliseconds wait;
    SpendDecision spend;
    const QString accountId = pickAccount(*first, &wait, &spend);
    if (accountId.isEmpty()) {
        if (spend.kind == SpendDecision::Hold)
            hold(spend.reason); // raising the budget wakes the scheduler
        else if (wait != milliseconds::max())
            schedulePump(wait + 5ms);
        return; // otherwise a finished job frees capacity and calls pump()
    }
    hold({});
    // A model the key cannot use (known from its model list) is not sent: the account sits
    // this run out with the reason, naming the models it can use, before anything is paid.
    if (const Account* account = m_accounts.account(accountId)) {
        if (const QString why = ProviderRegistry::unservedVideoModel(*account); !why.isEmpty()) {
            m_accounts.disable(accountId, why, false);
            schedulePump(0ms);
            return;
        }
    }
    auto provider = m_accounts.provider(accountId);
    const QStringList ids = samplesFor(*first, provider->maxSamplesPerRequest());
    const VideoRequest request = requestFor(*first, int(ids.size()));

    // On disk as Submitting before the request leaves: after a crash the job shows up as
    // Unconfirmed instead of being bought a second time.
    Project& project = m_store.project();
    for (int i = 0; i < ids.size(); ++i) {
        VideoJob* job = project.findJob(ids[i]);
        job->accountId = accountId;
        job->sampleIndex = i;
        job->error.clear();
        job->failedStage = JobStage::None;
        moveTo(*job, JobState::Submitting);
    }
    // Charged before it leaves, on disk with the job: a crash leaves it counted as spent.
    if (m_spend)
        m_spend->charge(project, ids, *m_accounts.account(accountId));
    // Nothing else goes out until this request is on disk, sent and answered.
    m_submitting = true;
    m_store.markDirty();
    m_store.saveNow(this, [this, ids, accountId, provider, request](const Status& saved) {
        send(ids, accountId, provider, request, saved);
    });
}

void JobScheduler::send(const QStringList& ids, const QString& accountId,
                        const std::shared_ptr<VideoProvider>& provider, const VideoRequest& request,
                        const Status& saved)
{
    auto backToQueue = [&] {
        for (const QString& id : ids) {
            VideoJob* job = m_store.project().findJob(id);
            if (!job || job->state != JobState::Submitting)
                continue;
            const QList<Charge> before = job->charges;
            if (JobStateMachine::requeue(*job)) {
                giveBack(*job, before);
                emit jobChanged(id);
            }
        }
        m_store.markDirty();
        m_submitting = false;
    };
    if (!saved) {
        backToQueue();
        m_running = false;
        emit problem(u"Submissions are paused because the project cannot be saved (%1). Nothing "
                     u"was sent."_s.arg(saved.error().message));
        return;
    }
    if (!m_running) {
        backToQueue(); // stopped while saving: nothing was sent
        return;
    }
    qCInfo(lcJobs).noquote() << u"submitting %1 to %2"_s.arg(ids.join(u", "_s), accountId);
    QStringList references;
    for (const QString& file : request.referenceFiles)
        references.append(QDir(m_store.dir()).relativeFilePath(file));
    runInPool(
        m_pool, this,
        [provider, request]() -> Result<SubmitResult> {
            VideoRequest withImages = request;
            if (Status read = loadImages(withImages); !read)
                return read.error();
            return provider->submit(withImages, CancelToken());
        },
        [this, ids, accountId, references](const Result<SubmitResult>& result) {
            if (result) {
                for (const QString& id : ids) {
                    if (VideoJob* job = m_store.project().findJob(id)) {
                        job->references = references.mid(0, result->referencesSent);
                        job->notice = result->notice;
                    }
                }
                if (!result->notice.isEmpty())
                    qCInfo(lcJobs).noquote() << u"%1: %2"_s.arg(ids.join(u", "_s), result->notice);
            }
            onSubmitted(ids, accountId, result);
        });
}

void JobScheduler::onSubmitted(const QStringList& ids, const QString& accountId,
                               const Result<SubmitResult>& result)
{
    if (result.ok()) {
        recordSubmitted(ids, accountId, result.value());
        return;
    }
    m_submitting = false;
    const Error& e = result.error();
    if (e.isAuthFailure()) {
        // Refused before anything was made: the key is wrong. Others carry on.
        m_accounts.disable(accountId, u"the service rejected its key (%1)"_s.arg(e.message));
        emit problem(u"Account \"%1\" was disabled: %2"_s.arg(accountId, e.message));
        requeue(ids);
    } else if (e.quotaExhausted && e.kind == ErrorKind::Http && e.httpStatus == 429) {
        // Credits or a daily quota are used up for the whole quota group: its accounts sit
        // the run out (each would be refused the same way); other accounts carry on.
        for (const QString& member : m_accounts.groupOf(accountId))
            m_accounts.disable(member, e.message, false);
        emit problem(u"Account \"%1\" can make no more clips now: %2"_s.arg(accountId, e.message));
        requeue(ids);
    } else if (!e.requestSent && (e.kind == ErrorKind::Invalid || e.kind == ErrorKind::Io)) {
        // Stopped here before anything left (a reference image that went missing, a workflow
        // that cannot be filled): the clip fails with the reason, the account stays usable.
        failJobs(ids, JobStage::Submit, e.message, true);
    } else if (RetryPolicy::provesNothingCreated(e)) {
        const auto cooldown =
            e.httpStatus == 429
                ? std::max<milliseconds>(e.retryAfter.value_or(kDefaultCooldown429), 1000ms)
            : e.httpStatus == 503
                ? std::max<milliseconds>(e.retryAfter.value_or(kCooldown503), 1000ms)
                : milliseconds(kCooldownUnreachable);
        m_accounts.coolDown(accountId, cooldown, e.message);
        requeue(ids);
    } else if (e.kind == ErrorKind::Http && e.httpStatus >= 400 && e.httpStatus < 500) {
        // The service refused the request itself (bad prompt, bad parameters): nothing was made.
        failJobs(ids, JobStage::Submit, e.message, false);
    } else if (!e.requestSent || e.kind == ErrorKind::Unsupported || e.kind == ErrorKind::Invalid ||
               e.kind == ErrorKind::Io || e.kind == ErrorKind::Process) {
        failJobs(ids, JobStage::Submit, e.message, e.kind != ErrorKind::Unsupported);
    } else {
        // Sent, but the answer is lost or unreadable: it may exist and be billed.
        const QString why =
            u"The request reached %1 but its answer was lost (%2). The job may exist and be "
            u"billed, so it is not sent again automatically. Check the provider, then Retry to "
            u"submit it again."_s.arg(accountId, e.message);
        for (const QString& id : ids) {
            if (VideoJob* job = m_store.project().findJob(id);
                job && JobStateMachine::unconfirm(*job, why))
                emit jobChanged(id);
        }
        qCWarning(lcJobs).noquote()
            << u"%1: submission unconfirmed: %2"_s.arg(ids.join(u", "_s), e.message);
    }
    m_store.markDirty();
    m_store.saveNow();
    schedulePump(0ms);
}

void JobScheduler::recordSubmitted(const QStringList& ids, const QString& accountId,
                                   const SubmitResult& result)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QString& id : ids) {
        VideoJob* job = m_store.project().findJob(id);
        if (!job)
            continue;
        job->remoteId = result.remoteId;
        job->statusUrl = result.statusUrl;
        job->resultUrl = result.resultUrl;
        job->cancelUrl = result.cancelUrl;
        if (!result.model.isEmpty())
            job->model = result.model; // what was bought, not what was first guessed
        job->submittedAt = now;
        moveTo(*job, JobState::Submitted);
    }
    if (const Account* account = m_accounts.account(accountId); m_spend && account)
        m_spend->correct(m_store.project(), ids, *account);
    m_store.markDirty();
    emit submitted(ids);
    // The remote id is what stops a second purchase: it is on disk before anything else is sent.
    m_store.saveNow(this, [this](const Status& saved) {
        m_submitting = false;
        if (!saved) {
            m_running = false;
            emit problem(u"Submissions are paused: the project cannot be saved (%1). The jobs "
                         u"already submitted are kept in memory and saved as soon as "
                         u"possible."_s.arg(saved.error().message));
            return;
        }
        schedulePump(0ms);
    });
}

void JobScheduler::requeue(const QStringList& ids)
{
    for (const QString& id : ids) {
        VideoJob* job = m_store.project().findJob(id);
        if (!job)
            continue;
        const QList<Charge> before = job->charges;
        if (JobStateMachine::requeue(*job)) {
            giveBack(*job, before);
            emit jobChanged(id);
        }
    }
}

void JobScheduler::giveBack(const VideoJob& job, const QList<Charge>& before)
{
    if (m_spend && job.charges.size() < before.size() && before.last().usd)
        m_spend->refund(before.last().accountId, job.id, *before.last().usd);
}

void JobScheduler::hold(const QString& reason)
{
    if (reason == m_heldReason)
        return;
    m_heldReason = reason;
    // The reason is shown with each waiting job, in the window and in t2v status. A queued
    // job's error is only ever this reason (a failure leaves the queue).
    for (VideoJob& job : m_store.project().jobs) {
        if (job.state != JobState::Queued || job.orphaned || job.error == reason)
            continue;
        job.error = reason;
        emit jobChanged(job.id);
    }
    m_store.markDirty();
    if (!reason.isEmpty()) {
        qCWarning(lcJobs).noquote() << "submissions held:" << reason;
        emit held(reason);
    }
}

void JobScheduler::moveTo(VideoJob& job, JobState state)
{
    if (JobStateMachine::moveTo(job, state))
        emit jobChanged(job.id);
}

void JobScheduler::failJobs(const QStringList& ids, JobStage stage, const QString& message,
                            bool retryable)
{
    for (const QString& id : ids) {
        VideoJob* job = m_store.project().findJob(id);
        if (!job)
            continue;
        const QList<Charge> before = job->charges;
        if (JobStateMachine::fail(*job, stage, message, retryable)) {
            giveBack(*job, before);
            emit jobChanged(id);
        }
    }
    qCWarning(lcJobs).noquote() << u"%1 failed: %2"_s.arg(ids.join(u", "_s), message);
    m_store.markDirty();
}

Status JobScheduler::renderAgain(const QStringList& jobIds)
{
    Project& project = m_store.project();
    for (const QString& id : jobIds) {
        VideoJob* job = project.findJob(id);
        if (!job)
            return Error::make(ErrorKind::Invalid, u"There is no job \"%1\"."_s.arg(id));
        if (JobStateMachine::renderAgain(*job)) {
            refreshPrompt(*job);
            qCInfo(lcJobs).noquote() << id << "will be rendered again (a new paid request)";
            emit jobChanged(id);
        }
    }
    m_store.markDirty();
    schedulePump(0ms);
    return {};
}

void JobScheduler::refreshPrompt(VideoJob& job) const
{
    // A clip made again from scratch uses the scene as it reads now: the usual reason to retry
    // a refused or failed render is an edited prompt.
    const Script& script = m_store.project().script;
    const Scene* scene = script.scene(job.sceneNumber);
    if (!scene || !scene->isWritten())
        return;
    for (const QString& id : m_submitAccounts) {
        const auto provider = m_accounts.provider(id);
        if (!provider || provider->id() != job.provider)
            continue;
        const ComposedPrompt prompt =
            PromptComposer::compose(*scene, script, StylePresets::findOrDefault(script.style),
                                    provider->promptLimit(), provider->separateNegativePrompt());
        job.prompt = prompt.prompt;
        job.negativePrompt = prompt.negative;
        return;
    }
}

Status JobScheduler::retry(const QStringList& jobIds)
{
    Project& project = m_store.project();
    for (const QString& id : jobIds) {
        VideoJob* job = project.findJob(id);
        if (!job)
            return Error::make(ErrorKind::Invalid, u"There is no job \"%1\"."_s.arg(id));
        if (JobStateMachine::retry(*job)) {
            if (job->state == JobState::Queued)
                refreshPrompt(*job);
            emit jobChanged(id);
        }
    }
    m_store.markDirty();
    schedulePump(0ms);
    return {};
}

void JobScheduler::markCancelled(const QStringList& jobIds)
{
    for (const QString& id : jobIds) {
        if (VideoJob* job = m_store.project().findJob(id); job && JobStateMachine::cancel(*job))
            emit jobChanged(id);
    }
    m_store.markDirty();
    schedulePump(0ms);
}

} // namespace t2v

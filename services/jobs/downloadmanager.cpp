#include "downloadmanager.h"

#include "core/async.h"
#include "core/canceltoken.h"
#include "core/limits.h"
#include "core/logging.h"
#include "core/pools.h"
#include "jobs/accountpool.h"
#include "jobs/jobstatemachine.h"
#include "media/mediaprobe.h"
#include "media/thumbnailer.h"
#include "media/upscaler.h"
#include "net/httpclient.h"
#include "net/retrypolicy.h"
#include "project/projectpaths.h"
#include "project/projectstore.h"
#include "video/videoprovider.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThreadPool>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace t2v {

struct DownloadOutcome
{
    bool ok = false;
    Error error;
    qint64 bytes = 0;
};

struct VerifyOutcome
{
    bool ok = false;
    Error error;
    MediaInfo info;
};

struct FinishOutcome
{
    bool ok = false;
    bool clipPresent = false; // false: the clip must be downloaded again
    Error error;
    QString thumb;
    QString upscaled;
    MediaInfo info;
};

namespace {

constexpr int kMaxAttempts = 8; // downloads plus fresh-URL polls, before giving up

bool isExpiredUrl(const Error& e, bool fileUrl)
{
    if (fileUrl)
        return e.kind == ErrorKind::Io && e.message.startsWith(u"Cannot read"_s);
    return e.kind == ErrorKind::Http &&
           (e.httpStatus == 403 || e.httpStatus == 404 || e.httpStatus == 410);
}

DownloadOutcome downloadClip(const HttpRequest& request, const QString& part, const QString& source,
                             const CancelToken& cancel,
                             const std::shared_ptr<std::atomic<qint64>>& received,
                             const std::shared_ptr<std::atomic<qint64>>& total)
{
    DownloadOutcome out;
    DownloadOptions options;
    options.resume = true;
    options.source = source;
    options.progress = [received, total](qint64 r, qint64 t) {
        received->store(r);
        total->store(t);
    };
    Result<DownloadResult> r = HttpClient().download(request, part, options, cancel);
    if (!r) {
        out.error = r.error();
        return out;
    }
    out.ok = true;
    out.bytes = r->bytesOnDisk;
    return out;
}

VerifyOutcome verifyClip(const FfmpegTools& tools, const QString& part)
{
    VerifyOutcome out;
    // A server's error page saved as .mp4 must never become a clip.
    Result<MediaInfo> info = MediaProbe::probe(tools, part);
    if (!info) {
        QFile::remove(part);
        QFile::remove(HttpClient::partMetaPath(part));
        out.error = info.error();
        if (out.error.kind == ErrorKind::Process)
            out.error.kind = ErrorKind::BadResponse;
        return out;
    }
    // On disk for good before the project says so, so a power cut cannot leave a torn clip.
    {
        QFile f(part);
        if (f.open(QIODevice::ReadOnly))
            ::fdatasync(f.handle());
    }
    out.ok = true;
    out.info = info.value();
    return out;
}

// The verified download takes the clip's name. rename(2) replaces an older clip atomically:
// readers see the old file or the new one.
Status promotePart(const QString& part, const QString& finalPath)
{
    if (!QFileInfo::exists(part))
        return {};
    if (std::rename(QFile::encodeName(part).constData(),
                    QFile::encodeName(finalPath).constData()) != 0)
        return Error::make(ErrorKind::Io, u"Cannot move the download to %1: %2"_s.arg(
                                              QDir::toNativeSeparators(finalPath),
                                              QString::fromLocal8Bit(std::strerror(errno))));
    QFile::remove(HttpClient::partMetaPath(part));
    return {};
}

FinishOutcome thumbnailClip(const FfmpegTools& tools, const QString& clip, const MediaInfo& info,
                            const QString& thumb, const CancelToken& cancel)
{
    FinishOutcome out;
    out.clipPresent = true;
    if (Status s = Thumbnailer::make(tools, clip, info.durationSeconds, thumb, cancel); !s) {
        out.error = s.error();
        return out;
    }
    out.thumb = thumb;
    out.info = info;
    out.ok = true;
    return out;
}

// The verified .part (if any) takes the clip's name, the clip is checked, then thumbnailed.
FinishOutcome finishClip(const FfmpegTools& tools, const QString& clip, const QString& part,
                         const QString& thumb, const std::shared_ptr<MediaInfo>& known)
{
    // A Downloaded job's .part is the verified download (the program may have stopped
    // before it took the clip's name).
    if (Status s = promotePart(part, clip); !s) {
        FinishOutcome out;
        out.clipPresent = QFileInfo::exists(part);
        out.error = s.error();
        return out;
    }
    if (!QFileInfo::exists(clip)) {
        FinishOutcome out;
        out.error =
            Error::make(ErrorKind::Io, u"The downloaded clip is missing from %1; it will be "
                                       u"fetched again."_s.arg(QDir::toNativeSeparators(clip)));
        return out;
    }
    MediaInfo info;
    if (known) {
        info = *known;
    } else {
        // After a restart the clip was verified by an earlier run: look at it again.
        Result<MediaInfo> probed = MediaProbe::probe(tools, clip);
        if (!probed) {
            FinishOutcome out;
            out.error = probed.error();
            return out;
        }
        info = *probed;
    }
    return thumbnailClip(tools, clip, info, thumb, CancelToken());
}

} // namespace

DownloadManager::DownloadManager(ProjectStore& store, AccountPool& accounts, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_accounts(accounts)
    , m_retryDelays{2s, 5s, 15s}
{
    m_progressTimer.setInterval(100ms); // at most ten progress signals a second per clip
    connect(&m_progressTimer, &QTimer::timeout, this, &DownloadManager::reportProgress);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &DownloadManager::startNext);
}

DownloadManager::~DownloadManager()
{
    for (const Transfer& t : std::as_const(m_running))
        t.cancel->cancel();
}

void DownloadManager::setMaxParallel(int n)
{
    m_maxParallel = limits::ParallelDownloads.clamp(n);
    if (m_pool)
        m_pool->setMaxThreadCount(std::max(m_maxParallel, int(m_running.size())));
    startNext();
}

void DownloadManager::start()
{
    if (!m_pool)
        m_pool = &Pools::download();
    if (!m_mediaPool)
        m_mediaPool = &Pools::media();
    if (!m_renderPool)
        m_renderPool = &Pools::render();
    m_pool->setMaxThreadCount(m_maxParallel);
    m_active = true;
    m_progressTimer.start();
    startNext();
}

void DownloadManager::stop()
{
    m_active = false;
    for (const Transfer& t : std::as_const(m_running))
        t.cancel->cancel();
}

void DownloadManager::wake()
{
    QTimer::singleShot(0, this, &DownloadManager::startNext);
}

bool DownloadManager::isBusy() const
{
    return !m_running.isEmpty() || !m_verifying.isEmpty() || !m_finishing.isEmpty() ||
           !m_retryAt.isEmpty();
}

void DownloadManager::cancel(const QStringList& jobIds)
{
    for (const QString& id : jobIds) {
        if (auto it = m_running.find(id); it != m_running.end()) {
            m_cancelled.insert(id);
            it->cancel->cancel();
        }
        m_retryAt.remove(id);
    }
}

void DownloadManager::startNext()
{
    if (!m_active || !m_store.isOpen())
        return;
    const auto now = m_accounts.clock().now();
    auto nextRetry = Clock::TimePoint::max();
    for (VideoJob& job : m_store.project().jobs) {
        // Clips downloaded but not finished (a stop while finishing, a retried finish) are
        // finished whatever the download slots are doing.
        if (job.state == JobState::Downloaded && !m_finishing.contains(job.id) &&
            !m_verifying.contains(job.id))
            finish(job);
    }
    for (VideoJob& job : m_store.project().jobs) {
        if (int(m_running.size()) >= m_maxParallel)
            break;
        if (job.state != JobState::Ready || m_running.contains(job.id))
            continue;
        if (const auto it = m_retryAt.constFind(job.id); it != m_retryAt.constEnd()) {
            if (*it > now) {
                nextRetry = std::min(nextRetry, *it);
                continue;
            }
            m_retryAt.remove(job.id);
        }
        begin(job);
    }
    if (nextRetry != Clock::TimePoint::max())
        m_retryTimer.start(std::max(duration_cast<milliseconds>(nextRetry - now), 1ms));
    checkWave();
}

void DownloadManager::begin(VideoJob& job)
{
    auto provider = m_accounts.provider(job.accountId);
    if (!provider) {
        fail(job, JobStage::Download,
             u"The account \"%1\" that made this clip is not available; add it back and Retry."_s
                 .arg(job.accountId));
        return;
    }
    if (job.videoUrl.isEmpty()) {
        fail(job, JobStage::Download, u"The service gave no download address for this clip."_s);
        return;
    }
    if (!m_waveActive) {
        m_waveActive = true;
        m_waveSucceeded = 0;
        m_waveFailed = 0;
    }
    ++job.downloadAttempts;
    moveTo(job, JobState::Downloading);

    Transfer t{std::make_shared<std::atomic<qint64>>(0), std::make_shared<std::atomic<qint64>>(-1),
               std::make_shared<CancelToken>(), -1};
    m_running.insert(job.id, t);
    const QString part = m_store.absolutePath(ProjectPaths::clipPart(job.id));
    // A .part is continued only with the bytes of the same remote video.
    const QString source = u"%1|%2#%3"_s.arg(job.accountId, job.remoteId).arg(job.sampleIndex);
    HttpRequest request = provider->downloadRequest(job, job.videoUrl);
    qCInfo(lcJobs).noquote() << u"downloading %1 (attempt %2)"_s.arg(job.id).arg(
        job.downloadAttempts);
    runInPool(
        m_pool, this,
        [request, part, source, t] {
            return downloadClip(request, part, source, *t.cancel, t.received, t.total);
        },
        [this, id = job.id](const DownloadOutcome& outcome) { onDownloaded(id, outcome); });
}

void DownloadManager::onDownloaded(const QString& id, const DownloadOutcome& outcome)
{
    m_running.remove(id);
    const bool userCancelled = m_cancelled.remove(id);
    VideoJob* job = m_store.isOpen() ? m_store.project().findJob(id) : nullptr;
    if (!job) {
        startNext();
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    job->updatedAt = now;
    if (outcome.ok) {
        job->bytesReceived = outcome.bytes;
        job->bytesTotal = outcome.bytes;
        emit progress(id, outcome.bytes, outcome.bytes);
        verify(*job);
        startNext(); // the slot is free while the file is checked
        return;
    }

    const Error& e = outcome.error;
    if (e.isCancelled()) {
        if (userCancelled)
            JobStateMachine::cancel(*job);
        else
            JobStateMachine::moveTo(*job, JobState::Ready); // a stop keeps it for later
        m_store.markDirty();
        emit jobChanged(id);
        startNext();
        return;
    }
    const bool fileUrl = job->videoUrl.startsWith(u"file:"_s);
    if (isExpiredUrl(e, fileUrl) && job->downloadAttempts < kMaxAttempts) {
        qCInfo(lcJobs).noquote()
            << u"%1: the download address no longer works (%2); asking for a fresh one"_s.arg(
                   id, e.message);
        job->videoUrl.clear();
        moveTo(*job, JobState::Rendering);
        emit urlExpired(id);
    } else if (RetryPolicy::isRetryable(e) && job->downloadAttempts <= kRetries &&
               job->downloadAttempts <= m_retryDelays.size()) {
        const auto delay = m_retryDelays[job->downloadAttempts - 1];
        qCInfo(lcJobs).noquote() << u"%1: download failed (%2); retrying in %3 ms"_s
                                        .arg(id, e.message)
                                        .arg(delay.count());
        m_retryAt.insert(id, m_accounts.clock().now() + delay);
        job->error = e.message;
        moveTo(*job, JobState::Ready);
    } else {
        fail(*job, JobStage::Download, e.message);
    }
    startNext();
}

void DownloadManager::verify(VideoJob& job)
{
    m_verifying.insert(job.id);
    const QString part = m_store.absolutePath(ProjectPaths::clipPart(job.id));
    const FfmpegTools tools = m_tools;
    runInPool(
        m_mediaPool, this, [tools, part] { return verifyClip(tools, part); },
        [this, id = job.id](const VerifyOutcome& outcome) { onVerified(id, outcome); });
}

void DownloadManager::onVerified(const QString& id, const VerifyOutcome& outcome)
{
    m_verifying.remove(id);
    VideoJob* job = m_store.isOpen() ? m_store.project().findJob(id) : nullptr;
    if (!job) {
        checkWave();
        return;
    }
    job->updatedAt = QDateTime::currentDateTimeUtc();
    if (!outcome.ok) {
        fail(*job, JobStage::Download, outcome.error.message);
        checkWave();
        startNext();
        return;
    }
    job->clipPath = ProjectPaths::clip(id);
    job->error.clear();
    ++m_waveSucceeded;
    m_probed.insert(id, std::make_shared<MediaInfo>(outcome.info));
    moveTo(*job, JobState::Downloaded);
    // The verified .part becomes the clip only once the project says Downloaded: a stop in
    // between leaves a complete .part that the next run verifies again instead of fetching.
    m_finishing.insert(id);
    m_store.markDirty();
    m_store.saveNow(this, [this, id](const Status&) {
        m_finishing.remove(id);
        if (VideoJob* j = m_store.isOpen() ? m_store.project().findJob(id) : nullptr;
            j && j->state == JobState::Downloaded)
            finish(*j);
        else
            checkWave();
    });
}

void DownloadManager::finish(VideoJob& job)
{
    moveTo(job, JobState::Finishing);
    m_finishing.insert(job.id);
    const QString clip = m_store.absolutePath(ProjectPaths::clip(job.id));
    const QString part = m_store.absolutePath(ProjectPaths::clipPart(job.id));
    const QString thumb = m_store.absolutePath(ProjectPaths::thumbnail(job.id));
    const FfmpegTools tools = m_tools;
    const std::shared_ptr<MediaInfo> known = m_probed.take(job.id);
    runInPool(
        m_mediaPool, this,
        [tools, clip, part, thumb, known] { return finishClip(tools, clip, part, thumb, known); },
        [this, id = job.id](const FinishOutcome& outcome) { onThumbnailed(id, outcome); });
}

void DownloadManager::onThumbnailed(const QString& id, const FinishOutcome& outcome)
{
    VideoJob* job = m_store.isOpen() ? m_store.project().findJob(id) : nullptr;
    if (!job || !outcome.ok || !job->upscale) {
        onFinished(id, outcome);
        return;
    }
    // The 4K resample is long work: on the render pool, so thumbnails never wait for it.
    const QString clip = m_store.absolutePath(ProjectPaths::clip(id));
    const QString upscaled = m_store.absolutePath(ProjectPaths::upscaled(id));
    const FfmpegTools tools = m_tools;
    runInPool(
        m_renderPool, this,
        [tools, clip, upscaled, outcome] {
            FinishOutcome out = outcome;
            if (Status s = Upscaler::resample(tools, clip, outcome.info.width, outcome.info.height,
                                              upscaled, CancelToken());
                !s) {
                out.ok = false;
                out.error = s.error();
                return out;
            }
            out.upscaled = upscaled;
            return out;
        },
        [this, id](const FinishOutcome& resampled) { onFinished(id, resampled); });
}

void DownloadManager::onFinished(const QString& id, const FinishOutcome& outcome)
{
    m_finishing.remove(id);
    VideoJob* job = m_store.isOpen() ? m_store.project().findJob(id) : nullptr;
    if (job) {
        if (outcome.ok) {
            job->thumbPath = m_store.relativePath(outcome.thumb);
            job->upscaledPath =
                outcome.upscaled.isEmpty() ? QString() : m_store.relativePath(outcome.upscaled);
            job->error.clear();
            moveTo(*job, JobState::Done);
        } else if (!outcome.clipPresent && !job->remoteId.isEmpty()) {
            // Nothing to finish: fetch it again (or ask for a fresh address first).
            qCWarning(lcJobs).noquote() << u"%1: %2"_s.arg(id, outcome.error.message);
            job->clipPath.clear();
            refetch(*job);
        } else {
            fail(*job, outcome.clipPresent ? JobStage::Finish : JobStage::Download,
                 outcome.error.message);
        }
    }
    checkWave();
}

void DownloadManager::refetch(VideoJob& job)
{
    const bool fresh = job.videoUrl.isEmpty();
    moveTo(job, fresh ? JobState::Rendering : JobState::Ready);
    if (fresh)
        emit urlExpired(job.id);
    startNext();
}

void DownloadManager::moveTo(VideoJob& job, JobState state)
{
    if (JobStateMachine::moveTo(job, state)) {
        m_store.markDirty();
        emit jobChanged(job.id);
    }
}

void DownloadManager::fail(VideoJob& job, JobStage stage, const QString& message)
{
    if (stage == JobStage::Download)
        ++m_waveFailed;
    if (!JobStateMachine::fail(job, stage, message, true))
        return;
    qCWarning(lcJobs).noquote() << u"%1: %2"_s.arg(job.id, message);
    m_store.markDirty();
    emit jobChanged(job.id);
}

void DownloadManager::reportProgress()
{
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        const qint64 received = it->received->load();
        if (received == it->reportedReceived)
            continue;
        it->reportedReceived = received;
        const qint64 total = it->total->load();
        if (VideoJob* job = m_store.project().findJob(it.key())) {
            job->bytesReceived = received;
            job->bytesTotal = std::max<qint64>(total, 0);
        }
        emit progress(it.key(), received, total);
    }
}

void DownloadManager::checkWave()
{
    // A wave is the downloads: it ends when every clip is fetched and checked (or failed);
    // thumbnails and resamples go on on the media pool.
    if (!m_waveActive || !m_running.isEmpty() || !m_verifying.isEmpty() || !m_retryAt.isEmpty())
        return;
    for (const VideoJob& job : m_store.project().jobs) {
        if (job.state == JobState::Ready)
            return;
    }
    m_waveActive = false;
    qCInfo(lcJobs).noquote()
        << u"downloads finished: %1 succeeded, %2 failed"_s.arg(m_waveSucceeded).arg(m_waveFailed);
    emit waveFinished(m_waveSucceeded, m_waveFailed);
}

} // namespace t2v

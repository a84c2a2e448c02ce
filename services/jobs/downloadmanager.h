#pragma once

// Fetches finished clips (DESIGN.md §4): a continuous pool of at most N transfers (limits.h,
// changeable while running); a new one starts as soon as a slot frees. Each clip streams to
// clips/<job>.mp4.part and resumes with a checked Range request; the length is checked, then,
// on the media pool so the slot is already free for the next transfer, ffprobe must accept the
// file before it is renamed to its final name. Network errors are
// retried three times with backoff; an expired URL (403/404/410) is polled again for a fresh
// one. Then, on the media pool, a thumbnail and the optional 4K resample. Progress reaches the
// main thread at most ten times a second per clip; after each wave of downloads, a summary.

#include "core/clock.h"
#include "media/ffmpegtools.h"
#include "project/project.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <memory>

class QThreadPool;

namespace t2v {

class AccountPool;
class ProjectStore;
class CancelToken;
struct DownloadOutcome;
struct VerifyOutcome;
struct FinishOutcome;
struct MediaInfo;

class DownloadManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadManager)

public:
    static constexpr int kRetries = 3;

    DownloadManager(ProjectStore& store, AccountPool& accounts, QObject* parent = nullptr);
    ~DownloadManager() override;

    void setThreadPool(QThreadPool* pool) { m_pool = pool; }
    void setMediaPool(QThreadPool* pool) { m_mediaPool = pool; }
    void setRenderPool(QThreadPool* pool) { m_renderPool = pool; }
    void setTools(const FfmpegTools& tools) { m_tools = tools; }
    void setRetryDelays(const QList<std::chrono::milliseconds>& delays) { m_retryDelays = delays; }
    // Takes effect at once: more transfers start now; with fewer, the running ones finish.
    void setMaxParallel(int n);
    int maxParallel() const { return m_maxParallel; }

    void start();
    // Stops starting transfers and abandons the running ones (their .part files are kept).
    void stop();
    void cancel(const QStringList& jobIds);
    void wake();

    int running() const { return int(m_running.size()); }
    bool isBusy() const;

signals:
    void jobChanged(const QString& id);
    void progress(const QString& id, qint64 received, qint64 total);
    // Every clip of a wave of downloads is fetched and checked (or failed for good).
    void waveFinished(int succeeded, int failed);
    void urlExpired(const QString& id);

private:
    struct Transfer
    {
        std::shared_ptr<std::atomic<qint64>> received;
        std::shared_ptr<std::atomic<qint64>> total;
        std::shared_ptr<CancelToken> cancel;
        qint64 reportedReceived = -1;
    };

    void startNext();
    void begin(VideoJob& job);
    void onDownloaded(const QString& id, const DownloadOutcome& outcome);
    void verify(VideoJob& job);
    void onVerified(const QString& id, const VerifyOutcome& outcome);
    void finish(VideoJob& job);
    void onThumbnailed(const QString& id, const FinishOutcome& outcome);
    void onFinished(const QString& id, const FinishOutcome& outcome);
    void refetch(VideoJob& job);
    void moveTo(VideoJob& job, JobState state);
    void fail(VideoJob& job, JobStage stage, const QString& message);
    void reportProgress();
    void checkWave();

    ProjectStore& m_store;
    AccountPool& m_accounts;
    QThreadPool* m_pool = nullptr;
    QThreadPool* m_mediaPool = nullptr;
    QThreadPool* m_renderPool = nullptr;
    FfmpegTools m_tools;
    int m_maxParallel = 5;
    bool m_active = false;
    QHash<QString, Transfer> m_running;
    QSet<QString> m_verifying;
    QSet<QString> m_finishing;
    QHash<QString, std::shared_ptr<MediaInfo>>
        m_probed; // verified clips, so finishing need not probe again
    QSet<QString> m_cancelled;
    QHash<QString, Clock::TimePoint> m_retryAt;
    QList<std::chrono::milliseconds> m_retryDelays;
    QTimer m_progressTimer;
    QTimer m_retryTimer;
    bool m_waveActive = false;
    int m_waveSucceeded = 0;
    int m_waveFailed = 0;
};

} // namespace t2v

#pragma once

// The built-in "local" video account: renders each scene as an animatic with FFmpeg — the
// style's colours, the scene number and its narration, a bar that fills over the scene, the
// narration spoken by espeak-ng when it is installed (silence otherwise) — at the project's
// aspect ratio and the scene's exact duration. The scene's keyframe, when the clip has one, is
// the background; the reference cards of its characters stand at the bottom right. Submitting
// writes the render spec into a cache keyed by its hash; polling renders it (once) and answers with
// a file:// URL that goes through the same download path as a real service. Costs nothing and needs
// no network.

#include "media/ffmpegtools.h"
#include "video/videoprovider.h"

#include <QSize>

namespace t2v {

class LocalAnimaticProvider final : public VideoProvider
{
public:
    explicit LocalAnimaticProvider(QString cacheDir = defaultCacheDir(), QString ffmpegPath = {});

    // $T2V_CACHE_DIR/animatic, else <generic cache location>/t2v-studio/animatic.
    static QString defaultCacheDir();
    static QSize frameSize(const QString& aspectRatio, const QString& resolution);

    QString id() const override { return QStringLiteral("local"); }
    QString label() const override { return QStringLiteral("Local animatic (FFmpeg)"); }
    int promptLimit() const override { return 4000; }
    bool separateNegativePrompt() const override { return false; }
    bool isPaid() const override { return false; }
    std::chrono::milliseconds pollInterval() const override
    {
        return std::chrono::milliseconds(100);
    }
    std::chrono::milliseconds maxPollInterval() const override
    {
        return std::chrono::milliseconds(500);
    }

    Result<SubmitResult> submit(const VideoRequest& request, const CancelToken& cancel) override;
    Result<PollResult> poll(const VideoJob& job, const CancelToken& cancel) override;
    HttpRequest downloadRequest(const VideoJob& job, const QString& url) const override;
    Status cancel(const VideoJob& job, const CancelToken& cancel) override;
    Status testConnection(const CancelToken& cancel) override;

    QString cacheDir() const { return m_cacheDir; }

private:
    Status render(const QString& key, const CancelToken& cancel);

    QString m_cacheDir;
    QString m_ffmpegPath;
};

} // namespace t2v

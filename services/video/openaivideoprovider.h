#pragma once

// A video server with an OpenAI-style job API on the user's own GPU: vLLM-Omni
// (vllm serve <model> --omni), SGLang Diffusion (sglang serve), or anything that copies them.
//   POST   {base}/videos               create: multipart/form-data (vLLM-Omni accepts only
//                                      that), or JSON (what older SGLang needs without an image)
//   GET    {base}/videos/{id}          {"id", "status": queued|in_progress|completed|failed,
//                                      "progress", "error": {"message"}}; vLLM-Omni answers a
//                                      failed job with an error status and the job as the body
//   GET    {base}/videos/{id}/content  the file
//   DELETE {base}/videos/{id}          cancel (vLLM-Omni: 409 while the cancel is under way)
// Sources: vllm-project/vllm-omni vllm_omni/entrypoints/openai/api_server.py (create_video,
// retrieve_video, delete_video, download_video) and docs/serving/videos_api.md;
// sgl-project/sglang python/sglang/multimodal_gen/runtime/entrypoints/openai/video_api.py.
// `base` ends in /v1, like an OpenAI-compatible chat server's. num_frames is always sent: the
// servers' own defaults differ (vLLM-Omni: 1 frame).

#include "video/videoprovider.h"

#include <atomic>

namespace t2v {

class OpenAiVideoProvider final : public VideoProvider
{
public:
    // `model` is sent only when not empty (vLLM-Omni refuses a name it does not serve).
    OpenAiVideoProvider(QString baseUrl, QString key, QString model);

    QString id() const override { return QStringLiteral("openai-video"); }
    QString label() const override;
    int promptLimit() const override { return 4000; }
    std::chrono::milliseconds pollInterval() const override { return std::chrono::seconds(3); }
    std::chrono::milliseconds maxPollInterval() const override { return std::chrono::seconds(10); }
    bool isPaid() const override { return false; }
    int queueAhead() const override { return 1; }

    Result<SubmitResult> submit(const VideoRequest& request, const CancelToken& cancel) override;
    Result<PollResult> poll(const VideoJob& job, const CancelToken& cancel) override;
    HttpRequest downloadRequest(const VideoJob& job, const QString& url) const override;
    Status cancel(const VideoJob& job, const CancelToken& cancel) override;
    Status testConnection(const CancelToken& cancel) override;

    static constexpr double kFps = 16.0; // Wan's rate; most of these servers run Wan
    // The fields of a request: prompt, size, seconds, fps, num_frames, seed, ...
    static QList<std::pair<QByteArray, QByteArray>> fields(const VideoRequest& request,
                                                           const QString& model, quint64 seed);
    // A status answer (any HTTP status) as a poll result; nullopt when it is not a job.
    static std::optional<PollResult> readJob(const QByteArray& body, const QString& contentUrl);

private:
    HttpRequest authorized(HttpRequest request) const;
    HttpRequest createRequest(const VideoRequest& request, bool asJson, quint64 seed) const;

    QString m_base;
    QString m_key;
    QString m_model;
    // Learned from a server that refused the other form; the next requests use this one.
    std::atomic<bool> m_json{false};
};

} // namespace t2v

#pragma once

// A ComfyUI server on the user's own GPU, driven with a workflow template (comfyworkflow.h).
// Wire format (ComfyUI server.py and execution.py, version 0.3.64 and later):
//   POST /upload/image   multipart "image" (+ "type": input, "overwrite") -> {"name", ...}
//   POST /prompt         {"prompt": graph, "client_id", "prompt_id"} -> {"prompt_id", "number",
//                        "node_errors"}; 400 with {"error": {...}, "node_errors": {...}} when
//                        the graph fails validation
//   GET  /history/{id}   {} while queued or running, then {id: {"outputs", "status"}}
//   GET  /queue          {"queue_running": [[n, id, ...]], "queue_pending": [...]}
//   GET  /view?filename=&subfolder=&type=   the file
//   POST /queue {"delete": [id]} and POST /interrupt {"prompt_id": id}   cancel
//   GET  /system_stats   the connection test
//   ws   /ws?clientId=   events of the prompts posted with that client_id: "progress"
//                        {value, max, prompt_id} per sampler step (the progress shown)
// A prompt that is neither in the history nor in the queue was lost (the server restarted):
// the job fails as retryable instead of waiting forever. ComfyUI has no keys; a key, when the
// account has one, is sent as a bearer token for a proxy in front of it.

#include "video/comfyworkflow.h"
#include "video/videoprovider.h"

#include <memory>
#include <utility>

namespace t2v {

class ComfyProgress;

class ComfyUiProvider final : public VideoProvider
{
public:
    // What the workflow must save: clips (the video provider) or stills (through
    // PolledImageProvider, for references and keyframes).
    enum class Saves { Videos, Images };
    // `workflow`: a shipped template name or the path of an API-format JSON file.
    ComfyUiProvider(QString baseUrl, QString key, QString workflow, Saves saves = Saves::Videos);
    ~ComfyUiProvider() override;

    QString id() const override { return QStringLiteral("comfyui"); }
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

    // A readable message for a 400 from POST /prompt ({"error": ..., "node_errors": ...}).
    static QString describeRejection(const QByteArray& body);
    // The saved file in a history entry's "outputs": a video (under "images", "gifs" or
    // "videos") or an image (SaveImage: "images"), as a /view URL.
    static QStringList outputFiles(const json::Json& outputs, const QString& base,
                                   Saves saves = Saves::Videos);
    // Why a history entry with status "error" failed, or that it was interrupted; else its file.
    static PollResult finished(const json::Json& entry, const QString& base,
                               Saves saves = Saves::Videos);
    // The prompt and its percentage in a /ws event ("progress", "progress_state"), if any.
    static std::optional<std::pair<QString, int>> progressIn(const QByteArray& message);

private:
    HttpRequest authorized(HttpRequest request) const;
    Result<QString> upload(const ImageInput& image, const CancelToken& cancel) const;
    // Whether the server still holds the prompt: "running", "pending" or empty.
    Result<QString> queuePlace(const QString& promptId, const CancelToken& cancel) const;

    QString m_base;
    QString m_key;
    QString m_workflow;
    Saves m_saves = Saves::Videos;
    std::unique_ptr<ComfyProgress> m_progress;
};

} // namespace t2v

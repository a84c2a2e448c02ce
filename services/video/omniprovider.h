#pragma once

// Gemini Omni video through the Interactions API, as python-genai builds it
// (google/genai/_gaos/interactions.py, types/interactions/*.py, snapshot 6680718 of
// 2026-08-21; paths pinned by tests/interactions/test_paths.py):
//
//   POST   /v1beta/interactions               create; background: answers {id, status}
//   GET    /v1beta/interactions/{id}          status; steps[] hold the output
//   POST   /v1beta/interactions/{id}/cancel   cancel a background interaction ("/cancel")
//   DELETE /v1beta/interactions/{id}          delete (kept 14 days otherwise)
//
// Create body, snake_case (CreateModelInteraction; no field has a camelCase alias):
//   {"model": "gemini-omni-1.1-flash",
//    "input": [{"type":"image","data":B64,"mime_type":"image/png"}, ...,
//              {"type":"text","text":"<FIRST_FRAME> ... <IMAGE_REF_0> ..."}],
//    "generation_config": {"video_config": {"task": "text_to_video" | "image_to_video" |
//                                                    "reference_to_video"}},
//    "response_format": {"type":"video","aspect_ratio":"16:9","duration":"8s",
//                        "resolution":"720p","delivery":"uri"},
//    "background": true, "store": true}
// VideoConfig has no field but `task`; aspect ratio, duration and resolution belong to
// VideoResponseFormat (videoresponseformat.py). Images travel in `input` and their role is
// told by the task and by tags in the prompt (<FIRST_FRAME>, <IMAGE_REF_n> numbered in input
// order: Google's Omni guide). Negative prompts are not supported (Omni limitations): they
// are folded into the prompt.
//
// Statuses (InteractionStatus): queued and in_progress go on; completed, failed, cancelled,
// incomplete and budget_exceeded end; anything else ends as a failure. The video is the
// content item of type "video" in a "model_output" step (output_video is SDK-only sugar):
// {"uri": ".../files/ID:download?alt=media"} with delivery "uri", or base64 in "data" (GET
// may answer inline even for uri delivery, so both are read; inline clips are written to
// `inlineDir` and fetched from there). An answer that is only {"error": {...}} has failed.

#include "video/videoprovider.h"

namespace t2v {

class OmniProvider final : public VideoProvider
{
public:
    OmniProvider(QString baseUrl, QString apiKey, QString model, QString inlineDir);

    QString id() const override { return QStringLiteral("omni"); }
    QString label() const override;
    bool separateNegativePrompt() const override { return false; }
    std::chrono::milliseconds pollInterval() const override { return std::chrono::seconds(10); }

    Result<SubmitResult> submit(const VideoRequest& request, const CancelToken& cancel) override;
    Result<PollResult> poll(const VideoJob& job, const CancelToken& cancel) override;
    HttpRequest downloadRequest(const VideoJob& job, const QString& url) const override;
    Status cancel(const VideoJob& job, const CancelToken& cancel) override;
    Status testConnection(const CancelToken& cancel) override;

    // The create body for a request, or why it cannot be asked for.
    static Result<QByteArray> requestBody(const VideoRequest& request, const QString& model);
    static int allowedDuration(int seconds); // Omni makes 3 to 10 s clips

    struct Parsed
    {
        PollResult result;
        QList<QByteArray> inlineVideos; // decoded "data" items, in output order
    };
    static Result<Parsed> parseInteraction(const QByteArray& body);

private:
    QString m_base; // .../v1beta
    QString m_key;
    QString m_model;
    QString m_inlineDir;
};

} // namespace t2v

#pragma once

// The fal.ai queue, which hosts Veo, Kling, Seedance and other models behind one API:
// "Authorization: Key <key>", submit to queue.fal.run/<model id>, then use the status,
// response and cancel URLs exactly as the submit answer gives them (the status paths drop the
// model's sub-path). The status answers 202 with IN_QUEUE / IN_PROGRESS while waiting and 200
// with COMPLETED when done; a failed request is COMPLETED with "error" and "error_type", and
// its result URL answers with the model's own error. Sources: docs.fal.ai "Queue API"
// (api-reference/inference-api: "The API returns 202 while the request is in the queue or in
// progress, and 200 when it is complete"), fal-ai/fal fal_client/client.py (Completed carries
// error and error_type), fal-ai/fal-js libs/client/src/queue.ts.

#include "video/videoprovider.h"

namespace t2v {

// Per-account request headers (docs.fal.ai "Common parameters", "Reliability", "Media
// expiration"; fal-js libs/client/src/headers.ts).
struct FalOptions
{
    // X-Fal-Request-Timeout: seconds the request may wait to *start* (queue and fal's own
    // retries, not the rendering); past it fal gives up with error_type request_timeout /
    // startup_timeout and bills nothing. 0 = no deadline.
    int startDeadlineSeconds = 0;
    // X-Fal-Object-Lifecycle-Preference {"expiration_duration_seconds": N}: how long fal keeps
    // the result files. 0 = fal's default.
    int mediaExpirySeconds = 0;
    // The model makes images (fal-ai/flux/schnell, fal-ai/nano-banana): the input is
    // {prompt, num_images, image_size, aspect_ratio} and the result {"images": [{url}]}.
    bool images = false;
};

class FalProvider final : public VideoProvider
{
public:
    // `model` is the endpoint id (for example fal-ai/veo3.1/fast); the provider registry
    // chooses it, this class has no default of its own.
    FalProvider(QString baseUrl, QString apiKey, QString model, FalOptions options = {});

    QString id() const override { return QStringLiteral("fal"); }
    QString label() const override;
    std::chrono::milliseconds pollInterval() const override { return std::chrono::seconds(5); }

    Result<SubmitResult> submit(const VideoRequest& request, const CancelToken& cancel) override;
    Result<PollResult> poll(const VideoJob& job, const CancelToken& cancel) override;
    HttpRequest downloadRequest(const VideoJob& job, const QString& url) const override;
    Status cancel(const VideoJob& job, const CancelToken& cancel) override;
    Status testConnection(const CancelToken& cancel) override;

    // The video URL in a result body: {"video": {"url": ...}} and the other shapes models use
    // (and {"images": [{"url"}]} for image models).
    static QString videoUrlIn(const QByteArray& resultBody);
    // The sub-path of the model's family that takes reference images ("/reference-to-video")
    // or a first frame ("/image-to-video"), or empty when the family has none (then the clip
    // is rendered from text).
    static QString referenceRoute(const QString& model);
    static QString firstFrameRoute(const QString& model);
    int maxReferences(const VideoRequest& request) const;
    bool takesFirstFrame(const VideoRequest& request) const;
    // The headers of a submission (no fal-side retries, deadline, media lifetime).
    HttpHeaders submitHeaders() const;

private:
    HttpRequest authorized(HttpRequest request) const;
    // Adds the first frame or the references, and the route that takes them, to a submission.
    void addImages(json::Json& input, QString& route, const VideoRequest& request,
                   SubmitResult& sent) const;
    static QString imageSizePreset(const QString& aspectRatio);
    Result<PollResult> fetchResult(const VideoJob& job, const QString& reportedError,
                                   const QString& errorType, const CancelToken& cancel) const;

    QString m_base;
    QString m_key;
    QString m_model;
    FalOptions m_options;
};

} // namespace t2v

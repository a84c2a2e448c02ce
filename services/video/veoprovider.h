#pragma once

// Google Veo through the Gemini API: predictLongRunning starts an operation, the operation is
// polled until done, and each generated sample is a file URI downloaded with the API key
// (following redirects). personGeneration is sent only when configured, and dropped once if
// the service answers 400 naming it. A finished operation without samples failed the safety
// filter; its reasons are reported.

#include "video/videoprovider.h"

namespace t2v {

class VeoProvider final : public VideoProvider
{
public:
    VeoProvider(QString baseUrl, QString apiKey, QString model, QString personGeneration = {});

    QString id() const override { return QStringLiteral("veo"); }
    QString label() const override;
    int maxSamplesPerRequest() const override { return 4; }
    std::chrono::milliseconds pollInterval() const override { return std::chrono::seconds(10); }

    Result<SubmitResult> submit(const VideoRequest& request, const CancelToken& cancel) override;
    Result<PollResult> poll(const VideoJob& job, const CancelToken& cancel) override;
    HttpRequest downloadRequest(const VideoJob& job, const QString& url) const override;
    Status testConnection(const CancelToken& cancel) override;

    static Result<PollResult> parseOperation(const QByteArray& body);
    static int allowedDuration(int seconds); // Veo makes 4, 6 or 8 s clips
    static constexpr int kMaxReferences = 3;
    // instances[0] of a submission: the prompt, and the first frame or the reference images
    // the model and the request's shape allow (`sent` says which, or why none).
    static json::Json instanceFor(const VideoRequest& request, const QString& model,
                                  SubmitResult& sent);

private:
    QString m_base; // .../v1beta
    QString m_key;
    QString m_model;
    QString m_personGeneration;
};

} // namespace t2v

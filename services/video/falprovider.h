#pragma once

// The fal.ai queue, which hosts Veo, Kling, Seedance and other models behind one API:
// "Authorization: Key <key>", submit to queue.fal.run/<model id>, then use the status,
// response and cancel URLs exactly as the submit answer gives them (the status paths drop the
// model's sub-path). IN_QUEUE / IN_PROGRESS / COMPLETED; the result holds the video URL.

#include "video/videoprovider.h"

namespace t2v {

class FalProvider final : public VideoProvider
{
public:
    FalProvider(QString baseUrl, QString apiKey, QString model);

    QString id() const override { return QStringLiteral("fal"); }
    QString label() const override;
    std::chrono::milliseconds pollInterval() const override { return std::chrono::seconds(5); }

    Result<SubmitResult> submit(const VideoRequest& request, const CancelToken& cancel) override;
    Result<PollResult> poll(const VideoJob& job, const CancelToken& cancel) override;
    HttpRequest downloadRequest(const VideoJob& job, const QString& url) const override;
    Status cancel(const VideoJob& job, const CancelToken& cancel) override;
    Status testConnection(const CancelToken& cancel) override;

    // The video URL in a result body: {"video": {"url": ...}} and the other shapes models use.
    static QString videoUrlIn(const QByteArray& resultBody);

private:
    HttpRequest authorized(HttpRequest request) const;
    bool isOwnHost(const QString& url) const;

    QString m_base;
    QString m_key;
    QString m_model;
};

} // namespace t2v

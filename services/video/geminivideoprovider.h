#pragma once

// The Gemini API's video models behind one account: Veo (predictLongRunning operations) and
// Gemini Omni (the Interactions API). Which one a submission uses follows the account's video
// model, resolved when the first clip is sent (so a key's model list can be asked for on a
// pool thread); polls, cancels and downloads follow the job (a Veo operation name has
// "/operations/" in it, an interaction id has not), so jobs of either kind keep working after
// the account's model changes. Its id stays "veo": project files name Gemini API jobs so.

#include "video/videoprovider.h"

#include <QMutex>

#include <functional>

namespace t2v {

namespace googleapi {
// ".../v1beta" for a base URL given with or without it (empty: the public endpoint).
QString v1betaBase(const QString& baseUrl);
// GET `url` with the key, which is sent only to the API's own host: a file URI from a poll
// answer or a project file never carries the key elsewhere (HttpClient also drops it when a
// redirect leaves the host).
HttpRequest keyedGet(const QString& base, const QString& key, const QString& url);
// A shut-down or unknown model id answers 404 NOT_FOUND before anything is made or billed.
Error modelNotFound(Error classified, const QString& model);
// One cheap authenticated request: GET models?pageSize=1.
Status testKey(const QString& base, const QString& key, const CancelToken& cancel);
} // namespace googleapi

class GeminiVideoProvider final : public VideoProvider
{
public:
    // Blocking, on a pool thread: the model to submit with (the account's, or a preferred one
    // its key serves), or why none can be chosen.
    using ModelResolver = std::function<Result<QString>(const CancelToken&)>;

    GeminiVideoProvider(QString baseUrl, QString apiKey, QString model, QString personGeneration,
                        QString inlineDir, ModelResolver resolve = {});

    QString id() const override { return QStringLiteral("veo"); }
    QString label() const override;
    // Veo makes up to 4 samples per request, Omni one; until the model is known, one.
    int maxSamplesPerRequest() const override;
    std::chrono::milliseconds pollInterval() const override { return std::chrono::seconds(10); }

    Result<SubmitResult> submit(const VideoRequest& request, const CancelToken& cancel) override;
    Result<PollResult> poll(const VideoJob& job, const CancelToken& cancel) override;
    HttpRequest downloadRequest(const VideoJob& job, const QString& url) const override;
    Status cancel(const VideoJob& job, const CancelToken& cancel) override;
    Status testConnection(const CancelToken& cancel) override;

    static bool isOmniModel(const QString& model);
    static bool isOmniJob(const VideoJob& job);

private:
    Result<QString> model(const CancelToken& cancel);

    QString m_base;
    QString m_key;
    QString m_personGeneration;
    QString m_inlineDir;
    ModelResolver m_resolve;
    mutable QMutex m_mutex;
    QString m_model; // guarded by m_mutex
};

} // namespace t2v

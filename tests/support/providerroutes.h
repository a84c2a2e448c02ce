#pragma once

// The providers' routes on the fake API server, speaking their real wire formats:
//   POST /v1/chat/completions                    OpenAI-compatible chat
//   GET  /v1/models                              OpenAI-compatible model list
//   POST /v1/images/generations                  OpenAI-style images (b64_json or a URL)
//   GET  /v1/images/files/{n}.png                the image a URL answer names
//   POST /v1beta/models/{model}:generateContent  Gemini text
//   (the same with responseModalities)           Gemini image models: an inlineData PNG
//   GET  /v1beta/models                          Gemini model list
//   POST /v1beta/models/{model}:predictLongRunning   Veo: start an operation
//   GET  /v1beta/models/{model}/operations/{op}      Veo: poll it
//   GET  /v1beta/files/{file}:download               Veo, Omni: 302 to /storage/{file}.mp4
//   POST /v1beta/interactions                    Gemini Omni: create (background)
//   GET  /v1beta/interactions/{id}               Gemini Omni: status and steps
//   POST /v1beta/interactions/{id}/cancel        Gemini Omni: cancel
//   DELETE /v1beta/interactions/{id}             Gemini Omni: delete
//   POST /fal/{owner}/{app}[/{sub}]              fal.ai queue submit
//   GET  /fal/{owner}/{app}/requests/{id}[/status]   fal.ai status and result
//   PUT  /fal/{owner}/{app}/requests/{id}/cancel     fal.ai cancel
//   GET  /fal-cdn/{id}.mp4                       fal.ai finished file
//   GET  /fal-cdn/{id}.png                       fal.ai finished image (fal-ai/flux/...)
// LLM answers are derived from the request's context block (story/promptbuilder.h), so tests
// can tell from the server's record what context each request carried. A video prompt
// containing "[blocked]" is removed by the safety filter, "[fail]" fails to render, and
// "[html]" downloads as an HTML error page; an Omni prompt with "[inline]" comes back as
// base64 data in the status answer instead of a file URI. Thread-safe: handlers run on the server
// thread.

#include "fakeapiserver.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <variant>

namespace t2v::test {

struct ProviderRoutesOptions
{
    std::chrono::milliseconds renderTime{2000};
    qint64 videoBytes = 256 * 1024; // size of each finished clip (a real MP4, padded)
    // Every download of a file gets a new version of the clip, with another ETag: a client
    // that appends the rest of one version to the start of another (without If-Range) ends
    // up with neither.
    bool changingContent = false;
};

struct KeyBehaviour
{
    int status = 0;            // answered to every request made with the key
    int retryAfterSeconds = 0; // sent with a 429
};

class ProviderRoutes
{
public:
    // Text to send instead of the normal answer for this request, or nullopt for the normal
    // answer. `attempt` counts the requests for the same task and scene, from 1.
    using AnswerOverride =
        std::function<std::optional<QString>(const json::Json& context, int attempt)>;
    // A whole HTTP answer instead of the normal one (for failures), or nullopt.
    using ResponseOverride =
        std::function<std::optional<FakeResponse>(const json::Json& context, int attempt)>;

    ProviderRoutes(FakeApiServer& server, const ProviderRoutesOptions& options);

    void setBaseUrl(const QString& url);
    void setKeyBehaviour(const QString& key, KeyBehaviour behaviour);
    void setAnswerOverride(AnswerOverride fn);
    void setResponseOverride(ResponseOverride fn);
    // How long the normal answer to this request waits before it is sent.
    void setAnswerDelay(std::function<std::chrono::milliseconds(const json::Json& context)> fn);
    // Answers json_schema response formats with llama.cpp's 400 (to test the fallback).
    void setRejectJsonSchema(bool reject);
    // Veo answers 400 naming personGeneration when it is sent.
    void setRejectPersonGeneration(bool reject);
    void setRenderTime(std::chrono::milliseconds renderTime);
    // The next `count` file downloads answer 410 Gone; polling the operation again gives a new
    // address that works.
    void expireNextDownloads(int count);
    // Where Veo's download redirects to (default: this server's /storage/).
    void setStorageBase(const QString& url);
    // Video operations started with `key` and not yet reported done, now and at the peak.
    int activeOperations(const QString& key) const;
    int peakActiveOperations(const QString& key) const;
    int operationsCreated(const QString& key = {}) const;
    // The bytes every finished clip has (version 1; other versions with changingContent).
    std::shared_ptr<const BodySource> clipBody(int version = 1) const;
    // The highest version of any clip served so far (1 without changingContent).
    int clipVersionsServed() const;
    // The next `count` video submissions answer 429 RESOURCE_EXHAUSTED with Retry-After (and
    // Google's RetryInfo) of `seconds`, before anything is created.
    void throttleNextSubmits(int count, int seconds);
    // What GET /v1beta/models lists (entries as the API gives them), in pages of pageSize.
    void setGeminiModels(json::Json models);
    // The most entries one page holds, whatever pageSize asks (the API caps it too).
    void setModelPageLimit(int limit);
    static json::Json defaultGeminiModels();
    // Veo submissions to these model ids answer 404 NOT_FOUND, as shut-down ids do.
    void setRetiredModels(const QStringList& ids);
    // When each throttled submission was answered (server ms).
    QList<qint64> throttledAtMs() const;

    // The context blocks of the LLM requests received so far, in arrival order.
    QList<json::Json> contexts(const QString& task = {}) const;

    // Builders of the normal answers, public for tests.
    static json::Json planAnswer(const json::Json& context);
    static json::Json sceneAnswer(const json::Json& context);

private:
    struct Operation
    {
        QString key;
        QString prompt;
        qint64 createdMs = 0;
        std::chrono::milliseconds renderTime{0};
        int samples = 1;
        int generation = 0; // bumped when its files expire
        bool reportedDone = false;
        bool cancelled = false;
        bool image = false; // a fal image model: the result is {"images": [...]}
        QString model;      // Omni: the interaction's model
    };

    FakeResponse geminiImage(const FakeRequest& request, const json::Json& body);
    FakeResponse imageGeneration(const FakeRequest& request);
    FakeResponse veoSubmit(const FakeRequest& request);
    // What the real API would refuse in a submission's images, or empty.
    static QString veoImageProblem(const json::Json& instance, const json::Json& params);
    FakeResponse veoPoll(const FakeRequest& request);
    FakeResponse veoDownload(const FakeRequest& request);
    FakeResponse omniCreate(const FakeRequest& request);
    FakeResponse omniGet(const FakeRequest& request);
    FakeResponse omniCancel(const FakeRequest& request);
    FakeResponse omniDelete(const FakeRequest& request);
    FakeResponse falSubmit(const FakeRequest& request);
    static QString falImageProblem(const QString& path, const json::Json& body);
    FakeResponse falStatus(const FakeRequest& request, bool result);
    FakeResponse modelPage(const FakeRequest& request);
    FakeResponse falCancel(const FakeRequest& request);
    FakeResponse clip(const FakeRequest& request, const QString& fileKey);
    std::optional<FakeResponse> throttle(bool google);
    void markDone(Operation& op);
    qint64 now() const;
    QString baseFor(const FakeRequest& request) const;
    FakeResponse chat(const FakeRequest& request);
    FakeResponse gemini(const FakeRequest& request);
    std::optional<FakeResponse> keyCheck(const QString& key, bool google);
    // The answer text for a context, or an override response.
    std::variant<QString, FakeResponse> answerFor(const json::Json& context);
    std::chrono::milliseconds delayFor(const json::Json& context) const;

    ProviderRoutesOptions m_options;
    mutable QMutex m_mutex;
    QString m_baseUrl;
    QHash<QString, KeyBehaviour> m_keys;
    AnswerOverride m_answerOverride;
    ResponseOverride m_responseOverride;
    std::function<std::chrono::milliseconds(const json::Json&)> m_answerDelay;
    bool m_rejectJsonSchema = false;
    QList<json::Json> m_contexts;
    QHash<QString, int> m_attempts;

    FakeApiServer& m_server;
    bool m_rejectPersonGeneration = false;
    int m_expireDownloads = 0;
    QString m_storageBase;
    QHash<QString, Operation> m_operations; // by operation name / fal request id
    QHash<QString, int> m_active;
    QHash<QString, int> m_peakActive;
    QHash<QString, int> m_created;
    int m_nextOperation = 1;
    mutable QHash<int, std::shared_ptr<const BodySource>> m_clips; // by version
    QHash<QString, int> m_fileVersions;
    int m_maxVersion = 0;
    int m_throttleSubmits = 0;
    json::Json m_geminiModels; // null: defaultGeminiModels()
    QStringList m_retiredModels;
    int m_modelPageLimit = 1000;
    int m_throttleSeconds = 0;
    QList<qint64> m_throttledAt;
};

std::shared_ptr<ProviderRoutes> installProviderRoutes(FakeApiServer& server,
                                                      const ProviderRoutesOptions& options = {});

} // namespace t2v::test

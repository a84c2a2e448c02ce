#pragma once

// The providers' routes on the fake API server, speaking their real wire formats:
//   POST /v1/chat/completions                    OpenAI-compatible chat
//   GET  /v1/models                              OpenAI-compatible model list
//   POST /v1beta/models/{model}:generateContent  Gemini text
//   GET  /v1beta/models                          Gemini model list
// Video routes (Veo, fal.ai) are added by the video issue. Answers are derived from the
// request's context block (story/promptbuilder.h), so tests can tell from the server's record
// what context each request carried. Thread-safe: handlers run on the server thread.

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

    // The context blocks of the LLM requests received so far, in arrival order.
    QList<json::Json> contexts(const QString& task = {}) const;

    // Builders of the normal answers, public for tests.
    static json::Json planAnswer(const json::Json& context);
    static json::Json sceneAnswer(const json::Json& context);

private:
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
};

std::shared_ptr<ProviderRoutes> installProviderRoutes(FakeApiServer& server,
                                                      const ProviderRoutesOptions& options = {});

} // namespace t2v::test

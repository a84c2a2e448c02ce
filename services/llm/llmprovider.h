#pragma once

// One blocking LLM call on a pool thread: messages, a JSON schema and options in; the text and
// token usage, or a typed Error, out. A provider does not retry: the caller owns the retry
// budget (see story/scenewriter.h). Implementations must be safe to call from several threads
// at once.

#include "core/canceltoken.h"
#include "core/error.h"
#include "core/json.h"

#include <QList>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace t2v {

struct LlmMessage
{
    enum class Role { System, User, Assistant };
    Role role = Role::User;
    QString text;
};

struct LlmRequest
{
    QList<LlmMessage> messages;
    json::Json schema;  // JSON Schema of the expected object; null = free text
    QString schemaName; // [a-zA-Z0-9_-], e.g. "scene"
    double temperature = 0.8;
    int maxOutputTokens = 4096;
};

struct LlmReply
{
    QString text;
    int promptTokens = 0;
    int outputTokens = 0;
    QString model;
    QString finishReason;
};

// Error codes an LLM call can fail with besides network and HTTP errors (Error::code).
namespace llmerror {
inline const QString Truncated = QStringLiteral("truncated"); // hit the token limit
inline const QString Refused = QStringLiteral("refused");     // the model declined
inline const QString Blocked = QStringLiteral("blocked");     // a safety filter stopped it
inline const QString Empty = QStringLiteral("empty");         // no text at all

// An answer that cannot be used, with one of the codes above (or none).
inline Error badAnswer(const QString& message, const QString& code = {})
{
    Error e = Error::make(ErrorKind::BadResponse, message);
    e.code = code;
    return e;
}
} // namespace llmerror

struct LlmConfig
{
    QString baseUrl;
    QString apiKey;
    QString model;
    QString tokenLimitField = QStringLiteral("auto");
    std::chrono::milliseconds timeout{std::chrono::minutes(5)};
    // With no model: blocking, on the first request's pool thread, the model to use (a
    // preferred one the key serves), or why none can be chosen.
    std::function<Result<QString>(const CancelToken&)> resolveModel = {};
};

class LlmProvider
{
public:
    virtual ~LlmProvider() = default;
    // What the user sees, e.g. "Offline draft (no AI)" or "gpt-4o-mini via api.openai.com".
    virtual QString label() const = 0;
    virtual bool isOffline() const { return false; }
    virtual Result<LlmReply> complete(const LlmRequest& request, const CancelToken& cancel) = 0;
    // One cheap authenticated request (the model list): ok, a rejected key or unreachable.
    virtual Status testConnection(const CancelToken& cancel)
    {
        (void)cancel;
        return {};
    }
};

} // namespace t2v

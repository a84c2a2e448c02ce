#pragma once

// Gemini generateContent (Gemini API, x-goog-api-key): system instruction, JSON output through
// responseMimeType + responseJsonSchema, text from the parts that are not thoughts, block and
// finish reasons reported as such, and a rejected key reported as an authentication error
// (Gemini answers 400 API_KEY_INVALID, not 401).

#include "llm/llmprovider.h"

#include <QMutex>

#include <atomic>

namespace t2v {

class GeminiProvider final : public LlmProvider
{
public:
    explicit GeminiProvider(LlmConfig config);

    QString label() const override;
    Result<LlmReply> complete(const LlmRequest& request, const CancelToken& cancel) override;
    Status testConnection(const CancelToken& cancel) override;

    static Result<LlmReply> parseReply(const QByteArray& body);

private:
    // The generateContent address of the model, once it is known.
    Result<QString> endpoint(const CancelToken& cancel);

    LlmConfig m_config; // its model guarded by m_mutex
    QString m_base;     // .../v1beta
    mutable QMutex m_mutex;
    std::atomic_bool m_schemaRejected{false};
};

} // namespace t2v

#pragma once

// OpenAI-compatible chat completions: OpenAI, Ollama, llama.cpp server, vLLM, LM Studio,
// OpenRouter, DeepSeek. Sends the schema in the nested json_schema form (the one every server
// understands) and falls back to json_object, then to no response_format, for servers that
// refuse it; remembers the fallback for later calls.

#include "llm/llmprovider.h"

#include <atomic>

namespace t2v {

class OpenAiChatProvider final : public LlmProvider
{
public:
    explicit OpenAiChatProvider(LlmConfig config);

    QString label() const override;
    Result<LlmReply> complete(const LlmRequest& request, const CancelToken& cancel) override;
    Status testConnection(const CancelToken& cancel) override;

    // "max_tokens" or "max_completion_tokens", as sent to this server.
    QString tokenLimitField() const;
    // 0 json_schema, 1 json_object, 2 none
    int responseFormatLevel() const { return m_formatLevel.load(); }

    // Reads a chat completion answer (also used by tests on literal bodies).
    static Result<LlmReply> parseReply(const QByteArray& body);

private:
    json::Json buildBody(const LlmRequest& request, int formatLevel) const;

    LlmConfig m_config;
    QString m_endpoint;
    std::atomic_int m_formatLevel{0};
};

} // namespace t2v

#pragma once

// "Offline draft (no AI)": a deterministic writer that needs no network, so the whole
// pipeline runs on a fresh machine. It answers the same requests as a real LLM (it reads the
// context block of the prompt, see story/promptbuilder.h) with the same JSON contract. Beats
// follow a dramatic arc; shots, places, light and camera work vary from scene to scene. Text is
// written in English or Vietnamese (other languages get English).

#include "llm/llmprovider.h"

namespace t2v {

class OfflineDraftProvider final : public LlmProvider
{
public:
    static QString labelText() { return QStringLiteral("Offline draft (no AI)"); }

    QString label() const override { return labelText(); }
    bool isOffline() const override { return true; }
    Result<LlmReply> complete(const LlmRequest& request, const CancelToken& cancel) override;

    static json::Json writePlan(const json::Json& context);
    static json::Json writeOutline(const json::Json& context);
    static json::Json writeScene(const json::Json& context);
};

} // namespace t2v

#pragma once

// One cheap authenticated request that tells whether an LLM account works: the model list of
// an OpenAI-compatible server or of the Gemini API.

#include "core/account.h"
#include "core/canceltoken.h"
#include "core/error.h"

#include <optional>

namespace t2v {

Status checkLlmAccount(const Account& account, const std::optional<QString>& key,
                       const CancelToken& cancel = {});

} // namespace t2v

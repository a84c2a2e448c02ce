#pragma once

// Makes the LlmProvider of an account. Adding a provider is one new file plus one line in the
// table in llmproviders.cpp.

#include "core/account.h"
#include "core/error.h"
#include "llm/llmprovider.h"

#include <memory>
#include <optional>

namespace t2v {

class LlmProviders
{
public:
    // `key` is the account's API key when it has one. A missing key for an account that needs
    // one is an Auth error that says how to add it.
    static Result<std::shared_ptr<LlmProvider>> create(const Account& account,
                                                       const std::optional<QString>& key,
                                                       const QString& modelOverride = {});
};

} // namespace t2v

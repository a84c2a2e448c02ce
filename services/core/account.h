#pragma once

// A provider account: where requests go, which model, and how hard it may be driven. The API
// key is never part of this struct; SecretStore looks it up by the account id. What the
// provider itself can do lives in providers/providerregistry.h.

#include "json.h"

#include <QString>
#include <QStringList>

namespace t2v {

struct Account
{
    QString id; // [a-z0-9_-], unique
    QString label;
    QString provider;
    QString baseUrl;    // empty = the provider's public endpoint
    QString model;      // LLM model
    QString videoModel; // video model (Gemini Veo, fal model id)
    QString imageModel; // image model for references and keyframes; empty = the provider's
    int maxConcurrentJobs = 2;
    int requestsPerMinute = 10;
    bool enabled = true;
    QString disabledReason; // set when the program disabled it (for example a rejected key)
    // OpenAI-compatible servers: "auto" (max_completion_tokens for api.openai.com only),
    // "max_tokens" or "max_completion_tokens".
    QString tokenLimitField = QStringLiteral("auto");
    QString personGeneration; // Veo: empty = do not send
    // fal.ai: deadline for a request to start, in seconds (0 = none), and how long fal keeps
    // the result files (0 = fal's default). See limits.h.
    int startDeadlineSeconds = 0;
    int mediaExpirySeconds = 0;
    // Accounts that share a quota, such as several Gemini keys of one Google Cloud project
    // (rate limits apply per project, not per key): their requests per minute, concurrent jobs
    // and 429 cooldowns count together. Empty = the account is its own group.
    QString quotaGroup;
    // Budgets in US dollars (0 = none): what this account may spend per local day, over every
    // project, and per 10 minutes (Gemini tiers cap spend per 10 minutes; the lowest of a quota
    // group applies to the group). See jobs/spend.h.
    double dailyBudgetUsd = 0.0;
    double spendWindowUsd = 0.0;

    // The checks that do not depend on the provider (ProviderRegistry::validate adds those):
    // an empty string when valid, else what is wrong, for a person to fix.
    QString validate() const;

    bool operator==(const Account&) const = default;

    static bool isValidId(const QString& id);
    static bool isValidQuotaGroup(const QString& group);
};

void to_json(json::Json& j, const Account& a);
void from_json(const json::Json& j, Account& a);

} // namespace t2v

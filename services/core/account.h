#pragma once

// A provider account: where requests go, which model, and how hard it may be driven. The API
// key is never part of this struct; SecretStore looks it up by the account id.

#include "json.h"

#include <QString>
#include <QStringList>

namespace t2v {

namespace provider {
inline const QString Offline = QStringLiteral("offline"); // offline draft writer (no AI)
inline const QString Local = QStringLiteral("local");     // local animatic renderer
inline const QString OpenAi = QStringLiteral("openai");   // any OpenAI-compatible chat server
inline const QString Gemini = QStringLiteral("gemini");   // Gemini API: text and Veo video
inline const QString Fal = QStringLiteral("fal");         // fal.ai queue
} // namespace provider

struct Account
{
    QString id; // [a-z0-9_-], unique
    QString label;
    QString provider;
    QString baseUrl;    // empty = the provider's public endpoint
    QString model;      // LLM model
    QString videoModel; // video model (Gemini Veo, fal model id)
    int maxConcurrentJobs = 2;
    int requestsPerMinute = 10;
    bool enabled = true;
    QString disabledReason; // set when the program disabled it (for example a rejected key)
    // OpenAI-compatible servers: "auto" (max_completion_tokens for api.openai.com only),
    // "max_tokens" or "max_completion_tokens".
    QString tokenLimitField = QStringLiteral("auto");
    QString personGeneration; // Veo: empty = do not send

    bool builtIn() const { return id == provider::Offline || id == provider::Local; }
    bool needsKey() const;
    bool canWriteScripts() const;
    bool canMakeVideos() const;
    QString effectiveBaseUrl() const;
    QString effectiveVideoModel() const;

    // Returns an empty string when valid, else what is wrong, for a person to fix.
    QString validate() const;

    bool operator==(const Account&) const = default;

    static QStringList knownProviders();
    static QString providerLabel(const QString& provider);
    static bool isValidId(const QString& id);
};

void to_json(json::Json& j, const Account& a);
void from_json(const json::Json& j, Account& a);

} // namespace t2v

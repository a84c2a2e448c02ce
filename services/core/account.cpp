#include "account.h"

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace t2v {

bool Account::needsKey() const
{
    // Local OpenAI-compatible servers (Ollama, llama.cpp) usually run without a key.
    return provider == provider::Gemini || provider == provider::Fal ||
           (provider == provider::OpenAi && baseUrl.isEmpty());
}

bool Account::canWriteScripts() const
{
    return provider == provider::Offline || provider == provider::OpenAi ||
           provider == provider::Gemini;
}

bool Account::canMakeVideos() const
{
    return provider == provider::Local || provider == provider::Gemini || provider == provider::Fal;
}

QString Account::effectiveBaseUrl() const
{
    if (!baseUrl.isEmpty())
        return baseUrl;
    if (provider == provider::OpenAi)
        return u"https://api.openai.com/v1"_s;
    if (provider == provider::Gemini)
        return u"https://generativelanguage.googleapis.com"_s;
    if (provider == provider::Fal)
        return u"https://queue.fal.run"_s;
    return {};
}

QString Account::effectiveVideoModel() const
{
    if (!videoModel.isEmpty())
        return videoModel;
    if (provider == provider::Gemini)
        return u"veo-3.1-fast-generate-preview"_s;
    if (provider == provider::Fal)
        return u"fal-ai/veo3/fast"_s;
    if (provider == provider::Local)
        return u"animatic"_s;
    return {};
}

bool Account::isValidId(const QString& id)
{
    static const QRegularExpression re(u"^[a-z0-9][a-z0-9_-]{0,39}$"_s);
    return re.match(id).hasMatch();
}

QStringList Account::knownProviders()
{
    return {provider::Offline, provider::Local, provider::OpenAi, provider::Gemini, provider::Fal};
}

QString Account::providerLabel(const QString& p)
{
    if (p == provider::Offline)
        return u"Offline draft (no AI)"_s;
    if (p == provider::Local)
        return u"Local animatic (FFmpeg)"_s;
    if (p == provider::OpenAi)
        return u"OpenAI-compatible chat"_s;
    if (p == provider::Gemini)
        return u"Google Gemini API (text + Veo)"_s;
    if (p == provider::Fal)
        return u"fal.ai queue"_s;
    return p;
}

QString Account::validate() const
{
    if (!isValidId(id))
        return u"The account id \"%1\" must be 1-40 characters of a-z, 0-9, '-' or '_', "
               u"starting with a letter or digit."_s.arg(id);
    if (!knownProviders().contains(provider))
        return u"Unknown provider \"%1\"; choose one of: %2."_s.arg(provider,
                                                                    knownProviders().join(u", "_s));
    if (!baseUrl.isEmpty()) {
        const QUrl url(baseUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) ||
            url.host().isEmpty())
            return u"The base URL \"%1\" is not an http:// or https:// address."_s.arg(baseUrl);
    }
    if (provider == provider::OpenAi && model.trimmed().isEmpty())
        return u"An OpenAI-compatible account needs a model name (for example gpt-4o-mini or "
               u"llama3.1)."_s;
    if (maxConcurrentJobs < 1 || maxConcurrentJobs > 50)
        return u"Max concurrent jobs must be between 1 and 50; %1 was given."_s.arg(
            maxConcurrentJobs);
    if (requestsPerMinute < 1 || requestsPerMinute > 6000)
        return u"Requests per minute must be between 1 and 6000; %1 was given."_s.arg(
            requestsPerMinute);
    if (tokenLimitField != u"auto"_s && tokenLimitField != u"max_tokens"_s &&
        tokenLimitField != u"max_completion_tokens"_s)
        return u"The token limit field must be auto, max_tokens or max_completion_tokens."_s;
    return {};
}

void to_json(json::Json& j, const Account& a)
{
    j = json::Json{{"id", a.id},
                   {"label", a.label},
                   {"provider", a.provider},
                   {"base_url", a.baseUrl},
                   {"model", a.model},
                   {"video_model", a.videoModel},
                   {"max_concurrent_jobs", a.maxConcurrentJobs},
                   {"requests_per_minute", a.requestsPerMinute},
                   {"enabled", a.enabled},
                   {"token_limit_field", a.tokenLimitField}};
    if (!a.disabledReason.isEmpty())
        j["disabled_reason"] = a.disabledReason;
    if (!a.personGeneration.isEmpty())
        j["person_generation"] = a.personGeneration;
}

void from_json(const json::Json& j, Account& a)
{
    a.id = json::reqString(j, "id");
    a.label = json::optString(j, "label", a.id);
    a.provider = json::reqString(j, "provider");
    a.baseUrl = json::optString(j, "base_url");
    a.model = json::optString(j, "model");
    a.videoModel = json::optString(j, "video_model");
    a.maxConcurrentJobs = json::optInt(j, "max_concurrent_jobs", 2);
    a.requestsPerMinute = json::optInt(j, "requests_per_minute", 10);
    a.enabled = json::optBool(j, "enabled", true);
    a.disabledReason = json::optString(j, "disabled_reason");
    a.tokenLimitField = json::optString(j, "token_limit_field", u"auto"_s);
    a.personGeneration = json::optString(j, "person_generation");
}

} // namespace t2v

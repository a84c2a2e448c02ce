#include "account.h"

#include "limits.h"

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace t2v {

bool Account::isValidId(const QString& id)
{
    static const QRegularExpression re(u"^[a-z0-9][a-z0-9_-]{0,39}$"_s);
    return re.match(id).hasMatch();
}

bool Account::isValidQuotaGroup(const QString& group)
{
    // A Google Cloud project id fits (6-30 of a-z, 0-9, '-'), and so does any short name.
    static const QRegularExpression re(u"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"_s);
    return group.isEmpty() || re.match(group).hasMatch();
}

QString Account::validate() const
{
    if (!isValidId(id))
        return u"The account id \"%1\" must be 1-40 characters of a-z, 0-9, '-' or '_', "
               u"starting with a letter or digit."_s.arg(id);
    if (provider.isEmpty())
        return u"The account \"%1\" names no provider."_s.arg(id);
    if (!baseUrl.isEmpty()) {
        const QUrl url(baseUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) ||
            url.host().isEmpty())
            return u"The base URL \"%1\" is not an http:// or https:// address."_s.arg(baseUrl);
    }
    if (!limits::MaxConcurrentJobs.contains(maxConcurrentJobs))
        return u"Max concurrent jobs must be between %1 and %2; %3 was given."_s
            .arg(limits::MaxConcurrentJobs.min)
            .arg(limits::MaxConcurrentJobs.max)
            .arg(maxConcurrentJobs);
    if (!limits::RequestsPerMinute.contains(requestsPerMinute))
        return u"Requests per minute must be between %1 and %2; %3 was given."_s
            .arg(limits::RequestsPerMinute.min)
            .arg(limits::RequestsPerMinute.max)
            .arg(requestsPerMinute);
    if (tokenLimitField != u"auto"_s && tokenLimitField != u"max_tokens"_s &&
        tokenLimitField != u"max_completion_tokens"_s)
        return u"The token limit field must be auto, max_tokens or max_completion_tokens."_s;
    if (!limits::StartDeadlineSeconds.contains(startDeadlineSeconds) || startDeadlineSeconds == 1)
        return u"The start deadline must be 0 (none) or 2-%1 seconds; %2 was given."_s
            .arg(limits::StartDeadlineSeconds.max)
            .arg(startDeadlineSeconds);
    if (!limits::MediaExpirySeconds.contains(mediaExpirySeconds) ||
        (mediaExpirySeconds > 0 && mediaExpirySeconds < 3600))
        return u"The media expiry must be 0 (the service's default) or 3600-%1 seconds; %2 was "
               u"given."_s.arg(limits::MediaExpirySeconds.max)
                   .arg(mediaExpirySeconds);
    if (!isValidQuotaGroup(quotaGroup))
        return u"The quota group \"%1\" must be 1-64 characters of A-Z, a-z, 0-9, '.', '-' or "
               u"'_', starting with a letter or digit (a Google Cloud project id fits)."_s.arg(
                   quotaGroup);
    if (!limits::isBudget(dailyBudgetUsd) || !limits::isBudget(spendWindowUsd))
        return u"A budget must be 0 (none) to %1 dollars."_s.arg(limits::MaxBudgetUsd, 0, 'f', 0);
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
                   {"image_model", a.imageModel},
                   {"max_concurrent_jobs", a.maxConcurrentJobs},
                   {"requests_per_minute", a.requestsPerMinute},
                   {"enabled", a.enabled},
                   {"token_limit_field", a.tokenLimitField}};
    if (!a.disabledReason.isEmpty())
        j["disabled_reason"] = a.disabledReason;
    if (!a.personGeneration.isEmpty())
        j["person_generation"] = a.personGeneration;
    if (a.startDeadlineSeconds != 0)
        j["start_deadline_seconds"] = a.startDeadlineSeconds;
    if (a.mediaExpirySeconds != 0)
        j["media_expiry_seconds"] = a.mediaExpirySeconds;
    if (!a.quotaGroup.isEmpty())
        j["quota_group"] = a.quotaGroup;
    if (a.dailyBudgetUsd > 0)
        j["daily_budget_usd"] = a.dailyBudgetUsd;
    if (a.spendWindowUsd > 0)
        j["spend_per_10_minutes_usd"] = a.spendWindowUsd;
}

void from_json(const json::Json& j, Account& a)
{
    a.id = json::reqString(j, "id");
    a.label = json::optString(j, "label", a.id);
    a.provider = json::reqString(j, "provider");
    a.baseUrl = json::optString(j, "base_url");
    a.model = json::optString(j, "model");
    a.videoModel = json::optString(j, "video_model");
    a.imageModel = json::optString(j, "image_model");
    a.maxConcurrentJobs = json::optInt(j, "max_concurrent_jobs", 2);
    a.requestsPerMinute = json::optInt(j, "requests_per_minute", 10);
    a.enabled = json::optBool(j, "enabled", true);
    a.disabledReason = json::optString(j, "disabled_reason");
    a.tokenLimitField = json::optString(j, "token_limit_field", u"auto"_s);
    a.personGeneration = json::optString(j, "person_generation");
    a.startDeadlineSeconds = json::optInt(j, "start_deadline_seconds", 0);
    a.mediaExpirySeconds = json::optInt(j, "media_expiry_seconds", 0);
    a.quotaGroup = json::optString(j, "quota_group");
    a.dailyBudgetUsd = json::optDouble(j, "daily_budget_usd");
    a.spendWindowUsd = json::optDouble(j, "spend_per_10_minutes_usd");
}

} // namespace t2v

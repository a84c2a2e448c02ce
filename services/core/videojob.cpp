#include "videojob.h"

#include "character.h"
#include "safepath.h"

#include <QUrl>

#include <cmath>

using namespace Qt::StringLiterals;

namespace t2v {

QString VideoJob::makeId(int sceneNumber, int variant)
{
    return u"s%1-v%2"_s.arg(sceneNumber, 3, 10, QLatin1Char('0')).arg(variant);
}

bool VideoJob::mayBePaid() const
{
    return !remoteId.isEmpty() || !clipPath.isEmpty() || state == JobState::Submitting ||
           state == JobState::Unconfirmed;
}

bool VideoJob::mayBeBilled() const
{
    return mayBePaid() && !(state == JobState::Failed && failedStage == JobStage::Render);
}

namespace {

// A project file may come from someone else: nothing read from it may name a file outside the
// project folder, and addresses must be web addresses (or, for the built-in renderer, files).
void checkPath(const json::Json& j, const char* key, const QString& path)
{
    if (!path.isEmpty() && !isSafeRelativePath(path))
        json::fail(j.at(key),
                   u"\"%1\" is not a path inside the project folder"_s.arg(path.left(80)));
}

void checkUrl(const json::Json& j, const char* key, const QString& url, bool fileAllowed)
{
    if (url.isEmpty())
        return;
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    const bool web = (scheme == u"http"_s || scheme == u"https"_s) && !parsed.host().isEmpty();
    const bool file = fileAllowed && scheme == u"file"_s;
    if (!parsed.isValid() || (!web && !file))
        json::fail(j.at(key), u"\"%1\" is not a usable address"_s.arg(url.left(80)));
}

} // namespace

void to_json(json::Json& j, const VideoJob& job)
{
    j = json::Json{{"id", job.id},
                   {"scene", job.sceneNumber},
                   {"variant", job.variant},
                   {"provider", job.provider},
                   {"account", job.accountId},
                   {"model", job.model},
                   {"state", jobStateName(job.state)},
                   {"remote_id", job.remoteId},
                   {"sample_index", job.sampleIndex},
                   {"status_url", job.statusUrl},
                   {"result_url", job.resultUrl},
                   {"cancel_url", job.cancelUrl},
                   {"video_url", job.videoUrl},
                   {"render_progress", job.renderProgress},
                   {"prompt", job.prompt},
                   {"negative_prompt", job.negativePrompt},
                   {"aspect_ratio", job.aspectRatio},
                   {"resolution", job.resolution},
                   {"duration_seconds", job.durationSeconds},
                   {"upscale", job.upscale},
                   {"bytes_total", job.bytesTotal},
                   {"bytes_received", job.bytesReceived},
                   {"clip", job.clipPath},
                   {"thumbnail", job.thumbPath},
                   {"upscaled", job.upscaledPath},
                   {"poll_failures", job.pollFailures},
                   {"download_attempts", job.downloadAttempts},
                   {"created_at", json::fromDateTime(job.createdAt)},
                   {"submitted_at", json::fromDateTime(job.submittedAt)},
                   {"updated_at", json::fromDateTime(job.updatedAt)}};
    if (job.orphaned)
        j["orphaned"] = true;
    if (!job.references.isEmpty())
        j["references"] = json::fromStringList(job.references);
    if (!job.notice.isEmpty())
        j["notice"] = job.notice;
    if (!job.charges.isEmpty()) {
        json::Json charges = json::Json::array();
        for (const Charge& c : job.charges) {
            json::Json o = {
                {"at", json::fromDateTime(c.at)}, {"account", c.accountId}, {"model", c.model}};
            o["usd"] = c.usd ? json::Json(*c.usd) : json::Json(nullptr);
            charges.push_back(o);
        }
        j["charges"] = charges;
    }
    if (job.state == JobState::Failed || !job.error.isEmpty()) {
        j["failed_stage"] = jobStageName(job.failedStage);
        j["error"] = job.error;
        j["retryable"] = job.retryable;
    }
}

void from_json(const json::Json& j, VideoJob& job)
{
    job.id = json::reqString(j, "id");
    if (!isSafeId(job.id))
        json::fail(j.at("id"), u"\"%1\" is not a job id (letters, digits, - and _ only)"_s.arg(
                                   job.id.left(80)));
    job.sceneNumber = json::reqInt(j, "scene");
    if (job.sceneNumber < 1)
        json::fail(j.at("scene"), u"scene numbers start at 1, found %1"_s.arg(job.sceneNumber));
    job.variant = json::optInt(j, "variant", 1);
    job.provider = json::reqString(j, "provider");
    job.accountId = json::optString(j, "account");
    if (!job.accountId.isEmpty() && !isSafeId(job.accountId))
        json::fail(j.at("account"), u"\"%1\" is not an account id"_s.arg(job.accountId.left(80)));
    job.model = json::optString(j, "model");
    job.orphaned = json::optBool(j, "orphaned");
    const QString state = json::reqString(j, "state");
    const auto parsed = jobStateFromName(state);
    if (!parsed)
        json::fail(j.at("state"), u"unknown job state \"%1\""_s.arg(state.left(40)));
    job.state = *parsed;
    job.failedStage = jobStageFromName(json::optString(j, "failed_stage"));
    job.error = json::optString(j, "error");
    job.retryable = json::optBool(j, "retryable");
    job.remoteId = json::optString(j, "remote_id");
    job.sampleIndex = json::optInt(j, "sample_index");
    job.statusUrl = json::optString(j, "status_url");
    job.resultUrl = json::optString(j, "result_url");
    job.cancelUrl = json::optString(j, "cancel_url");
    job.videoUrl = json::optString(j, "video_url");
    job.renderProgress = json::optInt(j, "render_progress");
    job.prompt = json::optString(j, "prompt");
    job.negativePrompt = json::optString(j, "negative_prompt");
    job.aspectRatio = json::optString(j, "aspect_ratio", u"16:9"_s);
    job.resolution = json::optString(j, "resolution", u"720p"_s);
    job.durationSeconds = json::optInt(j, "duration_seconds", 8);
    job.upscale = json::optBool(j, "upscale");
    job.notice = json::optString(j, "notice");
    if (const auto refs = j.find("references"); refs != j.end() && refs->is_array()) {
        for (const json::Json& r : *refs) {
            // Only a record of what was sent: a foreign entry is left out, never opened.
            if (r.is_string() &&
                CharacterRef::isValidFile(QString::fromStdString(r.get<std::string>())))
                job.references.append(QString::fromStdString(r.get<std::string>()));
        }
    }
    job.bytesTotal = json::optInt64(j, "bytes_total");
    job.bytesReceived = json::optInt64(j, "bytes_received");
    job.clipPath = json::optString(j, "clip");
    job.thumbPath = json::optString(j, "thumbnail");
    job.upscaledPath = json::optString(j, "upscaled");
    job.pollFailures = json::optInt(j, "poll_failures");
    job.downloadAttempts = json::optInt(j, "download_attempts");
    job.createdAt = json::optDateTime(j, "created_at");
    job.submittedAt = json::optDateTime(j, "submitted_at");
    job.updatedAt = json::optDateTime(j, "updated_at");
    if (j.contains("charges")) {
        const json::Json& charges = j.at("charges");
        if (!charges.is_array())
            json::fail(charges, u"charges must be a list"_s);
        for (const json::Json& c : charges) {
            Charge charge;
            charge.at = json::optDateTime(c, "at");
            charge.accountId = json::optString(c, "account");
            charge.model = json::optString(c, "model");
            if (c.contains("usd") && !c.at("usd").is_null()) {
                const json::Json& usd = c.at("usd");
                if (!usd.is_number() || !std::isfinite(usd.get<double>()) || usd.get<double>() < 0)
                    json::fail(usd, u"a charge is a number of dollars of 0 or more"_s);
                charge.usd = usd.get<double>();
            }
            job.charges.append(charge);
        }
    }

    if (job.remoteId.size() > 1024 || job.remoteId.contains(u".."_s) ||
        job.remoteId.contains(u"://"_s) || job.remoteId.contains(u'\\'))
        json::fail(j.at("remote_id"),
                   u"\"%1\" is not a remote job id"_s.arg(job.remoteId.left(80)));
    for (const QChar c : std::as_const(job.remoteId)) {
        if (c.unicode() < 0x21 || c.unicode() == 0x7f)
            json::fail(j.at("remote_id"), u"a remote job id has a control character or a space"_s);
    }
    checkUrl(j, "status_url", job.statusUrl, false);
    checkUrl(j, "result_url", job.resultUrl, false);
    checkUrl(j, "cancel_url", job.cancelUrl, false);
    checkUrl(j, "video_url", job.videoUrl, true);
    checkPath(j, "clip", job.clipPath);
    checkPath(j, "thumbnail", job.thumbPath);
    checkPath(j, "upscaled", job.upscaledPath);
    if (job.variant < 1 || job.variant > 99)
        json::fail(j.at("variant"), u"variant %1 is outside 1-99"_s.arg(job.variant));
    if (job.sampleIndex < 0 || job.sampleIndex > 15)
        json::fail(j.at("sample_index"), u"sample %1 is outside 0-15"_s.arg(job.sampleIndex));
    if (job.durationSeconds < 1 || job.durationSeconds > 600)
        json::fail(j.at("duration_seconds"),
                   u"%1 s is not a clip length"_s.arg(job.durationSeconds));
}

} // namespace t2v

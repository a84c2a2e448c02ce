#include "videojob.h"

using namespace Qt::StringLiterals;

namespace t2v {

QString VideoJob::makeId(int sceneNumber, int variant)
{
    return u"s%1-v%2"_s.arg(sceneNumber, 3, 10, QLatin1Char('0')).arg(variant);
}

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
    if (job.state == JobState::Failed || !job.error.isEmpty()) {
        j["failed_stage"] = job.failedStage;
        j["error"] = job.error;
        j["retryable"] = job.retryable;
    }
}

void from_json(const json::Json& j, VideoJob& job)
{
    job.id = json::reqString(j, "id");
    if (job.id.isEmpty())
        json::fail(j.at("id"), u"a job needs an id"_s);
    job.sceneNumber = json::reqInt(j, "scene");
    if (job.sceneNumber < 1)
        json::fail(j.at("scene"), u"scene numbers start at 1, found %1"_s.arg(job.sceneNumber));
    job.variant = json::optInt(j, "variant", 1);
    job.provider = json::reqString(j, "provider");
    job.accountId = json::optString(j, "account");
    job.model = json::optString(j, "model");
    const QString state = json::reqString(j, "state");
    const auto parsed = jobStateFromName(state);
    if (!parsed)
        json::fail(j.at("state"), u"unknown job state \"%1\""_s.arg(state.left(40)));
    job.state = *parsed;
    job.failedStage = json::optString(j, "failed_stage");
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
}

} // namespace t2v

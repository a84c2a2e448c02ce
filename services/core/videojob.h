#pragma once

// One clip being made: a (scene, variant) pair on one provider account, from submission to a
// finished file with its thumbnail. The remote id and the account that created the job are
// the facts that must never be lost: they are what stops paid work from being bought twice.

#include "jobstate.h"
#include "json.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace t2v {

// One paid attempt at a clip: recorded when its request leaves (the price that applied then),
// removed when the service provably made nothing. `usd` is empty when the price is unknown.
struct Charge
{
    QDateTime at; // UTC
    QString accountId;
    QString model;
    std::optional<double> usd;

    bool operator==(const Charge&) const = default;
};

struct VideoJob
{
    QString id; // stable local id, e.g. "s012-v1"
    int sceneNumber = 0;
    int variant = 1;
    QString provider;  // "veo", "fal", "local"
    QString accountId; // the account that created the remote job
    QString model;
    // Made for a scene the script no longer has (the film got shorter, or the script was
    // written anew). Kept because it may be paid for: shown, finished, usable and deletable,
    // but never part of a scene's clips and never submitted.
    bool orphaned = false;

    JobState state = JobState::Queued;
    JobStage failedStage = JobStage::None;
    QString error;
    bool retryable = false;

    // Remote job
    QString remoteId;    // Veo operation name, fal request id, local render key
    int sampleIndex = 0; // which output of a multi-sample operation is ours
    QString statusUrl;   // fal: used as given
    QString resultUrl;
    QString cancelUrl;
    QString videoUrl; // where the finished clip can be fetched
    int renderProgress = 0;

    // What was asked
    QString prompt;
    QString negativePrompt;
    QString aspectRatio;
    QString resolution;
    int durationSeconds = 8;
    bool upscale = false;
    // The characters' reference images the request carried (refs/..., at most 3), and why
    // the service made the clip without the images it was given, when it did.
    QStringList references;
    QString notice;

    // Files, relative to the project folder
    qint64 bytesTotal = 0;
    qint64 bytesReceived = 0;
    QString clipPath;
    QString thumbPath;
    QString upscaledPath;

    int pollFailures = 0;
    int downloadAttempts = 0;
    QDateTime createdAt;
    QDateTime submittedAt;
    QDateTime updatedAt;

    // Every attempt that may have been billed, oldest first. The last is the current
    // attempt's, and it counts only while mayBeBilled() (see spend.h).
    QList<Charge> charges;

    bool operator==(const VideoJob&) const = default;

    static QString makeId(int sceneNumber, int variant);
    // Whether a request for this clip may have reached the service (and may be billed).
    bool mayBePaid() const;
    // Whether the current attempt may be billed: it may have reached the service and the
    // service did not report that it failed to make the clip (failures are not billed).
    bool mayBeBilled() const;
};

void to_json(json::Json& j, const VideoJob& job);
void from_json(const json::Json& j, VideoJob& job);

} // namespace t2v

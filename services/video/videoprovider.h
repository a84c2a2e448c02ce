#pragma once

// A text-to-video service as the job system sees it: submit a request, poll the remote job,
// say how to fetch the finished clip, cancel when the service allows it. Every call is a
// blocking call for a pool thread. One instance belongs to one account, so polls and downloads
// always carry the credentials of the account that created the job.

#include "core/canceltoken.h"
#include "core/error.h"
#include "core/image.h"
#include "core/videojob.h"
#include "net/httptypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace t2v {

struct VideoRequest
{
    QString prompt;
    QString negativePrompt;
    QString aspectRatio = QStringLiteral("16:9");
    QString resolution = QStringLiteral("720p");
    int durationSeconds = 8;
    int sampleCount = 1;
    QString model;
    // Image-to-video and reference-to-video, for providers with the capability.
    std::optional<ImageInput> firstFrame;
    QList<ImageInput> references; // at most 3 are sent
    // Where the scheduler found them (project files): read on the pool thread by
    // loadImages() just before the request is sent.
    QString firstFrameFile;
    QStringList referenceFiles;
    // Continuity chaining: the first frame is the last frame of this clip (a project file),
    // taken with FFmpeg at `ffmpegPath` (empty: search) on the pool thread.
    QString firstFrameClip;
    QString ffmpegPath;

    // Used by the local animatic renderer.
    int sceneNumber = 0;
    int sceneCount = 0;
    int variant = 1;
    QString title;
    QString narration;
    QString language = QStringLiteral("en");
    QString background = QStringLiteral("#1d2b3a");
    QString accent = QStringLiteral("#e0b25b");
};

// What a provider needs besides its account and key.
struct VideoProviderOptions
{
    QString renderCacheDir; // local animatic; empty = the default cache
    QString ffmpegPath;     // empty = search
};

struct SubmitResult
{
    QString remoteId;
    QString statusUrl;
    QString resultUrl;
    QString cancelUrl;
    QString model; // the model the provider actually asked for, when it chose one
    // What the request carried of its images: the clip's model decides (Veo 3.1 takes up to 3
    // references at 16:9, fal's Veo 3.1 routes take them, a text-only server none). A notice
    // says why images were left out, so the person sees that the clip was made from text.
    int referencesSent = 0;
    bool firstFrameSent = false;
    QString notice;
};

struct PollResult
{
    enum class State { Queued, Running, Succeeded, Failed, Cancelled };
    State state = State::Queued;
    int progress = -1;     // 0-100 when the service says
    QStringList videoUrls; // one per sample when Succeeded
    QString message;       // why it failed
};

// The last frame of a clip as a PNG, taken with FFmpeg (blocking).
Result<ImageInput> lastFrameOf(const QString& clip, const QString& ffmpegPath);
// Reads firstFrameClip (its last frame), firstFrameFile and referenceFiles into firstFrame and
// references (checked as images).
// A file that went missing is an error that names it: nothing is sent without the face the
// person approved.
Status loadImages(VideoRequest& request);

class VideoProvider
{
public:
    virtual ~VideoProvider() = default;

    virtual QString id() const = 0; // "veo", "fal", "local"
    virtual QString label() const = 0;
    virtual int promptLimit() const { return 1800; }
    virtual bool separateNegativePrompt() const { return true; }
    virtual int maxSamplesPerRequest() const { return 1; }
    virtual std::chrono::milliseconds pollInterval() const { return std::chrono::seconds(8); }
    virtual std::chrono::milliseconds maxPollInterval() const { return std::chrono::seconds(30); }
    virtual bool isPaid() const { return true; }
    // Jobs the scheduler may submit beyond the account's "jobs at once", so that they wait in
    // the service's own queue: a local GPU server (jobs at once = its GPUs) starts the next clip
    // the moment one ends, without every clip of the run queued on it at once.
    virtual int queueAhead() const { return 0; }

    virtual Result<SubmitResult> submit(const VideoRequest& request, const CancelToken& cancel) = 0;
    virtual Result<PollResult> poll(const VideoJob& job, const CancelToken& cancel) = 0;
    // The request that fetches the clip at `url`, with the credentials it needs.
    virtual HttpRequest downloadRequest(const VideoJob& job, const QString& url) const = 0;
    virtual Status cancel(const VideoJob& job, const CancelToken& cancel);
    // One cheap authenticated request: ok, a rejected key (Auth) or unreachable (Network).
    virtual Status testConnection(const CancelToken& cancel) = 0;
};

} // namespace t2v

#pragma once

// The life of one video job (DESIGN.md §4):
//   Queued -> Submitting -> Submitted -> Rendering -> Ready -> Downloading -> Downloaded
//          -> Finishing -> Done;  any -> Failed / Cancelled;  Submitting -> Unconfirmed.

#include <QString>

#include <optional>

namespace t2v {

enum class JobState {
    Queued,
    Submitting,
    Submitted,
    Rendering,
    Ready,
    Downloading,
    Downloaded,
    Finishing,
    Done,
    Failed,
    Cancelled,
    Unconfirmed,
};

// Where a job failed: it decides what Retry means (check again, fetch again, buy again).
enum class JobStage {
    None,
    Submit,   // the request that creates the remote job
    Poll,     // checking on the remote job
    Render,   // the service could not make the video
    Download, // fetching or checking the file
    Finish,   // thumbnail, 4K resample
};

QString jobStageName(JobStage stage); // "download": stable, for files
// Unknown names read as None: a file is never refused for them.
JobStage jobStageFromName(const QString& name);

QString jobStateName(JobState state);  // "rendering": stable, for files
QString jobStateLabel(JobState state); // "Rendering": for people
std::optional<JobState> jobStateFromName(const QString& name);

// Finished for good (until the user asks again).
bool isTerminal(JobState state);
// A remote job exists and is being rendered: the poller owns it.
bool isRemotePending(JobState state);
// Counts against the account's "max concurrent jobs".
bool occupiesAccountSlot(JobState state);

} // namespace t2v

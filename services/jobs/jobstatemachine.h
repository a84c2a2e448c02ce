#pragma once

// The one place where a video job changes state (DESIGN.md §4). Every service moves jobs
// through these functions, which allow only the transitions below and refuse (and log) any
// other. Each state has a way forward after a restart: recover() turns what a crash
// interrupted into a state the pipeline picks up again.
//
//   Queued -> Submitting -> Submitted -> Rendering -> Ready -> Downloading -> Downloaded
//          -> Finishing -> Done
//   Submitting -> Queued (nothing was sent) | Unconfirmed (sent, answer lost)
//   Ready | Downloading | Downloaded | Finishing -> Rendering (a fresh address) | Ready
//   any unfinished -> Failed(stage) | Cancelled
//   Failed | Cancelled | Unconfirmed -> (retry) Submitted | Ready | Downloaded | Queued
//   Done -> (download again) Submitted | Ready

#include "core/videojob.h"

namespace t2v::JobStateMachine {

bool allowed(JobState from, JobState to);

// Moves `job` to `next` when the transition is allowed (a move to the same state is one);
// otherwise leaves it, logs the refusal and returns false.
bool moveTo(VideoJob& job, JobState next);

// The job failed at `stage`: Retry decides by the stage what to do. A job that fails while
// Submitting was refused or never sent: its charge is removed.
bool fail(VideoJob& job, JobStage stage, const QString& message, bool retryable);
// The request may have created (and billed) the job, but no answer says so.
bool unconfirm(VideoJob& job, const QString& message);
// Back in the queue: the request provably created nothing (its charge is removed).
bool requeue(VideoJob& job);

// After a crash: Submitting becomes Unconfirmed (never sent again automatically),
// Downloading becomes Ready (the .part is continued), Finishing becomes Downloaded. Returns
// whether the job changed.
bool recover(VideoJob& job);

// What Retry means: a job that reached the service is checked, fetched or finished again,
// never bought again; one that did not (or whose render failed, or whose submission is
// unconfirmed and the person accepts the risk) is queued to be submitted again. False when
// the job cannot be retried (an orphan is never bought again).
bool retry(VideoJob& job);
// "Render again (paid)": a failed, cancelled or unconfirmed clip is queued to be bought anew.
bool renderAgain(VideoJob& job);
// "Download again": a clip that reached the service is fetched again (after a fresh poll
// when its address is gone).
bool redownload(VideoJob& job);
// The person cancelled it; a request in flight is answered first.
bool cancel(VideoJob& job, const QString& reason = {});

} // namespace t2v::JobStateMachine

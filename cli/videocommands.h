#pragma once

// t2v render: makes the clips of a project's scenes.
// t2v status: what a project has and what is still running (also as JSON).

#include "jobs/jobscheduler.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace t2v {
class ProjectSession;
} // namespace t2v

namespace t2v {
class AppServices;
} // namespace t2v

namespace t2v::cli {

class ProgressLine;

int runRenderCommand(AppServices& app, const QStringList& args);
int runStatusCommand(AppServices& app, const QStringList& args);

// What one run of the clips does besides carrying on with every job in flight.
struct ClipRun
{
    QList<int> scenes; // new clips of these scenes (with `options`)
    JobOptions options;
    int parallelDownloads = 0;    // 0: the project's
    QStringList retry;            // checked, fetched or submitted again (JobStateMachine::retry)
    QStringList renderAgain;      // bought again
    std::optional<double> budget; // the most the run's clips may cost together
};

// Runs the project's video jobs until none is left unfinished. Returns an exit code. Used by
// render, resume and demo.
int runVideoJobs(ProjectSession& session, ProgressLine& progress, const ClipRun& run);

} // namespace t2v::cli

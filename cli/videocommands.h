#pragma once

// t2v render: makes the clips of a project's scenes.
// t2v status: what a project has and what is still running (also as JSON).

#include <QList>
#include <QStringList>

namespace t2v {
class ProjectStore;
struct JobOptions;
} // namespace t2v

namespace t2v::cli {

class ProgressLine;

int runRenderCommand(const QStringList& args);
int runStatusCommand(const QStringList& args);

// Runs the project's video jobs until none is left unfinished: new ones for `scenes` (if any),
// and every job already in flight. Returns an exit code. Used by render, resume and demo.
int runVideoJobs(ProjectStore& store, ProgressLine& progress, const QList<int>& scenes,
                 const JobOptions& options, int parallelDownloads);

} // namespace t2v::cli

#pragma once

// t2v assemble: joins a project's clips into its film and writes the exports.
// t2v demo: the whole pipeline offline, from an idea to a film.

#include <QStringList>

namespace t2v {
class ProjectSession;
struct AssemblyOptions;
} // namespace t2v

namespace t2v {
class AppServices;
} // namespace t2v

namespace t2v::cli {

class ProgressLine;

int runAssembleCommand(AppServices& app, const QStringList& args);
int runDemoCommand(AppServices& app, const QStringList& args);

// Assembles the film and writes the exports; returns an exit code.
int assembleFilm(ProjectSession& session, ProgressLine& progress, const AssemblyOptions& options,
                 QString* film = nullptr);

} // namespace t2v::cli

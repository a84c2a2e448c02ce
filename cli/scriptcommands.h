#pragma once

// t2v script: writes a project's script scene by scene.
// t2v resume (script part): finishes a script that was interrupted.

#include <QStringList>

namespace t2v {
class ProjectSession;
}

namespace t2v {
class AppServices;
} // namespace t2v

namespace t2v::cli {

class ProgressLine;

int runScriptCommand(AppServices& app, const QStringList& args);

// Writes whatever the project's script is missing with the project's LLM account. Returns an
// exit code. Used by t2v resume and t2v demo.
int finishScript(ProjectSession& session, ProgressLine& progress, bool fromScratch);

} // namespace t2v::cli

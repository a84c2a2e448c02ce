#pragma once

// t2v resume: continues whatever a project left unfinished.

#include <QStringList>

namespace t2v {
class AppServices;
} // namespace t2v

namespace t2v::cli {

int runResumeCommand(AppServices& app, const QStringList& args);

} // namespace t2v::cli

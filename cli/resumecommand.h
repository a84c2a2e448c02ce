#pragma once

// t2v resume: continues whatever a project left unfinished.

#include <QStringList>

namespace t2v::cli {

int runResumeCommand(const QStringList& args);

} // namespace t2v::cli

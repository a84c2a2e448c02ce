#pragma once

// t2v accounts list | add | remove | test

#include <QStringList>

namespace t2v::cli {

int runAccountsCommand(const QStringList& args);

} // namespace t2v::cli

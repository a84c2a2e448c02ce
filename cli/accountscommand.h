#pragma once

// t2v accounts list | add | remove | test

#include <QStringList>

namespace t2v {
class AppServices;
} // namespace t2v

namespace t2v::cli {

int runAccountsCommand(AppServices& app, const QStringList& args);

} // namespace t2v::cli

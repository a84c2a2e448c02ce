#pragma once

// t2v clips: the clips a project keeps apart from its scenes (made for scenes the script no
// longer has), and what to do with them: list, use for a scene, delete.

#include <QStringList>

namespace t2v {
class AppServices;
} // namespace t2v

namespace t2v::cli {

int runClipsCommand(AppServices& app, const QStringList& args);

} // namespace t2v::cli

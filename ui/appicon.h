#pragma once

// The application's identity on the desktop: the id that names its .desktop file, icon and
// AppStream metadata, and the icon its windows show (PNG sizes compiled in, so no SVG plugin
// is needed).

#include <QIcon>
#include <QString>

namespace t2v::ui {

// "io.github.t2vstudio.T2VStudio"; set in the top-level CMakeLists.txt.
QString applicationId();

QIcon applicationIcon();

} // namespace t2v::ui

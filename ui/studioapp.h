#pragma once

// Sets up the desktop application (names, command line, translations, theme, logging) and
// runs the main window's event loop.

class QApplication;

namespace t2v::ui {

int runStudio(QApplication& app);

} // namespace t2v::ui

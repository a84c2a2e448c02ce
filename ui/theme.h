#pragma once

// Light and dark palettes on the Fusion style, so every widget stays readable whatever the
// desktop's theme. "system" keeps the platform's palette.

#include <QString>

class QApplication;

namespace t2v::ui {

void applyTheme(QApplication& app, const QString& theme);

} // namespace t2v::ui

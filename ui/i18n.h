#pragma once

// Installs the interface translations: Qt's own and T2V Studio's, compiled into the binary
// under :/i18n. English is the source language; its file holds only the plural forms.

#include <QString>

class QCoreApplication;

namespace t2v::ui {

// `language` is "en", "vi", or "system" (the desktop's language). Replaces translations an
// earlier call installed. Returns false when no translation exists for the language asked for;
// English is used then.
bool installTranslations(QCoreApplication& app, const QString& language);

} // namespace t2v::ui

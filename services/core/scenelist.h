#pragma once

// Parses scene selections such as "1-10,12" against the number of scenes a script has.

#include "core/error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace t2v {

Result<QList<int>> parseSceneList(const QString& text, int sceneCount);
// The shortest text parseSceneList() reads back as `scenes`: "1-3,5,7-9".
QString formatSceneList(QList<int> scenes);

} // namespace t2v

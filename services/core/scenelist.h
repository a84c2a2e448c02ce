#pragma once

// Parses scene selections such as "1-10,12" against the number of scenes a script has.

#include "core/error.h"

#include <QList>
#include <QString>

namespace t2v {

Result<QList<int>> parseSceneList(const QString& text, int sceneCount);

} // namespace t2v

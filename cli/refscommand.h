#pragma once

// t2v refs: the characters' reference images (make, import, approve, discard, list).
// t2v keyframes: the scenes' first frames (make, approve, discard, use or not, list).

#include <QStringList>

namespace t2v {
class AppServices;
class ProjectSession;
} // namespace t2v

namespace t2v::cli {

class ProgressLine;

int runRefsCommand(AppServices& app, const QStringList& args);
int runKeyframesCommand(AppServices& app, const QStringList& args);

// Makes a reference image for every character that has none, with `accountId`. Returns an
// exit code. Used by t2v refs and t2v demo.
int makeMissingReferences(ProjectSession& session, ProgressLine& progress, const QString& accountId,
                          const QStringList& names, int count, bool again);

} // namespace t2v::cli

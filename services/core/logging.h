#pragma once

// One logging category per subsystem. Messages pass through a handler that redacts secrets
// (see net/redactor.h) before they reach stderr, a project log file or the log dock.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCore)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcLlm)
Q_DECLARE_LOGGING_CATEGORY(lcStory)
Q_DECLARE_LOGGING_CATEGORY(lcVideo)
Q_DECLARE_LOGGING_CATEGORY(lcJobs)
Q_DECLARE_LOGGING_CATEGORY(lcMedia)
Q_DECLARE_LOGGING_CATEGORY(lcAccounts)
Q_DECLARE_LOGGING_CATEGORY(lcProject)
Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace t2v {

// A path as people read it in a log line or a label: native separators, the home folder as "~".
QString displayPath(const QString& path);

} // namespace t2v

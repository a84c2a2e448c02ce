#include "logging.h"

#include <QDir>

Q_LOGGING_CATEGORY(lcCore, "t2v.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "t2v.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLlm, "t2v.llm", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStory, "t2v.story", QtInfoMsg)
Q_LOGGING_CATEGORY(lcVideo, "t2v.video", QtInfoMsg)
Q_LOGGING_CATEGORY(lcJobs, "t2v.jobs", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMedia, "t2v.media", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAccounts, "t2v.accounts", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProject, "t2v.project", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "t2v.ui", QtInfoMsg)

namespace t2v {

QString displayPath(const QString& path)
{
    const QString home = QDir::homePath();
    QString shown = QDir::cleanPath(path);
    if (home != QStringLiteral("/") && (shown == home || shown.startsWith(home + QLatin1Char('/'))))
        shown = QLatin1Char('~') + shown.mid(home.size());
    return QDir::toNativeSeparators(shown);
}

} // namespace t2v

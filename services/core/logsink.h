#pragma once

// Where log messages go: the process-wide Qt message handler that T2V installs. Every message
// is redacted (see net/redactor.h) before it is printed, appended to the project's log file
// or handed to listeners such as the log dock. Thread-safe.

#include <QDateTime>
#include <QString>
#include <QtGlobal>

#include <functional>

namespace t2v {

struct LogEntry
{
    QDateTime time;
    QtMsgType type = QtInfoMsg;
    QString category;
    QString message; // already redacted
};

class LogSink
{
public:
    using Listener = std::function<void(const LogEntry&)>;

    // Installs the handler. Messages below `stderrLevel` are not printed on stderr (they
    // still reach the file and the listeners).
    static void install(QtMsgType stderrLevel = QtWarningMsg);
    static void setStderrLevel(QtMsgType level);
    // Appends every message to `path` ("" stops). The folder must exist.
    static void setLogFile(const QString& path);
    static int addListener(Listener listener);
    static void removeListener(int id);

    static QString format(const LogEntry& entry);
    static QString levelName(QtMsgType type);
    // Debug < Info < Warning < Critical < Fatal (Qt's enum is not in that order).
    static int severity(QtMsgType type);
};

} // namespace t2v

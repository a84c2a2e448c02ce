#include "logsink.h"

#include "core/redactor.h"

#include <QFile>
#include <QMap>
#include <QMutex>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

struct SinkState
{
    QMutex mutex;
    int stderrSeverity = 2;
    QFile file;
    QMap<int, LogSink::Listener> listeners;
    int nextId = 1;
};

SinkState& state()
{
    static SinkState s;
    return s;
}

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    LogEntry entry;
    entry.time = QDateTime::currentDateTime();
    entry.type = type;
    entry.category = QString::fromUtf8(context.category ? context.category : "default");
    entry.message = Redactor::redact(message);

    SinkState& s = state();
    QList<LogSink::Listener> listeners;
    {
        QMutexLocker lock(&s.mutex);
        const QByteArray line = (LogSink::format(entry) + u'\n').toUtf8();
        if (LogSink::severity(type) >= s.stderrSeverity) {
            std::fwrite(line.constData(), 1, std::size_t(line.size()), stderr);
            std::fflush(stderr);
        }
        if (s.file.isOpen()) {
            s.file.write(line);
            s.file.flush();
        }
        listeners = s.listeners.values();
    }
    for (const auto& listener : listeners)
        listener(entry);
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void LogSink::install(QtMsgType stderrLevel)
{
    setStderrLevel(stderrLevel);
    qInstallMessageHandler(handler);
}

void LogSink::setStderrLevel(QtMsgType level)
{
    QMutexLocker lock(&state().mutex);
    state().stderrSeverity = severity(level);
}

void LogSink::setLogFile(const QString& path)
{
    SinkState& s = state();
    QMutexLocker lock(&s.mutex);
    if (s.file.isOpen())
        s.file.close();
    if (path.isEmpty())
        return;
    s.file.setFileName(path);
    if (!s.file.open(QIODevice::Append | QIODevice::Text))
        std::fprintf(stderr, "t2v: cannot write the log file %s\n", qPrintable(path));
}

int LogSink::addListener(Listener listener)
{
    SinkState& s = state();
    QMutexLocker lock(&s.mutex);
    const int id = s.nextId++;
    s.listeners.insert(id, std::move(listener));
    return id;
}

void LogSink::removeListener(int id)
{
    SinkState& s = state();
    QMutexLocker lock(&s.mutex);
    s.listeners.remove(id);
}

QString LogSink::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return u"debug"_s;
    case QtInfoMsg:
        return u"info"_s;
    case QtWarningMsg:
        return u"warning"_s;
    case QtCriticalMsg:
        return u"error"_s;
    case QtFatalMsg:
        return u"fatal"_s;
    }
    return u"info"_s;
}

int LogSink::severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 1;
}

QString LogSink::format(const LogEntry& entry)
{
    return u"%1 %2 %3: %4"_s.arg(entry.time.toString(u"yyyy-MM-dd hh:mm:ss.zzz"_s),
                                 levelName(entry.type).leftJustified(7), entry.category,
                                 entry.message);
}

} // namespace t2v

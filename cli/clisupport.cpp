#include "clisupport.h"

#include "core/logsink.h"
#include "session/appservices.h"
#include "session/projectsession.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace t2v::cli {
namespace {

std::atomic_int g_signals{0};

void onSignal(int)
{
    if (g_signals.fetch_add(1) >= 1)
        std::_Exit(Interrupted);
}

} // namespace

int usageError(const QString& command, const QString& message)
{
    std::fprintf(stderr, "t2v %s: %s\nRun \"t2v %s --help\" for the options.\n",
                 qPrintable(command), qPrintable(message), qPrintable(command));
    return UsageError;
}

int fail(const QString& command, const QString& message, int code)
{
    std::fprintf(stderr, "t2v %s: %s\n", qPrintable(command), qPrintable(message));
    return code;
}

int fail(const QString& command, const Error& error, int code)
{
    return fail(command,
                error.message + (error.detail.isEmpty() ? QString() : u"\n"_s + error.detail),
                code);
}

int parseCommandLine(QCommandLineParser& parser, const QString& command, const QString& description,
                     const QStringList& args)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s}, u"Show this help."_s);
    parser.addOption(help);
    if (!parser.parse(QStringList{u"t2v "_s + command} + args))
        return usageError(command, parser.errorText());
    if (parser.isSet(help)) {
        // Qt names the program as it was started ("/usr/bin/t2v [options]"); the usage line
        // names the command instead, and no path of this machine reaches the help or man page.
        QString text = parser.helpText();
        const qsizetype options = text.indexOf(u" [options]"_s);
        if (text.startsWith(u"Usage: "_s) && options > 0 && options < text.indexOf(u'\n'))
            text.replace(0, options, u"Usage: t2v "_s + command);
        std::fputs(qPrintable(text), stdout);
        return Done;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            command, u"unexpected argument \"%1\""_s.arg(parser.positionalArguments().first()));
    return -1;
}

std::optional<int> intOption(const QCommandLineParser& parser, const QCommandLineOption& option,
                             const Range& range, const QString& command, int* exitCode)
{
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (ok && range.contains(value))
        return value;
    *exitCode =
        usageError(command, u"--%1 must be %2"_s.arg(option.names().constLast(), range.text()));
    return std::nullopt;
}

void setUpLogging(bool verbose, ProgressLine* progress)
{
    LogSink::install(QtFatalMsg);
    LogSink::addListener([verbose, progress](const LogEntry& e) {
        if (LogSink::severity(e.type) < LogSink::severity(verbose ? QtInfoMsg : QtWarningMsg))
            return;
        // QtMsgType is not ordered by severity (QtInfoMsg comes last): compare severities.
        const int severity = LogSink::severity(e.type);
        const QString text = (severity >= LogSink::severity(QtCriticalMsg)  ? u"error: "_s
                              : severity >= LogSink::severity(QtWarningMsg) ? u"warning: "_s
                                                                            : QString()) +
                             e.message;
        if (progress)
            progress->message(text);
        else
            std::fprintf(stderr, "%s\n", qPrintable(text));
    });
}

void reportLoadProblems(const AppServices& app, ProgressLine* progress)
{
    const QString problems = app.loadProblems();
    if (problems.isEmpty())
        return;
    for (const QString& line : problems.split(u'\n')) {
        if (progress)
            progress->message(u"warning: "_s + line);
        else
            std::fprintf(stderr, "t2v: warning: %s\n", qPrintable(line));
    }
}

int openProject(ProjectSession& session, const QString& dir, const QString& command)
{
    if (Status s = session.open(dir, false); !s)
        return fail(command, s.error());
    return -1;
}

InterruptWatcher::InterruptWatcher(QObject* parent)
    : QObject(parent)
{
    g_signals = 0;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (g_signals.load() > 0) {
            m_poll.stop();
            std::fprintf(
                stderr,
                "\nStopping after the requests in flight (press Ctrl+C again to quit now)...\n");
            emit interrupted();
        }
    });
    m_poll.start();
}

} // namespace t2v::cli

#pragma once

// What the t2v commands share: argument parsing with usage errors, opening a project in the
// session, Ctrl+C handling and logging that does not break the progress line. The commands are
// thin: they parse, call AppServices or ProjectSession, and print.

#include "cli/cli.h"
#include "cli/progressline.h"
#include "core/error.h"
#include "core/limits.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <optional>

namespace t2v {
class AppServices;
class ProjectSession;
} // namespace t2v

namespace t2v::cli {

// Prints "t2v <command>: <message>" and a hint to --help; returns UsageError.
int usageError(const QString& command, const QString& message);
// Prints "t2v <command>: <message>" (and the error's detail); returns `code`.
int fail(const QString& command, const QString& message, int code = Failed);
int fail(const QString& command, const Error& error, int code = Failed);

// Parses `args` (without the program and command names). Handles --help itself.
// Returns -1 to go on, or the exit code to return now.
int parseCommandLine(QCommandLineParser& parser, const QString& command, const QString& description,
                     const QStringList& args);

// The integer value of `option`, or nullopt (after printing the usage error) when it is not a
// number in `range`.
std::optional<int> intOption(const QCommandLineParser& parser, const QCommandLineOption& option,
                             const Range& range, const QString& command, int* exitCode);

// --verbose prints info messages; warnings and errors always reach stderr through `progress`.
void setUpLogging(bool verbose, ProgressLine* progress);
// Says what could not be read in the config folder (a damaged settings or accounts file).
void reportLoadProblems(const AppServices& app, ProgressLine* progress);
// Opens the project folder in the session without touching clips in flight. Returns -1 when
// open, else the exit code (the error is printed).
int openProject(ProjectSession& session, const QString& dir, const QString& command);

// Waits for the answer of an asynchronous service call, such as AppServices::testAccount:
// `start(context, done)` starts it; the answer is returned once `done` has run.
template <typename T>
T await(const std::function<void(QObject*, std::function<void(const T&)>)>& start)
{
    QEventLoop loop;
    std::optional<T> answer;
    start(&loop, [&](const T& a) {
        answer = a;
        loop.quit();
    });
    if (!answer)
        loop.exec();
    return *answer;
}

// The first SIGINT/SIGTERM emits interrupted() (finish gracefully); the second exits at once.
class InterruptWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit InterruptWatcher(QObject* parent = nullptr);

signals:
    void interrupted();

private:
    QTimer m_poll;
};

} // namespace t2v::cli

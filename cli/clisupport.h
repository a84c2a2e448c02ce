#pragma once

// What the t2v commands share: argument parsing with usage errors, opening a project, the LLM
// provider of an account, Ctrl+C handling and logging that does not break the progress line.

#include "cli/cli.h"
#include "cli/progressline.h"
#include "core/error.h"
#include "llm/llmprovider.h"

#include <QCommandLineParser>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <memory>

namespace t2v {
class AccountStore;
class ProjectStore;
} // namespace t2v

namespace t2v::cli {

// Prints "t2v <command>: <message>" and a hint to --help; returns UsageError.
int usageError(const QString& command, const QString& message);
// Prints "t2v <command>: <message>" (and the error's detail); returns `code`.
int fail(const QString& command, const QString& message, int code = Failed);

// Parses `args` (without the program and command names). Handles --help itself.
// Returns -1 to go on, or the exit code to return now.
int parseCommandLine(QCommandLineParser& parser, const QString& command, const QString& description,
                     const QStringList& args);

// --verbose prints info messages; warnings and errors always reach stderr through `progress`.
void setUpLogging(bool verbose, ProgressLine* progress);
// Appends the log of this run to <project>/logs/t2v-<date>.log.
void logToProject(const ProjectStore& store);

// The FFmpeg the window's Settings name (settings.json in the config folder), unless
// $T2V_FFMPEG is set for this run; empty to search PATH.
QString configuredFfmpeg();
// Applies the settings the services read globally (the proxy), once per run.
void applySettings(ProgressLine* progress);
// How often jobs are checked, as the window's Settings say (0 before applySettings()).
std::chrono::seconds configuredPollInterval();

// Loads the accounts, printing a warning if the file is damaged.
std::unique_ptr<AccountStore> loadAccounts(ProgressLine* progress);
Result<std::shared_ptr<LlmProvider>> llmProviderFor(const AccountStore& accounts,
                                                    const QString& accountId,
                                                    const QString& modelOverride);

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

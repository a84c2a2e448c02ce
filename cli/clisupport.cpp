#include "clisupport.h"

#include "accounts/accountstore.h"
#include "accounts/secretstore.h"
#include "core/logsink.h"
#include "llm/llmproviders.h"
#include "project/projectstore.h"
#include "settings/appsettings.h"

#include <QDate>
#include <QDir>

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

int parseCommandLine(QCommandLineParser& parser, const QString& command, const QString& description,
                     const QStringList& args)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s}, u"Show this help."_s);
    parser.addOption(help);
    if (!parser.parse(QStringList{u"t2v "_s + command} + args))
        return usageError(command, parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(u"Usage: t2v "_s + command, u"Usage: t2v "_s + command);
        std::fputs(qPrintable(text), stdout);
        return Done;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            command, u"unexpected argument \"%1\""_s.arg(parser.positionalArguments().first()));
    return -1;
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

void logToProject(const ProjectStore& store)
{
    const QString dir = QDir(store.dir()).filePath(u"logs"_s);
    QDir().mkpath(dir);
    LogSink::setLogFile(
        QDir(dir).filePath(u"t2v-%1.log"_s.arg(QDate::currentDate().toString(Qt::ISODate))));
}

namespace {

QString& settingsFfmpeg()
{
    static QString path;
    return path;
}

int& settingsPollSeconds()
{
    static int seconds = 0;
    return seconds;
}

} // namespace

void applySettings(ProgressLine* progress)
{
    AppSettings settings(AccountStore::defaultConfigDir());
    if (Status s = settings.load(); !s) {
        if (progress)
            progress->message(u"warning: "_s + s.error().message);
        else
            std::fprintf(stderr, "t2v: warning: %s\n", qPrintable(s.error().message));
    }
    settings.applyToServices();
    settingsFfmpeg() = settings.ffmpegPath();
    settingsPollSeconds() = settings.pollIntervalSeconds();
}

std::chrono::seconds configuredPollInterval()
{
    return std::chrono::seconds(settingsPollSeconds());
}

QString configuredFfmpeg()
{
    // FfmpegTools::locate() reads $T2V_FFMPEG itself when given nothing.
    return qEnvironmentVariableIsSet("T2V_FFMPEG") ? QString() : settingsFfmpeg();
}

std::unique_ptr<AccountStore> loadAccounts(ProgressLine* progress)
{
    auto store = std::make_unique<AccountStore>();
    if (Status s = store->load(); !s && progress)
        progress->message(u"warning: "_s + s.error().message);
    return store;
}

Result<std::shared_ptr<LlmProvider>>
llmProviderFor(const AccountStore& accounts, const QString& accountId, const QString& modelOverride)
{
    const auto account = accounts.find(accountId);
    if (!account) {
        QStringList ids;
        for (const Account& a : accounts.scriptAccounts())
            ids.append(a.id);
        return Error::make(
            ErrorKind::Invalid,
            u"There is no account \"%1\". Accounts that can write scripts: %2."_s.arg(
                accountId, ids.join(u", "_s)));
    }
    std::optional<QString> key;
    if (account->needsKey() || account->provider == provider::OpenAi) {
        if (auto secret = SecretStore(accounts.configDir()).read(account->id))
            key = secret->key;
    }
    return LlmProviders::create(*account, key, modelOverride);
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

#include "cli/cli.h"

#include "cli/accountscommand.h"
#include "cli/clipscommand.h"
#include "cli/clisupport.h"
#include "cli/filmcommands.h"
#include "cli/refscommand.h"
#include "cli/resumecommand.h"
#include "cli/scriptcommands.h"
#include "cli/videocommands.h"
#include "core/logging.h"
#include "session/appservices.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace t2v::cli {
namespace {

const char* kUsage = R"(Commands:
  demo       offline end to end: script, clips, thumbnails, final film
  script     write a script scene by scene with an LLM
  refs       make, import and approve the characters' reference images
  keyframes  make and approve a first frame per scene, for clips to start from
  resume     continue whatever was interrupted in a project
  render     make the video clips of a project's scenes
  assemble   join the clips into the final film
  status     show what a project has and what is still running
  clips      list, use or delete clips kept apart from the scenes
  accounts   list, add, remove or test provider accounts; list their models

Run "t2v <command> --help" for the options of a command.)";

} // namespace

int run(QCoreApplication& app)
{
    QCoreApplication::setApplicationName(u"t2v"_s);
    QCoreApplication::setOrganizationName(u"T2V Studio"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(T2V_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"T2V Studio command line: long AI videos from an idea.\n\n"_s + QString::fromUtf8(kUsage));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"The command to run."_s);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.process(app);

    QTextStream err(stderr);
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        err << parser.helpText();
        return UsageError;
    }
    const QString command = args.first();
    const QStringList rest = args.mid(1);
    // One set of services per run: the settings the window keeps (FFmpeg, proxy, poll
    // interval), the accounts and their keys.
    AppServices services;
    reportLoadProblems(services, nullptr);
    if (command == u"script"_s)
        return runScriptCommand(services, rest);
    if (command == u"refs"_s)
        return runRefsCommand(services, rest);
    if (command == u"keyframes"_s)
        return runKeyframesCommand(services, rest);
    if (command == u"resume"_s)
        return runResumeCommand(services, rest);
    if (command == u"render"_s)
        return runRenderCommand(services, rest);
    if (command == u"status"_s)
        return runStatusCommand(services, rest);
    if (command == u"accounts"_s)
        return runAccountsCommand(services, rest);
    if (command == u"clips"_s)
        return runClipsCommand(services, rest);
    if (command == u"assemble"_s)
        return runAssembleCommand(services, rest);
    if (command == u"demo"_s)
        return runDemoCommand(services, rest);
    err << "t2v: unknown command \"" << command << "\"\n" << QString::fromUtf8(kUsage) << "\n";
    return UsageError;
}

} // namespace t2v::cli

#include "filmcommands.h"

#include "cli/clisupport.h"
#include "cli/refscommand.h"
#include "cli/scriptcommands.h"
#include "cli/videocommands.h"
#include "film/assembler.h"
#include "media/ffmpegtools.h"
#include "project/projectstore.h"
#include "session/appservices.h"
#include "session/projectsession.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace t2v::cli {
namespace {

const QString kDemoIdea =
    u"A paper boat sails through a flooded city at night, looking for the lighthouse "
    u"that once guided it home"_s;

} // namespace

int assembleFilm(ProjectSession& session, ProgressLine& progress, const AssemblyOptions& options,
                 QString* film)
{
    const QString command = u"assemble"_s;
    QEventLoop loop;
    QString output;
    QString failure;
    QObject::connect(&session, &ProjectSession::assemblyProgress, &loop, [&](double fraction) {
        progress.update(u"Assembling · %1%"_s.arg(int(fraction * 100)));
    });
    QObject::connect(&session, &ProjectSession::assemblyFinished, &loop,
                     [&](const QString& path, double seconds) {
                         output = path;
                         progress.finish();
                         progress.message(u"Film: %1 (%2 s)"_s.arg(QDir::toNativeSeparators(path))
                                              .arg(QString::number(seconds, 'f', 1)));
                         loop.exit(Done);
                     });
    QObject::connect(&session, &ProjectSession::assemblyFailed, &loop, [&](const QString& why) {
        progress.finish();
        failure = why;
        loop.exit(Failed);
    });
    // The event loop keeps turning while FFmpeg works, so Ctrl+C is heard.
    InterruptWatcher interrupt;
    bool stopped = false;
    QObject::connect(&interrupt, &InterruptWatcher::interrupted, &loop, [&] {
        stopped = true;
        session.cancelAssembly();
    });
    if (Status s = session.assemble(options); !s)
        return fail(command, s.error());
    const int code = loop.exec();
    if (code != Done)
        return fail(command, failure, stopped ? Interrupted : Failed);
    if (film)
        *film = output;
    progress.message(u"Exports: %1"_s.arg(
        QDir::toNativeSeparators(QDir(session.store().dir()).filePath(u"exports"_s))));
    return Done;
}

int runAssembleCommand(AppServices& app, const QStringList& args)
{
    const QString command = u"assemble"_s;
    QCommandLineParser p;
    const QCommandLineOption project(u"project"_s, u"The project folder."_s, u"dir"_s);
    const QCommandLineOption subtitles(u"subtitles"_s, u"none, soft (a subtitle track) or burn."_s,
                                       u"mode"_s);
    const QCommandLineOption transition(u"transition"_s, u"none or fade."_s, u"kind"_s);
    const QCommandLineOption fade(u"fade"_s, u"Length of a fade in seconds."_s, u"s"_s);
    const QCommandLineOption music(u"music"_s, u"A music file played under the film."_s, u"file"_s);
    const QCommandLineOption musicVolume(u"music-volume"_s, u"Its volume, 0-2 (default 0.25)."_s,
                                         u"v"_s);
    const QCommandLineOption verbose(u"verbose"_s, u"Print more about what happens."_s);
    p.addOptions({project, subtitles, transition, fade, music, musicVolume, verbose});
    if (const int code = parseCommandLine(p, command,
                                          u"Joins the clips into the film and writes the exports "
                                          u"(screenplay, SRT, prompts CSV, script JSON, EDL)."_s,
                                          args);
        code >= 0)
        return code;
    if (!p.isSet(project))
        return usageError(command, u"--project is required"_s);
    ProgressLine progress;
    setUpLogging(p.isSet(verbose), &progress);
    ProjectSession session(app);
    if (const int code = openProject(session, p.value(project), command); code >= 0)
        return code;
    ProjectSettings settings = session.project().settings;
    if (p.isSet(subtitles))
        settings.subtitles = p.value(subtitles);
    if (p.isSet(transition))
        settings.transition = p.value(transition);
    if (p.isSet(fade))
        settings.fadeSeconds = p.value(fade).toDouble();
    if (p.isSet(music))
        settings.musicPath = QFileInfo(p.value(music)).absoluteFilePath();
    if (p.isSet(musicVolume))
        settings.musicVolume = p.value(musicVolume).toDouble();
    const AssemblyOptions options = AssemblyOptions::fromSettings(settings);
    if (const QString why = options.validate(); !why.isEmpty())
        return usageError(command, why);
    return assembleFilm(session, progress, options);
}

int runDemoCommand(AppServices& app, const QStringList& args)
{
    const QString command = u"demo"_s;
    QCommandLineParser p;
    const QCommandLineOption out(
        u"out"_s, u"Where to make the demo project (default: ~/T2V Demo)."_s, u"dir"_s);
    const QCommandLineOption scenes(u"scenes"_s, u"Scenes of 8 seconds (1-75)."_s, u"n"_s, u"8"_s);
    const QCommandLineOption verbose(u"verbose"_s, u"Print more about what happens."_s);
    p.addOptions({out, scenes, verbose});
    if (const int code =
            parseCommandLine(p, command,
                             u"Makes a short film from an idea with no network and no keys: "
                             u"an offline draft script, local animatic clips, thumbnails, "
                             u"the film with subtitles, and the exports."_s,
                             args);
        code >= 0)
        return code;
    bool ok = false;
    const int sceneCount = p.value(scenes).toInt(&ok);
    if (!ok || sceneCount < 1 || sceneCount > 75)
        return usageError(command, u"--scenes must be 1-75"_s);
    QString dir = p.isSet(out) ? p.value(out) : QDir::home().filePath(u"T2V Demo"_s);
    if (!p.isSet(out)) {
        // Never overwrite an earlier demo: "T2V Demo 2", "T2V Demo 3", ...
        for (int i = 2; QFileInfo::exists(QDir(dir).filePath(ProjectStore::kFileName)); ++i)
            dir = QDir::home().filePath(u"T2V Demo %1"_s.arg(i));
    } else if (QFileInfo::exists(QDir(dir).filePath(ProjectStore::kFileName))) {
        return fail(command, u"%1 already holds a project; choose another --out."_s.arg(
                                 QDir::toNativeSeparators(dir)));
    }

    ProgressLine progress;
    setUpLogging(p.isSet(verbose), &progress);
    QElapsedTimer timer;
    timer.start();
    if (auto tools = FfmpegTools::locate(app.settings().ffmpegPath()); !tools)
        return fail(command, tools.error().message);

    Project project;
    project.script.idea = kDemoIdea;
    project.script.durationSeconds = sceneCount * 8;
    project.script.sceneSeconds = 8;
    project.script.style = u"cinematic"_s;
    project.script.language = u"en"_s;
    project.script.aspectRatio = u"16:9"_s;
    project.settings.llmAccount = u"offline"_s;
    project.settings.videoAccounts = {u"local"_s};
    project.settings.subtitles = u"soft"_s;
    ProjectSession session(app);
    if (Status s = session.create(dir, project); !s)
        return fail(command, s.error().message);
    progress.message(u"T2V Studio demo in %1: %2 scenes of 8 s, offline (no network, no keys)."_s
                         .arg(QDir::toNativeSeparators(session.store().dir()))
                         .arg(sceneCount));

    progress.message(u"1/4 Script"_s);
    if (const int code = finishScript(session, progress, true); code != Done)
        return code;

    progress.message(u"2/4 Character reference cards (offline)"_s);
    if (const int code = makeMissingReferences(session, progress, u"local"_s, {}, 1, false);
        code != Done)
        return code;

    progress.message(u"3/4 Clips (local animatic renderer, with the characters' cards)"_s);
    ClipRun run;
    run.options.accounts = {u"local"_s};
    run.parallelDownloads = 5;
    for (int n = 1; n <= session.project().script.sceneCount(); ++n)
        run.scenes.append(n);
    if (const int code = runVideoJobs(session, progress, run); code != Done)
        return code;

    progress.message(u"4/4 Film and exports"_s);
    QString film;
    if (const int code = assembleFilm(
            session, progress, AssemblyOptions::fromSettings(session.project().settings), &film);
        code != Done)
        return code;
    (void)session.store().flush();

    const QString folder = session.store().dir();
    QString summary = u"\nDone in %1 s. Made:\n"_s.arg(timer.elapsed() / 1000);
    summary += u"  film        %1\n"_s.arg(QDir::toNativeSeparators(film));
    summary +=
        u"  clips       %1\n"_s.arg(QDir::toNativeSeparators(QDir(folder).filePath(u"clips"_s)));
    summary +=
        u"  references  %1\n"_s.arg(QDir::toNativeSeparators(QDir(folder).filePath(u"refs"_s)));
    summary +=
        u"  thumbnails  %1\n"_s.arg(QDir::toNativeSeparators(QDir(folder).filePath(u"thumbs"_s)));
    const QDir exports(QDir(folder).filePath(u"exports"_s));
    for (const QString& e : exports.entryList(QDir::Files, QDir::Name))
        summary += u"  export      %1\n"_s.arg(QDir::toNativeSeparators(exports.filePath(e)));
    summary += u"  project     %1\n"_s.arg(QDir::toNativeSeparators(session.store().filePath()));
    summary += u"Open the film with any player, or the project with: t2v-studio \"%1\"\n"_s.arg(
        QDir::toNativeSeparators(folder));
    std::fputs(qPrintable(summary), stdout);
    return Done;
}

} // namespace t2v::cli

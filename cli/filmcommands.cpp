#include "filmcommands.h"

#include "cli/clisupport.h"
#include "cli/scriptcommands.h"
#include "cli/videocommands.h"
#include "jobs/jobscheduler.h"
#include "media/assembler.h"
#include "project/exporters.h"
#include "project/projectstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent>

#include <atomic>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace t2v::cli {
namespace {

const QString kDemoIdea =
    u"A paper boat sails through a flooded city at night, looking for the lighthouse "
    u"that once guided it home"_s;

} // namespace

int assembleFilm(ProjectStore& store, ProgressLine& progress, const AssemblyOptions& options,
                 QString* film, QStringList* exports)
{
    const QString command = u"assemble"_s;
    auto tools = FfmpegTools::locate(configuredFfmpeg());
    if (!tools)
        return fail(command, tools.error().message);
    const Project snapshot = store.project();
    const QString dir = store.dir();
    auto plan = Assembler::plan(*tools, snapshot, dir, options);
    if (!plan)
        return fail(command, plan.error().message);
    progress.message(u"Joining %1 clips by %2%3."_s.arg(plan->clips.size())
                         .arg(plan->streamCopy ? u"stream copy"_s : u"re-encoding"_s)
                         .arg(options.subtitles == u"none"_s
                                  ? QString()
                                  : u", %1 subtitles"_s.arg(options.subtitles)));

    // FFmpeg runs on a worker; the event loop keeps turning so Ctrl+C is heard.
    std::atomic<double> fraction = 0;
    CancelToken cancel;
    QFutureWatcher<Result<AssemblyResult>> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    InterruptWatcher interrupt;
    QObject::connect(&interrupt, &InterruptWatcher::interrupted, &loop, [&] { cancel.cancel(); });
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        progress.update(u"Assembling · %1%"_s.arg(int(fraction.load() * 100)));
    });
    tick.start(200);
    const AssemblyPlan p = *plan;
    const FfmpegTools t = *tools;
    watcher.setFuture(QtConcurrent::run([p, t, options, cancel, &fraction] {
        return Assembler::assemble(t, p, options, cancel, [&fraction](double f) { fraction = f; });
    }));
    loop.exec();
    tick.stop();
    progress.finish();
    const Result<AssemblyResult> result = watcher.result();
    if (!result) {
        if (result.error().isCancelled())
            return fail(command, u"Stopped; nothing was written."_s, Interrupted);
        return fail(command, result.error().message +
                                 (result.error().detail.isEmpty()
                                      ? QString()
                                      : u"\n"_s + result.error().detail.section(u'\n', -5)));
    }
    auto written = Exporters::writeAll(store.project(), dir);
    if (!written)
        return fail(command, written.error().message);
    if (film)
        *film = result->output;
    if (exports)
        *exports = *written;
    progress.message(u"Film: %1 (%2 s)"_s.arg(QDir::toNativeSeparators(result->output))
                         .arg(QString::number(result->durationSeconds, 'f', 1)));
    progress.message(
        u"Exports: %1"_s.arg(QDir::toNativeSeparators(QDir(dir).filePath(u"exports"_s))));
    return Done;
}

int runAssembleCommand(const QStringList& args)
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
    ProjectStore store;
    if (Status s = store.open(p.value(project)); !s)
        return fail(command,
                    s.error().message +
                        (s.error().detail.isEmpty() ? QString() : u"\n"_s + s.error().detail));
    logToProject(store);
    ProjectSettings& settings = store.project().settings;
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
    store.markDirty();
    return assembleFilm(store, progress, options);
}

int runDemoCommand(const QStringList& args)
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
    auto tools = FfmpegTools::locate(configuredFfmpeg());
    if (!tools)
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
    ProjectStore store;
    if (Status s = store.create(dir, project); !s)
        return fail(command, s.error().message);
    logToProject(store);
    progress.message(u"T2V Studio demo in %1: %2 scenes of 8 s, offline (no network, no keys)."_s
                         .arg(QDir::toNativeSeparators(store.dir()))
                         .arg(sceneCount));

    progress.message(u"1/3 Script"_s);
    if (const int code = finishScript(store, progress, true); code != Done)
        return code;

    progress.message(u"2/3 Clips (local animatic renderer)"_s);
    JobOptions options;
    options.accounts = {u"local"_s};
    QList<int> all;
    for (int n = 1; n <= store.project().script.sceneCount(); ++n)
        all.append(n);
    if (const int code = runVideoJobs(store, progress, all, options, 5); code != Done)
        return code;

    progress.message(u"3/3 Film and exports"_s);
    QString film;
    QStringList exports;
    if (const int code =
            assembleFilm(store, progress, AssemblyOptions::fromSettings(store.project().settings),
                         &film, &exports);
        code != Done)
        return code;
    (void)store.flush();

    QString summary = u"\nDone in %1 s. Made:\n"_s.arg(timer.elapsed() / 1000);
    summary += u"  film        %1\n"_s.arg(QDir::toNativeSeparators(film));
    summary += u"  clips       %1\n"_s.arg(
        QDir::toNativeSeparators(QDir(store.dir()).filePath(u"clips"_s)));
    summary += u"  thumbnails  %1\n"_s.arg(
        QDir::toNativeSeparators(QDir(store.dir()).filePath(u"thumbs"_s)));
    for (const QString& e : std::as_const(exports))
        summary += u"  export      %1\n"_s.arg(QDir::toNativeSeparators(e));
    summary += u"  project     %1\n"_s.arg(QDir::toNativeSeparators(store.filePath()));
    summary += u"Open the film with any player, or the project with: t2v-studio \"%1\"\n"_s.arg(
        QDir::toNativeSeparators(store.dir()));
    std::fputs(qPrintable(summary), stdout);
    return Done;
}

} // namespace t2v::cli

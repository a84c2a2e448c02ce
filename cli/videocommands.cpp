#include "videocommands.h"

#include "accounts/accountstore.h"
#include "accounts/secretstore.h"
#include "cli/clisupport.h"
#include "core/scenelist.h"
#include "jobs/videopipeline.h"
#include "project/projectpaths.h"
#include "project/projectstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace t2v::cli {
namespace {

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + u" MB"_s;
}

json::Json statusJson(const QString& dir, const Project& p)
{
    json::Json jobs = json::Json::array();
    for (const VideoJob& j : p.jobs) {
        json::Json o = {{"id", j.id},
                        {"scene", j.sceneNumber},
                        {"variant", j.variant},
                        {"state", jobStateName(j.state)},
                        {"provider", j.provider},
                        {"account", j.accountId},
                        {"remote_id", j.remoteId},
                        {"clip", j.clipPath},
                        {"thumbnail", j.thumbPath},
                        {"upscaled", j.upscaledPath},
                        {"bytes", j.bytesTotal},
                        {"orphaned", j.orphaned}};
        if (!j.error.isEmpty()) {
            o["error"] = j.error;
            o["failed_stage"] = j.failedStage;
            o["retryable"] = j.retryable;
        }
        jobs.push_back(o);
    }
    const JobCounts counts = VideoPipeline::countJobs(p);
    json::Json summary = json::Json::object();
    for (auto it = counts.byState.cbegin(); it != counts.byState.cend(); ++it)
        summary[jobStateName(it.key()).toStdString()] = it.value();
    json::Json missing = json::Json::array();
    for (int n : p.script.missingScenes())
        missing.push_back(n);
    int warned = 0;
    for (const Scene& s : p.script.scenes)
        warned += s.warnings.isEmpty() ? 0 : 1;
    return {{"project", QDir::toNativeSeparators(dir)},
            {"title", p.script.title},
            {"idea", p.script.idea},
            {"script",
             {{"scenes", p.script.sceneCount()},
              {"written", p.script.writtenCount()},
              {"missing", missing},
              {"scenes_with_warnings", warned},
              {"duration_seconds", p.script.durationSeconds}}},
            {"jobs", jobs},
            {"summary", summary}};
}

} // namespace

int runVideoJobs(ProjectStore& store, ProgressLine& progress, const QList<int>& scenes,
                 const JobOptions& options, int parallelDownloads)
{
    const QString command = u"render"_s;
    auto accounts = loadAccounts(&progress);
    SecretStore secrets(accounts->configDir());
    VideoPipeline pipeline(store);
    PipelineOptions pipelineOptions;
    pipelineOptions.parallelDownloads = parallelDownloads;
    pipelineOptions.ffmpegPath = configuredFfmpeg();
    // The same checking pace as the window.
    pipelineOptions.pollInterval = configuredPollInterval();
    pipelineOptions.maxPollInterval = configuredPollInterval() * 4;
    if (Status s = pipeline.prepare(options.accounts, *accounts, secrets, pipelineOptions); !s)
        return fail(command, s.error().message);
    if (!scenes.isEmpty()) {
        auto added = pipeline.addJobs(scenes, options);
        if (!added)
            return fail(command, added.error().message);
        const int existing = int(scenes.size()) * options.variants - int(added->size());
        progress.message(
            u"%1 new clip(s) to make with %2%3."_s.arg(added->size())
                .arg(options.accounts.join(u", "_s))
                .arg(existing > 0 ? u" (%1 already have a job)"_s.arg(existing) : QString()));
    }
    (void)store.flush();

    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    qint64 receivedNow = 0;
    QHash<QString, qint64> received;
    auto show = [&] {
        QString line = pipeline.counts().summary();
        if (receivedNow > 0)
            line += u" · %1 received"_s.arg(megabytes(receivedNow));
        progress.update(line);
    };
    QObject::connect(&pipeline, &VideoPipeline::jobChanged, &loop, show);
    QObject::connect(&pipeline, &VideoPipeline::jobProgress, &loop,
                     [&](const QString& id, qint64 r, qint64) {
                         receivedNow += r - received.value(id);
                         received.insert(id, r);
                         show();
                     });
    QObject::connect(&pipeline, &VideoPipeline::problem, &loop,
                     [&](const QString& m) { progress.message(u"warning: "_s + m); });
    QObject::connect(&pipeline, &VideoPipeline::waveFinished, &loop, [&](int ok, int failed) {
        if (failed > 0)
            progress.message(u"Downloads finished: %1 succeeded, %2 failed."_s.arg(ok).arg(failed));
    });
    bool stopped = false;
    QObject::connect(&pipeline, &VideoPipeline::idle, &loop, [&] { loop.exit(0); });
    InterruptWatcher watcher;
    QObject::connect(&watcher, &InterruptWatcher::interrupted, &loop, [&] {
        stopped = true;
        pipeline.stop();
        loop.exit(0);
    });
    pipeline.start();
    show();
    loop.exec();
    pipeline.stop();
    progress.finish();

    const Project& p = store.project();
    const JobCounts counts = pipeline.counts();
    if (stopped) {
        progress.message(
            u"Stopped: %1. Every submitted job is saved; \"t2v resume --project %2\" continues "
            u"without buying anything twice."_s.arg(counts.summary(),
                                                    QDir::toNativeSeparators(store.dir())));
        return Interrupted;
    }
    int bad = 0;
    for (const VideoJob& j : p.jobs) {
        if (j.state == JobState::Failed || j.state == JobState::Unconfirmed) {
            ++bad;
            progress.message(u"%1 (scene %2): %3 %4"_s.arg(j.id)
                                 .arg(j.sceneNumber)
                                 .arg(jobStateLabel(j.state), j.error));
        }
    }
    progress.message(
        u"%1 in %2 → %3"_s.arg(counts.summary(), formatDuration(int(timer.elapsed() / 1000)),
                               QDir::toNativeSeparators(QDir(store.dir()).filePath(u"clips"_s))));
    return bad == 0 ? Done : Failed;
}

int runRenderCommand(const QStringList& args)
{
    const QString command = u"render"_s;
    QCommandLineParser p;
    const QCommandLineOption project(u"project"_s, u"The project folder."_s, u"dir"_s);
    const QCommandLineOption scenes(u"scenes"_s,
                                    u"Scenes to render, e.g. 1-10,12 (default: all)."_s, u"list"_s);
    const QCommandLineOption variants(u"variants"_s, u"Clips per scene (1-5)."_s, u"n"_s, u"1"_s);
    const QCommandLineOption account(u"account"_s,
                                     u"A video account; repeat to spread the work (default: the "
                                     u"project's, at first \"local\")."_s,
                                     u"id"_s);
    const QCommandLineOption parallel(u"parallel-downloads"_s,
                                      u"Clips downloaded at once (1-10)."_s, u"n"_s, u"5"_s);
    const QCommandLineOption upscale(u"upscale"_s,
                                     u"Also make a 4K resample of each clip (FFmpeg lanczos)."_s);
    const QCommandLineOption resolution(u"resolution"_s, u"720p or 1080p."_s, u"res"_s, u"720p"_s);
    const QCommandLineOption model(u"model"_s, u"Use this video model instead of the account's."_s,
                                   u"name"_s);
    const QCommandLineOption retryFailed(u"retry-failed"_s, u"Try failed clips again first."_s);
    const QCommandLineOption retryUnconfirmed(
        u"retry-unconfirmed"_s,
        u"Submit again clips whose submission is unconfirmed (they may be paid twice)."_s);
    const QCommandLineOption renderAgain(
        u"render-again"_s,
        u"Buy failed, cancelled and unconfirmed clips again, even those the service may "
        u"already have made and billed."_s);
    const QCommandLineOption verbose(u"verbose"_s, u"Print more about what happens."_s);
    p.addOptions({project, scenes, variants, account, parallel, upscale, resolution, model,
                  retryFailed, retryUnconfirmed, renderAgain, verbose});
    if (const int code =
            parseCommandLine(p, command, u"Makes the video clips of a project's scenes."_s, args);
        code >= 0)
        return code;
    if (!p.isSet(project))
        return usageError(command, u"--project is required"_s);
    bool ok = false;
    const int variantCount = p.value(variants).toInt(&ok);
    if (!ok || variantCount < 1 || variantCount > 5)
        return usageError(command, u"--variants must be 1-5"_s);
    const int parallelCount = p.value(parallel).toInt(&ok);
    if (!ok || parallelCount < 1 || parallelCount > 10)
        return usageError(command, u"--parallel-downloads must be 1-10"_s);
    if (p.value(resolution) != u"720p"_s && p.value(resolution) != u"1080p"_s)
        return usageError(command, u"--resolution must be 720p or 1080p"_s);

    ProgressLine progress;
    setUpLogging(p.isSet(verbose), &progress);
    ProjectStore store;
    if (Status s = store.open(p.value(project)); !s)
        return fail(command,
                    s.error().message +
                        (s.error().detail.isEmpty() ? QString() : u"\n"_s + s.error().detail));
    logToProject(store);
    Project& proj = store.project();
    if (proj.script.writtenCount() == 0)
        return fail(command, u"The project has no written scenes yet; run \"t2v script\" first."_s);
    QList<int> chosen;
    if (p.isSet(scenes)) {
        auto parsed = parseSceneList(p.value(scenes), proj.script.sceneCount());
        if (!parsed)
            return usageError(command, parsed.error().message);
        chosen = *parsed;
    } else {
        for (const Scene& s : proj.script.scenes) {
            if (s.isWritten())
                chosen.append(s.number);
        }
    }
    for (int n : chosen) {
        if (!proj.script.scene(n)->isWritten())
            return fail(command,
                        u"Scene %1 is not written yet; run \"t2v resume\" first."_s.arg(n));
    }
    JobOptions options;
    options.accounts = p.isSet(account) ? p.values(account) : proj.settings.videoAccounts;
    if (options.accounts.isEmpty())
        options.accounts = {u"local"_s};
    options.variants = variantCount;
    options.resolution = p.value(resolution);
    options.upscale = p.isSet(upscale);
    options.model = p.value(model);
    proj.settings.videoAccounts = options.accounts;
    proj.settings.variants = variantCount;
    proj.settings.resolution = options.resolution;
    proj.settings.upscale = options.upscale;
    proj.settings.parallelDownloads = parallelCount;
    store.markDirty();

    int again = 0;
    int bought = 0;
    for (VideoJob& j : proj.jobs) {
        if (p.isSet(renderAgain) && JobScheduler::prepareRenderAgain(j)) {
            // The old download must never be continued with the new video's bytes.
            QFile::remove(store.absolutePath(ProjectPaths::clipPart(j.id)));
            QFile::remove(store.absolutePath(ProjectPaths::clipPartMeta(j.id)));
            ++bought;
            continue;
        }
        // A job with a remote id is checked or fetched again, not bought again.
        if ((p.isSet(retryFailed) &&
             (j.state == JobState::Failed || j.state == JobState::Cancelled)) ||
            (p.isSet(retryUnconfirmed) && j.state == JobState::Unconfirmed))
            again += JobScheduler::prepareRetry(j) ? 1 : 0;
    }
    if (again > 0)
        progress.message(u"%1 clip(s) will be tried again."_s.arg(again));
    if (bought > 0)
        progress.message(u"%1 clip(s) will be rendered again as new paid requests."_s.arg(bought));
    return runVideoJobs(store, progress, chosen, options, parallelCount);
}

int runStatusCommand(const QStringList& args)
{
    const QString command = u"status"_s;
    QCommandLineParser p;
    const QCommandLineOption project(u"project"_s, u"The project folder."_s, u"dir"_s);
    const QCommandLineOption asJson(u"json"_s, u"Print one JSON object."_s);
    p.addOptions({project, asJson});
    if (const int code = parseCommandLine(
            p, command, u"Shows what a project has and what is still running."_s, args);
        code >= 0)
        return code;
    if (!p.isSet(project))
        return usageError(command, u"--project is required"_s);
    // Read only, without the lock: status may look at a project another program is working on.
    const QString dir = p.value(project);
    const auto loaded = ProjectStore::load(QDir(dir).filePath(ProjectStore::kFileName));
    if (!loaded)
        return fail(command, loaded.error().message);
    const Project& proj = loaded.value();
    if (p.isSet(asJson)) {
        std::fputs((json::dump(statusJson(dir, proj), 2) + "\n").c_str(), stdout);
        return Done;
    }
    QString out;
    const Script& s = proj.script;
    out += u"%1\n"_s.arg(s.title.isEmpty() ? u"(no title yet)"_s : s.title);
    out += u"  idea:   %1\n"_s.arg(s.idea);
    out += u"  script: %1 of %2 scenes written (%3 s, %4 s per scene, %5, %6)\n"_s
               .arg(s.writtenCount())
               .arg(s.sceneCount())
               .arg(s.durationSeconds)
               .arg(s.sceneSeconds)
               .arg(s.style, s.language);
    for (const Scene& scene : s.scenes) {
        for (const QString& w : scene.warnings)
            out += u"    scene %1: %2\n"_s.arg(scene.number).arg(w);
        if (scene.status == SceneStatus::Failed)
            out += u"    scene %1 failed: %2\n"_s.arg(scene.number).arg(scene.error);
    }
    out += u"  clips:  %1\n"_s.arg(VideoPipeline::countJobs(proj).summary());
    for (const VideoJob& j : proj.jobs) {
        if (j.state == JobState::Done || j.orphaned)
            continue;
        out += u"    %1  %2%3%4\n"_s.arg(j.id, jobStateLabel(j.state).leftJustified(12),
                                         j.accountId.isEmpty() ? QString() : u"  "_s + j.accountId,
                                         j.error.isEmpty() ? QString() : u"  "_s + j.error);
    }
    QString orphans;
    for (const VideoJob& j : proj.jobs) {
        if (j.orphaned)
            orphans += u"    %1  %2  made for the former scene %3%4\n"_s.arg(
                j.id, jobStateLabel(j.state).leftJustified(12), QString::number(j.sceneNumber),
                j.clipPath.isEmpty() ? QString() : u"  "_s + j.clipPath);
    }
    if (!orphans.isEmpty())
        out += u"  clips of scenes the script no longer has (\"t2v clips use\" or \"t2v clips "
               u"delete\"):\n"_s +
               orphans;
    std::fputs(qPrintable(out), stdout);
    return Done;
}

} // namespace t2v::cli

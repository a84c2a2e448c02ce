#include "videocommands.h"

#include "cli/clisupport.h"
#include "core/limits.h"
#include "core/scenelist.h"
#include "jobs/spend.h"
#include "jobs/videopipeline.h"
#include "project/projectstore.h"
#include "providers/pricing.h"
#include "providers/providerregistry.h"
#include "session/appservices.h"
#include "session/projectsession.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <unistd.h>

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
                        {"orphaned", j.orphaned},
                        {"cost_usd", spentUsd(j)}};
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
    const SpendSummary spend = SpendSummary::of(p.jobs);
    json::Json byAccount = json::Json::object();
    for (auto it = spend.byAccount.cbegin(); it != spend.byAccount.cend(); ++it)
        byAccount[it.key().toStdString()] = it.value().usd;
    json::Json byDay = json::Json::object();
    for (auto it = spend.byDay.cbegin(); it != spend.byDay.cend(); ++it)
        byDay[it.key().toString(Qt::ISODate).toStdString()] = it.value().usd;
    json::Json spendJson = {{"total_usd", spend.total.usd},
                            {"unknown_price_clips", spend.total.unknown},
                            {"by_account", byAccount},
                            {"by_day", byDay}};
    if (p.settings.budgetUsd > 0)
        spendJson["budget_usd"] = p.settings.budgetUsd;
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
            {"summary", summary},
            {"spend", spendJson}};
}

// "  spend:  $12.40 (may be billed) · today $3.20 · budget $50.00" and a line per account.
QString spendText(const Project& p)
{
    const SpendSummary spend = SpendSummary::of(p.jobs);
    QString out = u"  spend:  %1 (may be billed)"_s.arg(spend.total.text());
    if (const auto today = spend.byDay.constFind(QDate::currentDate()); today != spend.byDay.cend())
        out += u" · today %1"_s.arg(today->text());
    if (p.settings.budgetUsd > 0)
        out += u" · project budget %1"_s.arg(formatUsd(p.settings.budgetUsd));
    out += u'\n';
    if (spend.byAccount.size() > 1 || spend.byDay.size() > 1) {
        for (auto it = spend.byAccount.cbegin(); it != spend.byAccount.cend(); ++it)
            out += u"    %1 %2\n"_s.arg(it.key().leftJustified(16), it.value().text());
        for (auto it = spend.byDay.cbegin(); it != spend.byDay.cend(); ++it)
            out += u"    %1 %2\n"_s.arg(it.key().toString(Qt::ISODate).leftJustified(16),
                                        it.value().text());
    }
    return out;
}

} // namespace

int runVideoJobs(ProjectSession& session, ProgressLine& progress, const ClipRun& run)
{
    const QString command = u"render"_s;
    const int parallel = run.parallelDownloads > 0 ? run.parallelDownloads
                                                   : session.project().settings.parallelDownloads;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    qint64 receivedNow = 0;
    QHash<QString, qint64> received;
    auto show = [&] {
        QString line = session.counts().summary();
        if (receivedNow > 0)
            line += u" · %1 received"_s.arg(megabytes(receivedNow));
        progress.update(line);
    };
    QObject::connect(&session, &ProjectSession::jobChanged, &loop, show);
    QObject::connect(&session, &ProjectSession::jobProgress, &loop,
                     [&](const QString& id, qint64 r, qint64) {
                         receivedNow += r - received.value(id);
                         received.insert(id, r);
                         show();
                     });
    QObject::connect(&session, &ProjectSession::problem, &loop,
                     [&](const QString& m) { progress.message(u"warning: "_s + m); });
    QObject::connect(&session, &ProjectSession::downloadsFinished, &loop, [&](int ok, int failed) {
        if (failed > 0)
            progress.message(u"Downloads finished: %1 succeeded, %2 failed."_s.arg(ok).arg(failed));
    });
    QObject::connect(&session, &ProjectSession::clipsHeld, &loop,
                     [&](const QString& why) { progress.message(u"held: "_s + why); });
    bool stopped = false;
    QObject::connect(&session, &ProjectSession::clipsIdle, &loop, [&] { loop.exit(0); });
    InterruptWatcher watcher;
    QObject::connect(&watcher, &InterruptWatcher::interrupted, &loop, [&] {
        stopped = true;
        session.stopClips();
        loop.exit(0);
    });

    const int before = int(session.project().jobs.size());
    session.setRunBudget(run.budget);
    const Status started = run.scenes.isEmpty()
                               ? session.resumeClips(true)
                               : session.makeClips(run.scenes, run.options, parallel);
    if (!started)
        return fail(command, started.error().message);
    if (!run.scenes.isEmpty()) {
        const int added = int(session.project().jobs.size()) - before;
        const int existing = int(run.scenes.size()) * run.options.variants - added;
        progress.message(
            u"%1 new clip(s) to make with %2%3."_s.arg(added)
                .arg(run.options.accounts.join(u", "_s))
                .arg(existing > 0 ? u" (%1 already have a job)"_s.arg(existing) : QString()));
    }
    if (!run.retry.isEmpty())
        (void)session.retry(run.retry);
    if (!run.renderAgain.isEmpty())
        (void)session.renderAgain(run.renderAgain);
    (void)session.store().flush();
    show();
    loop.exec();
    session.stopClips();
    progress.finish();

    const JobCounts counts = session.counts();
    const SpendSummary spend = session.spend();
    if (spend.total.usd > 0 || spend.total.unknown > 0)
        progress.message(u"The project's clips may have cost %1 so far."_s.arg(spend.total.text()));
    if (const QString held = session.heldReason(); !held.isEmpty() && !stopped) {
        progress.message(
            u"Stopped before the budget was exceeded: %1 %2 clip(s) wait. Raise the budget to go "
            u"on (t2v resume --budget N, or --project-budget N); nothing is bought twice."_s.arg(
                held, QString::number(counts.count(JobState::Queued))));
        return Interrupted;
    }
    if (stopped) {
        progress.message(
            u"Stopped: %1. Every submitted job is saved; \"t2v resume --project %2\" continues "
            u"without buying anything twice."_s.arg(
                counts.summary(), QDir::toNativeSeparators(session.store().dir())));
        return Interrupted;
    }
    int bad = 0;
    for (const VideoJob& j : session.project().jobs) {
        if (j.state == JobState::Failed || j.state == JobState::Unconfirmed) {
            ++bad;
            progress.message(u"%1 (scene %2): %3 %4"_s.arg(j.id)
                                 .arg(j.sceneNumber)
                                 .arg(jobStateLabel(j.state), j.error));
        }
    }
    progress.message(u"%1 in %2 → %3"_s.arg(
        counts.summary(), formatDuration(int(timer.elapsed() / 1000)),
        QDir::toNativeSeparators(QDir(session.store().dir()).filePath(u"clips"_s))));
    return bad == 0 ? Done : Failed;
}

// The clips a run would buy (new and queued clips of its scenes, and those bought again),
// spread over its accounts and priced from the price table.
static Result<CostEstimate> estimateRun(ProjectSession& session, const ClipRun& run)
{
    for (const QString& id : run.options.accounts) {
        const auto a = session.app().accounts().find(id);
        if (!a)
            return Error::make(ErrorKind::Invalid, u"There is no account \"%1\"."_s.arg(id));
        if (!ProviderRegistry::canMakeVideos(*a))
            return Error::make(ErrorKind::Invalid,
                               u"The account \"%1\" (%2) cannot make videos."_s.arg(
                                   a->id, ProviderRegistry::label(a->provider)));
        // An account that picks its model from its key's list: ask for the list now (free),
        // so the estimate names the model the run would use.
        if (run.options.model.isEmpty() && ProviderRegistry::videoModelFoundOnFirstUse(*a)) {
            const auto r = await<Result<ModelList>>([&](QObject* context, auto done) {
                session.app().refreshModels(a->id, context, std::move(done));
            });
            if (!r)
                std::fprintf(stderr, "t2v render: the models of %s are not known: %s\n",
                             qPrintable(a->id), qPrintable(r.error().message));
        }
    }
    QString problem;
    (void)session.prices(&problem);
    if (!problem.isEmpty())
        std::fprintf(stderr, "t2v render: your price table is not used: %s\n", qPrintable(problem));
    QStringList again = run.renderAgain;
    for (const QString& id : run.retry) {
        const VideoJob* job = session.project().findJob(id);
        if (job && job->state == JobState::Unconfirmed)
            again.append(id); // submitted anew
    }
    return session.estimateClips(run.scenes, run.options, again);
}

static QString estimateText(const CostEstimate& estimate, const ClipRun& run)
{
    int clips = 0;
    for (const CostLine& line : estimate.lines)
        clips += line.clips;
    QString out =
        u"Estimate for %1 clip(s) to buy at %2:\n"_s.arg(clips).arg(run.options.resolution);
    for (const CostLine& line : estimate.lines) {
        const QString cost = !line.dollars ? u"unknown price"_s
                             : line.free   ? u"free"_s
                                           : formatUsd(*line.dollars);
        const QString model = line.modelGuessed ? line.model + u" (likely)"_s : line.model;
        out += u"  %1 %2 %3 clips, %4 s  %5\n"_s
                   .arg(line.accountId.leftJustified(12), model.leftJustified(34))
                   .arg(line.clips, 4)
                   .arg(line.seconds, 6, 'f', 0)
                   .arg(cost);
    }
    out += u"  total: %1"_s.arg(estimate.summary());
    QString checked;
    for (const CostLine& line : estimate.lines) {
        if (line.dollars && !line.free && !line.priceChecked.isEmpty())
            checked = line.priceChecked;
    }
    if (!checked.isEmpty())
        out += u" (prices checked %1; only successful clips are billed)"_s.arg(checked);
    if (run.budget)
        out += u"\n  budget for this run: %1"_s.arg(formatUsd(*run.budget));
    return out;
}

// A paid run above the threshold of the settings (or of unknown price) is confirmed first.
static bool confirmCost(const CostEstimate& estimate, int thresholdUsd, const ClipRun& run,
                        bool yes, QString* refusal)
{
    const bool unknown = estimate.unknownClips > 0;
    if (!unknown && (estimate.knownDollars == 0.0 || estimate.knownDollars <= thresholdUsd))
        return true;
    if (yes)
        return true;
    const QString why =
        unknown ? u"the price of %1 clip(s) is unknown"_s.arg(estimate.unknownClips)
                : u"it is above %1, the amount from which runs are confirmed (Settings)"_s.arg(
                      formatUsd(thresholdUsd));
    if (::isatty(STDIN_FILENO) != 1) {
        *refusal = u"This run is estimated at %1 and %2. Add --yes to go on (--dry-run shows the "
                   u"estimate; --budget caps the run)."_s.arg(estimate.summary(), why);
        return false;
    }
    std::printf("%s\n%s. Go on? [y/N] ", qPrintable(estimateText(estimate, run)),
                qPrintable(u"This run is estimated at %1 and %2"_s.arg(estimate.summary(), why)));
    std::fflush(stdout);
    char answer[16] = {};
    if (!std::fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y')) {
        *refusal = u"Nothing was sent."_s;
        return false;
    }
    return true;
}

int runRenderCommand(AppServices& app, const QStringList& args)
{
    const QString command = u"render"_s;
    QCommandLineParser p;
    const QCommandLineOption project(u"project"_s, u"The project folder."_s, u"dir"_s);
    const QCommandLineOption scenes(u"scenes"_s,
                                    u"Scenes to render, e.g. 1-10,12 (default: all)."_s, u"list"_s);
    const QCommandLineOption variants(
        u"variants"_s, u"Clips per scene (%1)."_s.arg(limits::Variants.text()), u"n"_s, u"1"_s);
    const QCommandLineOption account(u"account"_s,
                                     u"A video account; repeat to spread the work (default: the "
                                     u"project's, at first \"local\")."_s,
                                     u"id"_s);
    const QCommandLineOption parallel(
        u"parallel-downloads"_s,
        u"Clips downloaded at once (%1)."_s.arg(limits::ParallelDownloads.text()), u"n"_s, u"5"_s);
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
    const QCommandLineOption dryRun(
        u"dry-run"_s,
        u"Print what the clips would cost, per account and in total; send nothing."_s);
    const QCommandLineOption budget(
        u"budget"_s,
        u"The most this run's clips may cost together, in US dollars, what they already cost "
        u"included; submissions stop there (exit code 3) and a new run with a higher budget "
        u"goes on."_s,
        u"usd"_s);
    const QCommandLineOption projectBudget(
        u"project-budget"_s,
        u"Keep this cap on everything the project's clips cost (0 removes it)."_s, u"usd"_s);
    const QCommandLineOption yes(u"yes"_s,
                                 u"Do not ask before a run above the confirmation amount."_s);
    p.addOptions({project, scenes, variants, account, parallel, upscale, resolution, model,
                  retryFailed, retryUnconfirmed, renderAgain, verbose, dryRun, budget,
                  projectBudget, yes});
    if (const int code =
            parseCommandLine(p, command, u"Makes the video clips of a project's scenes."_s, args);
        code >= 0)
        return code;
    if (!p.isSet(project))
        return usageError(command, u"--project is required"_s);
    int usage = Done;
    const auto variantCount = intOption(p, variants, limits::Variants, command, &usage);
    if (!variantCount)
        return usage;
    const auto parallelCount = intOption(p, parallel, limits::ParallelDownloads, command, &usage);
    if (!parallelCount)
        return usage;
    if (p.value(resolution) != u"720p"_s && p.value(resolution) != u"1080p"_s)
        return usageError(command, u"--resolution must be 720p or 1080p"_s);
    const auto dollars = [&](const QCommandLineOption& o,
                             bool zeroAllowed) -> std::optional<double> {
        bool ok = false;
        const double v = p.value(o).toDouble(&ok);
        if (!ok || !limits::isBudget(v) || (!zeroAllowed && v == 0.0))
            return std::nullopt;
        return v;
    };
    if (p.isSet(budget) && !dollars(budget, false))
        return usageError(command, u"--budget must be an amount of dollars above 0, up to %1"_s.arg(
                                       limits::MaxBudgetUsd, 0, 'f', 0));
    if (p.isSet(projectBudget) && !dollars(projectBudget, true))
        return usageError(command,
                          u"--project-budget must be an amount of dollars from 0 to %1"_s.arg(
                              limits::MaxBudgetUsd, 0, 'f', 0));

    ProgressLine progress;
    setUpLogging(p.isSet(verbose), &progress);
    ProjectSession session(app);
    if (const int code = openProject(session, p.value(project), command); code >= 0)
        return code;
    const Project& proj = session.project();
    if (proj.script.writtenCount() == 0)
        return fail(command, u"The project has no written scenes yet; run \"t2v script\" first."_s);
    ClipRun run;
    if (p.isSet(scenes)) {
        auto parsed = parseSceneList(p.value(scenes), proj.script.sceneCount());
        if (!parsed)
            return usageError(command, parsed.error().message);
        run.scenes = *parsed;
    } else {
        for (const Scene& s : proj.script.scenes) {
            if (s.isWritten())
                run.scenes.append(s.number);
        }
    }
    for (int n : std::as_const(run.scenes)) {
        if (!proj.script.scene(n)->isWritten())
            return fail(command,
                        u"Scene %1 is not written yet; run \"t2v resume\" first."_s.arg(n));
    }
    run.options.accounts = p.isSet(account) ? p.values(account) : proj.settings.videoAccounts;
    if (run.options.accounts.isEmpty())
        run.options.accounts = {u"local"_s};
    run.options.variants = *variantCount;
    run.options.resolution = p.value(resolution);
    run.options.upscale = p.isSet(upscale);
    run.options.model = p.value(model);
    run.parallelDownloads = *parallelCount;
    for (const VideoJob& j : proj.jobs) {
        // A job with a remote id is checked or fetched again, not bought again.
        if (p.isSet(renderAgain) && !j.orphaned && isTerminal(j.state) && j.state != JobState::Done)
            run.renderAgain.append(j.id);
        else if ((p.isSet(retryFailed) &&
                  (j.state == JobState::Failed || j.state == JobState::Cancelled)) ||
                 (p.isSet(retryUnconfirmed) && j.state == JobState::Unconfirmed))
            run.retry.append(j.id);
    }
    if (p.isSet(budget))
        run.budget = dollars(budget, false);
    const auto estimate = estimateRun(session, run);
    if (!estimate)
        return fail(command, estimate.error().message);
    if (p.isSet(dryRun)) {
        std::puts(qPrintable(estimateText(*estimate, run) + u"\n  nothing was sent"_s));
        return Done;
    }
    if (QString refusal;
        !confirmCost(*estimate, app.settings().confirmCostAboveUsd(), run, p.isSet(yes), &refusal))
        return fail(command, refusal);
    if (p.isSet(projectBudget))
        session.setProjectBudget(*dollars(projectBudget, true));
    if (!run.retry.isEmpty())
        progress.message(u"%1 clip(s) will be tried again."_s.arg(run.retry.size()));
    if (!run.renderAgain.isEmpty())
        progress.message(u"%1 clip(s) will be rendered again as new paid requests."_s.arg(
            run.renderAgain.size()));
    return runVideoJobs(session, progress, run);
}

int runStatusCommand(AppServices&, const QStringList& args)
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
    out += spendText(proj);
    for (const VideoJob& j : proj.jobs) {
        if (j.state == JobState::Done || j.orphaned)
            continue;
        const double cost = spentUsd(j);
        out +=
            u"    %1  %2%3%4%5\n"_s.arg(j.id, jobStateLabel(j.state).leftJustified(12),
                                        j.accountId.isEmpty() ? QString() : u"  "_s + j.accountId,
                                        cost > 0 ? u"  "_s + formatUsd(cost) : QString(),
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

#include "resumecommand.h"

#include "cli/clisupport.h"
#include "cli/scriptcommands.h"
#include "cli/videocommands.h"
#include "core/limits.h"
#include "session/appservices.h"
#include "session/projectsession.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace t2v::cli {
namespace {
const QString kCommand = u"resume"_s;
}

int runResumeCommand(AppServices& app, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption project(u"project"_s, u"The project folder."_s, u"dir"_s);
    const QCommandLineOption verbose(u"verbose"_s, u"Print more about what happens."_s);
    const QCommandLineOption budget(
        u"budget"_s,
        u"A new cap, in US dollars, for the clips of the last run that stopped at its budget."_s,
        u"usd"_s);
    p.addOptions({project, verbose, budget});
    if (const int code = parseCommandLine(
            p, kCommand, u"Continues whatever the project left unfinished."_s, args);
        code >= 0)
        return code;
    if (!p.isSet(project))
        return usageError(kCommand, u"--project is required"_s);
    ClipRun run;
    if (p.isSet(budget)) {
        bool ok = false;
        run.budget = p.value(budget).toDouble(&ok);
        if (!ok || !limits::isBudget(*run.budget) || *run.budget == 0.0)
            return usageError(kCommand, u"--budget must be an amount of dollars above 0, up to "
                                        u"%1"_s.arg(limits::MaxBudgetUsd, 0, 'f', 0));
    }

    ProgressLine progress;
    setUpLogging(p.isSet(verbose), &progress);
    ProjectSession session(app);
    if (const int code = openProject(session, p.value(project), kCommand); code >= 0)
        return code;

    bool didSomething = false;
    const Script& script = session.project().script;
    if (!script.missingScenes().isEmpty()) {
        if (script.idea.trimmed().isEmpty())
            return fail(kCommand,
                        u"%1 has no idea to write from yet (%2 of %3 scenes written). Start the "
                        u"script with: t2v script --project \"%1\" --idea \"...\""_s
                            .arg(QDir::toNativeSeparators(session.store().dir()))
                            .arg(script.writtenCount())
                            .arg(script.sceneCount()));
        didSomething = true;
        const int code = finishScript(session, progress, false);
        if (code != Done)
            return code;
    }
    // Video jobs: each unfinished one carries on with the account that created it; queued ones
    // go to the project's video accounts.
    bool unfinished = false;
    for (const VideoJob& j : session.project().jobs)
        unfinished = unfinished || !isTerminal(j.state);
    if (unfinished) {
        didSomething = true;
        const int code = runVideoJobs(session, progress, run);
        if (code != Done)
            return code;
    }
    // The exit code says what the project holds, however often resume is run.
    int needsAttention = 0;
    for (const VideoJob& j : session.project().jobs) {
        if (j.state == JobState::Failed || j.state == JobState::Unconfirmed) {
            ++needsAttention;
            if (!unfinished)
                progress.message(u"%1 (scene %2): %3 %4"_s.arg(j.id)
                                     .arg(j.sceneNumber)
                                     .arg(jobStateLabel(j.state), j.error));
        }
    }
    if (!didSomething && needsAttention == 0)
        progress.message(
            u"Nothing to resume in %1: all %2 scenes are written and no clip is in progress."_s
                .arg(QDir::toNativeSeparators(session.store().dir()))
                .arg(script.writtenCount()));
    if (needsAttention > 0) {
        if (!unfinished)
            progress.message(
                u"%1 clip(s) need a decision: \"t2v render --project %2 --retry-failed\" checks "
                u"or fetches failed ones again; unconfirmed ones may already be paid for (check "
                u"the "
                u"provider, then --retry-unconfirmed)."_s.arg(needsAttention)
                    .arg(QDir::toNativeSeparators(session.store().dir())));
        return Failed;
    }
    return Done;
}

} // namespace t2v::cli

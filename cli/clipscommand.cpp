#include "clipscommand.h"

#include "cli/clisupport.h"
#include "session/appservices.h"
#include "session/projectsession.h"

#include <QDir>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace t2v::cli {
namespace {

int openFromOption(QCommandLineParser& p, const QCommandLineOption& project, const QString& command,
                   ProjectSession& session)
{
    if (!p.isSet(project))
        return usageError(command, u"--project is required"_s);
    return openProject(session, p.value(project), command);
}

int list(AppServices& app, const QStringList& args)
{
    const QString command = u"clips list"_s;
    QCommandLineParser p;
    const QCommandLineOption project(u"project"_s, u"The project folder."_s, u"dir"_s);
    p.addOption(project);
    if (const int code = parseCommandLine(
            p, command, u"Lists the clips kept apart from the project's scenes."_s, args);
        code >= 0)
        return code;
    ProjectSession session(app);
    if (const int code = openFromOption(p, project, command, session); code >= 0)
        return code;
    QString out;
    for (const VideoJob& j : session.project().jobs) {
        if (j.orphaned)
            out += u"%1  %2  former scene %3  %4\n"_s.arg(
                j.id, jobStateLabel(j.state).leftJustified(12), QString::number(j.sceneNumber),
                j.clipPath.isEmpty() ? u"(no file yet)"_s : j.clipPath);
    }
    std::fputs(out.isEmpty() ? "Every clip belongs to a scene of the script.\n" : qPrintable(out),
               stdout);
    return Done;
}

int use(AppServices& app, const QStringList& args)
{
    const QString command = u"clips use"_s;
    QCommandLineParser p;
    const QCommandLineOption project(u"project"_s, u"The project folder."_s, u"dir"_s);
    const QCommandLineOption job(u"job"_s, u"The clip, as \"t2v clips list\" shows it."_s, u"id"_s);
    const QCommandLineOption scene(u"scene"_s, u"The scene it becomes a clip of."_s, u"n"_s);
    p.addOptions({project, job, scene});
    if (const int code = parseCommandLine(
            p, command, u"Makes a kept-apart clip a variant of a scene, and uses it in the film."_s,
            args);
        code >= 0)
        return code;
    if (!p.isSet(job) || !p.isSet(scene))
        return usageError(command, u"--job and --scene are required"_s);
    bool ok = false;
    const int number = p.value(scene).toInt(&ok);
    ProjectSession session(app);
    if (const int code = openFromOption(p, project, command, session); code >= 0)
        return code;
    const Project& proj = session.project();
    const VideoJob* found = proj.findJob(p.value(job));
    if (!found || !found->orphaned)
        return fail(command, u"\"%1\" is not a clip kept apart from the scenes; see \"t2v clips "
                             u"list\"."_s.arg(p.value(job)));
    if (!ok || !proj.script.scene(number))
        return usageError(command, u"there is no scene %1 (the script has %2)"_s.arg(p.value(scene))
                                       .arg(proj.script.sceneCount()));
    if (Status s = session.useOrphanFor(p.value(job), number); !s)
        return fail(command, s.error().message);
    if (Status s = session.store().flush(); !s)
        return fail(command, s.error().message);
    const int variant = proj.settings.chosenVariants.value(number);
    std::fprintf(stderr, "%s is now variant %d of scene %d and used in the film.\n",
                 qPrintable(p.value(job)), variant, number);
    return Done;
}

int remove(AppServices& app, const QStringList& args)
{
    const QString command = u"clips delete"_s;
    QCommandLineParser p;
    const QCommandLineOption project(u"project"_s, u"The project folder."_s, u"dir"_s);
    const QCommandLineOption job(u"job"_s, u"The clip to delete, with its files."_s, u"id"_s);
    p.addOptions({project, job});
    if (const int code = parseCommandLine(
            p, command, u"Deletes a clip and its files (clip, thumbnail, resample)."_s, args);
        code >= 0)
        return code;
    if (!p.isSet(job))
        return usageError(command, u"--job is required"_s);
    ProjectSession session(app);
    if (const int code = openFromOption(p, project, command, session); code >= 0)
        return code;
    if (Status s = session.deleteClip(p.value(job)); !s)
        return fail(command, s.error().message);
    if (Status s = session.store().flush(); !s)
        return fail(command, s.error().message);
    std::fprintf(stderr, "Deleted %s and its files.\n", qPrintable(p.value(job)));
    return Done;
}

} // namespace

int runClipsCommand(AppServices& app, const QStringList& args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == u"list"_s)
        return list(app, rest);
    if (sub == u"use"_s)
        return use(app, rest);
    if (sub == u"delete"_s)
        return remove(app, rest);
    if (sub == u"--help"_s || sub == u"-h"_s || sub.isEmpty()) {
        std::fputs("Usage: t2v clips list --project DIR\n"
                   "       t2v clips use --project DIR --job ID --scene N\n"
                   "       t2v clips delete --project DIR --job ID\n"
                   "Clips made for scenes the script no longer has (a shorter film, a new "
                   "script) are kept apart: list them, use one for a scene, or delete it.\n",
                   sub.isEmpty() ? stderr : stdout);
        return sub.isEmpty() ? UsageError : Done;
    }
    return usageError(u"clips"_s,
                      u"unknown sub-command \"%1\"; use list, use or delete"_s.arg(sub));
}

} // namespace t2v::cli

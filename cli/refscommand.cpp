#include "refscommand.h"

#include "cli/clisupport.h"
#include "session/appservices.h"
#include "session/projectsession.h"

#include <cstdio>

using namespace Qt::StringLiterals;

namespace t2v::cli {
namespace {

void printReferences(const Project& project)
{
    QString out;
    for (const Character& c : project.script.characters) {
        out += c.role.isEmpty() ? c.name : u"%1 (%2)"_s.arg(c.name, c.role);
        out += u'\n';
        if (c.references.isEmpty())
            out += u"  no reference images\n"_s;
        for (const CharacterRef& r : c.references)
            out +=
                u"  %1  %2%3\n"_s.arg(r.file, r.approved ? u"in use"_s : u"waiting for --approve"_s,
                                      r.source == u"imported"_s ? u", imported"_s
                                      : r.account.isEmpty()     ? QString()
                                                                : u", made by %1"_s.arg(r.account));
    }
    std::fputs(qPrintable(out), stdout);
}

} // namespace

int makeMissingReferences(ProjectSession& session, ProgressLine& progress, const QString& accountId,
                          const QStringList& names, int count, bool again)
{
    const QString command = u"refs"_s;
    QStringList wanted = names;
    if (wanted.isEmpty()) {
        for (const Character& c : session.project().script.characters) {
            if (again || c.approvedReferences().isEmpty())
                wanted.append(c.name);
        }
        if (wanted.isEmpty()) {
            progress.message(u"Every character has a reference image (--again makes new ones)."_s);
            return Done;
        }
    }
    ReferenceMaker& refs = session.references();
    QEventLoop loop;
    int made = 0;
    int failed = 0;
    QObject::connect(&refs, &ReferenceMaker::made, &loop,
                     [&](const QString& name, const QString& file) {
                         progress.message(u"%1: %2"_s.arg(name, file));
                     });
    QObject::connect(&refs, &ReferenceMaker::failed, &loop,
                     [&](const QString& name, const QString& message) {
                         progress.message(u"%1: no image: %2"_s.arg(name, message));
                     });
    QObject::connect(&refs, &ReferenceMaker::finished, &loop, [&](int m, int f) {
        made = m;
        failed = f;
        loop.quit();
    });
    InterruptWatcher interrupt;
    QObject::connect(&interrupt, &InterruptWatcher::interrupted, &loop, [&] { refs.stop(); });
    progress.message(
        u"Making reference images of %1 with %2 ..."_s.arg(wanted.join(u", "_s), accountId));
    if (Status s = refs.make(names.isEmpty() ? wanted : names, accountId, count); !s)
        return fail(command, s.error());
    loop.exec();
    if (Status s = session.store().flush(); !s)
        return fail(command, s.error().message);
    progress.message(u"%1 reference images made%2."_s.arg(made).arg(
        failed > 0 ? u", %1 failed"_s.arg(failed) : QString()));
    return failed > 0 ? Failed : Done;
}

int runRefsCommand(AppServices& app, const QStringList& args)
{
    const QString command = u"refs"_s;
    QCommandLineParser p;
    const QCommandLineOption project(u"project"_s, u"The project folder."_s, u"dir"_s);
    const QCommandLineOption account(
        u"account"_s,
        u"The account that makes the images (default: local, offline cards drawn with FFmpeg)."_s,
        u"id"_s, u"local"_s);
    const QCommandLineOption character(
        u"character"_s, u"Only this character (repeatable). Default: every character."_s,
        u"name"_s);
    const QCommandLineOption count(u"count"_s, u"Images per character, 1-3 (default 1)."_s, u"n"_s,
                                   u"1"_s);
    const QCommandLineOption again(
        u"again"_s, u"Make new images also for characters that have some; they wait for "
                    u"--approve."_s);
    const QCommandLineOption import(u"import"_s,
                                    u"Add this PNG, JPEG or WebP file as a reference of the "
                                    u"--character."_s,
                                    u"file"_s);
    const QCommandLineOption approve(
        u"approve"_s, u"Use the character's waiting images instead of its current ones."_s,
        u"name"_s);
    const QCommandLineOption discard(u"discard"_s, u"Drop the character's waiting images."_s,
                                     u"name"_s);
    const QCommandLineOption list(u"list"_s, u"Only list the reference images."_s);
    p.addOptions({project, account, character, count, again, import, approve, discard, list});
    if (const int code = parseCommandLine(
            p, command,
            u"Makes, imports and approves the characters' reference images. Approved images go "
            u"with every clip the character is in (at most 3 per clip), to services that take "
            u"them (Veo 3.1, fal.ai Veo 3.1, Gemini Omni, the local animatic)."_s,
            args);
        code >= 0)
        return code;
    if (!p.isSet(project))
        return usageError(command, u"--project is required"_s);
    int exitCode = Done;
    const std::optional<int> n = intOption(p, count, {1, 3, 1}, command, &exitCode);
    if (!n)
        return exitCode;
    ProjectSession session(app);
    if (const int code = openProject(session, p.value(project), command); code >= 0)
        return code;
    if (session.project().script.characters.isEmpty())
        return fail(command, u"The script has no characters yet: write it first (t2v script)."_s);
    ProgressLine progress;
    ReferenceMaker& refs = session.references();
    if (p.isSet(list)) {
        printReferences(session.project());
        return Done;
    }
    if (p.isSet(import)) {
        if (p.values(character).size() != 1)
            return usageError(command, u"--import needs exactly one --character"_s);
        Result<CharacterRef> added = refs.importFile(p.value(character), p.value(import));
        if (!added)
            return fail(command, added.error());
        if (Status s = session.store().flush(); !s)
            return fail(command, s.error().message);
        std::fprintf(stderr, "%s: %s (%s)\n", qPrintable(p.value(character)),
                     qPrintable(added->file), added->approved ? "used" : "waiting for --approve");
        return Done;
    }
    if (p.isSet(approve) || p.isSet(discard)) {
        const QString name = p.isSet(approve) ? p.value(approve) : p.value(discard);
        if (Status s = p.isSet(approve) ? refs.approve(name) : refs.discard(name); !s)
            return fail(command, s.error());
        if (Status s = session.store().flush(); !s)
            return fail(command, s.error().message);
        printReferences(session.project());
        return Done;
    }
    const int code = makeMissingReferences(session, progress, p.value(account), p.values(character),
                                           *n, p.isSet(again));
    printReferences(session.project());
    return code;
}

} // namespace t2v::cli

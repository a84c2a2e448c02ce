#include "refscommand.h"

#include "cli/clisupport.h"
#include "core/scenelist.h"
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

// Waits for the images ReferenceMaker is making, printing each; Ctrl+C stops them.
void waitForImages(ReferenceMaker& refs, ProgressLine& progress, int* made, int* failed)
{
    QEventLoop loop;
    QObject::connect(&refs, &ReferenceMaker::made, &loop,
                     [&](const QString& name, const QString& file) {
                         progress.message(u"%1: %2"_s.arg(name, file));
                     });
    QObject::connect(&refs, &ReferenceMaker::failed, &loop,
                     [&](const QString& name, const QString& message) {
                         progress.message(u"%1: no image: %2"_s.arg(name, message));
                     });
    QObject::connect(&refs, &ReferenceMaker::finished, &loop, [&](int m, int f) {
        *made = m;
        *failed = f;
        loop.quit();
    });
    InterruptWatcher interrupt;
    QObject::connect(&interrupt, &InterruptWatcher::interrupted, &loop, [&] { refs.stop(); });
    loop.exec();
}

void printKeyframes(const Project& project)
{
    QString out = project.settings.keyframes
                      ? u"Clips start from their scene's keyframe.\n"_s
                      : u"Clips do not start from keyframes (t2v keyframes --use).\n"_s;
    for (const Scene& scene : project.script.scenes) {
        out +=
            u"scene %1  %2"_s.arg(scene.number, 3)
                .arg(scene.keyframe.isEmpty() ? u"no keyframe"_s : scene.keyframe + u"  in use"_s);
        if (!scene.newKeyframe.isEmpty())
            out += u"; %1  waiting for --approve"_s.arg(scene.newKeyframe);
        if (scene.chained)
            out += u"; starts from the last frame of scene %1"_s.arg(scene.number - 1);
        out += u'\n';
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
    int made = 0;
    int failed = 0;
    progress.message(
        u"Making reference images of %1 with %2 ..."_s.arg(wanted.join(u", "_s), accountId));
    if (Status s = refs.make(names.isEmpty() ? wanted : names, accountId, count); !s)
        return fail(command, s.error());
    waitForImages(refs, progress, &made, &failed);
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

namespace t2v::cli {

int runKeyframesCommand(AppServices& app, const QStringList& args)
{
    const QString command = u"keyframes"_s;
    QCommandLineParser p;
    const QCommandLineOption project(u"project"_s, u"The project folder."_s, u"dir"_s);
    const QCommandLineOption account(
        u"account"_s,
        u"The account that draws them (default: local, offline cards drawn with FFmpeg)."_s,
        u"id"_s, u"local"_s);
    const QCommandLineOption scenes(u"scenes"_s,
                                    u"Only these scenes, e.g. 1-10,12. Default: every scene "
                                    u"without a keyframe."_s,
                                    u"list"_s);
    const QCommandLineOption again(
        u"again"_s, u"New keyframes also for scenes that have one; they wait for --approve."_s);
    const QCommandLineOption approve(
        u"approve"_s, u"Use the scenes' waiting keyframes (e.g. 3 or 1-4)."_s, u"list"_s);
    const QCommandLineOption discard(u"discard"_s, u"Drop the scenes' waiting keyframes."_s,
                                     u"list"_s);
    const QCommandLineOption use(u"use"_s, u"Start clips from their keyframes (the default once "
                                           u"keyframes are made)."_s);
    const QCommandLineOption off(u"off"_s, u"Make clips from text again; keyframes are kept."_s);
    const QCommandLineOption list(u"list"_s, u"Only list the keyframes."_s);
    const QCommandLineOption chain(
        u"chain"_s,
        u"Continuity: these scenes start from the last frame of the scene before (e.g. 2-5); "
        u"they are rendered in order, after it."_s,
        u"list"_s);
    const QCommandLineOption unchain(u"unchain"_s, u"These scenes start on their own again."_s,
                                     u"list"_s);
    p.addOptions(
        {project, account, scenes, again, approve, discard, use, off, list, chain, unchain});
    if (const int code = parseCommandLine(
            p, command,
            u"Makes a first frame for each scene, drawn from its video prompt with its "
            u"characters' reference images; clips then start from it on services that take a "
            u"first frame (Veo, fal.ai Veo 3.1, Gemini Omni, /v1/videos servers, ComfyUI "
            u"image-to-video workflows, the local animatic). --chain makes scenes start from "
            u"the last frame of the scene before instead."_s,
            args);
        code >= 0)
        return code;
    if (!p.isSet(project))
        return usageError(command, u"--project is required"_s);
    if (p.isSet(use) && p.isSet(off))
        return usageError(command, u"--use and --off cannot go together"_s);
    ProjectSession session(app);
    if (const int code = openProject(session, p.value(project), command); code >= 0)
        return code;
    const int sceneCount = session.project().script.sceneCount();
    auto numbers = [&](const QCommandLineOption& option) {
        return parseSceneList(p.value(option), sceneCount);
    };
    ReferenceMaker& refs = session.references();
    ProjectSettings& settings = session.store().project().settings;
    int code = Done;
    if (p.isSet(chain) || p.isSet(unchain)) {
        const auto chosen = numbers(p.isSet(chain) ? chain : unchain);
        if (!chosen)
            return usageError(command, chosen.error().message);
        if (p.isSet(chain) && chosen->contains(1))
            return usageError(command, u"scene 1 has no scene before it to continue"_s);
        for (int n : *chosen)
            session.store().project().script.scenes[n - 1].chained = p.isSet(chain);
    } else if (p.isSet(approve) || p.isSet(discard)) {
        const auto chosen = numbers(p.isSet(approve) ? approve : discard);
        if (!chosen)
            return usageError(command, chosen.error().message);
        for (int n : *chosen) {
            if (Status s = p.isSet(approve) ? refs.approveKeyframe(n) : refs.discardKeyframe(n); !s)
                return fail(command, s.error());
        }
    } else if (!p.isSet(list) && !p.isSet(use) && !p.isSet(off)) {
        // Making keyframes.
        QList<int> chosen;
        if (p.isSet(scenes)) {
            const auto parsed = numbers(scenes);
            if (!parsed)
                return usageError(command, parsed.error().message);
            chosen = *parsed;
        } else {
            for (const Scene& scene : session.project().script.scenes) {
                if (scene.isWritten() && (p.isSet(again) || scene.keyframe.isEmpty()))
                    chosen.append(scene.number);
            }
        }
        ProgressLine progress;
        if (chosen.isEmpty()) {
            progress.message(u"Every scene has a keyframe (--again makes new ones)."_s);
        } else {
            progress.message(u"Making the keyframes of %1 scenes with %2 ..."_s.arg(chosen.size())
                                 .arg(p.value(account)));
            if (Status s = refs.makeKeyframes(chosen, p.value(account)); !s)
                return fail(command, s.error());
            int made = 0;
            int failed = 0;
            waitForImages(refs, progress, &made, &failed);
            progress.message(u"%1 keyframes made%2."_s.arg(made).arg(
                failed > 0 ? u", %1 failed"_s.arg(failed) : QString()));
            code = failed > 0 ? Failed : Done;
        }
        settings.keyframes = true; // making keyframes means wanting clips made from them
    }
    if (p.isSet(use) || p.isSet(off))
        settings.keyframes = p.isSet(use);
    session.store().markDirty();
    if (Status s = session.store().flush(); !s)
        return fail(command, s.error().message);
    printKeyframes(session.project());
    return code;
}

} // namespace t2v::cli

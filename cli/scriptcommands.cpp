#include "scriptcommands.h"

#include "cli/clisupport.h"
#include "session/appservices.h"
#include "session/projectsession.h"
#include "story/stylepresets.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace t2v::cli {
namespace {

const QString kCommand = u"script"_s;

QString languageList()
{
    QStringList codes;
    for (const Language& l : StylePresets::languages())
        codes.append(l.code);
    return codes.join(u", "_s);
}

QString styleList()
{
    QStringList ids;
    for (const StylePreset& s : StylePresets::all())
        ids.append(s.id);
    return ids.join(u", "_s);
}

} // namespace

int finishScript(ProjectSession& session, ProgressLine& progress, bool fromScratch)
{
    const Script& script = session.project().script;
    const StoryService& story = session.story();
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    auto show = [&] {
        const int done = script.writtenCount();
        QString line = story.batchCount() > 0
                           ? u"Batch %1/%2 · %3/%4 scenes"_s
                                 .arg(std::min(story.batchesDone() + 1, story.batchCount()))
                                 .arg(story.batchCount())
                                 .arg(done)
                                 .arg(script.sceneCount())
                           : u"Planning · %1/%2 scenes"_s.arg(done).arg(script.sceneCount());
        if (const auto eta = story.etaSeconds())
            line += u" · about %1 left"_s.arg(formatDuration(*eta));
        progress.update(line);
    };
    QObject::connect(&session, &ProjectSession::planReady, &loop, [&] {
        progress.message(u"Plan ready: \"%1\", %2 characters."_s.arg(script.title)
                             .arg(script.characters.size()));
        show();
    });
    QObject::connect(&session, &ProjectSession::scriptProgress, &loop, show);
    QObject::connect(&session, &ProjectSession::sceneFailed, &loop,
                     [&](int, const QString& why) { progress.message(u"warning: "_s + why); });
    QObject::connect(&session, &ProjectSession::scriptFinished, &loop, [&] {
        show();
        progress.finish();
        int warned = 0;
        for (const Scene& s : script.scenes)
            warned += s.warnings.isEmpty() ? 0 : 1;
        progress.message(u"Done: %1 scenes in %2 → %3"_s.arg(script.writtenCount())
                             .arg(formatDuration(int(timer.elapsed() / 1000)))
                             .arg(QDir::toNativeSeparators(session.store().filePath())));
        if (warned > 0)
            progress.message(
                u"%1 scene(s) have warnings; see \"t2v status --project %2\"."_s.arg(warned).arg(
                    QDir::toNativeSeparators(session.store().dir())));
        loop.exit(Done);
    });
    QObject::connect(
        &session, &ProjectSession::scriptInterrupted, &loop, [&](const QString& reason) {
            progress.finish();
            progress.message(u"Interrupted: %1"_s.arg(reason));
            progress.message(u"%1 of %2 scenes are written and saved. Continue "
                             u"with: t2v resume --project \"%3\""_s.arg(script.writtenCount())
                                 .arg(script.sceneCount())
                                 .arg(QDir::toNativeSeparators(session.store().dir())));
            loop.exit(Interrupted);
        });
    QObject::connect(&session, &ProjectSession::scriptFailed, &loop, [&](const QString& reason) {
        progress.finish();
        progress.message(u"Failed: "_s + reason);
        loop.exit(Failed);
    });
    InterruptWatcher watcher;
    QObject::connect(&watcher, &InterruptWatcher::interrupted, &session,
                     &ProjectSession::stopScript);

    const Status started = session.writeScript(fromScratch);
    if (!started)
        return fail(kCommand, started.error().message);
    const ProjectSettings& settings = session.project().settings;
    progress.message(u"Writing \"%1\": %2 scenes of %3 s with %4, %5 mode, batches of %6."_s
                         .arg(script.idea.left(60))
                         .arg(script.sceneCount())
                         .arg(script.sceneSeconds)
                         .arg(session.story().writerLabel(), settings.mode)
                         .arg(settings.mode == u"sequential"_s ? 1 : settings.batchSize));
    return loop.exec();
}

int runScriptCommand(AppServices& app, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption project(
        u"project"_s, u"The project folder (created when it does not exist)."_s, u"dir"_s);
    const QCommandLineOption idea(u"idea"_s, u"What the video is about."_s, u"text"_s);
    const QCommandLineOption duration(u"duration"_s, u"Length of the film in seconds (1-10800)."_s,
                                      u"s"_s, u"64"_s);
    const QCommandLineOption sceneSeconds(u"scene-seconds"_s, u"Length of one scene (4-30)."_s,
                                          u"s"_s, u"8"_s);
    const QCommandLineOption style(u"style"_s, u"Visual style: %1."_s.arg(styleList()), u"name"_s,
                                   StylePresets::defaultId());
    const QCommandLineOption language(
        u"language"_s, u"Language of narration and dialogue: %1."_s.arg(languageList()), u"code"_s,
        u"en"_s);
    const QCommandLineOption aspect(u"aspect"_s, u"Aspect ratio: 16:9, 9:16 or 1:1."_s, u"ratio"_s,
                                    u"16:9"_s);
    const QCommandLineOption llm(u"llm"_s,
                                 u"The account that writes (\"offline\" needs no network)."_s,
                                 u"account"_s, u"offline"_s);
    const QCommandLineOption model(u"model"_s, u"Use this model instead of the account's."_s,
                                   u"name"_s);
    const QCommandLineOption batchSize(
        u"batch-size"_s, u"Scenes written in parallel (%1)."_s.arg(limits::BatchSize.text()),
        u"n"_s, u"5"_s);
    const QCommandLineOption noBatch(u"no-batch"_s,
                                     u"Write one scene at a time (sequential mode)."_s);
    const QCommandLineOption mode(u"mode"_s, u"batch, rolling or sequential."_s, u"mode"_s,
                                  u"batch"_s);
    const QCommandLineOption context(u"context"_s, u"Earlier scenes each request sees in full."_s,
                                     u"n"_s, u"3"_s);
    const QCommandLineOption retries(u"retries"_s, u"Retries per scene."_s, u"n"_s, u"2"_s);
    const QCommandLineOption force(u"force"_s, u"Replace a script the project already has."_s);
    const QCommandLineOption verbose(u"verbose"_s, u"Print more about what happens."_s);
    p.addOptions({project, idea, duration, sceneSeconds, style, language, aspect, llm, model,
                  batchSize, noBatch, mode, context, retries, force, verbose});
    if (const int code = parseCommandLine(
            p, kCommand, u"Writes a video script scene by scene with an LLM."_s, args);
        code >= 0)
        return code;

    if (!p.isSet(project))
        return usageError(kCommand, u"--project is required"_s);
    if (!p.isSet(idea) || p.value(idea).trimmed().isEmpty())
        return usageError(kCommand, u"--idea is required"_s);
    bool ok = false;
    const int durationValue = p.value(duration).toInt(&ok);
    if (!ok || durationValue < Script::kMinDurationSeconds ||
        durationValue > Script::kMaxDurationSeconds)
        return usageError(kCommand, u"--duration must be 1-10800 seconds"_s);
    const int sceneValue = p.value(sceneSeconds).toInt(&ok);
    if (!ok || sceneValue < Script::kMinSceneSeconds || sceneValue > Script::kMaxSceneSeconds)
        return usageError(kCommand, u"--scene-seconds must be 4-30"_s);
    int usage = Done;
    const auto batchValue = intOption(p, batchSize, limits::BatchSize, kCommand, &usage);
    if (!batchValue)
        return usage;
    const auto contextValue = intOption(p, context, limits::ContextScenes, kCommand, &usage);
    if (!contextValue)
        return usage;
    const auto retriesValue = intOption(p, retries, limits::SceneRetries, kCommand, &usage);
    if (!retriesValue)
        return usage;
    QString modeValue = p.value(mode);
    if (!StoryService::modeFromName(modeValue))
        return usageError(kCommand, u"--mode must be batch, rolling or sequential"_s);
    if (p.isSet(noBatch)) {
        if (p.isSet(batchSize) || (p.isSet(mode) && modeValue != u"sequential"_s))
            return usageError(kCommand,
                              u"--no-batch cannot be combined with --batch-size or --mode"_s);
        modeValue = u"sequential"_s;
    }
    if (!StylePresets::find(p.value(style)))
        return usageError(kCommand, u"unknown style \"%1\"; choose one of: %2"_s.arg(p.value(style),
                                                                                     styleList()));
    if (!StylePresets::language(p.value(language)))
        return usageError(kCommand, u"unknown language \"%1\"; choose one of: %2"_s.arg(
                                        p.value(language), languageList()));
    if (!isSupportedAspectRatio(p.value(aspect)))
        return usageError(kCommand, u"--aspect must be 16:9, 9:16 or 1:1"_s);

    ProgressLine progress;
    setUpLogging(p.isSet(verbose), &progress);
    const QString dir = p.value(project);

    // Everything is checked before anything is written: a bad account or model changes nothing
    // on disk.
    if (auto provider = app.providers().text(p.value(llm), p.value(model)); !provider)
        return fail(kCommand, provider.error().message);

    Project wanted;
    wanted.script.idea = p.value(idea).trimmed();
    wanted.script.style = p.value(style);
    wanted.script.language = p.value(language);
    wanted.script.aspectRatio = p.value(aspect);
    wanted.script.durationSeconds = durationValue;
    wanted.script.sceneSeconds = sceneValue;
    wanted.settings.llmAccount = p.value(llm);
    wanted.settings.llmModel = p.value(model);
    wanted.settings.batchSize = *batchValue;
    wanted.settings.mode = modeValue;
    wanted.settings.contextScenes = *contextValue;
    wanted.settings.sceneRetries = *retriesValue;

    ProjectSession session(app);
    if (QFileInfo::exists(QDir(dir).filePath(ProjectStore::kFileName))) {
        if (const int code = openProject(session, dir, kCommand); code >= 0)
            return code;
        const Project& existing = session.project();
        int clips = 0;
        for (const VideoJob& j : existing.jobs)
            clips += j.orphaned ? 0 : 1;
        if ((existing.script.writtenCount() > 0 || clips > 0) && !p.isSet(force))
            return fail(kCommand,
                        u"%1 already has a script with %2 written scenes and %3 clips. Finish it "
                        u"with \"t2v resume\", or add --force to write a new one (its clips are "
                        u"kept, apart from the new scenes)."_s.arg(QDir::toNativeSeparators(dir))
                            .arg(existing.script.writtenCount())
                            .arg(clips));
        if (auto changed = session.changeLayout(durationValue, sceneValue); !changed)
            return fail(kCommand, changed.error().message);
        Project& proj = session.store().project();
        proj.script.idea = wanted.script.idea;
        proj.script.style = wanted.script.style;
        proj.script.language = wanted.script.language;
        proj.script.aspectRatio = wanted.script.aspectRatio;
        proj.settings.llmAccount = wanted.settings.llmAccount;
        proj.settings.llmModel = wanted.settings.llmModel;
        proj.settings.batchSize = wanted.settings.batchSize;
        proj.settings.mode = wanted.settings.mode;
        proj.settings.contextScenes = wanted.settings.contextScenes;
        proj.settings.sceneRetries = wanted.settings.sceneRetries;
        session.store().markDirty();
        if (Status s = session.store().flush(); !s)
            return fail(kCommand, s.error().message);
    } else if (Status s = session.create(dir, wanted); !s) {
        // The idea and its settings are in the very first version of the file.
        return fail(kCommand, s.error().message);
    }
    return finishScript(session, progress, true);
}

} // namespace t2v::cli

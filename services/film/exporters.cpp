#include "exporters.h"

#include "film/assembler.h"
#include "film/subtitles.h"
#include "jobs/spend.h"
#include "story/promptcomposer.h"
#include "story/stylepresets.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <cmath>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

QString csvField(QString text)
{
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') ||
        text.contains(u'\r')) {
        text.replace(u"\""_s, u"\"\""_s);
        return u'"' + text + u'"';
    }
    return text;
}

Status writeFile(const QString& path, const QString& text)
{
    QSaveFile f(path);
    const QByteArray bytes = text.toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Error::make(ErrorKind::Io, u"Cannot write %1: %2"_s.arg(
                                              QDir::toNativeSeparators(path), f.errorString()));
    return {};
}

} // namespace

QString Exporters::markdown(const Script& s)
{
    QString out = u"# %1\n\n"_s.arg(s.title.isEmpty() ? s.idea : s.title);
    if (!s.logline.isEmpty())
        out += u"*%1*\n\n"_s.arg(s.logline);
    const StylePreset style = StylePresets::findOrDefault(s.style);
    out +=
        u"- Idea: %1\n- Length: %2 s in %3 scenes of %4 s\n- Style: %5\n- Language: %6\n- Aspect ratio: %7\n\n"_s
            .arg(s.idea)
            .arg(s.durationSeconds)
            .arg(s.sceneCount())
            .arg(s.sceneSeconds)
            .arg(style.name, s.language, s.aspectRatio);
    if (!s.styleGuide.isEmpty())
        out += u"## Style guide\n\n%1\n\n"_s.arg(s.styleGuide);
    if (!s.characters.isEmpty()) {
        out += u"## Characters\n\n"_s;
        for (const Character& c : s.characters)
            out += u"- **%1**%2 — %3%4\n"_s.arg(
                c.name, c.role.isEmpty() ? QString() : u" (%1)"_s.arg(c.role), c.appearance,
                c.voice.isEmpty() ? QString() : u"; voice: "_s + c.voice);
        out += u"\n"_s;
    }
    out += u"## Scenes\n\n"_s;
    double at = 0;
    for (const Scene& scene : s.scenes) {
        out += u"### Scene %1 — %2\n\n"_s.arg(scene.number)
                   .arg(scene.beat.isEmpty() ? u"(no beat)"_s : scene.beat);
        out += u"*%1–%2 · %3 · %4 · %5 · %6*\n\n"_s.arg(
            Subtitles::timestamp(at).left(8),
            Subtitles::timestamp(at + scene.durationSeconds).left(8),
            scene.location.isEmpty() ? u"—"_s : scene.location,
            scene.timeOfDay.isEmpty() ? u"—"_s : scene.timeOfDay,
            scene.camera.isEmpty() ? u"—"_s : scene.camera,
            scene.mood.isEmpty() ? u"—"_s : scene.mood);
        at += scene.durationSeconds;
        if (!scene.isWritten()) {
            out += u"(not written yet)\n\n"_s;
            continue;
        }
        if (!scene.narration.isEmpty())
            out += scene.narration + u"\n\n"_s;
        for (const DialogueLine& d : scene.dialogue)
            out += u"> **%1:** %2\n"_s.arg(d.speaker.isEmpty() ? u"—"_s : d.speaker, d.text);
        if (!scene.dialogue.isEmpty())
            out += u"\n"_s;
        out += u"**Shot:** %1\n\n"_s.arg(scene.visualPrompt);
        if (!scene.characters.isEmpty())
            out += u"**Characters:** %1\n\n"_s.arg(scene.characters.join(u", "_s));
    }
    return out;
}

QString Exporters::srt(const Script& s)
{
    QList<const Scene*> scenes;
    QList<double> durations;
    for (const Scene& scene : s.scenes) {
        scenes.append(&scene);
        durations.append(scene.durationSeconds);
    }
    return Subtitles::toSrt(Subtitles::spans(scenes, durations));
}

QString Exporters::promptsCsv(const Script& s)
{
    const StylePreset style = StylePresets::findOrDefault(s.style);
    // reference_images: the project files that go with the scene's clips, separated by "; ";
    // keyframe: the scene's first frame in use, if any.
    QString out = u"scene,duration,visual_prompt,negative_prompt,reference_images,keyframe\r\n"_s;
    for (const Scene& scene : s.scenes) {
        if (!scene.isWritten())
            continue;
        const ComposedPrompt p = PromptComposer::compose(scene, s, style, 4000, true);
        out += u"%1,%2,%3,%4,%5,%6\r\n"_s.arg(scene.number)
                   .arg(scene.durationSeconds)
                   .arg(csvField(p.prompt), csvField(p.negative),
                        csvField(s.referencesFor(scene.number).join(u"; "_s)),
                        csvField(scene.keyframe));
    }
    return out;
}

QString Exporters::spendCsv(const Project& project)
{
    QString out = u"job,scene,variant,state,account,model,submitted_at,usd\r\n"_s;
    for (const VideoJob& job : project.jobs) {
        forEachCountedCharge(job, [&](const Charge& c) {
            out += u"%1,%2,%3,%4,%5,%6,%7,%8\r\n"_s.arg(job.id)
                       .arg(job.sceneNumber)
                       .arg(job.variant)
                       .arg(jobStateName(job.state), csvField(c.accountId), csvField(c.model),
                            c.at.toString(Qt::ISODate),
                            c.usd ? QString::number(*c.usd, 'f', 4) : u"unknown"_s);
        });
    }
    return out;
}

QString Exporters::scriptJson(const Script& s)
{
    return QString::fromStdString(json::dump(json::Json(s), 2)) + u'\n';
}

QString Exporters::timecode(double seconds, double fps)
{
    const int rate = int(std::lround(fps));
    const qint64 frames = std::llround(seconds * fps);
    return u"%1:%2:%3:%4"_s.arg(frames / (rate * 3600), 2, 10, QLatin1Char('0'))
        .arg(frames / (rate * 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(frames / rate % 60, 2, 10, QLatin1Char('0'))
        .arg(frames % rate, 2, 10, QLatin1Char('0'));
}

QString Exporters::edl(const QString& title, const QList<std::pair<QString, double>>& clips,
                       double fps)
{
    QString out = u"TITLE: %1\nFCM: NON-DROP FRAME\n\n"_s.arg(title.left(60));
    const double start = 3600; // the record timeline starts at 01:00:00:00, as editors expect
    double at = 0;
    int event = 1;
    for (const auto& [file, seconds] : clips) {
        // Reel names are at most 8 characters: AX plus the event number points to the file.
        const QString reel = u"AX%1"_s.arg(event, 3, 10, QLatin1Char('0'));
        out += u"%1  %2 AA/V  C        %3 %4 %5 %6\n"_s.arg(event, 3, 10, QLatin1Char('0'))
                   .arg(reel.leftJustified(8))
                   .arg(timecode(0, fps), timecode(seconds, fps), timecode(start + at, fps),
                        timecode(start + at + seconds, fps));
        out += u"* FROM CLIP NAME: %1\n\n"_s.arg(QFileInfo(file).fileName());
        at += seconds;
        ++event;
    }
    return out;
}

Result<QStringList> Exporters::writeAll(const Project& project, const QString& projectDir)
{
    const QString dir = QDir(projectDir).filePath(u"exports"_s);
    if (!QDir().mkpath(dir))
        return Error::make(ErrorKind::Io,
                           u"Cannot create %1."_s.arg(QDir::toNativeSeparators(dir)));
    const Script& s = project.script;
    const QString base = Assembler::fileNameFor(s.title.isEmpty() ? s.idea.left(60) : s.title);
    QList<std::pair<QString, double>> clips;
    for (const Scene& scene : s.scenes) {
        const int chosen = project.settings.chosenVariants.value(scene.number, 0);
        const VideoJob* pick = nullptr;
        for (const VideoJob* j : project.jobsForScene(scene.number)) {
            if (j->state != JobState::Done)
                continue;
            if (j->variant == chosen || !pick)
                pick = j;
        }
        if (pick)
            clips.append({QDir(projectDir).filePath(pick->clipPath), scene.durationSeconds});
    }
    const QList<std::pair<QString, QString>> files{
        {base + u".md"_s, markdown(s)},
        {base + u".srt"_s, srt(s)},
        {base + u" - prompts.csv"_s, promptsCsv(s)},
        {base + u" - script.json"_s, scriptJson(s)},
        {base + u".edl"_s, edl(s.title, clips)},
        {base + u" - spend.csv"_s, spendCsv(project)},
    };
    QStringList written;
    for (const auto& [name, text] : files) {
        const QString path = QDir(dir).filePath(name);
        if (Status st = writeFile(path, text); !st)
            return st.error();
        written.append(path);
    }
    return written;
}

} // namespace t2v

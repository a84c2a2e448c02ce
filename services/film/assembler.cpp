#include "assembler.h"

#include "core/logging.h"
#include "film/subtitles.h"
#include "media/ffmpegrunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {
namespace {

QString number(double v)
{
    return QString::number(v, 'f', 3);
}

bool writeText(const QString& path, const QString& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text.toUtf8()) >= 0;
}

} // namespace

AssemblyOptions AssemblyOptions::fromSettings(const ProjectSettings& s)
{
    AssemblyOptions o;
    o.subtitles = s.subtitles;
    o.transition = s.transition;
    o.fadeSeconds = s.fadeSeconds;
    o.musicPath = s.musicPath;
    o.musicVolume = s.musicVolume;
    return o;
}

QString AssemblyOptions::validate() const
{
    if (subtitles != u"none"_s && subtitles != u"soft"_s && subtitles != u"burn"_s)
        return u"Subtitles must be none, soft or burn."_s;
    if (transition != u"none"_s && transition != u"fade"_s)
        return u"The transition must be none or fade."_s;
    if (transition == u"fade"_s && (fadeSeconds <= 0 || fadeSeconds > 3))
        return u"A fade must last more than 0 and at most 3 seconds."_s;
    if (!musicPath.isEmpty() && !QFileInfo::exists(musicPath))
        return u"The music file %1 does not exist."_s.arg(QDir::toNativeSeparators(musicPath));
    if (musicVolume < 0 || musicVolume > 2)
        return u"The music volume must be between 0 and 2."_s;
    return {};
}

QString Assembler::fileNameFor(const QString& title)
{
    QString name = title.simplified();
    static const QRegularExpression unsafe(u"[^\\p{L}\\p{N} _.,'()-]+"_s);
    name.replace(unsafe, u" "_s);
    name = name.simplified().left(80).trimmed();
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    return name.isEmpty() ? u"film"_s : name;
}

Result<AssemblyPlan> Assembler::plan(const FfmpegTools& tools, const Project& project,
                                     const QString& projectDir, const AssemblyOptions& options,
                                     const CancelToken& cancel)
{
    if (const QString why = options.validate(); !why.isEmpty())
        return Error::make(ErrorKind::Invalid, why);
    const Script& script = project.script;
    if (script.sceneCount() == 0)
        return Error::make(ErrorKind::Invalid, u"The project has no scenes."_s);
    AssemblyPlan plan;
    QList<int> missing;
    QList<const Scene*> scenes;
    for (int n = 1; n <= script.sceneCount(); ++n) {
        const VideoJob* pick = nullptr;
        const int chosen = project.settings.chosenVariants.value(n, 0);
        for (const VideoJob* job : project.jobsForScene(n)) {
            if (job->state != JobState::Done || job->clipPath.isEmpty())
                continue;
            const QString path = QDir(projectDir).filePath(job->clipPath);
            if (!QFileInfo::exists(path))
                continue;
            if (job->variant == chosen) {
                pick = job;
                break;
            }
            if (!pick || job->variant < pick->variant)
                pick = job;
        }
        if (!pick) {
            missing.append(n);
            continue;
        }
        plan.clips.append({n, pick->id, QDir(projectDir).filePath(pick->clipPath), {}});
        scenes.append(script.scene(n));
    }
    if (!missing.isEmpty()) {
        QStringList list;
        for (int n : missing)
            list.append(QString::number(n));
        return Error::make(
            ErrorKind::Invalid,
            (missing.size() == 1 ? u"Scene %1 has no finished clip"_s
                                 : u"Scenes %1 have no finished clip"_s)
                    .arg(list.join(u", "_s)) +
                u"; make them first (t2v render --scenes %1)."_s.arg(list.join(u","_s)));
    }
    QList<double> durations;
    for (AssemblyClip& clip : plan.clips) {
        auto info = MediaProbe::probe(tools, clip.path, cancel);
        if (!info)
            return Error::make(info.error().kind,
                               u"The clip of scene %1 cannot be used: %2"_s.arg(clip.sceneNumber)
                                   .arg(info.error().message));
        clip.info = *info;
        durations.append(info->durationSeconds);
    }
    // The film takes the size and frame rate of its first clip.
    const MediaInfo& first = plan.clips.first().info;
    plan.size = QSize(first.width, first.height);
    plan.fps = first.frameRate > 0 ? first.frameRate : 24;
    bool same = true;
    for (const AssemblyClip& c : std::as_const(plan.clips))
        same = same && c.info.sameStreamFormat(first) && c.info.hasAudio;
    plan.streamCopy = same && options.transition == u"none"_s && options.subtitles != u"burn"_s &&
                      options.musicPath.isEmpty();
    const double overlap = options.transition == u"fade"_s ? options.fadeSeconds : 0.0;
    if (overlap > 0) {
        for (const AssemblyClip& c : std::as_const(plan.clips)) {
            if (c.info.durationSeconds <= 2 * overlap)
                return Error::make(ErrorKind::Invalid,
                                   u"The clip of scene %1 lasts %2 s, too short for %3 s fades."_s
                                       .arg(c.sceneNumber)
                                       .arg(c.info.durationSeconds)
                                       .arg(overlap));
        }
    }
    double total = 0;
    for (double d : std::as_const(durations))
        total += d;
    plan.expectedSeconds = total - overlap * double(plan.clips.size() - 1);
    plan.subtitles = Subtitles::toSrt(Subtitles::spans(scenes, durations, overlap));
    plan.title = script.title.isEmpty() ? script.idea.left(60) : script.title;
    plan.output = QDir(projectDir).filePath(u"final/"_s + fileNameFor(plan.title) + u".mp4"_s);
    return plan;
}

namespace {

// The arguments that join matching clips by stream copy (the concat demuxer).
Status streamCopyArgs(const AssemblyPlan& plan, bool withSubs, const QString& workDir,
                      QStringList& args)
{
    QString list;
    for (const AssemblyClip& c : plan.clips)
        list += u"file '%1'\n"_s.arg(QString(c.path).replace(u"'"_s, u"'\\''"_s));
    if (!writeText(QDir(workDir).filePath(u"clips.txt"_s), list))
        return Error::make(ErrorKind::Io, u"Cannot write the clip list."_s);
    args << u"-f"_s << u"concat"_s << u"-safe"_s << u"0"_s << u"-i"_s << u"clips.txt"_s;
    if (withSubs)
        args << u"-i"_s << u"film.srt"_s;
    args << u"-map"_s << u"0:v"_s << u"-map"_s << u"0:a"_s;
    if (withSubs)
        args << u"-map"_s << u"1:s"_s << u"-c:s"_s << u"mov_text"_s << u"-metadata:s:s:0"_s
             << u"language=und"_s;
    args << u"-c:v"_s << u"copy"_s << u"-c:a"_s << u"copy"_s;
    return {};
}

// Each clip as input i, brought to one size, frame rate and sample rate as [vi] and [ai].
void normalisedInputs(const AssemblyPlan& plan, QStringList& args, QStringList& graph)
{
    const int w = plan.size.width() - plan.size.width() % 2;
    const int h = plan.size.height() - plan.size.height() % 2;
    for (int i = 0; i < int(plan.clips.size()); ++i) {
        const AssemblyClip& c = plan.clips[i];
        args << u"-i"_s << c.path;
        const QString d = number(c.info.durationSeconds);
        graph << u"[%1:v]trim=duration=%2,setpts=PTS-STARTPTS,scale=%3:%4:force_original_"
                 u"aspect_ratio=decrease,"
                 u"pad=%3:%4:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=%5,format=yuv420p[v%1]"_s.arg(i)
                     .arg(d)
                     .arg(w)
                     .arg(h)
                     .arg(number(plan.fps));
        if (c.info.hasAudio)
            graph << u"[%1:a]atrim=duration=%2,asetpts=PTS-STARTPTS,aresample=48000,aformat="
                     u"sample_fmts=fltp:"
                     u"channel_layouts=stereo[a%1]"_s.arg(i)
                         .arg(d);
        else
            graph << u"anullsrc=r=48000:cl=stereo,atrim=duration=%2,aformat=sample_fmts=fltp[a%1]"_s
                         .arg(i)
                         .arg(d);
    }
}

// Joins [v0][a0]..[vn][an] with cuts or fades; returns the labels of the joined streams.
std::pair<QString, QString> joinStreams(const AssemblyPlan& plan, const AssemblyOptions& options,
                                        QStringList& graph)
{
    const int n = int(plan.clips.size());
    if (options.transition == u"fade"_s && n > 1) {
        const double f = options.fadeSeconds;
        double offset = 0;
        QString vPrev = u"v0"_s, aPrev = u"a0"_s;
        for (int i = 1; i < n; ++i) {
            offset += plan.clips[i - 1].info.durationSeconds - f;
            const QString vOut = i + 1 == n ? u"vx"_s : u"vx%1"_s.arg(i);
            const QString aOut = i + 1 == n ? u"ax"_s : u"ax%1"_s.arg(i);
            graph << u"[%1][v%2]xfade=transition=fade:duration=%3:offset=%4[%5]"_s.arg(vPrev)
                         .arg(i)
                         .arg(number(f), number(offset), vOut);
            graph << u"[%1][a%2]acrossfade=d=%3:c1=tri:c2=tri[%4]"_s.arg(aPrev).arg(i).arg(
                number(f), aOut);
            vPrev = vOut;
            aPrev = aOut;
        }
        return {u"vx"_s, u"ax"_s};
    }
    QString inputs;
    for (int i = 0; i < n; ++i)
        inputs += u"[v%1][a%1]"_s.arg(i);
    graph << inputs + u"concat=n=%1:v=1:a=1[vc][ac]"_s.arg(n);
    return {u"vc"_s, u"ac"_s};
}

// The arguments that re-encode different clips into one film, with fades, burned or soft
// subtitles and a music bed.
void reencodeArgs(const AssemblyPlan& plan, const AssemblyOptions& options, bool withSubs,
                  QStringList& args)
{
    const int n = int(plan.clips.size());
    QStringList graph;
    normalisedInputs(plan, args, graph);
    auto [video, audio] = joinStreams(plan, options, graph);
    if (options.subtitles == u"burn"_s && withSubs) {
        graph << u"[%1]subtitles=film.srt:force_style='FontName=DejaVu Sans,FontSize=20,"
                 u"Outline=1'[vs]"_s.arg(video);
        video = u"vs"_s;
    }
    if (!options.musicPath.isEmpty()) {
        args << u"-stream_loop"_s << u"-1"_s << u"-i"_s << options.musicPath;
        graph << u"[%1:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,"
                 u"volume=%2,atrim=duration=%3[m]"_s.arg(n)
                     .arg(number(options.musicVolume), number(plan.expectedSeconds));
        graph << u"[%1][m]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[am]"_s.arg(
            audio);
        audio = u"am"_s;
    }
    const int subsInput = n + (options.musicPath.isEmpty() ? 0 : 1);
    if (options.subtitles == u"soft"_s && withSubs)
        args << u"-i"_s << u"film.srt"_s;
    args << u"-filter_complex"_s << graph.join(u';') << u"-map"_s << u"[%1]"_s.arg(video)
         << u"-map"_s << u"[%1]"_s.arg(audio);
    if (options.subtitles == u"soft"_s && withSubs)
        args << u"-map"_s << u"%1:s"_s.arg(subsInput) << u"-c:s"_s << u"mov_text"_s
             << u"-metadata:s:s:0"_s << u"language=und"_s;
    args << u"-c:v"_s << u"libx264"_s << u"-preset"_s << u"veryfast"_s << u"-crf"_s << u"20"_s
         << u"-pix_fmt"_s << u"yuv420p"_s << u"-c:a"_s << u"aac"_s << u"-b:a"_s << u"160k"_s;
}

} // namespace

Result<AssemblyResult> Assembler::assemble(const FfmpegTools& tools, const AssemblyPlan& plan,
                                           const AssemblyOptions& options,
                                           const CancelToken& cancel,
                                           const std::function<void(double)>& progress)
{
    QDir().mkpath(QFileInfo(plan.output).absolutePath());
    QTemporaryDir work(QFileInfo(plan.output).absolutePath() + u"/.assemble-XXXXXX"_s);
    if (!work.isValid())
        return Error::make(ErrorKind::Io,
                           u"Cannot create a work folder beside %1."_s.arg(plan.output));
    const bool withSubs = options.subtitles != u"none"_s && !plan.subtitles.isEmpty();
    if (withSubs && !writeText(work.filePath(u"film.srt"_s), plan.subtitles))
        return Error::make(ErrorKind::Io, u"Cannot write the subtitles."_s);
    const QString part = plan.output + u".part"_s;
    QStringList args = FfmpegRunner::baseArgs();
    if (plan.streamCopy) {
        if (Status s = streamCopyArgs(plan, withSubs, work.path(), args); !s)
            return s.error();
    } else {
        reencodeArgs(plan, options, withSubs, args);
    }
    args << u"-movflags"_s << u"+faststart"_s << u"-f"_s << u"mp4"_s << part;

    ProcessOptions processOptions;
    processOptions.timeout =
        std::chrono::milliseconds(qint64(std::max(600.0, plan.expectedSeconds * 20) * 1000));
    processOptions.workingDirectory = work.path();
    if (progress && plan.expectedSeconds > 0)
        processOptions.progress = [&](double s) {
            progress(std::min(1.0, s / plan.expectedSeconds));
        };
    qCInfo(lcMedia).noquote() << u"assembling %1 clips by %2 into %3"_s.arg(plan.clips.size())
                                     .arg(plan.streamCopy ? u"stream copy"_s : u"re-encoding"_s)
                                     .arg(QDir::toNativeSeparators(plan.output));
    auto ran = FfmpegRunner::run(tools.ffmpeg, args, processOptions, cancel, true);
    if (!ran) {
        QFile::remove(part);
        Error e = ran.error();
        if (!e.isCancelled())
            e.message = u"The film could not be assembled: %1"_s.arg(e.message);
        return e;
    }
    auto info = MediaProbe::probe(tools, part, cancel);
    if (!info) {
        QFile::remove(part);
        return Error::make(ErrorKind::Process,
                           u"The assembled film is not playable: %1"_s.arg(info.error().message));
    }
    QFile::remove(plan.output);
    if (!QFile::rename(part, plan.output))
        return Error::make(ErrorKind::Io,
                           u"Cannot write %1."_s.arg(QDir::toNativeSeparators(plan.output)));
    if (progress)
        progress(1.0);
    return AssemblyResult{plan.output, info->durationSeconds, plan.streamCopy};
}

} // namespace t2v

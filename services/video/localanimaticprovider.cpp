#include "localanimaticprovider.h"

#include "core/json.h"
#include "core/logging.h"
#include "core/safepath.h"
#include "media/drawtext.h"
#include "media/ffmpegrunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QtEndian>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {
namespace {

constexpr int kSpecVersion = 1;

QString espeakVoice(const QString& language)
{
    static const QHash<QString, QString> voices{{u"zh"_s, u"cmn"_s}, {u"en"_s, u"en-us"_s}};
    return voices.value(language, language);
}

// Seconds of audio in a PCM WAV file, 0 when it cannot tell.
double wavSeconds(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray head = f.read(44);
    if (head.size() < 44 || !head.startsWith("RIFF"))
        return 0;
    const quint32 byteRate = qFromLittleEndian<quint32>(head.constData() + 28);
    return byteRate == 0 ? 0 : double(f.size() - 44) / byteRate;
}

void writeText(const QTemporaryDir& work, const QString& name, const QString& text)
{
    QFile f(work.filePath(name));
    if (f.open(QIODevice::WriteOnly))
        f.write(text.toUtf8());
}

bool isPortrait(const json::Json& spec)
{
    return json::optInt(spec, "height", 720) > json::optInt(spec, "width", 1280);
}

// The three text cards the filter graph draws: heading, narration and title.
void writeCards(const QTemporaryDir& work, const json::Json& spec)
{
    const int scene = json::optInt(spec, "scene", 1);
    const int count = json::optInt(spec, "scene_count", 0);
    const QString narration = json::optString(spec, "narration");
    QString head = count > 0 ? u"Scene %1 / %2"_s.arg(scene).arg(count) : u"Scene %1"_s.arg(scene);
    if (json::optInt(spec, "variant", 1) > 1)
        head += u" · v%1"_s.arg(json::optInt(spec, "variant", 1));
    writeText(work, u"head.txt"_s, head);
    writeText(work, u"body.txt"_s,
              drawtext::wrap(narration.isEmpty() ? u"…"_s : narration, isPortrait(spec) ? 22 : 38));
    writeText(work, u"title.txt"_s, json::optString(spec, "title").left(60));
}

// Narration through espeak-ng when it is there; an empty path (a silent track) otherwise.
Result<QString> speakNarration(const QTemporaryDir& work, const json::Json& spec,
                               const CancelToken& cancel)
{
    const QString narration = json::optString(spec, "narration");
    const QString espeak = QStandardPaths::findExecutable(u"espeak-ng"_s);
    if (espeak.isEmpty() || narration.trimmed().isEmpty())
        return QString();
    writeText(work, u"narration.txt"_s, narration);
    ProcessOptions options;
    options.timeout = 60s;
    const QString wav = work.filePath(u"narration.wav"_s);
    const auto spoken = FfmpegRunner::run(
        espeak,
        {u"-v"_s, espeakVoice(json::optString(spec, "language", u"en"_s)), u"-s"_s, u"165"_s,
         u"-f"_s, work.filePath(u"narration.txt"_s), u"-w"_s, wav},
        options, cancel);
    if (spoken && wavSeconds(wav) > 0)
        return wav;
    if (!spoken && spoken.error().isCancelled())
        return spoken.error();
    qCInfo(lcVideo) << "espeak-ng could not speak this scene; the animatic is silent";
    return QString();
}

// The images a spec names (its "references", or its "keyframe"), as files of the cache
// (ref-<hash>.<ext>, kf-<hash>.<ext>); others are ignored, so a spec cannot point FFmpeg
// anywhere else.
QStringList cachedImages(const json::Json& spec, const char* key, const QString& cacheDir)
{
    static const QRegularExpression name(u"^(ref|kf)-[0-9a-f]{20}\\.(png|jpg|webp)$"_s);
    QStringList files;
    json::Json list = spec.contains(key) ? spec[key] : json::Json::array();
    if (list.is_string())
        list = json::Json::array({list});
    if (!list.is_array())
        return files;
    for (const json::Json& ref : list) {
        const QString file =
            ref.is_string() ? QString::fromStdString(ref.get<std::string>()) : QString();
        if (name.match(file).hasMatch() && QFileInfo::exists(QDir(cacheDir).filePath(file)))
            files.append(QDir(cacheDir).filePath(file));
    }
    return files.mid(0, 3);
}

// Each reference card in a box at the bottom right, above the bar: "[bg]" in, "[refs];" out.
QString referenceOverlays(int count, int height)
{
    const int box = height * 26 / 100;
    const int pad = height * 2 / 100;
    QString graph;
    QString from = u"bg"_s;
    for (int i = 0; i < count; ++i) {
        graph += u"[%1:v]scale=%2:%2:force_original_aspect_ratio=decrease[r%3];"
                 u"[%4][r%3]overlay=x=W-%5:y=H-h-%6[o%3];"_s.arg(3 + i)
                     .arg(box)
                     .arg(i)
                     .arg(from)
                     .arg((i + 1) * (box + pad))
                     .arg(height * 9 / 100);
        from = u"o%1"_s.arg(i);
    }
    return graph + u"[%1]null[refs];"_s.arg(from);
}

// Writes an image into the cache by content ("<prefix>-<hash>.<ext>"); returns its name.
Result<QString> cacheImage(const QString& cacheDir, const QString& prefix, const ImageInput& image)
{
    const QString name = u"%1-%2.%3"_s.arg(
        prefix,
        QString::fromLatin1(
            QCryptographicHash::hash(image.data, QCryptographicHash::Sha1).toHex().left(20)),
        image::extension(image.mimeType));
    const QString path = QDir(cacheDir).filePath(name);
    if (QFileInfo::exists(path))
        return name;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(image.data) != image.data.size() ||
        !file.commit())
        return Error::make(ErrorKind::Io,
                           u"Cannot write the render cache %1: %2"_s.arg(
                               QDir::toNativeSeparators(cacheDir), file.errorString()));
    return name;
}

QStringList animaticArgs(const json::Json& spec, const QString& voiceFile, const QString& part,
                         const QStringList& references, const QString& keyframe)
{
    const int width = json::optInt(spec, "width", 1280);
    const int height = json::optInt(spec, "height", 720);
    const int duration = json::optInt(spec, "duration", 8);
    const QString accent = json::optString(spec, "accent", u"#e0b25b"_s);
    const bool portrait = isPortrait(spec);
    const int big = height * (portrait ? 4 : 6) / 100;
    const int body = height * (portrait ? 3 : 45) / (portrait ? 100 : 1000);
    const int small = height * 3 / 100;
    // A keyframe is the background, darkened so the text stays readable.
    const QString start =
        keyframe.isEmpty()
            ? u"[0:v]"_s
            : u"[%1:v]scale=%2:%3:force_original_aspect_ratio=increase,crop=%2:%3,setsar=1,"
              u"format=rgb24,colorchannelmixer=rr=0.55:gg=0.55:bb=0.55[kf];[0:v][kf]overlay=0:0,"_s
                  .arg(3 + references.size())
                  .arg(width)
                  .arg(height);
    const QString filters =
        u"%13drawtext=%1:textfile='%2':fontcolor=%3:fontsize=%4:x=(w-text_w)/2:y=h*0.12,"
        u"drawtext=%5:textfile='%6':fontcolor=white:fontsize=%7:line_spacing=%8:x=(w-text_w)/"
        u"2:y=(h-text_h)/2,"
        u"drawtext=%5:textfile='%9':fontcolor=white@0.6:fontsize=%10:x=w*0.04:y=h-h*0.07-text_h[bg]"
        u";"
        u"%12[refs][1:v]overlay=x='-W+W*t/%11':y=H-h:eval=frame[v]"_s
            .arg(drawtext::font(true), u"head.txt"_s, drawtext::colour(accent))
            .arg(big)
            .arg(drawtext::font(false), u"body.txt"_s)
            .arg(body)
            .arg(body / 3)
            .arg(u"title.txt"_s)
            .arg(small)
            .arg(duration)
            .arg(referenceOverlays(int(references.size()), height))
            .arg(start);
    QString audio;
    QStringList args = FfmpegRunner::baseArgs();
    args << u"-f"_s << u"lavfi"_s << u"-i"_s
         << u"color=c=%1:s=%2x%3:r=24:d=%4"_s
                .arg(drawtext::colour(json::optString(spec, "background", u"#1d2b3a"_s)))
                .arg(width)
                .arg(height)
                .arg(duration)
         << u"-f"_s << u"lavfi"_s << u"-i"_s
         << u"color=c=%1:s=%2x%3:r=24:d=%4"_s.arg(drawtext::colour(accent))
                .arg(width)
                .arg(std::max(4, height / 100 * 2))
                .arg(duration);
    if (!voiceFile.isEmpty()) {
        const double seconds = wavSeconds(voiceFile);
        const double room = std::max(1.0, duration - 0.4);
        const double tempo = seconds > room ? std::min(2.0, seconds / room) : 1.0;
        args << u"-i"_s << voiceFile;
        audio = u";[2:a]aresample=48000,atempo=%1,apad[a]"_s.arg(tempo, 0, 'f', 3);
    } else {
        args << u"-f"_s << u"lavfi"_s << u"-i"_s << u"anullsrc=r=48000:cl=stereo"_s;
        audio = u";[2:a]anull[a]"_s;
    }
    for (const QString& reference : references)
        args << u"-i"_s << reference;
    if (!keyframe.isEmpty())
        args << u"-i"_s << keyframe;
    args << u"-filter_complex"_s << filters + audio << u"-map"_s << u"[v]"_s << u"-map"_s
         << u"[a]"_s << u"-t"_s << QString::number(duration) << u"-c:v"_s << u"libx264"_s
         << u"-preset"_s << u"veryfast"_s << u"-crf"_s << u"26"_s << u"-pix_fmt"_s << u"yuv420p"_s
         << u"-c:a"_s << u"aac"_s << u"-b:a"_s << u"96k"_s << u"-ac"_s << u"2"_s << u"-ar"_s
         << u"48000"_s << u"-movflags"_s << u"+faststart"_s << u"-f"_s << u"mp4"_s << part;
    return args;
}

} // namespace

LocalAnimaticProvider::LocalAnimaticProvider(QString cacheDir, QString ffmpegPath)
    : m_cacheDir(std::move(cacheDir))
    , m_ffmpegPath(std::move(ffmpegPath))
{}

QString LocalAnimaticProvider::defaultCacheDir()
{
    return appCacheDir(u"animatic"_s);
}

QSize LocalAnimaticProvider::frameSize(const QString& aspectRatio, const QString& resolution)
{
    const int shortSide = resolution == u"1080p"_s ? 1080 : resolution == u"480p"_s ? 480 : 720;
    const int longSide = shortSide * 16 / 9;
    if (aspectRatio == u"9:16"_s)
        return {shortSide, longSide};
    if (aspectRatio == u"1:1"_s)
        return {shortSide, shortSide};
    return {longSide, shortSide};
}

Result<SubmitResult> LocalAnimaticProvider::submit(const VideoRequest& request, const CancelToken&)
{
    const QSize size = frameSize(request.aspectRatio, request.resolution);
    const QString background =
        request.variant > 1
            ? drawtext::mix(request.background, request.accent, 0.12 * (request.variant - 1))
            : request.background;
    json::Json spec = {{"version", kSpecVersion},
                       {"scene", request.sceneNumber},
                       {"scene_count", request.sceneCount},
                       {"variant", request.variant},
                       {"title", request.title},
                       {"narration", request.narration},
                       {"language", request.language},
                       {"width", size.width()},
                       {"height", size.height()},
                       {"duration", std::max(1, request.durationSeconds)},
                       {"background", background},
                       {"accent", request.accent}};
    if (!QDir().mkpath(m_cacheDir))
        return Error::make(ErrorKind::Io, u"Cannot create the render cache %1."_s.arg(
                                              QDir::toNativeSeparators(m_cacheDir)));
    // The characters' reference cards and the keyframe go into the cache by content, and the
    // spec (so the render's key) names them: a new image makes a new render.
    json::Json references = json::Json::array();
    for (const ImageInput& image : request.references.mid(0, 3)) {
        Result<QString> name = cacheImage(m_cacheDir, u"ref"_s, image);
        if (!name)
            return name.error();
        references.push_back(name->toStdString());
    }
    if (request.firstFrame) {
        Result<QString> name = cacheImage(m_cacheDir, u"kf"_s, *request.firstFrame);
        if (!name)
            return name.error();
        spec["keyframe"] = name->toStdString();
    }
    if (!references.empty())
        spec["references"] = references;
    const QByteArray bytes = QByteArray::fromStdString(json::dump(spec));
    const QString key = QString::fromLatin1(
        QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex().left(20));
    QSaveFile file(QDir(m_cacheDir).filePath(key + u".json"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::make(ErrorKind::Io,
                           u"Cannot write the render cache %1: %2"_s.arg(
                               QDir::toNativeSeparators(m_cacheDir), file.errorString()));
    SubmitResult sent;
    sent.remoteId = u"local:"_s + key;
    sent.referencesSent = int(references.size());
    sent.firstFrameSent = bool(request.firstFrame);
    return sent;
}

Result<PollResult> LocalAnimaticProvider::poll(const VideoJob& job, const CancelToken& cancel)
{
    const QString key = job.remoteId.section(u':', 1);
    static const QRegularExpression hex(u"^[0-9a-f]{1,40}$"_s);
    if (!hex.match(key).hasMatch())
        return Error::make(ErrorKind::Invalid,
                           u"\"%1\" is not a local render id."_s.arg(job.remoteId.left(80)));
    const QString clip = QDir(m_cacheDir).filePath(key + u".mp4"_s);
    if (!QFileInfo::exists(clip)) {
        if (Status s = render(key, cancel); !s) {
            if (s.error().isCancelled())
                return s.error();
            PollResult failed;
            failed.state = PollResult::State::Failed;
            failed.message = s.error().message;
            return failed;
        }
    }
    PollResult done;
    done.state = PollResult::State::Succeeded;
    done.progress = 100;
    done.videoUrls = {QUrl::fromLocalFile(clip).toString()};
    return done;
}

Status LocalAnimaticProvider::render(const QString& key, const CancelToken& cancel)
{
    QFile specFile(QDir(m_cacheDir).filePath(key + u".json"_s));
    if (!specFile.open(QIODevice::ReadOnly))
        return Error::make(
            ErrorKind::Io,
            u"The render spec %1 is missing from the cache; submit the scene again."_s.arg(key));
    const json::Json spec = json::parse(specFile.readAll(), nullptr);
    if (!spec.is_object())
        return Error::make(ErrorKind::Invalid,
                           u"The render spec %1 is damaged; submit the scene again."_s.arg(key));
    auto tools = FfmpegTools::locate(m_ffmpegPath);
    if (!tools)
        return tools.error();

    QTemporaryDir work(QDir(m_cacheDir).filePath(u"render-XXXXXX"_s));
    if (!work.isValid())
        return Error::make(ErrorKind::Io,
                           u"Cannot create a temporary folder in %1."_s.arg(m_cacheDir));
    writeCards(work, spec);
    auto voiceFile = speakNarration(work, spec, cancel);
    if (!voiceFile)
        return voiceFile.error();

    const int scene = json::optInt(spec, "scene", 1);
    const QString part = QDir(m_cacheDir)
                             .filePath(key + u".mp4.part"_s +
                                       QString::number(QRandomGenerator::global()->generate()));
    ProcessOptions options;
    options.timeout = 5min;
    // Text files are named relative to the work folder: no path ever needs filtergraph escaping.
    options.workingDirectory = work.path();
    const auto rendered = FfmpegRunner::run(
        tools->ffmpeg,
        animaticArgs(spec, *voiceFile, part, cachedImages(spec, "references", m_cacheDir),
                     cachedImages(spec, "keyframe", m_cacheDir).value(0)),
        options, cancel);
    if (!rendered) {
        QFile::remove(part);
        Error e = rendered.error();
        if (!e.isCancelled())
            e.message = u"The animatic of scene %1 failed: %2"_s.arg(scene).arg(e.message);
        return e;
    }
    const QString clip = QDir(m_cacheDir).filePath(key + u".mp4"_s);
    QFile::remove(clip);
    if (!QFile::rename(part, clip)) {
        QFile::remove(part);
        return Error::make(ErrorKind::Io,
                           u"Cannot write %1."_s.arg(QDir::toNativeSeparators(clip)));
    }
    qCInfo(lcVideo).noquote() << u"rendered the animatic of scene %1 (%2x%3, %4 s%5)"_s.arg(scene)
                                     .arg(json::optInt(spec, "width", 1280))
                                     .arg(json::optInt(spec, "height", 720))
                                     .arg(json::optInt(spec, "duration", 8))
                                     .arg(voiceFile->isEmpty() ? u", silent"_s : u", narrated"_s);
    return {};
}

HttpRequest LocalAnimaticProvider::downloadRequest(const VideoJob& job, const QString&) const
{
    // Only this cache's own render of the job is read, whatever address the project file names.
    const QString key = job.remoteId.section(u':', 1);
    static const QRegularExpression hex(u"^[0-9a-f]{1,40}$"_s);
    HttpRequest req = HttpRequest::get(
        hex.match(key).hasMatch()
            ? QUrl::fromLocalFile(QDir(m_cacheDir).filePath(key + u".mp4"_s)).toString()
            : QString());
    req.allowFileScheme = true;
    return req;
}

Status LocalAnimaticProvider::cancel(const VideoJob&, const CancelToken&)
{
    return {}; // nothing remote: stopping the job is enough
}

Status LocalAnimaticProvider::testConnection(const CancelToken&)
{
    auto tools = FfmpegTools::locate(m_ffmpegPath);
    if (!tools)
        return tools.error();
    return {};
}

} // namespace t2v

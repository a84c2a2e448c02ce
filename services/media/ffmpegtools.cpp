#include "ffmpegtools.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

QString resolve(const QString& name, const QString& configured)
{
    if (!configured.isEmpty()) {
        const QFileInfo info(configured);
        if (info.isDir())
            return QStandardPaths::findExecutable(name, {info.absoluteFilePath()});
        // A path to ffmpeg: ffprobe sits beside it.
        if (name == u"ffmpeg"_s)
            return info.isExecutable() ? info.absoluteFilePath() : QString();
        return QStandardPaths::findExecutable(name, {info.absolutePath()});
    }
    const QString fromEnv = qEnvironmentVariable("T2V_FFMPEG");
    if (!fromEnv.isEmpty())
        return resolve(name, fromEnv);
    return QStandardPaths::findExecutable(name);
}

QString versionOf(const QString& program, QString* error)
{
    QProcess p;
    p.start(program, {u"-hide_banner"_s, u"-version"_s});
    if (!p.waitForFinished(15000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = p.error() == QProcess::FailedToStart
                     ? p.errorString()
                     : QString::fromUtf8(p.readAllStandardError()).trimmed();
        return {};
    }
    static const QRegularExpression re(u"version (\\S+)"_s);
    return re.match(QString::fromUtf8(p.readAllStandardOutput())).captured(1);
}

} // namespace

Result<FfmpegTools> FfmpegTools::locate(const QString& configured)
{
    static QMutex mutex;
    static QHash<QString, FfmpegTools> cache;
    QMutexLocker lock(&mutex);
    if (const auto it = cache.constFind(configured); it != cache.constEnd())
        return *it;
    auto tools = probe(configured);
    if (tools)
        cache.insert(configured, *tools);
    return tools;
}

Result<FfmpegTools> FfmpegTools::probe(const QString& configured)
{
    FfmpegTools tools;
    tools.ffmpeg = resolve(u"ffmpeg"_s, configured);
    tools.ffprobe = resolve(u"ffprobe"_s, configured);
    const QString hint =
        u" Install it (sudo apt install ffmpeg on Debian and Ubuntu) or set its path in "
        u"Settings or $T2V_FFMPEG."_s;
    if (tools.ffmpeg.isEmpty())
        return Error::make(ErrorKind::Invalid,
                           (configured.isEmpty()
                                ? u"FFmpeg was not found."_s
                                : u"FFmpeg was not found at %1."_s.arg(configured)) +
                               hint);
    if (tools.ffprobe.isEmpty())
        return Error::make(ErrorKind::Invalid,
                           u"ffprobe was not found beside %1."_s.arg(tools.ffmpeg) + hint);
    QString error;
    tools.version = versionOf(tools.ffmpeg, &error);
    if (tools.version.isEmpty())
        return Error::make(ErrorKind::Process, u"%1 does not run: %2"_s.arg(tools.ffmpeg, error));
    if (versionOf(tools.ffprobe, &error).isEmpty())
        return Error::make(ErrorKind::Process, u"%1 does not run: %2"_s.arg(tools.ffprobe, error));
    return tools;
}

} // namespace t2v

#include "testmedia.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace t2v::test {
namespace {

QString runTool(const QString& program, const QStringList& args, bool* ok)
{
    QProcess p;
    p.start(program, args);
    *ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!*ok)
        qWarning("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace

QString makeClip(const QString& dir, const QString& name, const ClipSpec& spec)
{
    const QString ffmpeg = QStandardPaths::findExecutable(u"ffmpeg"_s);
    if (ffmpeg.isEmpty())
        return {};
    QDir().mkpath(dir);
    const QString out = QDir(dir).filePath(name);
    QStringList args{u"-hide_banner"_s,
                     u"-v"_s,
                     u"error"_s,
                     u"-y"_s,
                     u"-f"_s,
                     u"lavfi"_s,
                     u"-i"_s,
                     u"testsrc2=size=%1x%2:rate=%3:duration=%4"_s.arg(spec.width)
                         .arg(spec.height)
                         .arg(spec.fps)
                         .arg(spec.seconds)};
    if (spec.audio)
        args << u"-f"_s << u"lavfi"_s << u"-i"_s
             << u"sine=frequency=440:sample_rate=%1:duration=%2"_s.arg(spec.sampleRate)
                    .arg(spec.seconds);
    args << u"-c:v"_s << u"libx264"_s << u"-preset"_s << u"ultrafast"_s << u"-pix_fmt"_s
         << u"yuv420p"_s;
    if (spec.audio)
        args << u"-c:a"_s << u"aac"_s << u"-b:a"_s << u"64k"_s;
    args << u"-t"_s << QString::number(spec.seconds) << u"-movflags"_s << u"+faststart"_s << out;
    qInfo("test media: ffmpeg %s", qPrintable(args.join(u' ')));
    bool ok = false;
    runTool(ffmpeg, args, &ok);
    return ok ? out : QString();
}

QByteArray smallMp4()
{
    static QMutex mutex;
    static QByteArray cached;
    QMutexLocker lock(&mutex);
    if (!cached.isEmpty())
        return cached;
    QTemporaryDir dir;
    ClipSpec spec;
    spec.seconds = 1.0;
    const QString path = makeClip(dir.path(), u"small.mp4"_s, spec);
    QFile f(path);
    if (!path.isEmpty() && f.open(QIODevice::ReadOnly))
        cached = f.readAll();
    return cached;
}

double probeDuration(const QString& file)
{
    bool ok = false;
    const QString out = runTool(u"ffprobe"_s,
                                {u"-v"_s, u"error"_s, u"-show_entries"_s, u"format=duration"_s,
                                 u"-of"_s, u"default=noprint_wrappers=1:nokey=1"_s, file},
                                &ok);
    return ok ? out.toDouble() : -1.0;
}

QString probeSize(const QString& file)
{
    bool ok = false;
    const QString out =
        runTool(u"ffprobe"_s,
                {u"-v"_s, u"error"_s, u"-select_streams"_s, u"v:0"_s, u"-show_entries"_s,
                 u"stream=width,height"_s, u"-of"_s, u"csv=s=x:p=0"_s, file},
                &ok);
    return ok ? out : QString();
}

QByteArray tinyPng(int shade)
{
    // PNG signature, IHDR (1x1, 8-bit RGBA), one IDAT (zlib, stored), IEND. CRCs and the
    // zlib Adler-32 are computed here, so any shade is a valid file.
    auto chunk = [](const QByteArray& type, const QByteArray& data) {
        QByteArray out;
        const quint32 n = quint32(data.size());
        out.append(char(n >> 24)).append(char(n >> 16)).append(char(n >> 8)).append(char(n));
        QByteArray body = type + data;
        quint32 crc = 0xffffffffu;
        for (char c : body) {
            crc ^= quint8(c);
            for (int k = 0; k < 8; ++k)
                crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
        crc ^= 0xffffffffu;
        out.append(body);
        out.append(char(crc >> 24))
            .append(char(crc >> 16))
            .append(char(crc >> 8))
            .append(char(crc));
        return out;
    };
    const QByteArray ihdr("\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 13);
    QByteArray raw("\0", 1); // filter byte
    raw.append(char(shade & 0xff)).append(char(0x80)).append(char(0x40)).append(char(0xff));
    quint32 a = 1, b = 0;
    for (char c : raw) {
        a = (a + quint8(c)) % 65521;
        b = (b + a) % 65521;
    }
    QByteArray zlib("\x78\x01\x01", 3); // deflate, one final stored block
    zlib.append(char(raw.size() & 0xff)).append(char(raw.size() >> 8));
    zlib.append(char(~raw.size() & 0xff)).append(char((~raw.size() >> 8) & 0xff));
    zlib.append(raw);
    const quint32 adler = (b << 16) | a;
    zlib.append(char(adler >> 24))
        .append(char(adler >> 16))
        .append(char(adler >> 8))
        .append(char(adler));
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", zlib) +
           chunk("IEND", {});
}

} // namespace t2v::test

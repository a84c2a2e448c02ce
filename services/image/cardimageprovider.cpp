#include "cardimageprovider.h"

#include "media/drawtext.h"
#include "media/ffmpegrunner.h"
#include "media/ffmpegtools.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {
namespace {

bool writeCardText(const QTemporaryDir& work, const QString& name, const QString& text)
{
    QFile f(work.filePath(name));
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) >= 0;
}

} // namespace

CardImageProvider::CardImageProvider(QString ffmpegPath)
    : m_ffmpegPath(std::move(ffmpegPath))
{}

QString CardImageProvider::colourFor(const QString& name)
{
    const QByteArray hash =
        QCryptographicHash::hash(name.trimmed().toLower().toUtf8(), QCryptographicHash::Sha1);
    // A hue from the name at fixed saturation and value (HSV 150/255, 215/255).
    const int hue = (quint8(hash[0]) << 8 | quint8(hash[1])) % 360;
    const double v = 215.0, c = v * 150.0 / 255.0;
    const double x = c * (1 - std::abs(std::fmod(hue / 60.0, 2.0) - 1));
    const double m = v - c;
    const std::array<std::array<double, 3>, 6> sectors = {
        {{c, x, 0}, {x, c, 0}, {0, c, x}, {0, x, c}, {x, 0, c}, {c, 0, x}}};
    const auto& rgb = sectors[hue / 60];
    QString out = u"#"_s;
    for (double channel : rgb)
        out += u"%1"_s.arg(int(std::lround(channel + m)), 2, 16, QLatin1Char('0'));
    return out;
}

Result<ImageInput> CardImageProvider::generate(const ImageRequest& request,
                                               const CancelToken& cancel)
{
    auto tools = FfmpegTools::locate(m_ffmpegPath);
    if (!tools)
        return tools.error();
    QTemporaryDir work;
    if (!work.isValid())
        return Error::make(ErrorKind::Io, u"Cannot create a temporary folder for the card."_s);
    const ImageSize size = imageSize(request.aspectRatio, 768);
    const bool portrait = size.height > size.width;
    const QString title = request.title.isEmpty() ? request.prompt.left(40) : request.title;
    const QString accent = request.accent.isEmpty() ? colourFor(title) : request.accent;
    const QString initial =
        request.badge.isEmpty() ? title.trimmed().left(1).toUpper() : request.badge.left(4);
    const QString body = request.text.isEmpty() ? request.prompt : request.text;
    if (!writeCardText(work, u"initial.txt"_s, initial.isEmpty() ? u"?"_s : initial) ||
        !writeCardText(work, u"name.txt"_s, drawtext::wrap(title, 24, 2)) ||
        !writeCardText(work, u"role.txt"_s, drawtext::wrap(request.subtitle, 40, 1)) ||
        !writeCardText(work, u"body.txt"_s, drawtext::wrap(body, portrait ? 30 : 46, 7)))
        return Error::make(ErrorKind::Io,
                           u"Cannot write the card's text in %1."_s.arg(work.path()));

    // A disc of the character's colour with the initial, the name and role under it, then the
    // appearance. Sizes follow the shorter side so every aspect ratio reads the same.
    const int side = std::min(size.width, size.height);
    const int disc = side * 30 / 100;
    const QString filters =
        u"[0:v]geq=lum='if(lte(hypot(X-W/2,Y-%1),%2),255,0)':cb=128:cr=128[mask];"
        u"[1:v][mask]alphamerge[disc];[2:v][disc]overlay=0:0,"
        u"drawtext=%3:textfile='initial.txt':fontcolor=white:fontsize=%4:x=(w-text_w)/2:"
        u"y=%1-text_h/2,"
        u"drawtext=%3:textfile='name.txt':fontcolor=white:fontsize=%5:x=(w-text_w)/2:y=%6,"
        u"drawtext=%7:textfile='role.txt':fontcolor=%8:fontsize=%9:x=(w-text_w)/2:y=%10,"
        u"drawtext=%7:textfile='body.txt':fontcolor=white@0.85:fontsize=%9:line_spacing=%11:"
        u"x=(w-text_w)/2:y=%12,"
        u"drawbox=x=0:y=0:w=iw:h=ih:color=%8:t=%13[out]"_s.arg(side * 28 / 100)
            .arg(disc / 2)
            .arg(drawtext::font(true))
            .arg(disc * 55 / 100)
            .arg(side * 6 / 100)
            .arg(side * 28 / 100 + disc / 2 + side * 4 / 100)
            .arg(drawtext::font(false), drawtext::colour(accent))
            .arg(side * 35 / 1000)
            .arg(side * 28 / 100 + disc / 2 + side * 12 / 100)
            .arg(side * 12 / 1000)
            .arg(side * 28 / 100 + disc / 2 + side * 19 / 100)
            .arg(std::max(4, side / 100));
    const QString sizeArg = u"%1x%2"_s.arg(size.width).arg(size.height);
    QStringList args = FfmpegRunner::baseArgs();
    args << u"-f"_s << u"lavfi"_s << u"-i"_s << u"color=c=black:s=%1:d=1"_s.arg(sizeArg) << u"-f"_s
         << u"lavfi"_s << u"-i"_s << u"color=c=%1:s=%2:d=1"_s.arg(drawtext::colour(accent), sizeArg)
         << u"-f"_s << u"lavfi"_s << u"-i"_s
         << u"color=c=%1:s=%2:d=1"_s.arg(drawtext::colour(request.background), sizeArg)
         << u"-filter_complex"_s << filters << u"-map"_s << u"[out]"_s << u"-frames:v"_s << u"1"_s
         << u"-f"_s << u"image2"_s << u"-c:v"_s << u"png"_s << u"card.png"_s;
    ProcessOptions options;
    options.timeout = 60s;
    options.workingDirectory = work.path(); // text files by relative name: nothing to escape
    if (auto drawn = FfmpegRunner::run(tools->ffmpeg, args, options, cancel); !drawn) {
        Error e = drawn.error();
        if (!e.isCancelled())
            e.message = u"The card for %1 could not be drawn: %2"_s.arg(title, e.message);
        return e;
    }
    QFile file(work.filePath(u"card.png"_s));
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Process, u"FFmpeg drew no card for %1."_s.arg(title));
    return image::check(file.readAll(), u"The card FFmpeg drew"_s);
}

} // namespace t2v

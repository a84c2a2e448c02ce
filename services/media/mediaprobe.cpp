#include "mediaprobe.h"

#include "core/json.h"
#include "media/ffmpegrunner.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {
namespace {

double rational(const QString& text)
{
    const QStringList parts = text.split(u'/');
    if (parts.size() == 2 && parts[1].toDouble() != 0)
        return parts[0].toDouble() / parts[1].toDouble();
    return text.toDouble();
}

} // namespace

bool MediaInfo::sameStreamFormat(const MediaInfo& o) const
{
    return hasVideo == o.hasVideo && videoCodec == o.videoCodec && width == o.width &&
           height == o.height && std::abs(frameRate - o.frameRate) < 0.01 &&
           pixelFormat == o.pixelFormat && hasAudio == o.hasAudio && audioCodec == o.audioCodec &&
           sampleRate == o.sampleRate && channels == o.channels;
}

Result<MediaInfo> MediaProbe::parse(const QByteArray& text)
{
    QString error;
    const json::Json doc = json::parse(text, &error);
    if (!doc.is_object())
        return Error::make(ErrorKind::BadResponse,
                           u"ffprobe gave no readable answer (%1)."_s.arg(error));
    try {
        MediaInfo info;
        if (const auto format = doc.find("format"); format != doc.end() && format->is_object()) {
            info.durationSeconds = json::optString(*format, "duration").toDouble();
            info.sizeBytes = json::optString(*format, "size").toLongLong();
            info.container = json::optString(*format, "format_name");
        }
        for (const json::Json& s : doc.value("streams", json::Json::array())) {
            const QString type = json::optString(s, "codec_type");
            if (type == u"video"_s && !info.hasVideo) {
                // Cover art is a video stream too; a real one has a frame rate.
                if (s.contains("disposition") && s["disposition"].value("attached_pic", 0) == 1)
                    continue;
                info.hasVideo = true;
                info.videoCodec = json::optString(s, "codec_name");
                info.width = json::optInt(s, "width");
                info.height = json::optInt(s, "height");
                info.frameRate = rational(json::optString(s, "avg_frame_rate"));
                if (info.frameRate <= 0)
                    info.frameRate = rational(json::optString(s, "r_frame_rate"));
                info.pixelFormat = json::optString(s, "pix_fmt");
                if (info.durationSeconds <= 0)
                    info.durationSeconds = json::optString(s, "duration").toDouble();
            } else if (type == u"audio"_s && !info.hasAudio) {
                info.hasAudio = true;
                info.audioCodec = json::optString(s, "codec_name");
                info.sampleRate = json::optString(s, "sample_rate").toInt();
                info.channels = json::optInt(s, "channels");
            } else if (type == u"subtitle"_s) {
                info.hasSubtitles = true;
            }
        }
        return info;
    } catch (const std::exception& e) {
        return Error::make(
            ErrorKind::BadResponse,
            u"ffprobe's answer has an unexpected shape: %1"_s.arg(json::errorMessage(e)));
    }
}

Result<MediaInfo> MediaProbe::probe(const FfmpegTools& tools, const QString& file,
                                    const CancelToken& cancel)
{
    if (!QFileInfo::exists(file))
        return Error::make(ErrorKind::Io,
                           u"%1 does not exist."_s.arg(QDir::toNativeSeparators(file)));
    ProcessOptions options;
    options.timeout = 60s;
    auto out = FfmpegRunner::run(tools.ffprobe,
                                 {u"-v"_s, u"error"_s, u"-print_format"_s, u"json"_s,
                                  u"-show_format"_s, u"-show_streams"_s, file},
                                 options, cancel);
    if (!out) {
        Error e = out.error();
        if (e.kind == ErrorKind::Process) {
            QString why = e.detail.section(u'\n', -1).trimmed();
            // "/path/x.mp4: Invalid data found when processing input" -> keep the reason.
            if (why.contains(u": "_s))
                why = why.section(u": "_s, -1);
            e.message = u"%1 is not a playable video (%2)."_s.arg(
                QFileInfo(file).fileName(), why.isEmpty() ? u"ffprobe failed"_s : why);
        }
        return e;
    }
    Result<MediaInfo> info = parse(out->standardOutput);
    if (info && !info->hasVideo)
        return Error::make(ErrorKind::BadResponse,
                           u"%1 has no video stream."_s.arg(QFileInfo(file).fileName()));
    return info;
}

} // namespace t2v

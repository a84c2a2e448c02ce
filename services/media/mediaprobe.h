#pragma once

// What a media file holds, as ffprobe reports it (JSON output): duration, size, codecs, frame
// rate, audio format. A file that is not media (an HTML error page saved as .mp4) fails with
// ffprobe's own message.

#include "core/canceltoken.h"
#include "core/error.h"
#include "media/ffmpegtools.h"

#include <QString>

namespace t2v {

struct MediaInfo
{
    double durationSeconds = 0;
    qint64 sizeBytes = 0;
    QString container;
    bool hasVideo = false;
    QString videoCodec;
    int width = 0;
    int height = 0;
    double frameRate = 0;
    QString pixelFormat;
    bool hasAudio = false;
    QString audioCodec;
    int sampleRate = 0;
    int channels = 0;
    bool hasSubtitles = false;

    // Same codec parameters: clips that can be joined by stream copy.
    bool sameStreamFormat(const MediaInfo& other) const;
};

class MediaProbe
{
public:
    static Result<MediaInfo> probe(const FfmpegTools& tools, const QString& file,
                                   const CancelToken& cancel = {});
    static Result<MediaInfo> parse(const QByteArray& ffprobeJson);
};

} // namespace t2v

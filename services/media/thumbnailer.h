#pragma once

// Makes a clip's thumbnail: a JPEG 320 pixels wide, from the frame at 1 s (or the first frame
// of a shorter clip), written under a temporary name and renamed when complete.

#include "core/canceltoken.h"
#include "core/error.h"
#include "media/ffmpegtools.h"

namespace t2v {

class Thumbnailer
{
public:
    static constexpr int kWidth = 320;
    static Status make(const FfmpegTools& tools, const QString& clip, double clipSeconds,
                       const QString& jpeg, const CancelToken& cancel = {});
};

} // namespace t2v

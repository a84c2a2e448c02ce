#pragma once

// The optional 4K resample of a clip: 3840 wide for landscape, 2160 wide for portrait, Lanczos
// scaling, H.264 CRF 18, audio copied. It is a resample, labelled as such, not AI upscaling.

#include "core/canceltoken.h"
#include "core/error.h"
#include "media/ffmpegtools.h"

#include <functional>

namespace t2v {

class Upscaler
{
public:
    static int targetWidth(int width, int height) { return width >= height ? 3840 : 2160; }
    static Status resample(const FfmpegTools& tools, const QString& clip, int width, int height,
                           const QString& out, const CancelToken& cancel = {},
                           const std::function<void(double)>& progress = {},
                           const QString& preset = QStringLiteral("fast"));
};

} // namespace t2v

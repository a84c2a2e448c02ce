#include "imageprovider.h"

#include <algorithm>

namespace t2v {

ImageSize imageSize(const QString& aspectRatio, int longSide)
{
    const int colon = int(aspectRatio.indexOf(u':'));
    const int w = colon > 0 ? aspectRatio.left(colon).toInt() : 1;
    const int h = colon > 0 ? aspectRatio.mid(colon + 1).toInt() : 1;
    auto step = [](double v) { return std::max(16, int(v / 16 + 0.5) * 16); };
    if (w <= 0 || h <= 0)
        return {step(longSide), step(longSide)};
    if (w >= h)
        return {step(longSide), step(double(longSide) * h / w)};
    return {step(double(longSide) * w / h), step(longSide)};
}

} // namespace t2v

#include "projectpaths.h"

using namespace Qt::StringLiterals;

namespace t2v::ProjectPaths {

QString clip(const QString& jobId)
{
    return u"clips/"_s + jobId + u".mp4"_s;
}

QString clipPart(const QString& jobId)
{
    return clip(jobId) + u".part"_s;
}

QString clipPartMeta(const QString& jobId)
{
    return clipPart(jobId) + u".meta"_s;
}

QString thumbnail(const QString& jobId)
{
    return u"thumbs/"_s + jobId + u".jpg"_s;
}

QString upscaled(const QString& jobId)
{
    return u"upscaled/"_s + jobId + u"-4k.mp4"_s;
}

} // namespace t2v::ProjectPaths

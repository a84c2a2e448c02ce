#pragma once

// Where a job's files live inside the project folder, relative to it. Every name is made from
// a job id, which the project loader accepts only from a safe alphabet (core/safepath.h), so
// none of these can point outside the folder.

#include <QString>

namespace t2v::ProjectPaths {

QString clip(const QString& jobId);         // clips/<id>.mp4
QString clipPart(const QString& jobId);     // clips/<id>.mp4.part: the download in progress
QString clipPartMeta(const QString& jobId); // clips/<id>.mp4.part.meta: whose bytes the .part holds
QString thumbnail(const QString& jobId);    // thumbs/<id>.jpg
QString upscaled(const QString& jobId);     // upscaled/<id>-4k.mp4

} // namespace t2v::ProjectPaths

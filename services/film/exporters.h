#pragma once

// Writes a project's script in forms other tools and people read, into exports/:
// the screenplay as Markdown, an SRT timed by scene durations, a prompts CSV (scene, duration,
// visual prompt) for other batch tools, the script as JSON, and a CMX 3600 EDL of the film's
// clips so an editor can rebuild the cut in another program, and what the clips cost (CSV).

#include "core/error.h"
#include "project/project.h"

#include <QString>
#include <QStringList>

namespace t2v {

class Exporters
{
public:
    static QString markdown(const Script& script);
    static QString srt(const Script& script);
    static QString promptsCsv(const Script& script); // the composed video prompts
    static QString scriptJson(const Script& script);
    // Every request that may have been billed: job, scene, variant, state, account, model,
    // when, dollars ("unknown" when the price was not known).
    static QString spendCsv(const Project& project);
    // Clips in film order with their durations in seconds; `fps` sets the timecode.
    static QString edl(const QString& title, const QList<std::pair<QString, double>>& clips,
                       double fps = 24);
    static QString timecode(double seconds, double fps);

    // Writes every export into <projectDir>/exports; returns the files written.
    static Result<QStringList> writeAll(const Project& project, const QString& projectDir);
};

} // namespace t2v

#pragma once

// Everything a project folder's project.json holds: the settings chosen for this film, the
// script and every video job. It is the single source of truth; the services change it on
// the main thread and ProjectStore writes it.

#include "core/json.h"
#include "core/script.h"
#include "core/videojob.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>

namespace t2v {

struct ProjectSettings
{
    // Script
    QString llmAccount = QStringLiteral("offline");
    QString llmModel; // overrides the account's model when set
    int batchSize = 5;
    QString mode = QStringLiteral("batch"); // batch | sequential | rolling
    int contextScenes = 3;
    int sceneRetries = 2;

    // Video
    QStringList videoAccounts{QStringLiteral("local")};
    int variants = 1;
    QString resolution = QStringLiteral("720p");
    bool upscale = false;
    int parallelDownloads = 5;
    double budgetUsd = 0.0; // the most this project's clips may cost (0 = no cap)
    // The cap of the last run that had one (t2v render --budget) and the clips it covers, kept
    // so that a resumed run stops where the person said; 0 = none.
    double runBudgetUsd = 0.0;
    QStringList runBudgetJobs;
    // Clips start from their scene's keyframe, when it has one (t2v keyframes).
    bool keyframes = false;

    // Final film
    QString subtitles = QStringLiteral("soft");  // none | soft | burn
    QString transition = QStringLiteral("none"); // none | fade
    double fadeSeconds = 0.5;
    QString musicPath;
    double musicVolume = 0.25;
    QMap<int, int> chosenVariants; // scene number -> variant used in the film

    bool operator==(const ProjectSettings&) const = default;
};

struct Project
{
    static constexpr int kSchemaVersion = 1;

    int schemaVersion = kSchemaVersion;
    QString appVersion;
    QDateTime createdAt;
    QDateTime modifiedAt;
    ProjectSettings settings;
    Script script;
    QList<VideoJob> jobs;

    VideoJob* findJob(const QString& id);
    const VideoJob* findJob(const QString& id) const;
    // The clips of a scene as it is now (orphans excluded).
    QList<const VideoJob*> jobsForScene(int sceneNumber) const;
    const VideoJob* jobFor(int sceneNumber, int variant) const;
    // An id for a new job of (scene, variant) that no job, orphans included, has.
    QString freeJobId(int sceneNumber, int variant) const;

    // What a change of the script's layout did to the jobs.
    struct JobsAfterLayout
    {
        QStringList orphaned; // may be paid: kept, shown, usable and deletable
        QStringList removed;  // never sent anywhere: dropped
    };
    // A new length or scene length. Jobs of scenes that no longer exist become orphans (or go,
    // when nothing was ever sent for them), and the film's choices follow.
    JobsAfterLayout changeLayout(int durationSeconds, int sceneSeconds);
    // The script is being written anew: no clip belongs to the new scenes.
    JobsAfterLayout detachAllJobs();
    // Makes an orphan one of `sceneNumber`'s clips, as its next variant. Returns the variant,
    // or 0 when the job is not an orphan or the scene does not exist.
    int attachOrphan(const QString& jobId, int sceneNumber);
    bool removeJob(const QString& id);

    bool operator==(const Project&) const = default;
};

void to_json(json::Json& j, const ProjectSettings& s);
void from_json(const json::Json& j, ProjectSettings& s);
void to_json(json::Json& j, const Project& p);
void from_json(const json::Json& j, Project& p);

// One step that upgrades a project document from `fromVersion` to `fromVersion + 1`.
struct Migration
{
    int fromVersion;
    std::function<void(json::Json&)> apply;
};

// The migrations this build knows. Empty while format 1 is the only one.
const QList<Migration>& projectMigrations();

// Upgrades `doc` from `fromVersion` to `toVersion` with `steps`. Returns an empty string on
// success, else why it could not.
QString migrateProjectDocument(json::Json& doc, int fromVersion, int toVersion,
                               const QList<Migration>& steps);

} // namespace t2v

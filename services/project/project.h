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
    QList<const VideoJob*> jobsForScene(int sceneNumber) const;

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

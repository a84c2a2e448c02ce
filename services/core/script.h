#pragma once

// A whole script: the idea and its settings, the plan the LLM made (title, logline, style
// guide, character bible, one outline beat per scene) and the scenes, stored by number.
// `scenes` always has sceneCount() entries; scenes not written yet are Pending placeholders.

#include "character.h"
#include "json.h"
#include "scene.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace t2v {

struct Script
{
    static constexpr int kMinDurationSeconds = 1;
    static constexpr int kMaxDurationSeconds = 3 * 60 * 60;
    static constexpr int kMinSceneSeconds = 4;
    static constexpr int kMaxSceneSeconds = 30;

    QString idea;
    QString style; // style preset id, e.g. "cinematic"
    QString language = QStringLiteral("en");
    QString aspectRatio = QStringLiteral("16:9");
    int durationSeconds = 64;
    int sceneSeconds = 8;

    QString title;
    QString logline;
    QString styleGuide;
    QList<Character> characters;
    QStringList outline; // outline[n - 1] is the beat of scene n
    QList<Scene> scenes;

    // ceil(duration / sceneSeconds)
    int sceneCount() const;
    // sceneSeconds, except the last scene, which takes the rest.
    double sceneDuration(int number) const;
    bool hasPlan() const { return !title.isEmpty() && outline.size() == sceneCount(); }
    int writtenCount() const;
    QList<int> missingScenes() const;
    const Character* findCharacter(const QString& name) const;
    // The approved reference images (project files, refs/...) that go with the clips of scene
    // `number`: one per character in the scene first, so that the most characters keep their
    // face, then their second ones; at most Character::kMaxReferences.
    QStringList referencesFor(int number) const;
    const Scene* scene(int number) const;

    // Resizes `scenes` to sceneCount() with Pending placeholders and fixes durations.
    void layoutScenes();
    // A new length or scene length: scenes past the new count are dropped, new ones are
    // Pending, and outline beats past the end go with their scenes. The caller decides what
    // happens to clips of dropped scenes (Project::changeLayout).
    void relayout(int durationSeconds, int sceneSeconds);

    // Checks the settings a person chose; returns an empty string when they are valid.
    QString validateSettings() const;

    bool operator==(const Script&) const = default;
};

int sceneCountFor(int durationSeconds, int sceneSeconds);
bool isSupportedAspectRatio(const QString& ratio);

void to_json(json::Json& j, const Script& s);
void from_json(const json::Json& j, Script& s);

} // namespace t2v

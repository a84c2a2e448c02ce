#pragma once

// One scene of a script: what happens (beat, narration, dialogue) and what the camera sees
// (visual prompt, shot, place, time, mood, characters). Numbers start at 1.

#include "json.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace t2v {

struct DialogueLine
{
    QString speaker;
    QString text;

    bool operator==(const DialogueLine&) const = default;
};

enum class SceneStatus {
    Pending, // not written yet
    Written, // written by the LLM (or the offline writer)
    Edited,  // changed by the user after it was written
    Failed,  // the last attempt to write it failed
};

QString sceneStatusName(SceneStatus status);
std::optional<SceneStatus> sceneStatusFromName(const QString& name);

struct Scene
{
    int number = 0;
    QString beat;
    QString narration;
    QList<DialogueLine> dialogue;
    QString visualPrompt;
    QString camera;
    QString location;
    QString timeOfDay;
    QString mood;
    QStringList characters;
    double durationSeconds = 0.0;
    SceneStatus status = SceneStatus::Pending;
    QStringList warnings;
    QString error; // why the last attempt failed
    // The scene's first frame ("keyframes/s003-<hash>.png"), made with the references of its
    // characters; clips start from it when the project uses keyframes. A new one waits in
    // newKeyframe until it is approved.
    QString keyframe;
    QString newKeyframe;
    // Continuity chaining: the scene's clips start from the last frame of the previous scene's
    // clip (the variant used in the film), so a sequence flows as one shot. Such a scene is
    // submitted only once the previous one has its clip.
    bool chained = false;

    bool isWritten() const
    {
        return status == SceneStatus::Written || status == SceneStatus::Edited;
    }
    bool operator==(const Scene&) const = default;
};

void to_json(json::Json& j, const DialogueLine& d);
void from_json(const json::Json& j, DialogueLine& d);
void to_json(json::Json& j, const Scene& s);
void from_json(const json::Json& j, Scene& s);

} // namespace t2v

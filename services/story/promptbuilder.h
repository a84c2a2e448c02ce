#pragma once

// Builds the LLM requests of a script run: the plan (title, logline, style guide, character
// bible, outline), outline continuations for very long scripts, and one request per scene.
// Each user message carries a context block (llm/promptcontext.h).

#include "core/json.h"
#include "core/script.h"
#include "llm/llmprovider.h"
#include "llm/promptcontext.h"
#include "story/stylepresets.h"

#include <QList>
#include <QString>

namespace t2v {

// Outline beats asked for in one request; longer scripts continue in further requests.
inline constexpr int kOutlineChunk = 100;

json::Json planSchema(bool withStory);
json::Json sceneSchema();

// Plan of beats [firstBeat, lastBeat]. With firstBeat > 1 it continues an existing outline and
// asks for the outline only.
LlmRequest buildPlanRequest(const Script& script, const StylePreset& style, int firstBeat,
                            int lastBeat);

struct SceneContextChoice
{
    int number = 0;
    QList<int> previous; // earlier written scenes given in full
    QList<int> next;     // later written scenes given in full (resume, regenerate)
    QString note;        // extra instruction, e.g. from the user when regenerating
};

// Chooses the context of scene `number` from what `script` has written now: the last
// `contextScenes` written scenes before it in full, and with `withNext` the first written
// scene after it.
SceneContextChoice chooseSceneContext(const Script& script, int number, int contextScenes,
                                      bool withNext);

LlmRequest buildSceneRequest(const Script& script, const StylePreset& style,
                             const SceneContextChoice& choice);

// The message appended to a conversation when the answer could not be used.
QString retryFeedback(int number, const QString& whatWasWrong);

} // namespace t2v

#pragma once

// Reads untrusted LLM output. Finds the JSON object in an answer (skipping <think> blocks,
// code fences and prose around it), then checks it field by field: required fields, types,
// lengths, and characters against the bible. Every problem becomes a sentence that can be
// shown to a person or sent back to the model; nothing here throws or crashes.

#include "core/character.h"
#include "core/error.h"
#include "core/json.h"
#include "core/scene.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace t2v {

struct SceneLimits
{
    int visualPrompt = 1500;
    int narration = 1200;
    int shortField = 200; // beat, camera, location, time of day, mood, names
    int dialogueText = 400;
    int dialogueLines = 12;
    int characters = 10;
    // A field more than this many times over its limit is rejected, not trimmed.
    int rejectFactor = 4;
    int answerChars = 100000;
};

struct ParsedPlan
{
    QString title;
    QString logline;
    QString styleGuide;
    QList<Character> characters;
    QStringList beats;
    QStringList warnings;
};

class SceneParser
{
public:
    static Result<json::Json> extractObject(const QString& answer);
    static Result<Scene> parseScene(const QString& answer, int number,
                                    const QList<Character>& bible, const SceneLimits& limits = {});
    static Result<ParsedPlan> parsePlan(const QString& answer, int firstBeat, int lastBeat,
                                        bool withStory, const SceneLimits& limits = {});
    // The bible's spelling of `name`, or an empty string when it is not in the bible.
    static QString resolveCharacter(const QString& name, const QList<Character>& bible);
    static QString sanitize(const QString& text);
};

} // namespace t2v

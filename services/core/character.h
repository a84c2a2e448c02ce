#pragma once

// One entry of the character bible: a fixed visual identity pinned into every prompt in which
// the character appears, so people do not change between shots.

#include "json.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace t2v {

// One reference image of a character: a file of the project's refs/ folder. Approved ones
// travel with the clips the character is in; a new one waits for approval while the character
// already has approved ones, so a worse image never replaces a good one unseen.
struct CharacterRef
{
    QString file;    // "refs/<name>-<hash>.png", relative to the project folder
    QString source;  // "generated" or "imported"
    QString account; // the account that made it (generated)
    bool approved = false;
    QDateTime createdAt; // UTC

    bool operator==(const CharacterRef&) const = default;
    // refs/ and a safe file name with an image extension: nothing else is ever opened.
    static bool isValidFile(const QString& file);
};

struct Character
{
    static constexpr int kMaxReferences = 3; // what the video services take per clip

    QString name;
    QString role;
    QString appearance; // hair, eyes, build, clothing: never changes between scenes
    QString voice;
    QList<CharacterRef> references = {}; // (a default: brace-initialised lists may omit it)

    QList<CharacterRef> approvedReferences() const;
    bool hasPendingReferences() const;

    bool operator==(const Character&) const = default;
};

void to_json(json::Json& j, const CharacterRef& r);
void from_json(const json::Json& j, CharacterRef& r);
void to_json(json::Json& j, const Character& c);
void from_json(const json::Json& j, Character& c);

} // namespace t2v

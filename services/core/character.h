#pragma once

// One entry of the character bible: a fixed visual identity pinned into every prompt in which
// the character appears, so people do not change between shots.

#include "json.h"

#include <QString>

namespace t2v {

struct Character
{
    QString name;
    QString role;
    QString appearance; // hair, eyes, build, clothing: never changes between scenes
    QString voice;

    bool operator==(const Character&) const = default;
};

void to_json(json::Json& j, const Character& c);
void from_json(const json::Json& j, Character& c);

} // namespace t2v

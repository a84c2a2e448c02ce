#include "character.h"

namespace t2v {

void to_json(json::Json& j, const Character& c)
{
    j = json::Json{
        {"name", c.name}, {"role", c.role}, {"appearance", c.appearance}, {"voice", c.voice}};
}

void from_json(const json::Json& j, Character& c)
{
    c.name = json::reqString(j, "name");
    c.role = json::optString(j, "role");
    c.appearance = json::optString(j, "appearance");
    c.voice = json::optString(j, "voice");
}

} // namespace t2v

#include "character.h"

#include "image.h"

using namespace Qt::StringLiterals;

namespace t2v {

bool CharacterRef::isValidFile(const QString& file)
{
    return image::isProjectFile(file, u"refs"_s);
}

QList<CharacterRef> Character::approvedReferences() const
{
    QList<CharacterRef> out;
    for (const CharacterRef& r : references) {
        if (r.approved)
            out.append(r);
    }
    return out;
}

bool Character::hasPendingReferences() const
{
    for (const CharacterRef& r : references) {
        if (!r.approved)
            return true;
    }
    return false;
}

void to_json(json::Json& j, const CharacterRef& r)
{
    j = json::Json{{"file", r.file},
                   {"source", r.source},
                   {"account", r.account},
                   {"approved", r.approved},
                   {"created_at", r.createdAt.toString(Qt::ISODateWithMs)}};
}

void from_json(const json::Json& j, CharacterRef& r)
{
    r.file = json::reqString(j, "file");
    r.source = json::optString(j, "source");
    r.account = json::optString(j, "account");
    r.approved = j.is_object() && j.value("approved", false);
    r.createdAt = QDateTime::fromString(json::optString(j, "created_at"), Qt::ISODateWithMs);
}

void to_json(json::Json& j, const Character& c)
{
    j = json::Json{
        {"name", c.name}, {"role", c.role}, {"appearance", c.appearance}, {"voice", c.voice}};
    if (!c.references.isEmpty()) {
        json::Json refs = json::Json::array();
        for (const CharacterRef& r : c.references)
            refs.push_back(r);
        j["references"] = refs;
    }
}

void from_json(const json::Json& j, Character& c)
{
    c.name = json::reqString(j, "name");
    c.role = json::optString(j, "role");
    c.appearance = json::optString(j, "appearance");
    c.voice = json::optString(j, "voice");
    c.references.clear();
    if (const auto it = j.find("references"); it != j.end() && it->is_array()) {
        for (const json::Json& item : *it) {
            // A damaged or foreign entry (a path outside refs/) is left out, not fatal: the
            // character and the rest of the project still open.
            if (!item.is_object())
                continue;
            CharacterRef r;
            try {
                r = item.get<CharacterRef>();
            } catch (const json::Json::exception&) {
                continue;
            }
            if (CharacterRef::isValidFile(r.file))
                c.references.append(r);
        }
    }
}

} // namespace t2v

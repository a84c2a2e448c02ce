#include "scene.h"

#include "image.h"

using namespace Qt::StringLiterals;

namespace t2v {

QString sceneStatusName(SceneStatus status)
{
    switch (status) {
    case SceneStatus::Pending:
        return u"pending"_s;
    case SceneStatus::Written:
        return u"written"_s;
    case SceneStatus::Edited:
        return u"edited"_s;
    case SceneStatus::Failed:
        return u"failed"_s;
    }
    return u"pending"_s;
}

std::optional<SceneStatus> sceneStatusFromName(const QString& name)
{
    for (SceneStatus s :
         {SceneStatus::Pending, SceneStatus::Written, SceneStatus::Edited, SceneStatus::Failed}) {
        if (sceneStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

void to_json(json::Json& j, const DialogueLine& d)
{
    j = json::Json{{"speaker", d.speaker}, {"text", d.text}};
}

void from_json(const json::Json& j, DialogueLine& d)
{
    d.speaker = json::optString(j, "speaker");
    d.text = json::reqString(j, "text");
}

void to_json(json::Json& j, const Scene& s)
{
    json::Json dialogue = json::Json::array();
    for (const DialogueLine& line : s.dialogue)
        dialogue.push_back(line);
    j = json::Json{{"number", s.number},
                   {"beat", s.beat},
                   {"narration", s.narration},
                   {"dialogue", dialogue},
                   {"visual_prompt", s.visualPrompt},
                   {"camera", s.camera},
                   {"location", s.location},
                   {"time_of_day", s.timeOfDay},
                   {"mood", s.mood},
                   {"characters", json::fromStringList(s.characters)},
                   {"duration", s.durationSeconds},
                   {"status", sceneStatusName(s.status)},
                   {"warnings", json::fromStringList(s.warnings)}};
    if (!s.error.isEmpty())
        j["error"] = s.error;
    if (!s.keyframe.isEmpty())
        j["keyframe"] = s.keyframe;
    if (!s.newKeyframe.isEmpty())
        j["new_keyframe"] = s.newKeyframe;
    if (s.chained)
        j["chained"] = true;
}

void from_json(const json::Json& j, Scene& s)
{
    s.number = json::reqInt(j, "number");
    if (s.number < 1)
        json::fail(j.at("number"), u"scene numbers start at 1, found %1"_s.arg(s.number));
    s.beat = json::optString(j, "beat");
    s.narration = json::optString(j, "narration");
    s.dialogue.clear();
    if (const auto it = j.find("dialogue"); it != j.end() && !it->is_null()) {
        if (!it->is_array())
            json::fail(*it,
                       u"type must be array, but is %1"_s.arg(QString::fromUtf8(it->type_name())));
        for (const json::Json& line : *it)
            s.dialogue.append(line.get<DialogueLine>());
    }
    s.visualPrompt = json::optString(j, "visual_prompt");
    s.camera = json::optString(j, "camera");
    s.location = json::optString(j, "location");
    s.timeOfDay = json::optString(j, "time_of_day");
    s.mood = json::optString(j, "mood");
    s.characters = json::optStringList(j, "characters");
    s.durationSeconds = json::optDouble(j, "duration");
    if (s.durationSeconds < 0)
        json::fail(j.at("duration"), u"a scene cannot last a negative time"_s);
    const QString status = json::optString(j, "status", u"pending"_s);
    const auto parsed = sceneStatusFromName(status);
    if (!parsed)
        json::fail(j.at("status"), u"unknown scene status \"%1\""_s.arg(status.left(40)));
    s.status = *parsed;
    s.warnings = json::optStringList(j, "warnings");
    s.error = json::optString(j, "error");
    s.chained = json::optBool(j, "chained") && s.number > 1;
    // A foreign entry (a path outside keyframes/) is left out, not fatal.
    for (auto [key, field] :
         {std::pair{"keyframe", &s.keyframe}, std::pair{"new_keyframe", &s.newKeyframe}}) {
        const QString file = json::optString(j, key);
        *field = image::isProjectFile(file, u"keyframes"_s) ? file : QString();
    }
}

} // namespace t2v

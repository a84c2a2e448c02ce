#include "script.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace t2v {

int sceneCountFor(int durationSeconds, int sceneSeconds)
{
    if (durationSeconds <= 0 || sceneSeconds <= 0)
        return 0;
    return (durationSeconds + sceneSeconds - 1) / sceneSeconds;
}

bool isSupportedAspectRatio(const QString& ratio)
{
    return ratio == u"16:9"_s || ratio == u"9:16"_s || ratio == u"1:1"_s;
}

int Script::sceneCount() const
{
    return sceneCountFor(durationSeconds, sceneSeconds);
}

double Script::sceneDuration(int number) const
{
    const int count = sceneCount();
    if (number < 1 || number > count)
        return 0.0;
    if (number < count)
        return sceneSeconds;
    return durationSeconds - (count - 1) * sceneSeconds;
}

int Script::writtenCount() const
{
    int n = 0;
    for (const Scene& s : scenes)
        n += s.isWritten() ? 1 : 0;
    return n;
}

QList<int> Script::missingScenes() const
{
    QList<int> missing;
    for (int n = 1; n <= sceneCount(); ++n) {
        const Scene* s = scene(n);
        if (!s || !s->isWritten())
            missing.append(n);
    }
    return missing;
}

const Character* Script::findCharacter(const QString& name) const
{
    const QString wanted = name.trimmed();
    for (const Character& c : characters) {
        if (c.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return &c;
    }
    return nullptr;
}

QStringList Script::referencesFor(int number) const
{
    QStringList files;
    const Scene* s = scene(number);
    if (!s)
        return files;
    for (int round = 0; round < Character::kMaxReferences; ++round) {
        for (const QString& name : s->characters) {
            const Character* character = findCharacter(name);
            if (!character || files.size() >= Character::kMaxReferences)
                continue;
            const QList<CharacterRef> approved = character->approvedReferences();
            if (round < approved.size() && !files.contains(approved[round].file))
                files.append(approved[round].file);
        }
    }
    return files;
}

const Scene* Script::scene(int number) const
{
    if (number < 1 || number > scenes.size())
        return nullptr;
    return &scenes[number - 1];
}

void Script::layoutScenes()
{
    const int count = sceneCount();
    while (scenes.size() > count)
        scenes.removeLast();
    while (scenes.size() < count) {
        Scene s;
        s.number = int(scenes.size()) + 1;
        scenes.append(s);
    }
    for (int i = 0; i < count; ++i) {
        scenes[i].number = i + 1;
        scenes[i].durationSeconds = sceneDuration(i + 1);
    }
}

void Script::relayout(int newDuration, int newSceneSeconds)
{
    durationSeconds = newDuration;
    sceneSeconds = newSceneSeconds;
    layoutScenes();
    while (outline.size() > sceneCount())
        outline.removeLast();
}

QString Script::validateSettings() const
{
    if (idea.trimmed().isEmpty())
        return u"The idea is empty: describe the video you want."_s;
    if (durationSeconds < kMinDurationSeconds || durationSeconds > kMaxDurationSeconds)
        return u"The duration must be between 1 second and 3 hours (10800 s); %1 s was given."_s
            .arg(durationSeconds);
    if (sceneSeconds < kMinSceneSeconds || sceneSeconds > kMaxSceneSeconds)
        return u"A scene must last between 4 and 30 seconds; %1 s was given."_s.arg(sceneSeconds);
    if (!isSupportedAspectRatio(aspectRatio))
        return u"The aspect ratio must be 16:9, 9:16 or 1:1; \"%1\" was given."_s.arg(aspectRatio);
    return {};
}

void to_json(json::Json& j, const Script& s)
{
    json::Json characters = json::Json::array();
    for (const Character& c : s.characters)
        characters.push_back(c);
    json::Json scenes = json::Json::array();
    for (const Scene& scene : s.scenes)
        scenes.push_back(scene);
    j = json::Json{{"idea", s.idea},
                   {"style", s.style},
                   {"language", s.language},
                   {"aspect_ratio", s.aspectRatio},
                   {"duration_seconds", s.durationSeconds},
                   {"scene_seconds", s.sceneSeconds},
                   {"title", s.title},
                   {"logline", s.logline},
                   {"style_guide", s.styleGuide},
                   {"characters", characters},
                   {"outline", json::fromStringList(s.outline)},
                   {"scenes", scenes}};
}

void from_json(const json::Json& j, Script& s)
{
    s.idea = json::optString(j, "idea");
    s.style = json::optString(j, "style");
    s.language = json::optString(j, "language", u"en"_s);
    s.aspectRatio = json::optString(j, "aspect_ratio", u"16:9"_s);
    s.durationSeconds = json::optInt(j, "duration_seconds", 64);
    s.sceneSeconds = json::optInt(j, "scene_seconds", 8);
    if (s.sceneSeconds < Script::kMinSceneSeconds || s.sceneSeconds > Script::kMaxSceneSeconds)
        json::fail(j.at("scene_seconds"),
                   u"scene length %1 s is outside 4-30 s"_s.arg(s.sceneSeconds));
    if (s.durationSeconds < Script::kMinDurationSeconds ||
        s.durationSeconds > Script::kMaxDurationSeconds)
        json::fail(j.at("duration_seconds"),
                   u"duration %1 s is outside 1 s - 3 h"_s.arg(s.durationSeconds));
    s.title = json::optString(j, "title");
    s.logline = json::optString(j, "logline");
    s.styleGuide = json::optString(j, "style_guide");
    s.characters.clear();
    if (const auto it = j.find("characters"); it != j.end() && !it->is_null()) {
        if (!it->is_array())
            json::fail(*it,
                       u"type must be array, but is %1"_s.arg(QString::fromUtf8(it->type_name())));
        for (const json::Json& c : *it)
            s.characters.append(c.get<Character>());
    }
    s.outline = json::optStringList(j, "outline");
    s.scenes.clear();
    if (const auto it = j.find("scenes"); it != j.end() && !it->is_null()) {
        if (!it->is_array())
            json::fail(*it,
                       u"type must be array, but is %1"_s.arg(QString::fromUtf8(it->type_name())));
        for (const json::Json& scene : *it) {
            Scene parsed = scene.get<Scene>();
            if (parsed.number != s.scenes.size() + 1)
                json::fail(scene, u"scene %1 is out of order (expected %2)"_s.arg(parsed.number)
                                      .arg(s.scenes.size() + 1));
            s.scenes.append(parsed);
        }
    }
    if (s.scenes.size() > s.sceneCount()) {
        // Earlier versions could save a shorter length without dropping the scenes. Written
        // scenes are work that was paid for: the length grows back to hold them.
        const auto n = int(s.scenes.size());
        const double last = s.scenes.last().durationSeconds;
        const int lastSeconds =
            std::clamp(int(std::lround(last > 0 ? last : s.sceneSeconds)), 1, s.sceneSeconds);
        const int repaired = (n - 1) * s.sceneSeconds + lastSeconds;
        if (repaired > Script::kMaxDurationSeconds)
            json::fail(j.at("scenes"),
                       u"%1 scenes for a script of %2"_s.arg(n).arg(s.sceneCount()));
        s.durationSeconds = repaired;
    }
    s.layoutScenes();
}

} // namespace t2v

#include "sceneparser.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

Error invalid(const QString& message)
{
    Error e = Error::make(ErrorKind::BadResponse, message);
    e.code = u"malformed"_s;
    return e;
}

QString preview(const QString& text)
{
    QString p = text.simplified().left(60);
    if (text.simplified().size() > 60)
        p += u"…"_s;
    return p;
}

// Index one past the '}' that closes the '{' at `start`, or -1 when it never closes.
qsizetype matchingBrace(const QString& text, qsizetype start)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = start; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == u'\\')
                escaped = true;
            else if (c == u'"')
                inString = false;
            continue;
        }
        if (c == u'"')
            inString = true;
        else if (c == u'{')
            ++depth;
        else if (c == u'}' && --depth == 0)
            return i + 1;
    }
    return -1;
}

QString typeName(const json::Json& v)
{
    if (v.is_number())
        return u"a number"_s;
    if (v.is_boolean())
        return u"true/false"_s;
    if (v.is_array())
        return u"a list"_s;
    if (v.is_object())
        return u"an object"_s;
    return u"null"_s;
}

QString trimAtWord(const QString& text, int limit)
{
    if (text.size() <= limit)
        return text;
    QString cut = text.left(limit);
    const qsizetype space = cut.lastIndexOf(u' ');
    if (space > limit * 2 / 3)
        cut.truncate(space);
    return cut.trimmed() + u"…"_s;
}

// Reads a text field. Returns false (with *error set) when the answer must be rejected.
bool readText(const json::Json& obj, const char* key, int limit, int rejectFactor, bool required,
              QString* out, QStringList* warnings, QString* error)
{
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
        if (required) {
            *error = u"the field \"%1\" is missing."_s.arg(QString::fromLatin1(key));
            return false;
        }
        out->clear();
        return true;
    }
    if (!it->is_string()) {
        *error = u"\"%1\" must be text, not %2."_s.arg(QString::fromLatin1(key), typeName(*it));
        return false;
    }
    QString value = SceneParser::sanitize(QString::fromStdString(it->get<std::string>()));
    if (value.size() > qsizetype(limit) * rejectFactor) {
        *error = u"\"%1\" is %2 characters long; keep it under %3."_s.arg(QString::fromLatin1(key))
                     .arg(value.size())
                     .arg(limit);
        return false;
    }
    if (value.size() > limit) {
        warnings->append(u"%1 was shortened from %2 characters."_s.arg(QString::fromLatin1(key))
                             .arg(value.size()));
        value = trimAtWord(value, limit);
    }
    if (required && value.isEmpty()) {
        *error = u"\"%1\" is empty."_s.arg(QString::fromLatin1(key));
        return false;
    }
    *out = value;
    return true;
}

bool isNarrator(const QString& speaker)
{
    static const QRegularExpression re(
        u"^(narrator|voice[- ]?over|v\\.?o\\.?|người dẫn chuyện|dẫn chuyện)$"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re.match(speaker.trimmed()).hasMatch();
}

// "dialogue": [{speaker, text}] or ["Speaker: text"]; over-long lists are cut with a warning.
Status readDialogue(const json::Json& obj, const SceneLimits& limits, Scene& scene)
{
    QStringList& warnings = scene.warnings;
    QString error;
    const int reject = limits.rejectFactor;
    if (const auto d = obj.find("dialogue"); d != obj.end() && !d->is_null()) {
        if (!d->is_array())
            return invalid(
                u"\"dialogue\" must be a list of {speaker, text}, not %1."_s.arg(typeName(*d)));
        for (const json::Json& item : *d) {
            DialogueLine line;
            if (item.is_object()) {
                if (!readText(item, "speaker", limits.shortField, reject, false, &line.speaker,
                              &warnings, &error) ||
                    !readText(item, "text", limits.dialogueText, reject, true, &line.text,
                              &warnings, &error))
                    return invalid(u"a dialogue line is unusable: "_s + error);
            } else if (item.is_string()) {
                const QString s =
                    SceneParser::sanitize(QString::fromStdString(item.get<std::string>()));
                const qsizetype colon = s.indexOf(u':');
                if (colon > 0 && colon < 40) {
                    line.speaker = s.left(colon).trimmed();
                    line.text = s.mid(colon + 1).trimmed();
                } else {
                    line.text = s;
                }
                if (line.text.size() > limits.dialogueText * reject)
                    return invalid(
                        u"a dialogue line is %1 characters long."_s.arg(line.text.size()));
                line.text = trimAtWord(line.text, limits.dialogueText);
            } else {
                return invalid(
                    u"a dialogue line must be {speaker, text}, not %1."_s.arg(typeName(item)));
            }
            if (line.text.isEmpty())
                continue;
            if (scene.dialogue.size() == limits.dialogueLines) {
                warnings.append(
                    u"Only the first %1 dialogue lines were kept."_s.arg(limits.dialogueLines));
                break;
            }
            scene.dialogue.append(line);
        }
    }

    return {};
}

// "characters": names (a list, objects with "name", or one comma-separated string), resolved
// against the character bible.
Status readCharacters(const json::Json& obj, const QList<Character>& bible,
                      const SceneLimits& limits, Scene& scene)
{
    QStringList& warnings = scene.warnings;
    if (const auto c = obj.find("characters"); c != obj.end() && !c->is_null()) {
        QStringList names;
        if (c->is_string()) {
            names = QString::fromStdString(c->get<std::string>()).split(u',', Qt::SkipEmptyParts);
        } else if (c->is_array()) {
            for (const json::Json& item : *c) {
                if (item.is_string())
                    names.append(QString::fromStdString(item.get<std::string>()));
                else if (item.is_object() && item.contains("name") && item["name"].is_string())
                    names.append(QString::fromStdString(item["name"].get<std::string>()));
                else
                    return invalid(
                        u"\"characters\" must list names, not %1."_s.arg(typeName(item)));
            }
        } else {
            return invalid(u"\"characters\" must be a list of names, not %1."_s.arg(typeName(*c)));
        }
        for (const QString& raw : std::as_const(names)) {
            const QString name = SceneParser::sanitize(raw);
            if (name.isEmpty())
                continue;
            if (name.size() > limits.shortField)
                return invalid(u"a character name is %1 characters long."_s.arg(name.size()));
            const QString resolved = SceneParser::resolveCharacter(name, bible);
            const QString kept = resolved.isEmpty() ? name : resolved;
            if (resolved.isEmpty() && !isNarrator(name))
                warnings.append(u"\"%1\" is not in the character bible."_s.arg(name));
            if (!scene.characters.contains(kept))
                scene.characters.append(kept);
            if (scene.characters.size() >= limits.characters)
                break;
        }
    }
    return {};
}

} // namespace

QString SceneParser::sanitize(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == u'\n' || c == u'\t' ||
            !(c.category() == QChar::Other_Control || c.category() == QChar::Other_Format))
            out.append(c);
    }
    return out.trimmed();
}

Result<json::Json> SceneParser::extractObject(const QString& answerIn)
{
    QString text = answerIn;
    if (text.trimmed().isEmpty())
        return invalid(u"the answer was empty."_s);
    if (text.size() > SceneLimits{}.answerChars)
        return invalid(
            u"the answer is %1 characters long, far more than one scene needs."_s.arg(text.size()));

    // Reasoning models: drop <think>…</think> (and a lone closing tag's preamble).
    static const QRegularExpression think(u"<(think|thinking|reasoning)>.*?</\\1>"_s,
                                          QRegularExpression::CaseInsensitiveOption |
                                              QRegularExpression::DotMatchesEverythingOption);
    text.remove(think);
    static const QRegularExpression closeThink(u"</(think|thinking|reasoning)>"_s,
                                               QRegularExpression::CaseInsensitiveOption);
    if (const auto m = closeThink.match(text); m.hasMatch()) {
        qsizetype last = m.capturedEnd();
        auto it = closeThink.globalMatch(text);
        while (it.hasNext())
            last = it.next().capturedEnd();
        text = text.mid(last);
    }
    static const QRegularExpression openThink(u"^\\s*<(think|thinking|reasoning)>"_s,
                                              QRegularExpression::CaseInsensitiveOption);
    if (openThink.match(text).hasMatch() && !text.contains(u'{'))
        return invalid(
            u"the answer is only reasoning, with no JSON after it (it may have hit the token limit)."_s);

    const QString trimmed = text.trimmed();
    static const QRegularExpression html(u"^<(!doctype|html|head|body)"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    if (html.match(trimmed).hasMatch()) {
        static const QRegularExpression title(u"<title[^>]*>([^<]*)</title>"_s,
                                              QRegularExpression::CaseInsensitiveOption);
        const auto t = title.match(trimmed);
        return invalid(u"the answer is a web page (%1), not JSON."_s.arg(
            t.hasMatch() && !t.captured(1).trimmed().isEmpty() ? t.captured(1).trimmed()
                                                               : u"no title"_s));
    }

    // Prefer a fenced block when there is one.
    static const QRegularExpression fence(u"```[a-zA-Z0-9_-]*\\s*\\n?(.*?)```"_s,
                                          QRegularExpression::DotMatchesEverythingOption);
    auto fences = fence.globalMatch(text);
    while (fences.hasNext()) {
        const QString inner = fences.next().captured(1);
        if (inner.contains(u'{')) {
            text = inner;
            break;
        }
    }
    if (!text.contains(u'{')) {
        // An unclosed fence: the model was cut off inside it.
        const qsizetype open = text.indexOf(u"```"_s);
        if (open >= 0)
            text = text.mid(open + 3);
    }

    const qsizetype first = text.indexOf(u'{');
    if (first < 0)
        return invalid(
            u"there is no JSON object in the answer (it starts: \"%1\")."_s.arg(preview(trimmed)));

    QString firstError;
    int tries = 0;
    for (qsizetype start = first; start >= 0 && tries < 50;
         start = text.indexOf(u'{', start + 1), ++tries) {
        const qsizetype end = matchingBrace(text, start);
        if (end < 0) {
            if (start == first && firstError.isEmpty())
                firstError = u"the JSON is cut off: an object starts but never ends (the answer "
                             u"may have hit the "
                             u"token limit)."_s;
            continue;
        }
        QString parseError;
        json::Json doc = json::parse(text.mid(start, end - start).toUtf8(), &parseError);
        if (doc.is_object())
            return doc;
        if (firstError.isEmpty())
            firstError = u"the JSON is not valid (%1)."_s.arg(parseError);
    }
    return invalid(firstError.isEmpty() ? u"no valid JSON object in the answer."_s : firstError);
}

QString SceneParser::resolveCharacter(const QString& nameIn, const QList<Character>& bible)
{
    QString name = nameIn.trimmed();
    static const QRegularExpression paren(u"\\s*\\(.*\\)\\s*$"_s);
    name.remove(paren);
    while (!name.isEmpty() && (name.endsWith(u'.') || name.endsWith(u',') || name.endsWith(u':')))
        name.chop(1);
    if (name.isEmpty())
        return {};
    for (const Character& c : bible) {
        if (c.name.compare(name, Qt::CaseInsensitive) == 0)
            return c.name;
    }
    // "Mai" for "Mai Tran", or "Captain Mai Tran" for "Mai Tran".
    for (const Character& c : bible) {
        const QString first = c.name.section(u' ', 0, 0);
        if (first.size() >= 3 && first.compare(name, Qt::CaseInsensitive) == 0)
            return c.name;
        if (name.size() > c.name.size() && name.endsWith(c.name, Qt::CaseInsensitive))
            return c.name;
    }
    return {};
}

Result<Scene> SceneParser::parseScene(const QString& answer, int number,
                                      const QList<Character>& bible, const SceneLimits& limits)
{
    Result<json::Json> extracted = extractObject(answer);
    if (!extracted)
        return extracted.error();
    json::Json obj = std::move(extracted).value();
    // {"scene": {...}} and [{...}] wrappers
    if (!obj.contains("visual_prompt")) {
        for (const char* wrapper : {"scene", "Scene", "result", "data"}) {
            if (obj.contains(wrapper) && obj[wrapper].is_object()) {
                json::Json inner = obj[wrapper];
                obj = std::move(inner);
                break;
            }
        }
    }

    Scene scene;
    scene.number = number;
    QString error;
    QStringList& warnings = scene.warnings;
    const int reject = limits.rejectFactor;
    if (!readText(obj, "visual_prompt", limits.visualPrompt, reject, true, &scene.visualPrompt,
                  &warnings, &error) ||
        !readText(obj, "narration", limits.narration, reject, false, &scene.narration, &warnings,
                  &error) ||
        !readText(obj, "beat", limits.shortField, reject, false, &scene.beat, &warnings, &error) ||
        !readText(obj, "camera", limits.shortField, reject, false, &scene.camera, &warnings,
                  &error) ||
        !readText(obj, "location", limits.shortField, reject, false, &scene.location, &warnings,
                  &error) ||
        !readText(obj, "time_of_day", limits.shortField, reject, false, &scene.timeOfDay, &warnings,
                  &error) ||
        !readText(obj, "mood", limits.shortField, reject, false, &scene.mood, &warnings, &error))
        return invalid(error);

    if (const auto num = obj.find("number"); num != obj.end() && !num->is_null()) {
        if (!num->is_number_integer() && !num->is_string())
            return invalid(u"\"number\" must be the scene number, not %1."_s.arg(typeName(*num)));
        const int said = num->is_number_integer()
                             ? num->get<int>()
                             : QString::fromStdString(num->get<std::string>()).toInt();
        if (said != number)
            warnings.append(
                u"The answer was numbered %1; it is kept as scene %2."_s.arg(said).arg(number));
    }

    if (Status read = readDialogue(obj, limits, scene); !read)
        return read.error();
    if (Status read = readCharacters(obj, bible, limits, scene); !read)
        return read.error();
    for (const DialogueLine& line : std::as_const(scene.dialogue)) {
        if (!line.speaker.isEmpty() && !isNarrator(line.speaker) &&
            resolveCharacter(line.speaker, bible).isEmpty() &&
            !warnings.contains(u"\"%1\" is not in the character bible."_s.arg(line.speaker)))
            warnings.append(
                u"The speaker \"%1\" is not in the character bible."_s.arg(line.speaker));
    }
    if (scene.narration.isEmpty() && scene.dialogue.isEmpty())
        return invalid(u"the scene has neither narration nor dialogue."_s);
    scene.status = SceneStatus::Written;
    return scene;
}

Result<ParsedPlan> SceneParser::parsePlan(const QString& answer, int firstBeat, int lastBeat,
                                          bool withStory, const SceneLimits& limits)
{
    Result<json::Json> extracted = extractObject(answer);
    if (!extracted)
        return extracted.error();
    const json::Json& obj = extracted.value();
    ParsedPlan plan;
    QString error;
    const int reject = limits.rejectFactor;
    if (withStory) {
        if (!readText(obj, "title", limits.shortField, reject, true, &plan.title, &plan.warnings,
                      &error) ||
            !readText(obj, "logline", limits.narration, reject, false, &plan.logline,
                      &plan.warnings, &error) ||
            !readText(obj, "style_guide", limits.narration, reject, false, &plan.styleGuide,
                      &plan.warnings, &error))
            return invalid(error);
        if (const auto c = obj.find("characters"); c != obj.end() && !c->is_null()) {
            if (!c->is_array())
                return invalid(u"\"characters\" must be a list, not %1."_s.arg(typeName(*c)));
            for (const json::Json& item : *c) {
                if (!item.is_object())
                    return invalid(
                        u"each character must be {name, role, appearance, voice}, not %1."_s.arg(
                            typeName(item)));
                Character ch;
                if (!readText(item, "name", limits.shortField, reject, true, &ch.name,
                              &plan.warnings, &error) ||
                    !readText(item, "role", limits.shortField, reject, false, &ch.role,
                              &plan.warnings, &error) ||
                    !readText(item, "appearance", limits.narration, reject, false, &ch.appearance,
                              &plan.warnings, &error) ||
                    !readText(item, "voice", limits.shortField, reject, false, &ch.voice,
                              &plan.warnings, &error))
                    return invalid(u"a character is unusable: "_s + error);
                const bool duplicate = std::any_of(
                    plan.characters.cbegin(), plan.characters.cend(), [&](const Character& o) {
                        return o.name.compare(ch.name, Qt::CaseInsensitive) == 0;
                    });
                if (duplicate) {
                    plan.warnings.append(u"The character \"%1\" was listed twice."_s.arg(ch.name));
                    continue;
                }
                if (ch.appearance.isEmpty())
                    plan.warnings.append(
                        u"\"%1\" has no fixed appearance; shots may not match."_s.arg(ch.name));
                if (plan.characters.size() == 12) {
                    plan.warnings.append(u"Only the first 12 characters were kept."_s);
                    break;
                }
                plan.characters.append(ch);
            }
        }
    }
    const int wanted = lastBeat - firstBeat + 1;
    const auto outline = obj.find("outline");
    if (outline == obj.end() || !outline->is_array())
        return invalid(u"\"outline\" must be a list of %1 beats."_s.arg(wanted));
    for (const json::Json& item : *outline) {
        QString beat;
        if (item.is_string()) {
            beat = sanitize(QString::fromStdString(item.get<std::string>()));
        } else if (item.is_object()) {
            if (!readText(item, "beat", limits.narration, reject, true, &beat, &plan.warnings,
                          &error))
                return invalid(u"an outline beat is unusable: "_s + error);
        } else {
            return invalid(
                u"outline beats must be text or {scene, beat}, not %1."_s.arg(typeName(item)));
        }
        if (!beat.isEmpty())
            plan.beats.append(trimAtWord(beat, limits.narration));
    }
    if (plan.beats.size() < wanted)
        return invalid(
            u"the outline has %1 beats; %2 are needed (scenes %3 to %4)."_s.arg(plan.beats.size())
                .arg(wanted)
                .arg(firstBeat)
                .arg(lastBeat));
    if (plan.beats.size() > wanted) {
        plan.warnings.append(
            u"The outline had %1 beats; the first %2 were kept."_s.arg(plan.beats.size())
                .arg(wanted));
        plan.beats = plan.beats.mid(0, wanted);
    }
    return plan;
}

} // namespace t2v

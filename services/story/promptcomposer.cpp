#include "promptcomposer.h"

#include "story/sceneparser.h"

using namespace Qt::StringLiterals;

namespace t2v {

QString PromptComposer::trimToWordBoundary(const QString& text, int limit)
{
    if (limit <= 0 || text.size() <= limit)
        return text;
    QString cut = text.left(limit);
    const qsizetype space = cut.lastIndexOf(u' ');
    if (space > 0)
        cut.truncate(space);
    while (!cut.isEmpty() &&
           (cut.endsWith(u',') || cut.endsWith(u';') || cut.endsWith(u':') || cut.endsWith(u' ')))
        cut.chop(1);
    return cut;
}

ComposedPrompt PromptComposer::compose(const Scene& scene, const Script& script,
                                       const StylePreset& style, int limit, bool separateNegative)
{
    QStringList parts;
    QString visual = scene.visualPrompt.trimmed();
    if (!visual.isEmpty() && !visual.endsWith(u'.'))
        visual += u'.';
    parts.append(visual);

    QStringList people;
    for (const QString& name : scene.characters) {
        const QString resolved = SceneParser::resolveCharacter(name, script.characters);
        const Character* c = resolved.isEmpty() ? nullptr : script.findCharacter(resolved);
        if (c && !c->appearance.trimmed().isEmpty())
            people.append(c->name + u": "_s + c->appearance.trimmed());
    }
    if (!people.isEmpty())
        parts.append(u"Characters: "_s + people.join(u"; "_s) + u"."_s);
    if (!style.tags.isEmpty())
        parts.append(u"Style: "_s + style.tags + u"."_s);

    ComposedPrompt out;
    out.negative = style.negative;
    if (!separateNegative && !style.negative.isEmpty())
        parts.append(u"Avoid: "_s + style.negative + u"."_s);
    const QString full = parts.join(u' ');
    out.prompt = trimToWordBoundary(full, limit);
    out.trimmed = out.prompt.size() < full.size();
    return out;
}

} // namespace t2v

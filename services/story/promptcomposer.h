#pragma once

// Composes the text a video model receives for one scene: the scene's visual prompt, then the
// bible descriptions of the characters in it (so they look the same in every shot), then the
// style's visual tags; the style's negatives go separately or, for models without a negative
// prompt, after "Avoid:". Trimmed to the provider's limit at a word boundary.

#include "core/script.h"
#include "story/stylepresets.h"

#include <QString>

namespace t2v {

struct ComposedPrompt
{
    QString prompt;
    QString negative;
    bool trimmed = false;
};

class PromptComposer
{
public:
    static ComposedPrompt compose(const Scene& scene, const Script& script,
                                  const StylePreset& style, int limit, bool separateNegative);
    static QString trimToWordBoundary(const QString& text, int limit);
};

} // namespace t2v

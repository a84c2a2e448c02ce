#pragma once

// The machine-readable context block that every script request carries between kContextBegin
// and kContextEnd: an LLM reads it like the rest of the prompt, and the offline writer (and
// the test server) parse it back, so all of them answer the same request. Story writes it,
// llm reads it: it lives here, below both.

#include "core/json.h"
#include "llm/llmprovider.h"

#include <QString>

namespace t2v {

inline constexpr auto kContextBegin = "<<<T2V_CONTEXT";
inline constexpr auto kContextEnd = "T2V_CONTEXT>>>";

// The block for `context`, to put in a user message.
QString promptContextBlock(const json::Json& context);

// Returns the context block of the last message that has one, or a discarded value.
json::Json extractPromptContext(const LlmRequest& request);
json::Json extractPromptContext(const QString& text);

// Where scene `number` of `count` stands in the story: "opening", "setup", "rising action",
// "midpoint", "complications", "climax", "resolution".
QString storyPosition(int number, int count);

} // namespace t2v

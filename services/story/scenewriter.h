#pragma once

// The blocking work of a script run, for pool threads: one plan (or outline chunk) and one
// scene, each with its retries. Values in, values out; no service state is touched.
// Retried: network errors, timeouts, 408/409/429/5xx (waiting at least the server's
// Retry-After), and unusable answers, where the retry tells the model what was wrong.
// Not retried: a rejected key, a used-up quota, a server asking to wait too long.

#include "core/canceltoken.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/scene.h"
#include "llm/llmprovider.h"
#include "net/retrypolicy.h"
#include "story/sceneparser.h"

#include <optional>

namespace t2v {

struct PlanTask
{
    LlmRequest request;
    int firstBeat = 1;
    int lastBeat = 1;
    bool withStory = true;
    int retries = 2;
    RetryPolicy policy;
};

struct PlanOutcome
{
    PlanTask task;
    std::optional<ParsedPlan> plan;
    Error error;
    int attempts = 0;
};

struct SceneTask
{
    int number = 0;
    LlmRequest request;
    QList<Character> bible;
    int retries = 2;
    RetryPolicy policy;
};

struct SceneOutcome
{
    int number = 0;
    std::optional<Scene> scene;
    Error error;
    int attempts = 0;
};

PlanOutcome writePlan(LlmProvider& provider, const PlanTask& task, Clock& clock,
                      const CancelToken& cancel);
SceneOutcome writeScene(LlmProvider& provider, const SceneTask& task, Clock& clock,
                        const CancelToken& cancel);

} // namespace t2v

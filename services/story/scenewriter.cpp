#include "scenewriter.h"

#include "core/logging.h"
#include "story/promptbuilder.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

bool isUnusableAnswer(const Error& e)
{
    return e.kind == ErrorKind::BadResponse &&
           (e.code == llmerror::Truncated || e.code == llmerror::Empty ||
            e.code == llmerror::Refused || e.code == llmerror::Blocked || e.code == u"malformed"_s);
}

QString feedbackFor(const Error& e)
{
    if (e.code == llmerror::Truncated)
        return u"it was cut off before the end. Be more concise."_s;
    if (e.code == llmerror::Refused || e.code == llmerror::Blocked)
        return u"it was refused or filtered. Keep the scene suitable for a general audience."_s;
    if (e.code == llmerror::Empty)
        return u"it was empty."_s;
    return e.message;
}

QString what(int number)
{
    return number == 0 ? u"plan"_s : u"scene %1"_s.arg(number);
}

// The shared loop: ask, and on failure either wait and ask again, or tell the model what was
// wrong and ask again, until the answer parses or the retries run out.
template <typename Parsed, typename Parse>
std::optional<Parsed> attempt(LlmProvider& provider, LlmRequest request, int number, int retries,
                              const RetryPolicy& policy, Clock& clock, const CancelToken& cancel,
                              Parse&& parse, Error* error, int* attempts)
{
    for (int tryIndex = 0; tryIndex <= retries; ++tryIndex) {
        *attempts = tryIndex + 1;
        if (cancel.isCancelled()) {
            *error = Error::make(ErrorKind::Cancelled, u"Stopped."_s);
            return std::nullopt;
        }
        Result<LlmReply> reply = provider.complete(request, cancel);
        Error problem;
        if (reply.ok()) {
            Result<Parsed> parsed = parse(reply->text);
            if (parsed.ok())
                return std::move(parsed).value();
            problem = parsed.error();
            // Show the model its own answer and what was wrong with it.
            request.messages.append({LlmMessage::Role::Assistant, reply->text.left(4000)});
            request.messages.append(
                {LlmMessage::Role::User, retryFeedback(number, problem.message)});
        } else {
            problem = reply.error();
            if (problem.isCancelled()) {
                *error = problem;
                return std::nullopt;
            }
            if (isUnusableAnswer(problem)) {
                request.messages.append(
                    {LlmMessage::Role::User, retryFeedback(number, feedbackFor(problem))});
            } else {
                const auto delay = policy.delayBeforeRetry(
                    problem, tryIndex + 1, QRandomGenerator::global()->generateDouble());
                if (!delay || tryIndex == retries) {
                    *error = problem;
                    return std::nullopt;
                }
                qCInfo(lcStory).noquote()
                    << u"%1: %2; retrying in %3 ms"_s.arg(what(number), problem.message)
                           .arg(delay->count());
                if (!clock.sleepFor(*delay, cancel)) {
                    *error = Error::make(ErrorKind::Cancelled, u"Stopped."_s);
                    return std::nullopt;
                }
                continue;
            }
        }
        *error = problem;
        qCInfo(lcStory).noquote() << u"%1: unusable answer (%2)"_s.arg(what(number),
                                                                       problem.message);
    }
    return std::nullopt;
}

} // namespace

PlanOutcome writePlan(LlmProvider& provider, const PlanTask& task, Clock& clock,
                      const CancelToken& cancel)
{
    PlanOutcome out;
    out.task = task;
    out.plan = attempt<ParsedPlan>(
        provider, task.request, 0, task.retries, task.policy, clock, cancel,
        [&](const QString& text) {
            return SceneParser::parsePlan(text, task.firstBeat, task.lastBeat, task.withStory);
        },
        &out.error, &out.attempts);
    if (!out.plan && !out.error.isCancelled())
        out.error.message =
            u"The plan could not be written after %1 attempt(s): %2"_s.arg(out.attempts)
                .arg(out.error.message);
    return out;
}

SceneOutcome writeScene(LlmProvider& provider, const SceneTask& task, Clock& clock,
                        const CancelToken& cancel)
{
    SceneOutcome out;
    out.number = task.number;
    out.scene = attempt<Scene>(
        provider, task.request, task.number, task.retries, task.policy, clock, cancel,
        [&](const QString& text) { return SceneParser::parseScene(text, task.number, task.bible); },
        &out.error, &out.attempts);
    if (!out.scene && !out.error.isCancelled())
        out.error.message =
            u"Scene %1 could not be written after %2 attempt(s): %3"_s.arg(task.number)
                .arg(out.attempts)
                .arg(out.error.message);
    return out;
}

} // namespace t2v

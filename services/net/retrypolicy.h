#pragma once

// When and how long to wait before trying a request again. Mirrors the official SDKs:
// 408/409/429/5xx and connection errors are retried with exponential backoff and jitter; a
// server's requested delay is a lower bound; used-up quotas ("not today") are never retried.

#include "core/canceltoken.h"
#include "core/clock.h"
#include "core/error.h"

#include <QRandomGenerator>

#include <chrono>
#include <functional>
#include <optional>

namespace t2v {

struct RetryPolicy
{
    int maxRetries = 2;
    std::chrono::milliseconds initialBackoff{500};
    std::chrono::milliseconds maxBackoff{8000};
    double jitter = 0.25; // a backoff is shortened by up to this fraction
    // A server asking for a longer wait than this is not retried automatically.
    std::chrono::milliseconds maxServerDelay{120000};

    static bool isRetryable(const Error& error);
    // Only errors after which a job-creating request provably did not create anything:
    // the request never reached the server, or it answered 429 or 503.
    static bool provesNothingCreated(const Error& error);

    // The wait before retry number `retry` (1 = first retry), or nullopt when `error` must not
    // be retried. `random01` is in [0, 1) and drives the jitter.
    std::optional<std::chrono::milliseconds> delayBeforeRetry(const Error& error, int retry,
                                                              double random01) const;
};

// Calls `attempt` until it succeeds, fails for good, is cancelled or the retries run out.
// `onRetry(error, retry, delay)` is told before each wait.
template <typename T, typename Attempt>
Result<T>
runWithRetry(const RetryPolicy& policy, Clock& clock, const CancelToken& cancel, Attempt&& attempt,
             const std::function<void(const Error&, int, std::chrono::milliseconds)>& onRetry = {})
{
    for (int retry = 0;; ++retry) {
        Result<T> r = attempt();
        if (r.ok() || cancel.isCancelled())
            return r;
        if (retry >= policy.maxRetries)
            return r;
        const auto delay = policy.delayBeforeRetry(r.error(), retry + 1,
                                                   QRandomGenerator::global()->generateDouble());
        if (!delay)
            return r;
        if (onRetry)
            onRetry(r.error(), retry + 1, *delay);
        if (!clock.sleepFor(*delay, cancel))
            return Error::make(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
    }
}

} // namespace t2v

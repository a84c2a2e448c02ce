#include "retrypolicy.h"

#include <algorithm>
#include <cmath>

namespace t2v {

bool RetryPolicy::isRetryable(const Error& error)
{
    if (error.quotaExhausted)
        return false;
    switch (error.kind) {
    case ErrorKind::Network:
    case ErrorKind::Timeout:
        return true;
    case ErrorKind::Http:
        return error.httpStatus == 408 || error.httpStatus == 409 || error.httpStatus == 429 ||
               error.httpStatus >= 500;
    default:
        return false;
    }
}

bool RetryPolicy::provesNothingCreated(const Error& error)
{
    if (error.quotaExhausted)
        return false;
    if (!error.requestSent)
        return true;
    return error.kind == ErrorKind::Http && (error.httpStatus == 429 || error.httpStatus == 503);
}

std::optional<std::chrono::milliseconds>
RetryPolicy::delayBeforeRetry(const Error& error, int retry, double random01) const
{
    using std::chrono::milliseconds;
    if (retry < 1 || retry > maxRetries || !isRetryable(error))
        return std::nullopt;
    if (error.retryAfter) {
        if (*error.retryAfter > maxServerDelay)
            return std::nullopt;
        // The server's delay is a floor; a little spread keeps clients from returning together.
        const auto spread =
            milliseconds(qint64(double(error.retryAfter->count()) * 0.1 * random01));
        return *error.retryAfter + spread;
    }
    const double exp = double(initialBackoff.count()) * std::pow(2.0, retry - 1);
    const double capped = std::min(exp, double(maxBackoff.count()));
    const double jittered = capped * (1.0 - jitter * std::clamp(random01, 0.0, 1.0));
    return milliseconds(qint64(std::max(1.0, jittered)));
}

} // namespace t2v

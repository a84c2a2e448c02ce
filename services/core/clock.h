#pragma once

// Time as the services see it. Retry backoff, rate limits and poll intervals read this clock,
// so tests can substitute a fake one and check delays without waiting for them.

#include <QDateTime>

#include <chrono>

namespace t2v {

class CancelToken;

class Clock
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
    virtual QDateTime currentDateTimeUtc() const = 0;
    // Waits for `duration` unless `cancel` is set first; returns false when cancelled.
    virtual bool sleepFor(std::chrono::milliseconds duration, const CancelToken& cancel) = 0;

    static Clock& system();
};

} // namespace t2v

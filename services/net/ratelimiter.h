#pragma once

// Sliding-window request budget per key (an account id): at most N requests in any window
// (one minute by default). Thread-safe; reads time from an injectable Clock.

#include "core/clock.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <chrono>
#include <deque>

namespace t2v {

class RateLimiter
{
public:
    explicit RateLimiter(Clock& clock = Clock::system(),
                         std::chrono::milliseconds window = std::chrono::minutes(1));

    // Takes one request from the budget when there is room; returns false otherwise.
    bool tryAcquire(const QString& key, int perWindow);
    // How long until tryAcquire() can succeed; zero when it can now.
    std::chrono::milliseconds timeUntilAvailable(const QString& key, int perWindow) const;
    int used(const QString& key) const;
    void reset(const QString& key);

private:
    void prune(std::deque<Clock::TimePoint>& stamps, Clock::TimePoint now) const;

    Clock& m_clock;
    std::chrono::milliseconds m_window;
    mutable QMutex m_mutex;
    mutable QHash<QString, std::deque<Clock::TimePoint>> m_stamps;
};

} // namespace t2v

#include "ratelimiter.h"

namespace t2v {

RateLimiter::RateLimiter(Clock& clock, std::chrono::milliseconds window)
    : m_clock(clock)
    , m_window(window)
{}

void RateLimiter::prune(std::deque<Clock::TimePoint>& stamps, Clock::TimePoint now) const
{
    while (!stamps.empty() && now - stamps.front() >= m_window)
        stamps.pop_front();
}

bool RateLimiter::tryAcquire(const QString& key, int perWindow)
{
    if (perWindow <= 0)
        return false;
    QMutexLocker lock(&m_mutex);
    const auto now = m_clock.now();
    auto& stamps = m_stamps[key];
    prune(stamps, now);
    if (int(stamps.size()) >= perWindow)
        return false;
    stamps.push_back(now);
    return true;
}

std::chrono::milliseconds RateLimiter::timeUntilAvailable(const QString& key, int perWindow) const
{
    using std::chrono::milliseconds;
    QMutexLocker lock(&m_mutex);
    const auto now = m_clock.now();
    auto& stamps = m_stamps[key];
    prune(stamps, now);
    if (perWindow <= 0)
        return m_window;
    if (int(stamps.size()) < perWindow)
        return milliseconds(0);
    // The oldest request that must leave the window before one more fits.
    const auto oldest = stamps[stamps.size() - std::size_t(perWindow)];
    const auto wait = std::chrono::ceil<milliseconds>(oldest + m_window - now);
    return std::max(wait, milliseconds(1));
}

int RateLimiter::used(const QString& key) const
{
    QMutexLocker lock(&m_mutex);
    auto& stamps = m_stamps[key];
    prune(stamps, m_clock.now());
    return int(stamps.size());
}

void RateLimiter::reset(const QString& key)
{
    QMutexLocker lock(&m_mutex);
    m_stamps.remove(key);
}

} // namespace t2v

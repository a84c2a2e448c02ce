#pragma once

// A Clock whose time moves only when told to, or when someone sleeps on it: sleeping returns
// at once and records the requested delay, so backoff and rate limits are checked exactly.

#include "core/canceltoken.h"
#include "core/clock.h"

#include <QList>
#include <QMutex>

#include <chrono>

namespace t2v::test {

class FakeClock final : public Clock
{
public:
    FakeClock()
        : m_now(std::chrono::steady_clock::time_point(std::chrono::hours(1)))
        , m_wall(QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC))
    {}

    TimePoint now() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_now;
    }
    QDateTime currentDateTimeUtc() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_wall;
    }
    bool sleepFor(std::chrono::milliseconds duration, const CancelToken& cancel) override
    {
        if (cancel.isCancelled())
            return false;
        QMutexLocker lock(&m_mutex);
        m_sleeps.append(duration);
        m_now += duration;
        m_wall = m_wall.addMSecs(duration.count());
        return true;
    }

    void advance(std::chrono::milliseconds duration)
    {
        QMutexLocker lock(&m_mutex);
        m_now += duration;
        m_wall = m_wall.addMSecs(duration.count());
    }
    QList<std::chrono::milliseconds> sleeps() const
    {
        QMutexLocker lock(&m_mutex);
        return m_sleeps;
    }

private:
    mutable QMutex m_mutex;
    TimePoint m_now;
    QDateTime m_wall;
    QList<std::chrono::milliseconds> m_sleeps;
};

} // namespace t2v::test

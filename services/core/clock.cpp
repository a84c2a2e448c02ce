#include "clock.h"

#include "canceltoken.h"

#include <algorithm>
#include <thread>

namespace t2v {
namespace {

class SystemClock final : public Clock
{
public:
    TimePoint now() const override { return std::chrono::steady_clock::now(); }
    QDateTime currentDateTimeUtc() const override { return QDateTime::currentDateTimeUtc(); }
    bool sleepFor(std::chrono::milliseconds duration, const CancelToken& cancel) override
    {
        using namespace std::chrono_literals;
        const auto deadline = now() + duration;
        while (!cancel.isCancelled()) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now());
            if (left <= 0ms)
                return true;
            std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(left, 20ms));
        }
        return false;
    }
};

} // namespace

Clock& Clock::system()
{
    static SystemClock clock;
    return clock;
}

} // namespace t2v

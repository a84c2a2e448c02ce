#pragma once

// A shared flag that stops blocking work on pool threads: libcurl's progress callback, the
// FFmpeg runner and retry sleeps check it. Copies share the same flag.

#include <atomic>
#include <memory>

namespace t2v {

class CancelToken
{
public:
    CancelToken()
        : m_flag(std::make_shared<std::atomic_bool>(false))
    {}

    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

} // namespace t2v

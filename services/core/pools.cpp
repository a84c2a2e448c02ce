#include "pools.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

// A pool is made once and never destroyed, and its threads never expire. A thread that ends
// runs the thread-exit hooks of the libraries it used: OpenSSL (under libcurl) frees its
// per-thread state then. When that happened while the process was exiting, OpenSSL's own exit
// handler freed the same state on the main thread and the exit crashed (a core dump of
// `t2v script` showed both stacks). Idle threads cost nothing; the process ends them.
//
// When the application object goes away, queued tasks are dropped and the running ones are
// waited for (while everything they use still exists), without ending the threads.
QThreadPool& makePool(const QString& name, int size)
{
    auto* pool = new QThreadPool;
    pool->setObjectName(name);
    pool->setMaxThreadCount(size);
    pool->setExpiryTimeout(-1);
    return *pool;
}

template <QThreadPool& (*pool)()>
void drainAtExit()
{
    qAddPostRoutine([] {
        pool().clear();
        while (pool().activeThreadCount() > 0)
            QThread::msleep(1);
    });
}

} // namespace

#define T2V_POOL(function, name, size)                                                             \
    QThreadPool& Pools::function()                                                                 \
    {                                                                                              \
        static QThreadPool* pool = [] {                                                            \
            QThreadPool* made = &makePool(QStringLiteral(name), size);                             \
            drainAtExit<&Pools::function>();                                                       \
            return made;                                                                           \
        }();                                                                                       \
        return *pool;                                                                              \
    }

T2V_POOL(llm, "llm", 5)
T2V_POOL(jobs, "jobs", 2)
T2V_POOL(download, "download", 5)
T2V_POOL(media, "media", 2)
T2V_POOL(render, "render", 1)
T2V_POOL(control, "control", 2)

#undef T2V_POOL

} // namespace t2v

#include "pools.h"

#include <QCoreApplication>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

// Tasks still queued when the application object goes away are dropped, and the ones running
// are waited for, while everything they use still exists. Left to the pools' static destructors,
// a task could outlive the statics it touches (a regular expression, a logging category) and
// hang or crash the exit.
template <QThreadPool& (*pool)()>
void drainAtExit()
{
    qAddPostRoutine([] {
        pool().clear();
        pool().waitForDone();
    });
}

QThreadPool& makePool(QThreadPool& pool, const QString& name, int size, void (*drain)())
{
    pool.setObjectName(name);
    pool.setMaxThreadCount(size);
    drain();
    return pool;
}

} // namespace

#define T2V_POOL(function, name, size)                                                             \
    QThreadPool& Pools::function()                                                                 \
    {                                                                                              \
        static QThreadPool pool;                                                                   \
        static QThreadPool& named =                                                                \
            makePool(pool, QStringLiteral(name), size, &drainAtExit<&Pools::function>);            \
        return named;                                                                              \
    }

T2V_POOL(llm, "llm", 5)
T2V_POOL(jobs, "jobs", 2)
T2V_POOL(download, "download", 5)
T2V_POOL(media, "media", 2)
T2V_POOL(render, "render", 1)
T2V_POOL(control, "control", 2)

#undef T2V_POOL

} // namespace t2v

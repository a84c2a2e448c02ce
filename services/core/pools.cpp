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

QThreadPool& Pools::llm()
{
    static QThreadPool pool;
    static QThreadPool& named = makePool(pool, u"llm"_s, 5, &drainAtExit<&Pools::llm>);
    return named;
}

QThreadPool& Pools::poll()
{
    static QThreadPool pool;
    static QThreadPool& named = makePool(pool, u"poll"_s, 2, &drainAtExit<&Pools::poll>);
    return named;
}

QThreadPool& Pools::download()
{
    static QThreadPool pool;
    static QThreadPool& named = makePool(pool, u"download"_s, 5, &drainAtExit<&Pools::download>);
    return named;
}

QThreadPool& Pools::media()
{
    static QThreadPool pool;
    static QThreadPool& named = makePool(pool, u"media"_s, 2, &drainAtExit<&Pools::media>);
    return named;
}

} // namespace t2v

#include "pools.h"

#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

QThreadPool& makePool(QThreadPool& pool, const QString& name, int size)
{
    pool.setObjectName(name);
    pool.setMaxThreadCount(size);
    return pool;
}

} // namespace

QThreadPool& Pools::llm()
{
    static QThreadPool pool;
    static QThreadPool& named = makePool(pool, u"llm"_s, 5);
    return named;
}

QThreadPool& Pools::poll()
{
    static QThreadPool pool;
    static QThreadPool& named = makePool(pool, u"poll"_s, 2);
    return named;
}

QThreadPool& Pools::download()
{
    static QThreadPool pool;
    static QThreadPool& named = makePool(pool, u"download"_s, 5);
    return named;
}

QThreadPool& Pools::media()
{
    static QThreadPool pool;
    static QThreadPool& named = makePool(pool, u"media"_s, 2);
    return named;
}

} // namespace t2v

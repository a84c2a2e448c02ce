#pragma once

// Runs blocking work on a pool thread and hands its result to a QObject on that object's
// thread. If the receiver is destroyed first, the result is dropped: the watcher is the
// receiver's child and goes with it. (Qt 6.4's QFuture::then(context, ...) asserts instead.)

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent>

#include <type_traits>
#include <utility>

namespace t2v {

template <typename Work, typename Done>
void runInPool(QThreadPool* pool, QObject* receiver, Work&& work, Done&& done)
{
    using Result = std::invoke_result_t<std::decay_t<Work>>;
    auto* watcher = new QFutureWatcher<Result>(receiver);
    QObject::connect(watcher, &QFutureWatcherBase::finished, receiver,
                     [watcher, done = std::forward<Done>(done)]() mutable {
                         watcher->deleteLater();
                         if (!watcher->isCanceled())
                             done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(pool, std::forward<Work>(work)));
}

} // namespace t2v

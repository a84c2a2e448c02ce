// t2v-bench: measurements anyone can rerun. Each bench prints one JSON object on stdout.
//   t2v-bench http --size-mb 512
//   t2v-bench script --scenes 75 --batch-size 5 --latency-ms 200 [--jitter 0.5]
//   t2v-bench download --videos 20 --size-mb 20 --cap-mbps 8 --parallel 5
//   t2v-bench ui --scenes 75

#include "benchcommon.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// With T2V_BENCH_DEBUG set, names every event the GUI thread took more than 15 ms to handle,
// so that a stall seen by `t2v-bench ui` can be traced to its cause.
QHash<QByteArray, std::pair<double, int>> g_eventLog;

class TimingApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!m_debug)
            return QApplication::notify(receiver, event);
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        QElapsedTimer t;
        t.start();
        const int type = event->type();
        QByteArray name = QByteArray::number(type) + ' ' + receiver->metaObject()->className() +
                          '/' + receiver->objectName().toUtf8();
        for (QObject* p = receiver->parent(); p; p = p->parent())
            name += QByteArray(" < ") + p->metaObject()->className();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (ms > 15)
            std::fprintf(stderr, "slow event: %.1f ms, %s\n", ms, name.constData());
        if (m_depth == 0) {
            auto& [total, count] = g_eventLog[name];
            total += ms;
            ++count;
        }
        return result;
    }

private:
    const bool m_debug = qEnvironmentVariableIsSet("T2V_BENCH_DEBUG");
    int m_depth = 0;
};

} // namespace

namespace t2v::bench {

void takeEventLog(bool print)
{
    if (print) {
        QList<std::pair<double, QByteArray>> rows;
        for (auto it = g_eventLog.cbegin(); it != g_eventLog.cend(); ++it)
            rows.append({it->first, it.key() + " x" + QByteArray::number(it->second)});
        std::sort(rows.begin(), rows.end(), std::greater<>());
        for (qsizetype i = 0; i < std::min<qsizetype>(rows.size(), 6); ++i)
            std::fprintf(stderr, "    %.1f ms  %s\n", rows[i].first, rows[i].second.constData());
    }
    g_eventLog.clear();
}

} // namespace t2v::bench

int main(int argc, char* argv[])
{
    // The ui bench drives the real window: offscreen unless told otherwise.
    const bool ui = argc > 1 && qstrcmp(argv[1], "ui") == 0;
    if (ui && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app = ui ? std::make_unique<TimingApplication>(argc, argv)
                                               : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(u"t2v-bench"_s);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    const QString which = args.isEmpty() ? QString() : args.takeFirst();
    if (which == u"ui"_s)
        return t2v::bench::runUi(args);
    if (which == u"http"_s)
        return t2v::bench::runHttp(args);
    if (which == u"script"_s)
        return t2v::bench::runScript(args);
    if (which == u"download"_s)
        return t2v::bench::runDownload(args);
    QTextStream(stderr)
        << "usage: t2v-bench http [--size-mb N]\n"
           "       t2v-bench script [--scenes 75] [--batch-size 5] [--latency-ms "
           "200] [--jitter SIGMA] [--runs N]\n"
           "       t2v-bench download [--videos 20] [--size-mb 20] [--cap-mbps 8] [--parallel 5]\n"
           "       t2v-bench ui [--scenes 75] [--latency-ms 150] [--render-ms 1500] [--clip-kb "
           "1024] "
           "[--parallel 5]\n";
    return 2;
}

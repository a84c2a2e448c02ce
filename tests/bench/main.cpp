// t2v-bench: measurements anyone can rerun. Each bench prints one JSON object on stdout.
//   t2v-bench http --size-mb 512
//   t2v-bench script --scenes 75 --batch-size 5 --latency-ms 200 [--jitter 0.5]

#include "benchcommon.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"t2v-bench"_s);
    QStringList args = app.arguments();
    args.removeFirst();
    const QString which = args.isEmpty() ? QString() : args.takeFirst();
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
           "       t2v-bench download [--videos 20] [--size-mb 20] [--cap-mbps 8] [--parallel 5]\n";
    return 2;
}

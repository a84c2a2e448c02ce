// t2v-bench http: one large download from the fake server over loopback through HttpClient.
// Shows that downloads stream to disk: peak memory stays flat whatever the size.

#include "benchcommon.h"
#include "fakeapiserver.h"
#include "net/httpclient.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace t2v::bench {

int runHttp(const QStringList& args)
{
    QCommandLineParser parser;
    QCommandLineOption sizeOption(u"size-mb"_s, u"Size of the download in MB."_s, u"mb"_s,
                                  u"512"_s);
    parser.addOption(sizeOption);
    if (!parser.parse(QStringList{u"t2v-bench http"_s} + args)) {
        QTextStream(stderr) << parser.errorText() << "\n";
        return 2;
    }
    const qint64 sizeMb = parser.value(sizeOption).toLongLong();
    const qint64 size = sizeMb * 1024 * 1024;

    test::FakeApiServer server;
    server.route("GET", u"/files/big"_s, [size](const test::FakeRequest&) {
        return test::FakeResponse::stream(std::make_shared<test::PatternBody>(size, 11));
    });
    if (!server.start())
        return 1;
    QTemporaryDir tmp;
    HttpClient http;
    QElapsedTimer timer;
    timer.start();
    const auto r = http.download(HttpRequest::get(server.baseUrl() + u"/files/big"_s),
                                 tmp.filePath(u"big.part"_s), {});
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!r.ok() || r->bytesOnDisk != size) {
        QTextStream(stderr) << "download failed: " << (r.ok() ? u"wrong size"_s : r.error().message)
                            << "\n";
        return 1;
    }
    printResult({{"size_mb", sizeMb},
                 {"seconds", round3(seconds)},
                 {"mb_per_s", round3(double(sizeMb) / seconds)},
                 {"peak_rss_mb", peakRssMb()}});
    return 0;
}

} // namespace t2v::bench

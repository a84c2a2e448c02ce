// t2v-bench download: the same set of clips fetched through the DownloadManager with one
// transfer and with N, from the fake server with a per-connection bandwidth cap. cap_mbps is
// megabytes per second per connection, so ideal_parallel_s = videos x size_mb /
// (min(parallel, videos) x cap_mbps). Every clip is a real MP4 (padded to size_mb), so the
// measurement includes the ffprobe check and the thumbnail.

#include "accounts/accountstore.h"
#include "accounts/secretstore.h"
#include "benchcommon.h"
#include "fakeapiserver.h"
#include "jobs/accountpool.h"
#include "jobs/downloadmanager.h"
#include "project/projectstore.h"
#include "providerroutes.h"
#include "providers/providerregistry.h"
#include "testmedia.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThreadPool>

#include <cmath>

using namespace Qt::StringLiterals;

namespace t2v::bench {
namespace {

struct Run
{
    double seconds = -1;
    int peakConnections = 0;
};

Run fetchAll(int videos, qint64 bytes, qint64 capBytesPerSecond, int parallel,
             const std::shared_ptr<test::BodySource>& body)
{
    test::FakeApiServer server;
    server.route("GET", u"/storage/.*"_s, [body, capBytesPerSecond](const test::FakeRequest&) {
        test::FakeResponse r = test::FakeResponse::stream(body, "video/mp4");
        r.bytesPerSecond = capBytesPerSecond;
        return r;
    });
    if (!server.start())
        return {};
    QTemporaryDir dir;
    AccountStore accounts(dir.filePath(u"config"_s));
    Account a;
    a.id = u"bench"_s;
    a.provider = provider::Gemini;
    a.baseUrl = server.baseUrl();
    a.maxConcurrentJobs = 50;
    a.requestsPerMinute = 6000;
    (void)accounts.add(a);
    SecretStore secrets(dir.filePath(u"config"_s));
    (void)secrets.write(a.id, u"bench-key"_s, SecretStore::Backend::File);
    AccountPool pool;
    if (!pool.populate({a.id}, accounts, secrets).ok())
        return {};

    ProjectStore store;
    Project p;
    p.script.idea = u"bench"_s;
    p.script.durationSeconds = videos * 8;
    for (int i = 1; i <= videos; ++i) {
        VideoJob job;
        job.id = VideoJob::makeId(i, 1);
        job.sceneNumber = i;
        job.provider = u"veo"_s;
        job.accountId = a.id;
        job.remoteId = u"op-%1"_s.arg(i);
        job.state = JobState::Ready;
        job.videoUrl = server.baseUrl() + u"/storage/"_s + job.id + u".mp4"_s;
        p.jobs.append(job);
    }
    if (!store.create(dir.filePath(u"p"_s), p).ok())
        return {};
    QThreadPool downloads, media;
    DownloadManager manager(store, pool);
    manager.setThreadPool(&downloads);
    manager.setMediaPool(&media);
    manager.setTools(*FfmpegTools::locate());
    manager.setMaxParallel(parallel);
    QEventLoop loop;
    int failed = 0;
    QObject::connect(&manager, &DownloadManager::waveFinished, &loop, [&](int, int f) {
        failed = f;
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    manager.start();
    loop.exec();
    Run run;
    run.seconds = failed == 0 ? double(timer.nsecsElapsed()) / 1e9 : -1;
    if (qEnvironmentVariableIsSet("T2V_BENCH_DEBUG")) {
        for (const auto& r : server.requests())
            QTextStream(stderr) << "parallel " << parallel << " " << r.path << " in "
                                << r.receivedAtMs << " out " << r.finishedAtMs << "\n";
        QTextStream(stderr) << "wave finished at " << server.elapsedMs() << "\n";
    }
    run.peakConnections = server.peakConnections();
    (void)bytes;
    return run;
}

} // namespace

int runDownload(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption videosOpt(u"videos"_s, u"Clips to fetch."_s, u"n"_s, u"20"_s);
    const QCommandLineOption sizeOpt(u"size-mb"_s, u"Size of each clip in MB."_s, u"mb"_s, u"20"_s);
    const QCommandLineOption capOpt(u"cap-mbps"_s, u"Bandwidth cap per connection, MB/s."_s,
                                    u"mbps"_s, u"8"_s);
    const QCommandLineOption parallelOpt(u"parallel"_s, u"Transfers at once."_s, u"n"_s, u"5"_s);
    parser.addOptions({videosOpt, sizeOpt, capOpt, parallelOpt});
    if (!parser.parse(QStringList{u"t2v-bench download"_s} + args)) {
        QTextStream(stderr) << parser.errorText() << "\n";
        return 2;
    }
    const int videos = parser.value(videosOpt).toInt();
    const double sizeMb = parser.value(sizeOpt).toDouble();
    const double capMbps = parser.value(capOpt).toDouble();
    const int parallel = parser.value(parallelOpt).toInt();
    if (videos < 1 || sizeMb <= 0 || capMbps <= 0 || parallel < 1 || parallel > 10) {
        QTextStream(stderr) << "invalid options\n";
        return 2;
    }
    const qint64 bytes = qint64(sizeMb * 1024 * 1024);
    const qint64 cap = qint64(capMbps * 1024 * 1024);
    const auto body = std::make_shared<test::PaddedMp4Body>(test::smallMp4(), bytes);
    const Run one = fetchAll(videos, bytes, cap, 1, body);
    const Run many = fetchAll(videos, bytes, cap, parallel, body);
    if (one.seconds < 0 || many.seconds < 0) {
        QTextStream(stderr) << "a download failed\n";
        return 1;
    }
    const double ideal = videos * sizeMb / (std::min(parallel, videos) * capMbps);
    printResult({{"videos", videos},
                 {"size_mb", sizeMb},
                 {"cap_mbps", capMbps},
                 {"parallel", parallel},
                 {"sequential_s", round3(one.seconds)},
                 {"parallel_s", round3(many.seconds)},
                 {"speedup", round3(one.seconds / many.seconds)},
                 {"ideal_parallel_s", round3(ideal)},
                 {"efficiency", round3(ideal / many.seconds)},
                 {"peak_rss_mb", peakRssMb()},
                 {"peak_connections", many.peakConnections}});
    return 0;
}

} // namespace t2v::bench

// t2v-bench script: the same 75-scene script written sequentially, in ordered batches and in
// rolling mode against the fake chat server with a fixed per-request latency (or a seeded
// lognormal one with --jitter). Each scene gets the same latency in every mode, so the modes
// differ only in how they schedule; with jitter the figures are means over --runs seeds.

#include "benchcommon.h"
#include "fakeapiserver.h"
#include "llm/openaichatprovider.h"
#include "project/projectstore.h"
#include "providerroutes.h"
#include "story/storyservice.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThreadPool>

#include <cmath>
#include <random>

using namespace Qt::StringLiterals;

namespace t2v::bench {
namespace {

// Seconds to write the whole script in `mode`, or a negative number on failure.
double timeOneRun(int scenes, int batchSize, const QString& mode, double latencyMs, double jitter,
                  quint64 seed)
{
    test::FakeApiServer server;
    auto routes = test::installProviderRoutes(server);
    routes->setAnswerDelay([=](const json::Json& ctx) {
        if (jitter <= 0)
            return std::chrono::milliseconds(qint64(std::llround(latencyMs)));
        // The same draw for the same request in every mode.
        const quint64 key = seed * 1000003ULL + quint64(json::optInt(ctx, "scene")) * 7919ULL +
                            (json::optString(ctx, "task") == u"scene"_s ? 0 : 104729ULL);
        std::mt19937_64 rng(key);
        std::lognormal_distribution<double> dist(std::log(latencyMs) - jitter * jitter / 2.0,
                                                 jitter);
        return std::chrono::milliseconds(qint64(std::llround(dist(rng))));
    });
    if (!server.start())
        return -1;
    QTemporaryDir dir;
    ProjectStore store;
    Project p;
    p.script.idea = u"A benchmark about a lighthouse"_s;
    p.script.durationSeconds = scenes * 8;
    p.settings.batchSize = batchSize;
    p.settings.mode = mode;
    if (!store.create(dir.filePath(u"p"_s), p).ok())
        return -1;
    QThreadPool pool;
    StoryService story(store);
    story.setThreadPool(&pool);
    story.setProvider(std::make_shared<OpenAiChatProvider>(
        LlmConfig{server.baseUrl() + u"/v1"_s, {}, u"bench"_s}));
    QEventLoop loop;
    QObject::connect(&story, &StoryService::finished, &loop, [&] { loop.exit(0); });
    QObject::connect(&story, &StoryService::interrupted, &loop, [&](const QString& why) {
        QTextStream(stderr) << "interrupted: " << why << "\n";
        loop.exit(1);
    });
    QElapsedTimer timer;
    timer.start();
    const qint64 startedAt = server.elapsedMs();
    if (!story.start().ok() || loop.exec() != 0)
        return -1;
    const double total = double(timer.nsecsElapsed()) / 1e9;
    if (qEnvironmentVariableIsSet("T2V_BENCH_DEBUG")) {
        QTextStream(stderr) << mode << " started " << startedAt << " finished "
                            << server.elapsedMs() << "\n";
        for (const auto& r : server.requests())
            QTextStream(stderr) << mode << " req " << r.id << " conn " << r.connectionId << " in "
                                << r.receivedAtMs << " out " << r.finishedAtMs << "\n";
    }
    return total;
}

} // namespace

int runScript(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption scenesOpt(u"scenes"_s, u"Scenes in the script."_s, u"n"_s, u"75"_s);
    const QCommandLineOption batchOpt(u"batch-size"_s, u"Batch size."_s, u"n"_s, u"5"_s);
    const QCommandLineOption latencyOpt(u"latency-ms"_s, u"Mean latency of one LLM request."_s,
                                        u"ms"_s, u"200"_s);
    const QCommandLineOption jitterOpt(u"jitter"_s, u"Sigma of a lognormal latency (0 = fixed)."_s,
                                       u"sigma"_s, u"0"_s);
    const QCommandLineOption runsOpt(
        u"runs"_s, u"Seeds to average over (default 1 without jitter, 5 with)."_s, u"n"_s);
    const QCommandLineOption seedOpt(u"seed"_s, u"First seed."_s, u"n"_s, u"1"_s);
    parser.addOptions({scenesOpt, batchOpt, latencyOpt, jitterOpt, runsOpt, seedOpt});
    if (!parser.parse(QStringList{u"t2v-bench script"_s} + args)) {
        QTextStream(stderr) << parser.errorText() << "\n";
        return 2;
    }
    const int scenes = parser.value(scenesOpt).toInt();
    const int batch = parser.value(batchOpt).toInt();
    const double latency = parser.value(latencyOpt).toDouble();
    const double jitter = parser.value(jitterOpt).toDouble();
    const int runs = parser.isSet(runsOpt) ? parser.value(runsOpt).toInt() : (jitter > 0 ? 5 : 1);
    const quint64 firstSeed = parser.value(seedOpt).toULongLong();
    if (scenes < 1 || batch < 1 || batch > 10 || latency <= 0 || runs < 1) {
        QTextStream(stderr) << "invalid options\n";
        return 2;
    }

    double sequential = 0, batched = 0, rolling = 0;
    for (int r = 0; r < runs; ++r) {
        const quint64 seed = firstSeed + quint64(r);
        const double s = timeOneRun(scenes, batch, u"sequential"_s, latency, jitter, seed);
        const double b = timeOneRun(scenes, batch, u"batch"_s, latency, jitter, seed);
        const double o = timeOneRun(scenes, batch, u"rolling"_s, latency, jitter, seed);
        if (s < 0 || b < 0 || o < 0)
            return 1;
        sequential += s / runs;
        batched += b / runs;
        rolling += o / runs;
    }
    const double ideal = (1 + std::ceil(double(scenes) / batch)) * latency / 1000.0;
    printResult({{"scenes", scenes},
                 {"batch_size", batch},
                 {"latency_ms", latency},
                 {"jitter", jitter},
                 {"runs", runs},
                 {"sequential_s", round3(sequential)},
                 {"batch_s", round3(batched)},
                 {"rolling_s", round3(rolling)},
                 {"ideal_batch_s", round3(ideal)},
                 {"batch_overhead", round3(batched / ideal)},
                 {"speedup_batch", round3(sequential / batched)},
                 {"rolling_vs_batch", round3(batched / rolling)},
                 {"peak_rss_mb", peakRssMb()}});
    return 0;
}

} // namespace t2v::bench

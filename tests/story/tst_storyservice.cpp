// Tests for StoryService against the fake chat completions server: ordered batches, the
// context each request carries, concurrency, retries, interruption and resume, cancel,
// rolling and sequential modes, regeneration and long outlines.

#include "fakeapiserver.h"
#include "fakeclock.h"
#include "llm/openaichatprovider.h"
#include "project/projectstore.h"
#include "providerroutes.h"
#include "story/promptbuilder.h"
#include "story/storyservice.h"
#include "testhelpers.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

namespace {

const QString kChat = u"/v1/chat/completions"_s;

QList<int> numbers(const json::Json& list, const char* key)
{
    QList<int> out;
    for (const json::Json& item : list)
        out.append(item.value(key, 0));
    return out;
}

int sceneOf(const FakeRequest& r)
{
    const json::Json body = r.json();
    json::Json ctx;
    for (const json::Json& m : body.value("messages", json::Json::array())) {
        if (m.value("role", std::string()) != "user")
            continue;
        json::Json found = extractPromptContext(json::optString(m, "content"));
        if (found.is_object())
            ctx = found;
    }
    return ctx.is_object() && json::optString(ctx, "task") == u"scene"_s
               ? json::optInt(ctx, "scene")
               : 0;
}

} // namespace

class TestStoryService final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void orderIsRightWhateverCompletionOrder();
    void batchRequestsCarryEarlierBatchesOnly();
    void concurrencyNeverExceedsBatchSize();
    void retryAfterIsHonoured();
    void malformedThenValidSucceeds();
    void persistentFailureInterruptsAndResumeAsksForTheMissingScenes();
    void cancelStopsAndKeepsWhatIsDone();
    void rollingStartsSceneOnlyAfterSceneMinusB();
    void sequentialIsOneAtATime();
    void regenerateUsesNeighbours();
    void longScriptsPlanTheOutlineInChunks();
    void scenesAreSavedWhileTheRunGoesOn();
    void refusesToStartWithoutAProviderOrWithBadSettings();

private:
    void makeProject(int scenes, int batchSize, const QString& mode = u"batch"_s);
    bool run(const std::function<Status()>& start, int timeoutMs = 30000);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeApiServer> m_server;
    std::shared_ptr<ProviderRoutes> m_routes;
    std::unique_ptr<ProjectStore> m_store;
    std::unique_ptr<StoryService> m_story;
    FakeClock m_clock;
    QThreadPool m_pool;
    QString m_lastInterruption;
};

void TestStoryService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<FakeApiServer>();
    m_routes = installProviderRoutes(*m_server);
    QVERIFY(m_server->start());
    m_store = std::make_unique<ProjectStore>();
    m_story = std::make_unique<StoryService>(*m_store);
    m_story->setProvider(std::make_shared<OpenAiChatProvider>(
        LlmConfig{m_server->baseUrl() + u"/v1"_s, u"sk"_s, u"m"_s}));
    m_story->setClock(m_clock);
    m_story->setThreadPool(&m_pool);
    m_lastInterruption.clear();
}

void TestStoryService::cleanup()
{
    m_story.reset();
    m_pool.waitForDone();
    m_store.reset();
    m_server.reset();
}

void TestStoryService::makeProject(int scenes, int batchSize, const QString& mode)
{
    Project p;
    p.script.idea = u"A paper boat sails through a flooded city"_s;
    p.script.durationSeconds = scenes * 8;
    p.settings.batchSize = batchSize;
    p.settings.mode = mode;
    p.settings.contextScenes = 3;
    QVERIFY(m_store->create(m_dir->filePath(u"film"_s), p).ok());
}

bool TestStoryService::run(const std::function<Status()>& start, int timeoutMs)
{
    QSignalSpy finished(m_story.get(), &StoryService::finished);
    QSignalSpy interrupted(m_story.get(), &StoryService::interrupted);
    QSignalSpy failed(m_story.get(), &StoryService::failed);
    const Status s = start();
    if (!s.ok())
        return false;
    QElapsedTimer waited;
    waited.start();
    while (finished.count() + interrupted.count() + failed.count() == 0 &&
           waited.elapsed() < timeoutMs)
        QTest::qWait(5);
    if (finished.count() + interrupted.count() + failed.count() == 0) {
        qWarning("the run did not end within %d ms", timeoutMs);
        return false;
    }
    // What the run saved is on its way to the disk; what the tests read back must be there.
    while (m_store->pendingSaves() > 0 && waited.elapsed() < timeoutMs)
        QTest::qWait(5);
    if (!interrupted.isEmpty())
        m_lastInterruption = interrupted.first().first().toString();
    return finished.count() == 1;
}

void TestStoryService::orderIsRightWhateverCompletionOrder()
{
    makeProject(20, 5);
    // Within each batch, later scenes answer first.
    m_routes->setAnswerDelay([](const json::Json& ctx) {
        const int n = json::optInt(ctx, "scene");
        return std::chrono::milliseconds(n == 0 ? 0 : (5 - (n - 1) % 5) * 60);
    });
    QList<int> arrival;
    connect(m_story.get(), &StoryService::sceneReady, this, [&](int n) { arrival.append(n); });
    QVERIFY(run([&] { return m_story->start(); }));
    QCOMPARE(arrival.size(), 20);
    QVERIFY(arrival != range(1, 20)); // they really did arrive out of order
    QList<int> firstBatch = arrival.mid(0, 5);
    QVERIFY(firstBatch != range(1, 5));
    std::sort(firstBatch.begin(), firstBatch.end());
    QCOMPARE(firstBatch, range(1, 5)); // a batch still completes before the next starts
    const Script& script = m_store->project().script;
    for (int n = 1; n <= 20; ++n) {
        const Scene& s = script.scenes[n - 1];
        QCOMPARE(s.number, n);
        QCOMPARE(s.status, SceneStatus::Written);
        QVERIFY2(s.visualPrompt.startsWith(u"Visual of scene %1:"_s.arg(n)),
                 qPrintable(s.visualPrompt));
        QCOMPARE(s.durationSeconds, 8.0);
        QCOMPARE(s.beat, u"Beat %1 of 20"_s.arg(n));
    }
    // Saved on disk too, as soon as the writer thread gets to it.
    QTRY_COMPARE(m_store->pendingSaves(), 0);
    const auto onDisk = ProjectStore::load(m_store->filePath());
    QVERIFY(onDisk.ok());
    QCOMPARE(onDisk->script.writtenCount(), 20);
}

void TestStoryService::batchRequestsCarryEarlierBatchesOnly()
{
    makeProject(15, 5);
    QVERIFY(run([&] { return m_story->start(); }));
    const auto contexts = m_routes->contexts(u"scene"_s);
    QCOMPARE(contexts.size(), 15);
    for (const json::Json& ctx : contexts) {
        const int n = json::optInt(ctx, "scene");
        const int batchStart = (n - 1) / 5 * 5 + 1;
        const QList<int> previous = numbers(ctx["previous_scenes"], "number");
        const QList<int> sofar = numbers(ctx["story_so_far"], "scene");
        QCOMPARE(previous, range(std::max(1, batchStart - 3), batchStart - 1));
        QCOMPARE(sofar, range(1, batchStart - 4));
        QVERIFY(ctx["next_scenes"].empty());
        // Every earlier batch is there; nothing of its own batch or later.
        QCOMPARE(QList<int>(sofar + previous), range(1, batchStart - 1));
    }
}

void TestStoryService::concurrencyNeverExceedsBatchSize()
{
    makeProject(20, 5);
    m_server->setLatency(kChat, Latency{60ms});
    m_server->resetRecord();
    QVERIFY(run([&] { return m_story->start(); }));
    QCOMPARE(m_server->peakInFlight(), 5);
    QCOMPARE(m_server->requestCount(kChat), 21); // one plan + 20 scenes
}

void TestStoryService::retryAfterIsHonoured()
{
    makeProject(5, 5);
    m_server->failNext(
        kChat, 1,
        FakeResponse::json(
            429, {{"error", {{"message", "Rate limit reached"}, {"code", "rate_limit_exceeded"}}}})
            .withHeader("Retry-After", "7"));
    QVERIFY(run([&] { return m_story->start(); }));
    const auto sleeps = m_clock.sleeps();
    QCOMPARE(sleeps.size(), 1);
    QVERIFY(sleeps[0] >= 7000ms);
    QCOMPARE(m_store->project().script.writtenCount(), 5);
}

void TestStoryService::malformedThenValidSucceeds()
{
    makeProject(5, 5);
    m_routes->setAnswerOverride([](const json::Json& ctx, int attempt) -> std::optional<QString> {
        if (json::optInt(ctx, "scene") == 3 && attempt == 1)
            return u"Sorry, here is the scene: {\"visual_prompt\": \"cut off"_s;
        return std::nullopt;
    });
    m_server->resetRecord();
    QVERIFY(run([&] { return m_story->start(); }));
    QCOMPARE(m_store->project().script.writtenCount(), 5);
    QList<FakeRequest> forThree;
    for (const FakeRequest& r : m_server->requests(kChat)) {
        if (sceneOf(r) == 3)
            forThree.append(r);
    }
    QCOMPARE(forThree.size(), 2);
    const json::Json retry = forThree[1].json();
    const json::Json& messages = retry["messages"];
    QCOMPARE(messages[messages.size() - 2]["role"].get<std::string>(), "assistant");
    const QString feedback = json::optString(messages.back(), "content");
    QVERIFY2(feedback.contains(u"could not be used"_s) && feedback.contains(u"cut off"_s),
             qPrintable(feedback));
}

void TestStoryService::persistentFailureInterruptsAndResumeAsksForTheMissingScenes()
{
    makeProject(15, 5);
    m_routes->setResponseOverride([](const json::Json& ctx, int) -> std::optional<FakeResponse> {
        if (json::optInt(ctx, "scene") == 7)
            return FakeResponse::json(500, {{"error", {{"message", "model crashed"}}}});
        return std::nullopt;
    });
    QVERIFY(!run([&] { return m_story->start(); }));
    QVERIFY2(m_lastInterruption.contains(u"Scene 7"_s) &&
                 m_lastInterruption.contains(u"model crashed"_s),
             qPrintable(m_lastInterruption));

    // What is on disk: batch 1 and the rest of batch 2 are kept; nothing of batch 3 was asked.
    const auto onDisk = ProjectStore::load(m_store->filePath());
    QVERIFY(onDisk.ok());
    QCOMPARE(onDisk->script.missingScenes(), (QList<int>{7, 11, 12, 13, 14, 15}));
    QCOMPARE(onDisk->script.scenes[6].status, SceneStatus::Failed);
    QVERIFY(onDisk->script.scenes[6].error.contains(u"3 attempt"_s));
    int askedAfterBatch2 = 0, askedForSeven = 0;
    for (const json::Json& ctx : m_routes->contexts(u"scene"_s)) {
        askedAfterBatch2 += json::optInt(ctx, "scene") > 10 ? 1 : 0;
        askedForSeven += json::optInt(ctx, "scene") == 7 ? 1 : 0;
    }
    QCOMPARE(askedAfterBatch2, 0);
    QCOMPARE(askedForSeven, 3); // one try and two retries

    m_routes->setResponseOverride({});
    const qsizetype before = m_routes->contexts(u"scene"_s).size();
    QVERIFY(run([&] { return m_story->resume(); }));
    QList<int> resumed;
    const auto all = m_routes->contexts(u"scene"_s);
    for (qsizetype i = before; i < all.size(); ++i)
        resumed.append(json::optInt(all[i], "scene"));
    std::sort(resumed.begin(), resumed.end());
    QCOMPARE(resumed, (QList<int>{7, 11, 12, 13, 14, 15}));
    QCOMPARE(m_routes->contexts(u"plan"_s).size(), 1); // the plan was not asked for again
    QCOMPARE(m_store->project().script.writtenCount(), 15);
}

void TestStoryService::cancelStopsAndKeepsWhatIsDone()
{
    makeProject(20, 2);
    m_routes->setAnswerDelay([](const json::Json& ctx) {
        return std::chrono::milliseconds(json::optInt(ctx, "scene") == 1 ? 10 : 400);
    });
    connect(m_story.get(), &StoryService::sceneReady, this, [&](int) { m_story->cancel(); });
    QVERIFY(!run([&] { return m_story->start(); }));
    QCOMPARE(m_lastInterruption, u"Stopped."_s);
    QVERIFY(!m_story->isRunning());
    const qsizetype asked = m_routes->contexts(u"scene"_s).size();
    QCOMPARE(asked, 2); // the first batch only
    QTest::qWait(600);
    QCOMPARE(m_routes->contexts(u"scene"_s).size(), asked);
    QCOMPARE(m_store->project().script.scenes[0].status, SceneStatus::Written);
    QCOMPARE(ProjectStore::load(m_store->filePath())->script.scenes[0].status,
             SceneStatus::Written);
}

void TestStoryService::rollingStartsSceneOnlyAfterSceneMinusB()
{
    makeProject(25, 4, u"rolling"_s);
    m_server->setLatency(kChat, Latency{40ms, 0.8, 11});
    m_server->resetRecord();
    QVERIFY(run([&] { return m_story->start(); }));
    QVERIFY(m_server->waitForIdle());
    QMap<int, FakeRequest> byScene;
    for (const FakeRequest& r : m_server->requests(kChat)) {
        if (const int n = sceneOf(r))
            byScene.insert(n, r);
    }
    QCOMPARE(byScene.size(), 25);
    bool overlapped = false;
    for (int i = 1; i <= 25; ++i) {
        for (int j = 1; j <= i - 4; ++j)
            QVERIFY2(byScene[j].finishedAtMs <= byScene[i].receivedAtMs,
                     qPrintable(u"%1 before %2"_s.arg(i).arg(j)));
        // Unlike batches, a scene may start while an earlier one of its group is still running.
        if (i > 4 && byScene[i - 1].finishedAtMs > byScene[i].receivedAtMs && (i - 1) % 4 != 0)
            overlapped = true;
    }
    QVERIFY(overlapped);
    QVERIFY(m_server->peakInFlight() <= 4);
    QCOMPARE(m_store->project().script.writtenCount(), 25);
}

void TestStoryService::sequentialIsOneAtATime()
{
    makeProject(6, 5, u"sequential"_s);
    m_server->setLatency(kChat, Latency{20ms});
    m_server->resetRecord();
    QVERIFY(run([&] { return m_story->start(); }));
    QCOMPARE(m_server->peakInFlight(), 1);
    for (const json::Json& ctx : m_routes->contexts(u"scene"_s)) {
        const int n = json::optInt(ctx, "scene");
        QCOMPARE(numbers(ctx["previous_scenes"], "number"), range(std::max(1, n - 3), n - 1));
    }
}

void TestStoryService::regenerateUsesNeighbours()
{
    makeProject(6, 5);
    QVERIFY(run([&] { return m_story->start(); }));
    const Scene untouched = m_store->project().script.scenes[4];
    const qsizetype before = m_routes->contexts(u"scene"_s).size();
    m_routes->setAnswerOverride([](const json::Json& ctx, int) -> std::optional<QString> {
        return QString::fromStdString(json::Json{
            {"visual_prompt", "Rain on scene " + std::to_string(json::optInt(ctx, "scene"))},
            {"narration", "New"}}.dump());
    });
    QVERIFY(run([&] { return m_story->regenerate({3}, u"make it rain"_s); }));
    const auto all = m_routes->contexts(u"scene"_s);
    QCOMPARE(all.size(), before + 1);
    const json::Json ctx = all.last();
    QCOMPARE(json::optInt(ctx, "scene"), 3);
    QCOMPARE(numbers(ctx["previous_scenes"], "number"), (QList<int>{1, 2}));
    QCOMPARE(numbers(ctx["next_scenes"], "number"), (QList<int>{4}));
    QCOMPARE(json::optString(ctx, "note"), u"make it rain"_s);
    QCOMPARE(m_store->project().script.scenes[2].visualPrompt, u"Rain on scene 3"_s);
    QCOMPARE(m_store->project().script.scenes[4], untouched);

    // A regeneration that fails keeps the old text.
    m_routes->setResponseOverride([](const json::Json&, int) -> std::optional<FakeResponse> {
        return FakeResponse::json(400, {{"error", {{"message", "bad request"}}}});
    });
    QVERIFY(!run([&] { return m_story->regenerate({2}); }));
    QCOMPARE(m_store->project().script.scenes[1].status, SceneStatus::Written);
    QVERIFY(m_store->project().script.scenes[1].visualPrompt.startsWith(u"Visual of scene 2"_s));
}

void TestStoryService::longScriptsPlanTheOutlineInChunks()
{
    makeProject(250, 10);
    QVERIFY(run([&] { return m_story->start(); }, 60000));
    const auto plans = m_routes->contexts(u"plan"_s);
    const auto outlines = m_routes->contexts(u"outline"_s);
    QCOMPARE(plans.size(), 1);
    QCOMPARE(json::optInt(plans[0], "last_beat"), 100);
    QCOMPARE(outlines.size(), 2);
    QCOMPARE(json::optInt(outlines[0], "first_beat"), 101);
    QCOMPARE(json::optInt(outlines[1], "last_beat"), 250);
    const Script& script = m_store->project().script;
    QCOMPARE(script.outline.size(), 250);
    QCOMPARE(script.writtenCount(), 250);
    QCOMPARE(script.scenes[249].beat, u"Beat 250 of 250"_s);
}

void TestStoryService::scenesAreSavedWhileTheRunGoesOn()
{
    makeProject(4, 1);
    m_routes->setAnswerDelay([](const json::Json& ctx) {
        return std::chrono::milliseconds(json::optInt(ctx, "scene") <= 1 ? 0 : 2500);
    });
    QSignalSpy finished(m_story.get(), &StoryService::finished);
    QSignalSpy ready(m_story.get(), &StoryService::sceneReady);
    QVERIFY(m_story->start().ok());
    QVERIFY(ready.wait(10000));
    // Saved within the autosave delay while scene 2 is still being written.
    QTRY_VERIFY_WITH_TIMEOUT(ProjectStore::load(m_store->filePath())->script.scenes[0].isWritten(),
                             2000);
    QVERIFY(m_story->isRunning());
    m_story->cancel();
}

void TestStoryService::refusesToStartWithoutAProviderOrWithBadSettings()
{
    makeProject(4, 5);
    StoryService bare(*m_store);
    QSignalSpy failed(&bare, &StoryService::failed);
    QVERIFY(!bare.start().ok());
    QCOMPARE(failed.count(), 1);

    m_store->project().script.sceneSeconds = 2;
    QSignalSpy failed2(m_story.get(), &StoryService::failed);
    const Status s = m_story->start();
    QVERIFY(!s.ok());
    QVERIFY(s.error().message.contains(u"between 4 and 30"_s));
    QCOMPARE(failed2.count(), 1);
    QCOMPARE(m_server->requestCount(kChat), 0);
}

QTEST_GUILESS_MAIN(TestStoryService)
#include "tst_storyservice.moc"

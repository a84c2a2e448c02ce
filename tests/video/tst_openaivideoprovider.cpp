// Tests for OpenAiVideoProvider against the fake /v1/videos server in its vLLM-Omni and SGLang
// flavours: the form and its fields, the switch to JSON (and back) when a server refuses one,
// status words, a failed job answered with an error status, a restarted server, cancel, the
// first frame, the model and the key.

#include "fakeapiserver.h"
#include "localgpuroutes.h"
#include "net/httpclient.h"
#include "providerroutes.h"
#include "testhelpers.h"
#include "video/openaivideoprovider.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;
using Flavour = LocalGpuRoutes::Flavour;

class TestOpenAiVideoProvider final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void vllmGetsAFormWithEveryField();
    void aServerThatRefusesTheFormGetsJsonAndBack();
    void aFailedJobIsReadFromAnErrorAnswer_data();
    void aFailedJobIsReadFromAnErrorAnswer();
    void aRestartedServerLosesTheJob();
    void cancelDeletesTheJob();
    void theFirstFrameGoesAsInputReference();
    void theModelIsSentOnlyWhenChosen();
    void theKeyIsABearerToken();
    void statusWords_data();
    void statusWords();

private:
    QString base() const { return m_server.baseUrl() + u"/v1"_s; }
    FakeApiServer m_server;
    std::shared_ptr<ProviderRoutes> m_routes;
    std::shared_ptr<LocalGpuRoutes> m_gpu;
};

namespace {

VideoRequest request(const QString& prompt)
{
    VideoRequest r;
    r.prompt = prompt;
    r.negativePrompt = u"blurry"_s;
    r.durationSeconds = 8;
    r.aspectRatio = u"16:9"_s;
    r.resolution = u"720p"_s;
    return r;
}

} // namespace

void TestOpenAiVideoProvider::initTestCase()
{
    m_routes = installProviderRoutes(m_server);
    m_gpu = installLocalGpuRoutes(m_server, m_routes, 150ms);
    QVERIFY(m_server.start());
}

void TestOpenAiVideoProvider::init()
{
    m_gpu->restart();
    m_gpu->setRenderTime(150ms);
    m_gpu->setVideoServerFlavour(Flavour::VllmOmni);
    m_server.resetRecord();
}

void TestOpenAiVideoProvider::vllmGetsAFormWithEveryField()
{
    OpenAiVideoProvider p(base(), {}, {});
    const VideoJob job = submitJob(p, request(u"A glacier calving"_s));
    QVERIFY(job.remoteId.startsWith(u"video_gen_"_s));
    QCOMPARE(job.statusUrl, base() + u"/videos/"_s + job.remoteId);
    const auto sent = m_gpu->videoRequests().last();
    QCOMPARE(sent.value(u"content_type"_s), QByteArray("multipart"));
    QCOMPARE(sent.value(u"prompt"_s), QByteArray("A glacier calving"));
    QCOMPARE(sent.value(u"negative_prompt"_s), QByteArray("blurry"));
    QCOMPARE(sent.value(u"size"_s), QByteArray("1280x720"));
    QCOMPARE(sent.value(u"seconds"_s), QByteArray("8"));
    QCOMPARE(sent.value(u"fps"_s), QByteArray("16"));
    QCOMPARE(sent.value(u"num_frames"_s), QByteArray("129")); // never the server's default of 1
    bool seedOk = false;
    sent.value(u"seed"_s).toULongLong(&seedOk);
    QVERIFY(seedOk);
    QVERIFY(!sent.contains(u"model"_s));

    const auto first = p.poll(job, CancelToken());
    QVERIFY(first.ok());
    QCOMPARE(first->state, PollResult::State::Running); // in_progress
    const auto done = pollUntilDone(p, job);
    QVERIFY(done.ok());
    QCOMPARE(done->state, PollResult::State::Succeeded);
    QCOMPARE(done->videoUrls, QStringList{job.statusUrl + u"/content"_s});
    QTemporaryDir dir;
    const auto file = HttpClient().download(p.downloadRequest(job, done->videoUrls[0]),
                                            dir.filePath(u"clip.part"_s), {}, CancelToken());
    QVERIFY(file.ok());
    QCOMPARE(file->bytesOnDisk, m_routes->clipBody()->size());
}

void TestOpenAiVideoProvider::aServerThatRefusesTheFormGetsJsonAndBack()
{
    // Older SGLang: a form without an image is refused with 400 before anything is queued.
    m_gpu->setVideoServerFlavour(Flavour::SgLang);
    OpenAiVideoProvider p(base(), {}, {});
    const VideoJob job = submitJob(p, request(u"one"_s));
    QVERIFY(!job.remoteId.isEmpty());
    auto sent = m_gpu->videoRequests();
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent[0].value(u"content_type"_s), QByteArray("multipart"));
    QCOMPARE(sent[1].value(u"content_type"_s), QByteArray("json"));
    QCOMPARE(sent[1].value(u"num_frames"_s), QByteArray("129")); // a number in JSON
    QCOMPARE(sent[1].value(u"size"_s), QByteArray("1280x720"));
    // Learned: the next clip goes as JSON at once.
    submitJob(p, request(u"two"_s));
    sent = m_gpu->videoRequests();
    QCOMPARE(sent.size(), 3);
    QCOMPARE(sent[2].value(u"content_type"_s), QByteArray("json"));
    // SGLang says "queued" until it is done.
    const auto r = p.poll(job, CancelToken());
    QVERIFY(r.ok());
    QCOMPARE(r->state, PollResult::State::Queued);
    QCOMPARE(pollUntilDone(p, job)->state, PollResult::State::Succeeded);

    // The same account pointed at vLLM-Omni (JSON answered 422) goes back to the form.
    m_gpu->setVideoServerFlavour(Flavour::VllmOmni);
    QVERIFY(!submitJob(p, request(u"three"_s)).remoteId.isEmpty());
    sent = m_gpu->videoRequests();
    QCOMPARE(sent.size(), 5);
    QCOMPARE(sent[3].value(u"content_type"_s), QByteArray("json"));
    QCOMPARE(sent[4].value(u"content_type"_s), QByteArray("multipart"));
}

void TestOpenAiVideoProvider::aFailedJobIsReadFromAnErrorAnswer_data()
{
    QTest::addColumn<int>("flavour");
    QTest::newRow("vLLM-Omni: 500 with the job") << int(Flavour::VllmOmni);
    QTest::newRow("SGLang: 200 with status failed") << int(Flavour::SgLang);
}

void TestOpenAiVideoProvider::aFailedJobIsReadFromAnErrorAnswer()
{
    QFETCH(int, flavour);
    m_gpu->setVideoServerFlavour(Flavour(flavour));
    OpenAiVideoProvider p(base(), {}, {});
    VideoRequest r = request(u"a crash [fail]"_s);
    r.firstFrame = ImageInput{"png bytes", u"image/png"_s}; // SGLang takes a form with an image
    const VideoJob job = submitJob(p, r);
    const auto done = pollUntilDone(p, job);
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().message));
    QCOMPARE(done->state, PollResult::State::Failed);
    QVERIFY2(done->message.contains(u"CUDA out of memory"_s), qPrintable(done->message));
}

void TestOpenAiVideoProvider::aRestartedServerLosesTheJob()
{
    m_gpu->setRenderTime(5000ms);
    OpenAiVideoProvider p(base(), {}, {});
    const VideoJob job = submitJob(p, request(u"lost"_s));
    m_gpu->restart();
    const auto r = p.poll(job, CancelToken());
    QVERIFY(!r.ok());
    // The poller fails a job its service no longer knows as retryable (Poller::onPollError).
    QCOMPARE(r.error().httpStatus, 404);
}

void TestOpenAiVideoProvider::cancelDeletesTheJob()
{
    m_gpu->setRenderTime(5000ms);
    OpenAiVideoProvider p(base(), {}, {});
    const VideoJob job = submitJob(p, request(u"never mind"_s));
    QVERIFY(p.cancel(job, CancelToken()).ok());
    const auto deletes = m_server.requests(u"/v1/videos/.*"_s);
    QCOMPARE(deletes.size(), 1);
    QCOMPARE(deletes[0].method, QByteArray("DELETE"));
    const auto r = p.poll(job, CancelToken());
    QVERIFY(r.ok());
    QCOMPARE(r->state, PollResult::State::Cancelled);
    // Cancelling again (already gone or stopping) is not an error.
    m_gpu->restart();
    QVERIFY(p.cancel(job, CancelToken()).ok());
}

void TestOpenAiVideoProvider::theFirstFrameGoesAsInputReference()
{
    m_gpu->setVideoServerFlavour(Flavour::SgLang);
    OpenAiVideoProvider p(base(), {}, {});
    VideoRequest r = request(u"from this frame"_s);
    r.firstFrame = ImageInput{QByteArray("\xff\xd8\xff jpeg", 8), u"image/jpeg"_s};
    QVERIFY(!submitJob(p, r).remoteId.isEmpty());
    const auto sent = m_gpu->videoRequests();
    QCOMPARE(sent.size(), 1); // a form with a file: accepted the first time
    QCOMPARE(sent[0].value(u"input_reference"_s), r.firstFrame->data);
    QCOMPARE(sent[0].value(u"input_reference.content_type"_s), QByteArray("image/jpeg"));
    QCOMPARE(sent[0].value(u"input_reference.filename"_s), QByteArray("first-frame.jpg"));
}

void TestOpenAiVideoProvider::theModelIsSentOnlyWhenChosen()
{
    OpenAiVideoProvider right(base(), {}, u"Wan-AI/Wan2.1-T2V-1.3B-Diffusers"_s);
    QVERIFY(!submitJob(right, request(u"a"_s)).remoteId.isEmpty());
    QCOMPARE(m_gpu->videoRequests().last().value(u"model"_s),
             QByteArray("Wan-AI/Wan2.1-T2V-1.3B-Diffusers"));
    OpenAiVideoProvider wrong(base(), {}, u"sora-2"_s);
    const auto s = wrong.submit(request(u"b"_s), CancelToken());
    QVERIFY(!s.ok());
    QCOMPARE(s.error().httpStatus, 400);
    QVERIFY2(s.error().message.contains(u"Model mismatch"_s), qPrintable(s.error().message));
    QCOMPARE(m_server.requests(u"/v1/videos"_s).size(), 2); // not sent again as JSON
}

void TestOpenAiVideoProvider::theKeyIsABearerToken()
{
    OpenAiVideoProvider p(base(), u"local-secret"_s, {});
    const VideoJob job = submitJob(p, request(u"k"_s));
    QVERIFY(p.poll(job, CancelToken()).ok());
    QVERIFY(p.testConnection(CancelToken()).ok());
    const auto all = m_server.requests();
    QCOMPARE(all.size(), 3);
    for (const FakeRequest& r : all)
        QCOMPARE(r.header("authorization"), QByteArray("Bearer local-secret"));
    QCOMPARE(all[2].path, u"/v1/models"_s);
    QCOMPARE(p.downloadRequest(job, job.resultUrl).headers.value("Authorization"),
             QByteArray("Bearer local-secret"));
    // Not to another host.
    QVERIFY(p.downloadRequest(job, u"http://cdn.example/x.mp4"_s)
                .headers.value("Authorization")
                .isEmpty());
}

void TestOpenAiVideoProvider::statusWords_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("progress");
    using S = PollResult::State;
    QTest::newRow("queued") << QByteArray(R"({"status": "queued", "progress": 0})")
                            << int(S::Queued) << 0;
    QTest::newRow("in_progress") << QByteArray(R"({"status": "in_progress", "progress": 40})")
                                 << int(S::Running) << 40;
    QTest::newRow("processing (a fork)")
        << QByteArray(R"({"status": "processing"})") << int(S::Running) << -1;
    QTest::newRow("completed") << QByteArray(R"({"status": "completed"})") << int(S::Succeeded)
                               << 100;
    QTest::newRow("failed") << QByteArray(R"({"status": "failed", "error": {"message": "x"}})")
                            << int(S::Failed) << -1;
    QTest::newRow("cancelled") << QByteArray(R"({"status": "cancelled"})") << int(S::Cancelled)
                               << -1;
    QTest::newRow("deleted (SGLang)")
        << QByteArray(R"({"status": "deleted"})") << int(S::Cancelled) << -1;
}

void TestOpenAiVideoProvider::statusWords()
{
    QFETCH(QByteArray, body);
    QFETCH(int, state);
    QFETCH(int, progress);
    const auto r = OpenAiVideoProvider::readJob(body, u"http://gpu/v1/videos/1/content"_s);
    QVERIFY(r.has_value());
    QCOMPARE(int(r->state), state);
    QCOMPARE(r->progress, progress);
    QVERIFY(!OpenAiVideoProvider::readJob(R"({"detail": "Video not found"})", {}).has_value());
}

QTEST_GUILESS_MAIN(TestOpenAiVideoProvider)
#include "tst_openaivideoprovider.moc"

// Tests for DownloadManager against the fake server: the transfer limit and changing it while
// running, Range resume into an identical file, servers that ignore Range, an HTML page
// instead of a video, a write error, retries, thumbnails, throttled progress and the summary.

#include "jobfixture.h"
#include "jobstack.h"
#include "testhelpers.h"
#include "testmedia.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

namespace {

const QString kStorage = u"/storage/.*"_s;

QByteArray sha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

// The answer the storage route gives for the clip of scene 1 (same ETag), scripted.
FakeResponse storedClip(const ProviderRoutes& routes)
{
    FakeResponse r = FakeResponse::stream(routes.clipBody(), "video/mp4");
    r.etag = "\"f1g0s0ok-v1\"";
    return r;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray readBody(const BodySource& body)
{
    QByteArray bytes(body.size(), Qt::Uninitialized);
    body.read(0, bytes.data(), bytes.size());
    return bytes;
}

} // namespace

class TestDownloadManager final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void neverMoreThanNAndAChangeTakesEffect();
    void truncatedBodyResumesIntoAnIdenticalFile();
    void serverIgnoringRangeStillGivesTheRightFile();
    void htmlPageIsNotAClip();
    void writeErrorGivesTheSystemMessage();
    void retriesServerErrorsThenGivesUp();
    void everyClipGetsAThumbnail();
    void progressIsThrottled();
    void stopKeepsThePartForLater();
    void aDownloadedJobIsFinishedAfterARestart();
    void aDownloadedJobWithoutItsClipIsFetchedAgain();
    void aCompletePartIsVerifiedNotFetchedAgain();
    void aPartOfAnotherVideoIsNeverContinued();
    void aChangedFileComesBackWhole();

private:
    void makeStack();
    void readyJobs(int n, const std::function<QString(int)>& fileOf = {});
    std::unique_ptr<JobFixture> m_f;
    std::unique_ptr<JobStack> m_stack;
};

void TestDownloadManager::init()
{
    m_f = std::make_unique<JobFixture>();
    QVERIFY(m_f->ok());
    makeStack();
}

void TestDownloadManager::cleanup()
{
    m_stack.reset();
    m_f.reset();
}

// The download manager of a job stack, with FFmpeg, fetching for account "a" on the server.
void TestDownloadManager::makeStack()
{
    QVERIFY(FfmpegTools::locate());
    m_f->addVeo(u"a"_s, u"key-a"_s, 10);
    m_stack = std::make_unique<JobStack>(*m_f);
    QVERIFY(m_stack->useAccounts({u"a"_s}).ok());
}

void TestDownloadManager::readyJobs(int n, const std::function<QString(int)>& fileOf)
{
    QVERIFY(m_f->createProject(n));
    Project& p = m_f->store->project();
    for (int i = 1; i <= n; ++i) {
        VideoJob job;
        job.id = VideoJob::makeId(i, 1);
        job.sceneNumber = i;
        job.provider = u"veo"_s;
        job.accountId = u"a"_s;
        job.remoteId = u"models/m/operations/op-%1"_s.arg(i);
        job.state = JobState::Ready;
        job.videoUrl = m_f->server.baseUrl() + u"/storage/"_s +
                       (fileOf ? fileOf(i) : u"f%1g0s0ok"_s.arg(i)) + u".mp4"_s;
        p.jobs.append(job);
    }
}

void TestDownloadManager::neverMoreThanNAndAChangeTakesEffect()
{
    readyJobs(12);
    FakeResponse slow = FakeResponse::stream(m_f->routes->clipBody(), "video/mp4");
    slow.bytesPerSecond = 400 * 1024;
    m_f->server.failNext(kStorage, 100, slow);
    m_stack->downloads.setMaxParallel(3);
    m_stack->downloads.start();
    Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Downloading) == 3; }));
    QTest::qWait(150);
    QCOMPARE(m_f->server.peakInFlight(), 3);
    QCOMPARE(m_stack->downloads.running(), 3);

    m_f->server.resetRecord();
    m_stack->downloads.setMaxParallel(6);
    QVERIFY(waitFor([&] { return m_stack->downloads.running() == 6; }, 3000));
    QVERIFY(waitFor([&] { return countState(p, JobState::Done) == 12; }));
    QVERIFY(m_f->server.peakInFlight() > 3);
    QVERIFY(m_f->server.peakInFlight() <= 6);
}

void TestDownloadManager::truncatedBodyResumesIntoAnIdenticalFile()
{
    readyJobs(1);
    FakeResponse cut = storedClip(*m_f->routes);
    cut.fault = FakeResponse::Fault::TruncateBody;
    cut.truncateAt = 100 * 1024;
    m_f->server.failNext(kStorage, 1, cut);
    m_stack->downloads.start();
    // Looked up at each use: a save shares the job list with the writer thread, so a
    // reference taken now may point into the writer's copy once the list is changed.
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    QVERIFY(waitFor([&] { return job().state == JobState::Done; }));
    const auto seen = m_f->server.requests(kStorage);
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[1].header("range"), QByteArray("bytes=102400-"));
    QCOMPARE(seen[1].header("if-range"), QByteArray("\"f1g0s0ok-v1\""));
    const QString clip = m_f->store->absolutePath(job().clipPath);
    QCOMPARE(sha256(clip), m_f->routes->clipBody()->sha256());
    QCOMPARE(job().bytesTotal, m_f->routes->clipBody()->size());
    QVERIFY(!QFile::exists(clip + u".part"_s));
}

void TestDownloadManager::serverIgnoringRangeStillGivesTheRightFile()
{
    readyJobs(1);
    FakeResponse cut = storedClip(*m_f->routes);
    cut.fault = FakeResponse::Fault::TruncateBody;
    cut.truncateAt = 50 * 1024;
    FakeResponse whole = FakeResponse::stream(m_f->routes->clipBody(), "video/mp4");
    whole.acceptRanges = false;
    // Scripts apply in order: first the cut, then a whole file for the request with a Range.
    m_f->server.failNext(kStorage, 1, cut);
    m_f->server.failNext(kStorage, 1, whole);
    m_stack->downloads.start();
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    QVERIFY(waitFor([&] { return job().state == JobState::Done; }));
    const auto seen = m_f->server.requests(kStorage);
    QVERIFY(seen.size() >= 2);
    QVERIFY(!seen[1].header("range").isEmpty());
    QCOMPARE(sha256(m_f->store->absolutePath(job().clipPath)), m_f->routes->clipBody()->sha256());
}

void TestDownloadManager::htmlPageIsNotAClip()
{
    readyJobs(4, [](int i) { return i == 2 ? u"f2g0s0html"_s : u"f%1g0s0ok"_s.arg(i); });
    QSignalSpy wave(&m_stack->downloads, &DownloadManager::waveFinished);
    m_stack->downloads.start();
    QVERIFY(wave.wait(20000));
    QCOMPARE(wave.first().at(0).toInt(), 3);
    QCOMPARE(wave.first().at(1).toInt(), 1);
    const auto bad = [this]() -> const VideoJob& { return m_f->store->project().jobs[1]; };
    QCOMPARE(bad().state, JobState::Failed);
    QCOMPARE(bad().failedStage, JobStage::Download);
    QVERIFY2(bad().error.contains(u"not a playable video"_s), qPrintable(bad().error));
    const QString clips = QDir(m_f->projectDir()).filePath(u"clips"_s);
    QVERIFY(!QFile::exists(QDir(clips).filePath(bad().id + u".mp4"_s)));
    QVERIFY(!QFile::exists(QDir(clips).filePath(bad().id + u".mp4.part"_s)));
}

void TestDownloadManager::writeErrorGivesTheSystemMessage()
{
    readyJobs(1);
    // A file where the clips folder should be: no user, root included, can write there.
    const QString clips = QDir(m_f->projectDir()).filePath(u"clips"_s);
    QVERIFY(QDir(clips).removeRecursively());
    QFile blocker(clips);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    m_stack->downloads.start();
    const auto job = [this]() -> const VideoJob& { return m_f->store->project().jobs[0]; };
    QVERIFY(waitFor([&] { return job().state == JobState::Failed; }));
    QVERIFY2(job().error.contains(u"Not a directory"_s) || job().error.contains(u"No such file"_s),
             qPrintable(job().error));
    QVERIFY(job().error.contains(u"clips"_s));
}

void TestDownloadManager::retriesServerErrorsThenGivesUp()
{
    readyJobs(2);
    m_f->server.failNext(u"/storage/f1.*"_s, 2, FakeResponse::json(500, {{"error", "busy"}}));
    m_f->server.failNext(u"/storage/f2.*"_s, 100, FakeResponse::json(503, {{"error", "down"}}));
    m_stack->downloads.start();
    const Project& p = m_f->store->project();
    QVERIFY(waitFor(
        [&] { return p.jobs[0].state == JobState::Done && p.jobs[1].state == JobState::Failed; }));
    QCOMPARE(m_f->server.requestCount(u"/storage/f1.*"_s), 3);
    QCOMPARE(m_f->server.requestCount(u"/storage/f2.*"_s), 4); // one try and three retries
    QVERIFY(p.jobs[1].error.contains(u"503"_s));
    QVERIFY(p.jobs[1].retryable);
}

void TestDownloadManager::everyClipGetsAThumbnail()
{
    readyJobs(3);
    m_stack->downloads.start();
    const Project& p = m_f->store->project();
    QVERIFY(waitFor([&] { return countState(p, JobState::Done) == 3; }));
    for (const VideoJob& j : p.jobs) {
        QCOMPARE(j.thumbPath, u"thumbs/%1.jpg"_s.arg(j.id));
        const QString thumb = m_f->store->absolutePath(j.thumbPath);
        QCOMPARE(test::probeSize(thumb), u"320x180"_s);
        QCOMPARE(j.clipPath, u"clips/%1.mp4"_s.arg(j.id));
    }
    const auto onDisk = ProjectStore::load(m_f->store->filePath());
    QVERIFY(onDisk.ok());
}

void TestDownloadManager::progressIsThrottled()
{
    readyJobs(1);
    FakeResponse slow = FakeResponse::stream(m_f->routes->clipBody(), "video/mp4");
    slow.bytesPerSecond = 160 * 1024; // about 1.6 s
    m_f->server.failNext(kStorage, 1, slow);
    QList<qint64> received;
    connect(&m_stack->downloads, &DownloadManager::progress, this,
            [&](const QString&, qint64 r, qint64) { received.append(r); });
    QElapsedTimer timer;
    timer.start();
    m_stack->downloads.start();
    const auto job = [this]() -> const VideoJob& { return m_f->store->project().jobs[0]; };
    QVERIFY(waitFor([&] { return job().state == JobState::Done; }));
    const double seconds = double(timer.elapsed()) / 1000.0;
    QVERIFY(received.size() >= 3);
    QVERIFY2(received.size() <= int(seconds * 10) + 2,
             qPrintable(u"%1 signals in %2 s"_s.arg(received.size()).arg(seconds)));
    QVERIFY(std::is_sorted(received.cbegin(), received.cend()));
    QCOMPARE(received.last(), m_f->routes->clipBody()->size());
}

void TestDownloadManager::stopKeepsThePartForLater()
{
    readyJobs(1);
    FakeResponse slow = storedClip(*m_f->routes);
    slow.bytesPerSecond = 64 * 1024;
    m_f->server.failNext(kStorage, 1, slow);
    m_stack->downloads.start();
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    QVERIFY(waitFor([&] { return job().bytesReceived > 20000; }, 5000));
    m_stack->downloads.stop();
    QVERIFY(waitFor([&] { return job().state == JobState::Ready; }, 5000));
    const QString part = QDir(m_f->projectDir()).filePath(u"clips/%1.mp4.part"_s.arg(job().id));
    QVERIFY(QFileInfo(part).size() > 0);
    m_stack->downloads.start();
    QVERIFY(waitFor([&] { return job().state == JobState::Done; }));
    QVERIFY(m_f->server.requests(kStorage).last().header("range").startsWith("bytes="));
    QCOMPARE(sha256(m_f->store->absolutePath(job().clipPath)), m_f->routes->clipBody()->sha256());
}

void TestDownloadManager::aDownloadedJobIsFinishedAfterARestart()
{
    // The program stopped while it made the thumbnail: the clip is there, the job says
    // Downloaded (after recovery from Finishing).
    readyJobs(1);
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    job().state = JobState::Downloaded;
    job().clipPath = u"clips/%1.mp4"_s.arg(job().id);
    writeFile(m_f->store->absolutePath(job().clipPath), readBody(*m_f->routes->clipBody()));
    m_stack->downloads.start();
    QVERIFY(waitFor([&] { return job().state == JobState::Done; }));
    QCOMPARE(job().thumbPath, u"thumbs/%1.jpg"_s.arg(job().id));
    QVERIFY(QFileInfo::exists(m_f->store->absolutePath(job().thumbPath)));
    QCOMPARE(m_f->server.requestCount(kStorage), 0);
    QVERIFY(!m_stack->downloads.isBusy());
}

void TestDownloadManager::aDownloadedJobWithoutItsClipIsFetchedAgain()
{
    readyJobs(1);
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    job().state = JobState::Downloaded;
    job().clipPath = u"clips/%1.mp4"_s.arg(job().id); // deleted by hand
    m_stack->downloads.start();
    QVERIFY(waitFor([&] { return job().state == JobState::Done; }));
    QCOMPARE(m_f->server.requestCount(kStorage), 1);
    QCOMPARE(sha256(m_f->store->absolutePath(job().clipPath)), m_f->routes->clipBody()->sha256());
}

void TestDownloadManager::aCompletePartIsVerifiedNotFetchedAgain()
{
    // Every byte had arrived when the program was killed, before the job said Downloaded.
    readyJobs(1);
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    const QString part = m_f->store->absolutePath(u"clips/%1.mp4.part"_s.arg(job().id));
    const QByteArray body = readBody(*m_f->routes->clipBody());
    writeFile(part, body);
    writeFile(part + u".meta"_s, QByteArray::fromStdString(json::Json{
                                     {"source", u"a|%1#0"_s.arg(job().remoteId).toStdString()},
                                     {"etag", "\"f1g0s0ok-v1\""},
                                     {"length", body.size()}}.dump()));
    m_stack->downloads.start();
    QVERIFY(waitFor([&] { return job().state == JobState::Done; }));
    QCOMPARE(m_f->server.requestCount(kStorage), 0);
    QCOMPARE(sha256(m_f->store->absolutePath(job().clipPath)), m_f->routes->clipBody()->sha256());
    QVERIFY(!QFileInfo::exists(part));
    QVERIFY(!QFileInfo::exists(part + u".meta"_s));
}

void TestDownloadManager::aPartOfAnotherVideoIsNeverContinued()
{
    // A .part left by an earlier remote job of this clip (cancelled, then rendered again).
    readyJobs(1);
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    const QString part = m_f->store->absolutePath(u"clips/%1.mp4.part"_s.arg(job().id));
    writeFile(part, QByteArray(100 * 1024, 'x'));
    writeFile(part + u".meta"_s,
              QByteArray(R"({"source":"a|models/m/operations/op-old#0","etag":"\"f1g0s0ok-v1\"",)"
                         R"("length":262144})"));
    m_stack->downloads.start();
    QVERIFY(waitFor([&] { return job().state == JobState::Done; }));
    const auto seen = m_f->server.requests(kStorage);
    QCOMPARE(seen.size(), 1);
    QVERIFY(seen[0].header("range").isEmpty());
    QCOMPARE(sha256(m_f->store->absolutePath(job().clipPath)), m_f->routes->clipBody()->sha256());
}

void TestDownloadManager::aChangedFileComesBackWhole()
{
    // The file behind the address changes between attempts: the rest of the new version must
    // never be appended to the start of the old one.
    cleanup();
    ProviderRoutesOptions options;
    options.renderTime = 120ms;
    options.changingContent = true;
    m_f = std::make_unique<JobFixture>(options);
    QVERIFY(m_f->ok());
    makeStack();
    readyJobs(1);
    m_f->server.setBandwidth(64 * 1024);
    m_stack->downloads.start();
    const auto job = [this]() -> VideoJob& { return m_f->store->project().jobs[0]; };
    QVERIFY(waitFor([&] { return job().bytesReceived > 20000; }, 5000));
    m_stack->downloads.stop();
    QVERIFY(waitFor([&] { return job().state == JobState::Ready; }, 5000));
    m_f->server.setBandwidth(0);
    m_stack->downloads.start();
    QVERIFY(waitFor([&] { return job().state == JobState::Done; }));
    const auto seen = m_f->server.requests(kStorage);
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[1].header("if-range"), QByteArray("\"f1g0s0ok-v1\""));
    QCOMPARE(sha256(m_f->store->absolutePath(job().clipPath)), m_f->routes->clipBody(2)->sha256());
}

QTEST_GUILESS_MAIN(TestDownloadManager)
#include "tst_downloadmanager.moc"

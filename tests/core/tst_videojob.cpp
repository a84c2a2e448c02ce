// Tests for VideoJob and the job state names it is stored with.

#include "core/videojob.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestVideoJob final : public QObject
{
    Q_OBJECT

private slots:
    void everyStateHasAStableName();
    void stateGroups();
    void roundTrip();
    void rejectsBadJobs_data();
    void rejectsBadJobs();
    void idsSortByScene();
};

void TestVideoJob::everyStateHasAStableName()
{
    const QList<JobState> all{JobState::Queued,     JobState::Submitting, JobState::Submitted,
                              JobState::Rendering,  JobState::Ready,      JobState::Downloading,
                              JobState::Downloaded, JobState::Finishing,  JobState::Done,
                              JobState::Failed,     JobState::Cancelled,  JobState::Unconfirmed};
    QStringList names;
    for (JobState s : all) {
        const QString name = jobStateName(s);
        QVERIFY(!names.contains(name));
        names.append(name);
        QCOMPARE(jobStateFromName(name), std::optional<JobState>(s));
        QVERIFY(!jobStateLabel(s).isEmpty());
    }
    QCOMPARE(jobStateFromName(u"Rendering"_s), std::nullopt); // names are lower case
    QCOMPARE(jobStateName(JobState::Unconfirmed), u"unconfirmed"_s);
}

void TestVideoJob::stateGroups()
{
    QVERIFY(isTerminal(JobState::Done));
    QVERIFY(isTerminal(JobState::Unconfirmed));
    QVERIFY(!isTerminal(JobState::Ready));
    QVERIFY(isRemotePending(JobState::Submitted));
    QVERIFY(isRemotePending(JobState::Rendering));
    QVERIFY(!isRemotePending(JobState::Ready));
    QVERIFY(occupiesAccountSlot(JobState::Submitting));
    QVERIFY(!occupiesAccountSlot(JobState::Downloading));
}

void TestVideoJob::roundTrip()
{
    VideoJob job;
    job.id = VideoJob::makeId(12, 2);
    job.sceneNumber = 12;
    job.variant = 2;
    job.provider = u"veo"_s;
    job.accountId = u"gemini-main"_s;
    job.model = u"veo-3.1-fast-generate-preview"_s;
    job.state = JobState::Failed;
    job.failedStage = JobStage::Download;
    job.error = u"403 Forbidden"_s;
    job.retryable = true;
    job.remoteId = u"models/veo/operations/abc"_s;
    job.sampleIndex = 1;
    job.videoUrl = u"https://example.invalid/files/x:download?alt=media"_s;
    job.prompt = u"A storm over the sea"_s;
    job.aspectRatio = u"9:16"_s;
    job.resolution = u"1080p"_s;
    job.bytesTotal = 123456789012LL;
    job.bytesReceived = 1000;
    job.clipPath = u"clips/s012-v2.mp4"_s;
    job.createdAt = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    job.submittedAt = job.createdAt.addSecs(3);
    job.updatedAt = job.createdAt.addSecs(60);
    const json::Json j = job;
    QCOMPARE(j.get<VideoJob>(), job);
    QCOMPARE(j.at("state").get<std::string>(), "failed");
}

void TestVideoJob::rejectsBadJobs_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no id") << QByteArray(R"({"scene":1,"provider":"local","state":"queued"})")
                           << u"'id'"_s;
    QTest::newRow("unknown state")
        << QByteArray(R"({"id":"a","scene":1,"provider":"local","state":"sleeping"})")
        << u"sleeping"_s;
    QTest::newRow("scene zero")
        << QByteArray(R"({"id":"a","scene":0,"provider":"local","state":"queued"})")
        << u"start at 1"_s;
    QTest::newRow("bytes as text")
        << QByteArray(
               R"({"id":"a","scene":1,"provider":"local","state":"queued","bytes_total":"9"})")
        << u"bytes_total"_s;
    QTest::newRow("bad date")
        << QByteArray(
               R"({"id":"a","scene":1,"provider":"local","state":"queued","created_at":"soon"})")
        << u"created_at"_s;
}

void TestVideoJob::rejectsBadJobs()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, mentions);
    try {
        (void)json::Json::parse(document.toStdString()).get<VideoJob>();
        QFAIL("expected an error");
    } catch (const std::exception& e) {
        const QString message = json::errorMessage(e);
        QVERIFY2(message.contains(mentions), qPrintable(message));
    }
}

void TestVideoJob::idsSortByScene()
{
    QCOMPARE(VideoJob::makeId(3, 1), u"s003-v1"_s);
    QVERIFY(VideoJob::makeId(9, 1) < VideoJob::makeId(10, 1));
}

QTEST_GUILESS_MAIN(TestVideoJob)
#include "tst_videojob.moc"

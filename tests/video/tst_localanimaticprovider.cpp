// Tests for the local animatic renderer: exact duration, size per aspect ratio, sound, the
// render cache and the file:// URL.

#include "media/mediaprobe.h"
#include "net/httpclient.h"
#include "testmedia.h"
#include "video/localanimaticprovider.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <array>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

class TestLocalAnimaticProvider final : public QObject
{
    Q_OBJECT

private slots:
    void frameSizes_data();
    void frameSizes();
    void rendersTheScene_data();
    void rendersTheScene();
    void cachesRenders();
    void spokenInVietnamese();
    void damagedSpecIsAFailure();
    void theCharactersCardsAreInTheScene();
    void theKeyframeIsTheBackground();

private:
    QTemporaryDir m_tmp;
};

void TestLocalAnimaticProvider::frameSizes_data()
{
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<QString>("resolution");
    QTest::addColumn<QSize>("size");
    QTest::newRow("16:9") << u"16:9"_s << u"720p"_s << QSize(1280, 720);
    QTest::newRow("9:16") << u"9:16"_s << u"720p"_s << QSize(720, 1280);
    QTest::newRow("1:1") << u"1:1"_s << u"1080p"_s << QSize(1080, 1080);
    QTest::newRow("480p") << u"16:9"_s << u"480p"_s << QSize(853, 480);
}

void TestLocalAnimaticProvider::frameSizes()
{
    QFETCH(QString, aspect);
    QFETCH(QString, resolution);
    QFETCH(QSize, size);
    QCOMPARE(LocalAnimaticProvider::frameSize(aspect, resolution), size);
}

void TestLocalAnimaticProvider::rendersTheScene_data()
{
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("size");
    QTest::newRow("landscape 5 s") << u"16:9"_s << 5 << u"1280x720"_s;
    QTest::newRow("portrait 4 s") << u"9:16"_s << 4 << u"720x1280"_s;
}

void TestLocalAnimaticProvider::rendersTheScene()
{
    QFETCH(QString, aspect);
    QFETCH(int, seconds);
    QFETCH(QString, size);
    LocalAnimaticProvider p(m_tmp.filePath(u"cache"_s));
    VideoRequest r;
    r.aspectRatio = aspect;
    r.durationSeconds = seconds;
    r.sceneNumber = 3;
    r.sceneCount = 8;
    r.title = u"Paper Boat"_s;
    r.narration = u"The boat turns the corner into a street of lanterns."_s;
    const auto submitted = p.submit(r, CancelToken());
    QVERIFY(submitted.ok());
    QVERIFY(submitted->remoteId.startsWith(u"local:"_s));
    VideoJob job;
    job.remoteId = submitted->remoteId;
    const auto polled = p.poll(job, CancelToken());
    QVERIFY2(polled.ok(), qPrintable(polled.ok() ? QString() : polled.error().message));
    QCOMPARE(polled->state, PollResult::State::Succeeded);
    const QString url = polled->videoUrls.value(0);
    QVERIFY(url.startsWith(u"file://"_s));
    const QString clip = QUrl(url).toLocalFile();
    QVERIFY(qAbs(test::probeDuration(clip) - seconds) < 0.05);
    QCOMPARE(test::probeSize(clip), size);
    const auto tools = FfmpegTools::locate();
    const auto info = MediaProbe::probe(*tools, clip);
    QVERIFY(info.ok());
    QVERIFY(info->hasAudio); // narration or silence, always a track
    QCOMPARE(info->sampleRate, 48000);

    // It goes through the same download path as a real service.
    QTemporaryDir dest;
    const auto copy =
        HttpClient().download(p.downloadRequest(job, url), dest.filePath(u"c.part"_s), {});
    QVERIFY(copy.ok());
    QCOMPARE(copy->bytesOnDisk, QFileInfo(clip).size());
}

void TestLocalAnimaticProvider::cachesRenders()
{
    LocalAnimaticProvider p(m_tmp.filePath(u"cache2"_s));
    VideoRequest r;
    r.durationSeconds = 4;
    r.sceneNumber = 1;
    r.narration = u"Once."_s;
    const auto a = p.submit(r, CancelToken());
    const auto b = p.submit(r, CancelToken());
    QCOMPARE(a->remoteId, b->remoteId); // same scene, same render
    r.variant = 2;
    const auto c = p.submit(r, CancelToken());
    QVERIFY(c->remoteId != a->remoteId); // a variant looks different
    VideoJob job;
    job.remoteId = a->remoteId;
    const auto first = p.poll(job, CancelToken());
    QVERIFY(first.ok());
    const QString clip = QUrl(first->videoUrls[0]).toLocalFile();
    const QDateTime rendered = QFileInfo(clip).lastModified();
    QTest::qWait(1100);
    QVERIFY(p.poll(job, CancelToken()).ok());
    QCOMPARE(QFileInfo(clip).lastModified(), rendered);
    QVERIFY(QDir(m_tmp.filePath(u"cache2"_s)).entryList({u"*.part*"_s}).isEmpty());
}

void TestLocalAnimaticProvider::spokenInVietnamese()
{
    LocalAnimaticProvider p(m_tmp.filePath(u"cache3"_s));
    VideoRequest r;
    r.durationSeconds = 4;
    r.sceneNumber = 2;
    r.language = u"vi"_s;
    r.narration = u"Chiếc thuyền giấy rẽ vào một con phố đầy đèn lồng."_s;
    const auto s = p.submit(r, CancelToken());
    VideoJob job;
    job.remoteId = s->remoteId;
    const auto polled = p.poll(job, CancelToken());
    QVERIFY2(polled.ok() && polled->state == PollResult::State::Succeeded,
             qPrintable(polled.ok() ? polled->message : polled.error().message));
    QVERIFY(qAbs(test::probeDuration(QUrl(polled->videoUrls[0]).toLocalFile()) - 4.0) < 0.05);
}

void TestLocalAnimaticProvider::damagedSpecIsAFailure()
{
    LocalAnimaticProvider p(m_tmp.filePath(u"cache4"_s));
    VideoJob job;
    job.remoteId = u"local:0123456789abcdef0123"_s;
    const auto r = p.poll(job, CancelToken());
    QVERIFY(r.ok());
    QCOMPARE(r->state, PollResult::State::Failed);
    QVERIFY(r->message.contains(u"missing from the cache"_s));
}

namespace {

// The average colour of a 4x4 patch at (x, y) of the clip's frame at one second.
std::array<int, 3> colourAt(const QString& clip, int x, int y)
{
    QProcess ffmpeg;
    ffmpeg.start(u"ffmpeg"_s, {u"-v"_s, u"error"_s, u"-ss"_s, u"1"_s, u"-i"_s, clip, u"-frames:v"_s,
                               u"1"_s, u"-vf"_s, u"crop=4:4:%1:%2"_s.arg(x).arg(y), u"-f"_s,
                               u"rawvideo"_s, u"-pix_fmt"_s, u"rgb24"_s, u"-"_s});
    ffmpeg.waitForFinished(60000);
    const QByteArray rgb = ffmpeg.readAllStandardOutput();
    std::array<int, 3> sum{0, 0, 0};
    for (qsizetype i = 0; i + 2 < rgb.size(); i += 3)
        for (int c = 0; c < 3; ++c)
            sum[c] += quint8(rgb[i + c]);
    const int n = std::max<int>(1, int(rgb.size() / 3));
    return {sum[0] / n, sum[1] / n, sum[2] / n};
}

} // namespace

void TestLocalAnimaticProvider::theCharactersCardsAreInTheScene()
{
    // Two one-colour cards; the first is drawn rightmost, in a box of 26% of the height at
    // the bottom right, above the bar.
    LocalAnimaticProvider p(m_tmp.filePath(u"cache-refs"_s));
    VideoRequest r;
    r.durationSeconds = 2;
    r.sceneNumber = 1;
    r.narration = u"Mara and Theo at the pier."_s;
    r.references = {ImageInput{tinyPng(200), u"image/png"_s},
                    ImageInput{tinyPng(20), u"image/png"_s}};
    const auto submitted = p.submit(r, CancelToken());
    QVERIFY(submitted.ok());
    QCOMPARE(submitted->referencesSent, 2);
    VideoJob job;
    job.remoteId = submitted->remoteId;
    const auto polled = p.poll(job, CancelToken());
    QVERIFY2(polled.ok() && polled->state == PollResult::State::Succeeded,
             qPrintable(polled.ok() ? polled->message : polled.error().message));
    const QString clip = QUrl(polled->videoUrls.value(0)).toLocalFile();
    const int box = 720 * 26 / 100;
    const int pad = 720 * 2 / 100;
    const int y = 720 - 720 * 9 / 100 - box / 2;
    const auto first = colourAt(clip, 1280 - (box + pad) + box / 2, y);
    const auto second = colourAt(clip, 1280 - 2 * (box + pad) + box / 2, y);
    // tinyPng(shade) is (shade, 128, 64); video colour is approximate.
    QVERIFY2(std::abs(first[0] - 200) < 24 && std::abs(first[1] - 128) < 24,
             qPrintable(u"%1 %2 %3"_s.arg(first[0]).arg(first[1]).arg(first[2])));
    QVERIFY2(std::abs(second[0] - 20) < 24 && std::abs(second[1] - 128) < 24,
             qPrintable(u"%1 %2 %3"_s.arg(second[0]).arg(second[1]).arg(second[2])));
    // Without cards the same place is the background.
    VideoRequest plain = r;
    plain.references.clear();
    const auto other = p.submit(plain, CancelToken());
    QVERIFY(other.ok() && other->remoteId != submitted->remoteId);
}

void TestLocalAnimaticProvider::theKeyframeIsTheBackground()
{
    LocalAnimaticProvider p(m_tmp.filePath(u"cache-keyframe"_s));
    VideoRequest r;
    r.durationSeconds = 2;
    r.sceneNumber = 2;
    r.narration = u"The pier at dawn."_s;
    r.firstFrame = ImageInput{tinyPng(200), u"image/png"_s};
    const auto submitted = p.submit(r, CancelToken());
    QVERIFY(submitted.ok());
    QVERIFY(submitted->firstFrameSent);
    VideoJob job;
    job.remoteId = submitted->remoteId;
    const auto polled = p.poll(job, CancelToken());
    QVERIFY2(polled.ok() && polled->state == PollResult::State::Succeeded,
             qPrintable(polled.ok() ? polled->message : polled.error().message));
    // The keyframe (200, 128, 64) fills the frame, darkened to 55% behind the text.
    const auto c = colourAt(QUrl(polled->videoUrls.value(0)).toLocalFile(), 20, 250);
    QVERIFY2(std::abs(c[0] - 110) < 24 && std::abs(c[1] - 70) < 24 && std::abs(c[2] - 35) < 24,
             qPrintable(u"%1 %2 %3"_s.arg(c[0]).arg(c[1]).arg(c[2])));
}

QTEST_GUILESS_MAIN(TestLocalAnimaticProvider)
#include "tst_localanimaticprovider.moc"

// Tests for MediaProbe: values of a generated clip, a table of ffprobe answers, and a file that
// is not a video.

#include "media/mediaprobe.h"
#include "testmedia.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestMediaProbe final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void probesAClip();
    void htmlIsNotAVideo();
    void audioOnlyIsNotAVideo();
    void parses_data();
    void parses();
    void sameStreamFormat();

private:
    FfmpegTools m_tools;
    QTemporaryDir m_tmp;
};

void TestMediaProbe::initTestCase()
{
    auto tools = FfmpegTools::locate();
    QVERIFY(tools.ok());
    m_tools = *tools;
}

void TestMediaProbe::probesAClip()
{
    test::ClipSpec spec;
    spec.width = 320;
    spec.height = 180;
    spec.fps = 24;
    spec.seconds = 2;
    const QString clip = test::makeClip(m_tmp.path(), u"a.mp4"_s, spec);
    QVERIFY(!clip.isEmpty());
    const auto info = MediaProbe::probe(m_tools, clip);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().message));
    QCOMPARE(info->width, 320);
    QCOMPARE(info->height, 180);
    QCOMPARE(info->videoCodec, u"h264"_s);
    QVERIFY(qAbs(info->frameRate - 24.0) < 0.01);
    QVERIFY(qAbs(info->durationSeconds - 2.0) < 0.1);
    QVERIFY(info->hasAudio);
    QCOMPARE(info->audioCodec, u"aac"_s);
    QCOMPARE(info->sampleRate, 48000);
    QVERIFY(info->sizeBytes > 0);
}

void TestMediaProbe::htmlIsNotAVideo()
{
    const QString path = m_tmp.filePath(u"error.mp4"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("<!DOCTYPE html><html><body>Access denied</body></html>");
    f.close();
    const auto info = MediaProbe::probe(m_tools, path);
    QVERIFY(!info.ok());
    QVERIFY2(info.error().message.contains(u"error.mp4 is not a playable video"_s),
             qPrintable(info.error().message));
    QVERIFY2(info.error().message.contains(u"Invalid data"_s), qPrintable(info.error().message));
}

void TestMediaProbe::audioOnlyIsNotAVideo()
{
    const QString path = m_tmp.filePath(u"tone.m4a"_s);
    QProcess p;
    p.start(m_tools.ffmpeg, {u"-v"_s, u"error"_s, u"-y"_s, u"-f"_s, u"lavfi"_s, u"-i"_s,
                             u"sine=duration=1"_s, path});
    QVERIFY(p.waitForFinished(30000));
    const auto info = MediaProbe::probe(m_tools, path);
    QVERIFY(!info.ok());
    QVERIFY(info.error().message.contains(u"no video stream"_s));
}

void TestMediaProbe::parses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("fps");
    QTest::newRow("ntsc rate")
        << QByteArray(
               R"({"streams":[{"codec_type":"video","avg_frame_rate":"30000/1001","width":1,"height":1}],"format":{"duration":"1.5"}})")
        << true << 29.97;
    QTest::newRow("zero avg falls back")
        << QByteArray(
               R"({"streams":[{"codec_type":"video","avg_frame_rate":"0/0","r_frame_rate":"25/1"}],"format":{}})")
        << true << 25.0;
    QTest::newRow("not json") << QByteArray("garbage") << false << 0.0;
    QTest::newRow("streams wrong type") << QByteArray(R"({"streams":{"a":1}})") << false << 0.0;
}

void TestMediaProbe::parses()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(double, fps);
    const auto info = MediaProbe::parse(json);
    QCOMPARE(info.ok(), ok);
    if (ok)
        QVERIFY(qAbs(info->frameRate - fps) < 0.01);
}

void TestMediaProbe::sameStreamFormat()
{
    MediaInfo a;
    a.hasVideo = true;
    a.videoCodec = u"h264"_s;
    a.width = 1280;
    a.height = 720;
    a.frameRate = 24;
    a.pixelFormat = u"yuv420p"_s;
    MediaInfo b = a;
    QVERIFY(a.sameStreamFormat(b));
    b.frameRate = 25;
    QVERIFY(!a.sameStreamFormat(b));
    b = a;
    b.hasAudio = true;
    QVERIFY(!a.sameStreamFormat(b));
}

QTEST_GUILESS_MAIN(TestMediaProbe)
#include "tst_mediaprobe.moc"

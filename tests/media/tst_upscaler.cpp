// Tests for the 4K resample: 3840 wide for landscape, 2160 wide for portrait, audio kept.

#include "media/mediaprobe.h"
#include "media/upscaler.h"
#include "testmedia.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestUpscaler final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void targetWidths();
    void resamples_data();
    void resamples();

private:
    FfmpegTools m_tools;
    QTemporaryDir m_tmp;
};

void TestUpscaler::initTestCase()
{
    auto tools = FfmpegTools::locate();
    QVERIFY(tools.ok());
    m_tools = *tools;
}

void TestUpscaler::targetWidths()
{
    QCOMPARE(Upscaler::targetWidth(1280, 720), 3840);
    QCOMPARE(Upscaler::targetWidth(720, 1280), 2160);
    QCOMPARE(Upscaler::targetWidth(720, 720), 3840);
}

void TestUpscaler::resamples_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<QString>("size");
    QTest::newRow("landscape") << 320 << 180 << u"3840x2160"_s;
    QTest::newRow("portrait") << 180 << 320 << u"2160x3840"_s;
}

void TestUpscaler::resamples()
{
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(QString, size);
    test::ClipSpec spec;
    spec.width = width;
    spec.height = height;
    spec.seconds = 0.5;
    spec.fps = 12;
    const QString clip = test::makeClip(
        m_tmp.path(), QString::fromLatin1(QTest::currentDataTag()) + u".mp4"_s, spec);
    QVERIFY(!clip.isEmpty());
    const QString out = m_tmp.filePath(u"upscaled/"_s +
                                       QString::fromLatin1(QTest::currentDataTag()) + u"-4k.mp4"_s);
    double lastProgress = -1;
    const Status s = Upscaler::resample(
        m_tools, clip, width, height, out, {}, [&](double t) { lastProgress = t; }, u"ultrafast"_s);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
    QCOMPARE(test::probeSize(out), size);
    const auto info = MediaProbe::probe(m_tools, out);
    QVERIFY(info.ok());
    QVERIFY(info->hasAudio);
    QVERIFY(lastProgress > 0);
    QVERIFY(!QFile::exists(out + u".part"_s));
}

QTEST_GUILESS_MAIN(TestUpscaler)
#include "tst_upscaler.moc"

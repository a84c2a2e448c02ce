// Tests for Thumbnailer: a 320-pixel JPEG from the frame at 1 s, or the first frame of a short
// clip, and nothing left behind when it fails.

#include "media/mediaprobe.h"
#include "media/thumbnailer.h"
#include "testmedia.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestThumbnailer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void jpegThreeHundredTwentyWide_data();
    void jpegThreeHundredTwentyWide();
    void failureLeavesNothing();

private:
    FfmpegTools m_tools;
    QTemporaryDir m_tmp;
};

void TestThumbnailer::initTestCase()
{
    auto tools = FfmpegTools::locate();
    QVERIFY(tools.ok());
    m_tools = *tools;
}

void TestThumbnailer::jpegThreeHundredTwentyWide_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("size");
    QTest::newRow("landscape") << 640 << 360 << 2.0 << u"320x180"_s;
    QTest::newRow("portrait") << 360 << 640 << 2.0 << u"320x568"_s;
    QTest::newRow("shorter than a second") << 640 << 360 << 0.5 << u"320x180"_s;
}

void TestThumbnailer::jpegThreeHundredTwentyWide()
{
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(double, seconds);
    QFETCH(QString, size);
    test::ClipSpec spec;
    spec.width = width;
    spec.height = height;
    spec.seconds = seconds;
    const QString clip = test::makeClip(
        m_tmp.path(), QString::fromLatin1(QTest::currentDataTag()) + u".mp4"_s, spec);
    QVERIFY(!clip.isEmpty());
    const QString jpeg =
        m_tmp.filePath(u"thumbs/"_s + QString::fromLatin1(QTest::currentDataTag()) + u".jpg"_s);
    const Status s = Thumbnailer::make(m_tools, clip, seconds, jpeg);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
    QFile f(jpeg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(3).startsWith("\xff\xd8\xff")); // a JPEG
    QCOMPARE(test::probeSize(jpeg), size);
    QVERIFY(!QFile::exists(jpeg + u".part"_s));
}

void TestThumbnailer::failureLeavesNothing()
{
    const QString jpeg = m_tmp.filePath(u"bad.jpg"_s);
    const Status s = Thumbnailer::make(m_tools, m_tmp.filePath(u"missing.mp4"_s), 2, jpeg);
    QVERIFY(!s.ok());
    QVERIFY(s.error().message.contains(u"missing.mp4"_s));
    QVERIFY(!QFile::exists(jpeg));
    QVERIFY(!QFile::exists(jpeg + u".part"_s));
}

QTEST_GUILESS_MAIN(TestThumbnailer)
#include "tst_thumbnailer.moc"

// Tests for FfmpegTools::locate: found on PATH, found from a configured folder or file, and a
// clear message when missing.

#include "media/ffmpegtools.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestFfmpegTools final : public QObject
{
    Q_OBJECT

private slots:
    void foundOnPath();
    void configuredFolderOrFile();
    void missingIsExplained();
};

void TestFfmpegTools::foundOnPath()
{
    const auto tools = FfmpegTools::locate();
    QVERIFY(tools.ok());
    QVERIFY(QFileInfo(tools->ffmpeg).isExecutable());
    QVERIFY(QFileInfo(tools->ffprobe).isExecutable());
    QVERIFY(!tools->version.isEmpty());
}

void TestFfmpegTools::configuredFolderOrFile()
{
    const auto onPath = FfmpegTools::locate();
    QVERIFY(onPath.ok());
    const QString folder = QFileInfo(onPath->ffmpeg).absolutePath();
    const auto byFolder = FfmpegTools::locate(folder);
    QVERIFY(byFolder.ok());
    QCOMPARE(byFolder->ffmpeg, onPath->ffmpeg);
    const auto byFile = FfmpegTools::locate(onPath->ffmpeg);
    QVERIFY(byFile.ok());
    QCOMPARE(byFile->ffprobe, onPath->ffprobe);
}

void TestFfmpegTools::missingIsExplained()
{
    QTemporaryDir empty;
    const auto tools = FfmpegTools::locate(empty.path());
    QVERIFY(!tools.ok());
    QVERIFY2(tools.error().message.contains(u"FFmpeg was not found"_s),
             qPrintable(tools.error().message));
    QVERIFY2(tools.error().message.contains(u"apt install ffmpeg"_s),
             qPrintable(tools.error().message));
}

QTEST_GUILESS_MAIN(TestFfmpegTools)
#include "tst_ffmpegtools.moc"

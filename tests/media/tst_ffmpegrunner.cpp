// Tests for FfmpegRunner: progress parsing, the stderr tail in errors, timeout, cancel.

#include "media/ffmpegrunner.h"
#include "media/ffmpegtools.h"
#include "testmedia.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;

class TestFfmpegRunner final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reportsProgress();
    void errorCarriesTheStderrTail();
    void timeoutStopsTheProcess();
    void cancelStopsTheProcess();
    void missingProgramIsReported();

private:
    FfmpegTools m_tools;
    QTemporaryDir m_tmp;
};

void TestFfmpegRunner::initTestCase()
{
    auto tools = FfmpegTools::locate();
    QVERIFY2(tools.ok(), qPrintable(tools.ok() ? QString() : tools.error().message));
    m_tools = *tools;
}

void TestFfmpegRunner::reportsProgress()
{
    QList<double> seen;
    ProcessOptions options;
    options.progress = [&](double s) { seen.append(s); };
    QStringList args = FfmpegRunner::baseArgs();
    args << u"-f"_s << u"lavfi"_s << u"-i"_s << u"testsrc2=size=160x90:rate=25:duration=3"_s
         << u"-c:v"_s << u"libx264"_s << u"-preset"_s << u"ultrafast"_s
         << m_tmp.filePath(u"p.mp4"_s);
    const auto r = FfmpegRunner::run(m_tools.ffmpeg, args, options, CancelToken(), true);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QVERIFY(!seen.isEmpty());
    QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));
    QVERIFY2(seen.last() > 2.5 && seen.last() <= 3.1, qPrintable(QString::number(seen.last())));
}

void TestFfmpegRunner::errorCarriesTheStderrTail()
{
    QStringList args = FfmpegRunner::baseArgs();
    args << u"-i"_s << m_tmp.filePath(u"does-not-exist.mp4"_s) << m_tmp.filePath(u"out.mp4"_s);
    const auto r = FfmpegRunner::run(m_tools.ffmpeg, args, {}, CancelToken());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Process);
    QVERIFY2(r.error().message.contains(u"No such file or directory"_s),
             qPrintable(r.error().message));
    QVERIFY(r.error().message.startsWith(u"ffmpeg failed (exit code"_s));
    QVERIFY(!r.error().detail.isEmpty());
}

void TestFfmpegRunner::timeoutStopsTheProcess()
{
    ProcessOptions options;
    options.timeout = 300ms;
    QStringList args = FfmpegRunner::baseArgs();
    // Reads a source that never ends, in real time.
    args << u"-re"_s << u"-f"_s << u"lavfi"_s << u"-i"_s << u"testsrc2=size=160x90:rate=25"_s
         << u"-f"_s << u"null"_s << u"-"_s;
    const auto r = FfmpegRunner::run(m_tools.ffmpeg, args, options, CancelToken());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Timeout);
}

void TestFfmpegRunner::cancelStopsTheProcess()
{
    CancelToken cancel;
    std::unique_ptr<QThread> canceller(QThread::create([cancel] {
        QThread::msleep(200);
        cancel.cancel();
    }));
    canceller->start();
    QStringList args = FfmpegRunner::baseArgs();
    args << u"-re"_s << u"-f"_s << u"lavfi"_s << u"-i"_s << u"testsrc2=size=160x90:rate=25"_s
         << u"-f"_s << u"null"_s << u"-"_s;
    const auto r = FfmpegRunner::run(m_tools.ffmpeg, args, {}, cancel);
    canceller->wait();
    QVERIFY(!r.ok());
    QVERIFY(r.error().isCancelled());
}

void TestFfmpegRunner::missingProgramIsReported()
{
    const auto r = FfmpegRunner::run(m_tmp.filePath(u"no-such-ffmpeg"_s), {}, {}, CancelToken());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.startsWith(u"Cannot start"_s), qPrintable(r.error().message));
}

QTEST_GUILESS_MAIN(TestFfmpegRunner)
#include "tst_ffmpegrunner.moc"

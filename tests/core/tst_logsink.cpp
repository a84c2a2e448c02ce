// Tests for LogSink, the process-wide message handler: every message reaches the log file and
// the listeners in one format, with API keys, key parameters in URLs and registered secrets
// redacted first; stderr gets only the messages at or above its level (redacted too); log
// files can be switched and stopped; an unwritable file is reported, not fatal; listeners can
// be removed, even from inside their own call; and many threads logging at once give whole
// lines, each message exactly once.

#include "core/logsink.h"
#include "core/redactor.h"

#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace t2v;

Q_LOGGING_CATEGORY(lcSinkTest, "t2v.test")

namespace {

// One line as LogSink writes it: time, level padded to 7, category, message.
const QRegularExpression kLine(
    uR"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} (debug  |info   |warning|error  ) ([\w.]+): (.*)$)"_s);

QStringList linesOf(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// What the process writes on stderr (file descriptor 2) while it lives.
class StderrCapture
{
public:
    explicit StderrCapture(const QString& path)
        : m_path(path)
    {
        std::fflush(stderr);
        m_saved = ::dup(2);
        const int fd =
            ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, 2);
        ::close(fd);
    }
    ~StderrCapture() { restore(); }
    QString text()
    {
        restore();
        QFile f(m_path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private:
    void restore()
    {
        if (m_saved < 0)
            return;
        std::fflush(stderr);
        ::dup2(m_saved, 2);
        ::close(m_saved);
        m_saved = -1;
    }
    QString m_path;
    int m_saved = -1;
};

} // namespace

class TestLogSink final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void everyMessageReachesTheFileInOneFormat();
    void secretsAreRedactedEverywhere_data();
    void secretsAreRedactedEverywhere();
    void stderrGetsOnlyWhatIsAtItsLevel();
    void logFilesAreAppendedSwitchedAndStopped();
    void anUnwritableLogFileIsReportedNotFatal();
    void listenersCanBeRemovedEvenFromTheirOwnCall();
    void severityNamesAndFormat();
    void manyThreadsWriteWholeLinesOnce();

private:
    QtMessageHandler m_qtest = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLogSink::initTestCase()
{
    // QTest's own handler is put back at the end; stderr stays quiet unless a test asks.
    m_qtest = qInstallMessageHandler(nullptr);
    LogSink::install(QtFatalMsg);
}

void TestLogSink::cleanupTestCase()
{
    LogSink::setLogFile({});
    qInstallMessageHandler(m_qtest);
}

void TestLogSink::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestLogSink::cleanup()
{
    LogSink::setLogFile({});
    LogSink::setStderrLevel(QtFatalMsg);
    Redactor::clearSecrets();
    m_dir.reset();
}

void TestLogSink::everyMessageReachesTheFileInOneFormat()
{
    const QString path = m_dir->filePath(u"run.log"_s);
    LogSink::setLogFile(path);
    qCDebug(lcSinkTest) << "a debug line";
    qCInfo(lcSinkTest) << "an info line";
    qCWarning(lcSinkTest) << "a warning line";
    qCCritical(lcSinkTest) << "an error line";
    qInfo("without a category");
    LogSink::setLogFile({});

    const QStringList lines = linesOf(path);
    QCOMPARE(lines.size(), 5);
    const QList<std::pair<QString, QString>> expected{
        {u"debug  "_s, u"a debug line"_s},       {u"info   "_s, u"an info line"_s},
        {u"warning"_s, u"a warning line"_s},     {u"error  "_s, u"an error line"_s},
        {u"info   "_s, u"without a category"_s},
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto m = kLine.match(lines[i]);
        QVERIFY2(m.hasMatch(), qPrintable(lines[i]));
        QCOMPARE(m.captured(1), expected[i].first);
        QCOMPARE(m.captured(2), i == 4 ? u"default"_s : u"t2v.test"_s);
        QCOMPARE(m.captured(3), expected[i].second);
    }
}

void TestLogSink::secretsAreRedactedEverywhere_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("kept"); // what must still be readable around it
    QTest::newRow("bearer header") << u"Authorization: Bearer sk-live-abcdef123456"_s
                                   << u"sk-live-abcdef123456"_s << u"Authorization: Bearer ***"_s;
    QTest::newRow("google key header") << u"x-goog-api-key: AIzaSyD-abcdef0123456789"_s
                                       << u"AIzaSyD-abcdef0123456789"_s << u"x-goog-api-key: ***"_s;
    QTest::newRow("key in a URL")
        << u"GET https://generativelanguage.googleapis.com/v1beta/models?key=AIzaQUERY987654&alt=sse"_s
        << u"AIzaQUERY987654"_s << u"/v1beta/models?key=***&alt=sse"_s;
    QTest::newRow("token in a URL")
        << u"fetching https://cdn.example/v.mp4?access_token=tok-55555"_s << u"tok-55555"_s
        << u"v.mp4?access_token=***"_s;
    QTest::newRow("key in JSON") << uR"(body {"api_key": "json-secret-777", "model": "m"})"_s
                                 << u"json-secret-777"_s << uR"("model": "m")"_s;
    QTest::newRow("a key handed out by the secret store")
        << u"the server echoed registered-secret-4242 back"_s << u"registered-secret-4242"_s
        << u"the server echoed *** back"_s;
}

void TestLogSink::secretsAreRedactedEverywhere()
{
    QFETCH(QString, message);
    QFETCH(QString, secret);
    QFETCH(QString, kept);
    Redactor::addSecret(u"registered-secret-4242"_s);
    const QString path = m_dir->filePath(u"run.log"_s);
    LogSink::setLogFile(path);
    LogSink::setStderrLevel(QtWarningMsg);
    QStringList heard;
    const int listener =
        LogSink::addListener([&heard](const LogEntry& e) { heard.append(e.message); });
    QString printed;
    {
        StderrCapture err(m_dir->filePath(u"stderr.txt"_s));
        qCWarning(lcSinkTest).noquote() << message;
        printed = err.text();
    }
    LogSink::removeListener(listener);
    LogSink::setLogFile({});

    const QString written = linesOf(path).join(u'\n');
    QCOMPARE(heard.size(), 1);
    for (const QString& where : {written, heard.first(), printed}) {
        QVERIFY2(!where.contains(secret), qPrintable(where));
        QVERIFY2(where.contains(kept), qPrintable(where));
    }
}

void TestLogSink::stderrGetsOnlyWhatIsAtItsLevel()
{
    const QString path = m_dir->filePath(u"run.log"_s);
    LogSink::setLogFile(path);
    LogSink::setStderrLevel(QtWarningMsg);
    QString printed;
    {
        StderrCapture err(m_dir->filePath(u"stderr.txt"_s));
        qCInfo(lcSinkTest) << "only in the file";
        qCWarning(lcSinkTest) << "in both";
        qCCritical(lcSinkTest) << "an error, in both";
        printed = err.text();
    }
    QVERIFY2(!printed.contains(u"only in the file"_s), qPrintable(printed));
    QVERIFY2(printed.contains(u"in both"_s) && printed.contains(u"an error, in both"_s),
             qPrintable(printed));
    QVERIFY(kLine.match(printed.split(u'\n').first()).hasMatch()); // the same format
    QCOMPARE(linesOf(path).size(), 3);                             // the file gets everything

    // The level can be changed at any time, for example by --verbose.
    LogSink::setStderrLevel(QtDebugMsg);
    {
        StderrCapture err(m_dir->filePath(u"stderr2.txt"_s));
        qCDebug(lcSinkTest) << "now printed";
        printed = err.text();
    }
    QVERIFY2(printed.contains(u"now printed"_s), qPrintable(printed));
}

void TestLogSink::logFilesAreAppendedSwitchedAndStopped()
{
    const QString first = m_dir->filePath(u"first.log"_s);
    const QString second = m_dir->filePath(u"second.log"_s);
    {
        QFile f(first);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("an earlier session\n");
    }
    LogSink::setLogFile(first);
    qCInfo(lcSinkTest) << "one";
    LogSink::setLogFile(second); // another project opened
    qCInfo(lcSinkTest) << "two";
    LogSink::setLogFile({}); // closed
    qCInfo(lcSinkTest) << "three";

    const QStringList a = linesOf(first);
    QCOMPARE(a.size(), 2);
    QCOMPARE(a[0], u"an earlier session"_s); // appended to, never truncated
    QVERIFY(a[1].endsWith(u"t2v.test: one"_s));
    const QStringList b = linesOf(second);
    QCOMPARE(b.size(), 1);
    QVERIFY(b[0].endsWith(u"t2v.test: two"_s));

    // Reopening the first appends again.
    LogSink::setLogFile(first);
    qCInfo(lcSinkTest) << "four";
    LogSink::setLogFile({});
    QCOMPARE(linesOf(first).size(), 3);
    QVERIFY(linesOf(first).last().endsWith(u"t2v.test: four"_s));
}

void TestLogSink::anUnwritableLogFileIsReportedNotFatal()
{
    const QString path = m_dir->filePath(u"no-such-folder/run.log"_s);
    QStringList heard;
    const int listener =
        LogSink::addListener([&heard](const LogEntry& e) { heard.append(e.message); });
    QString printed;
    {
        StderrCapture err(m_dir->filePath(u"stderr.txt"_s));
        LogSink::setLogFile(path);
        qCInfo(lcSinkTest) << "still heard";
        printed = err.text();
    }
    LogSink::removeListener(listener);
    QVERIFY2(printed.contains(u"cannot write the log file"_s) && printed.contains(path),
             qPrintable(printed));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(heard, QStringList{u"still heard"_s});
}

void TestLogSink::listenersCanBeRemovedEvenFromTheirOwnCall()
{
    QList<LogEntry> kept;
    int once = 0;
    const int keeper = LogSink::addListener([&kept](const LogEntry& e) { kept.append(e); });
    int self = 0;
    self = LogSink::addListener([&once, &self](const LogEntry&) {
        ++once;
        LogSink::removeListener(self); // must not deadlock
    });
    QVERIFY(keeper != self);
    qCWarning(lcSinkTest) << "first";
    qCWarning(lcSinkTest) << "second";
    LogSink::removeListener(keeper);
    qCWarning(lcSinkTest) << "third";

    QCOMPARE(once, 1);
    QCOMPARE(kept.size(), 2);
    QCOMPARE(kept[0].message, u"first"_s);
    QCOMPARE(kept[0].type, QtWarningMsg);
    QCOMPARE(kept[0].category, u"t2v.test"_s);
    QVERIFY(kept[0].time.isValid());
    QCOMPARE(kept[1].message, u"second"_s);
}

void TestLogSink::severityNamesAndFormat()
{
    // Qt's enum is not in severity order (QtInfoMsg comes last).
    const QList<QtMsgType> ordered{QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg, QtFatalMsg};
    for (qsizetype i = 1; i < ordered.size(); ++i)
        QVERIFY(LogSink::severity(ordered[i - 1]) < LogSink::severity(ordered[i]));
    QCOMPARE(LogSink::levelName(QtDebugMsg), u"debug"_s);
    QCOMPARE(LogSink::levelName(QtInfoMsg), u"info"_s);
    QCOMPARE(LogSink::levelName(QtWarningMsg), u"warning"_s);
    QCOMPARE(LogSink::levelName(QtCriticalMsg), u"error"_s);
    QCOMPARE(LogSink::levelName(QtFatalMsg), u"fatal"_s);

    LogEntry e;
    e.time = QDateTime(QDate(2026, 11, 23), QTime(12, 0, 1, 5));
    e.type = QtWarningMsg;
    e.category = u"t2v.net"_s;
    e.message = u"slow answer"_s;
    QCOMPARE(LogSink::format(e), u"2026-11-23 12:00:01.005 warning t2v.net: slow answer"_s);
    e.type = QtInfoMsg;
    QCOMPARE(LogSink::format(e), u"2026-11-23 12:00:01.005 info    t2v.net: slow answer"_s);
}

void TestLogSink::manyThreadsWriteWholeLinesOnce()
{
    constexpr int kThreads = 8;
    constexpr int kEach = 250;
    const QString path = m_dir->filePath(u"run.log"_s);
    LogSink::setLogFile(path);
    QMutex mutex;
    QSet<QString> heard;
    const int listener = LogSink::addListener([&](const LogEntry& e) {
        QMutexLocker lock(&mutex);
        heard.insert(e.message);
    });
    QThreadPool pool;
    pool.setMaxThreadCount(kThreads);
    QList<QFuture<void>> running;
    for (int t = 0; t < kThreads; ++t) {
        running.append(QtConcurrent::run(&pool, [t] {
            // Long enough that interleaved writes would show.
            const QString padding(200, QChar(u'a' + t));
            for (int n = 0; n < kEach; ++n)
                qCInfo(lcSinkTest).noquote()
                    << u"thread %1 line %2 %3"_s.arg(t).arg(n).arg(padding);
        }));
    }
    for (QFuture<void>& f : running)
        f.waitForFinished();
    LogSink::removeListener(listener);
    LogSink::setLogFile({});

    const QStringList lines = linesOf(path);
    QCOMPARE(lines.size(), kThreads * kEach);
    QSet<QString> written;
    static const QRegularExpression body(u"^thread (\\d) line (\\d+) ([a-h])\\3{199}$"_s);
    for (const QString& line : lines) {
        const auto m = kLine.match(line);
        QVERIFY2(m.hasMatch(), qPrintable(line));
        const auto b = body.match(m.captured(3));
        QVERIFY2(b.hasMatch(), qPrintable(line));
        QCOMPARE(b.captured(3), QString(QChar(u'a' + b.captured(1).toInt())));
        written.insert(m.captured(3));
    }
    QCOMPARE(written.size(), kThreads * kEach); // each message exactly once
    QCOMPARE(heard, written);
}

QTEST_GUILESS_MAIN(TestLogSink)
#include "tst_logsink.moc"

// LogModel: every message from any thread, redacted, in order, the last 5000 kept, appended
// in batches.

#include "core/logging.h"
#include "core/logsink.h"
#include "core/redactor.h"
#include "logmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::ui;

class TestLogModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { LogSink::install(QtFatalMsg); }
    void messagesArriveRedactedWithLevelAndSubsystem();
    void messagesFromOtherThreadsAreKeptInOrder();
    void keepsOnlyTheLastRows();
};

void TestLogModel::messagesArriveRedactedWithLevelAndSubsystem()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy categories(&model, &LogModel::categoriesChanged);
    Redactor::addSecret(u"sk-very-secret-key-1"_s);
    qCInfo(lcNet) << "GET https://api.example/models with sk-very-secret-key-1";
    qCWarning(lcJobs) << "account cooling down";
    QCOMPARE(model.rowCount(), 0); // batched, not one insert per line
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, LogModel::Category).data().toString(), u"t2v.net"_s);
    QCOMPARE(model.index(0, LogModel::Level).data().toString(), LogSink::levelName(QtInfoMsg));
    const QString message = model.index(0, LogModel::Message).data().toString();
    QVERIFY(message.contains(u"api.example"_s));
    QVERIFY(!message.contains(u"sk-very-secret-key-1"_s));
    QCOMPARE(model.index(1, 0).data(LogModel::SeverityRole).toInt(),
             LogSink::severity(QtWarningMsg));
    QCOMPARE(model.index(1, 0).data(LogModel::CategoryRole).toString(), u"t2v.jobs"_s);
    QVERIFY(!categories.isEmpty());
    QVERIFY(model.categories().contains(u"t2v.jobs"_s));
    QVERIFY(model.categories().contains(u"t2v.net"_s));
}

void TestLogModel::messagesFromOtherThreadsAreKeptInOrder()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QThread* worker = QThread::create([] {
        for (int i = 0; i < 300; ++i)
            qCInfo(lcStory) << "line" << i;
    });
    worker->start();
    QVERIFY(worker->wait(10000));
    delete worker;
    QTRY_COMPARE(model.rowCount(), 300);
    for (int i = 0; i < 300; ++i)
        QCOMPARE(model.index(i, LogModel::Message).data().toString(), u"line %1"_s.arg(i));
}

void TestLogModel::keepsOnlyTheLastRows()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int total = LogModel::kMaxRows + 250;
    for (int i = 0; i < total; ++i) {
        model.append(
            {QDateTime::currentDateTime(), QtInfoMsg, u"t2v.test"_s, u"entry %1"_s.arg(i)});
        if (i == 3000)
            model.flushPending(); // some already shown, the rest pending
    }
    model.flushPending();
    QCOMPARE(model.rowCount(), LogModel::kMaxRows);
    QCOMPARE(model.index(0, LogModel::Message).data().toString(),
             u"entry %1"_s.arg(total - LogModel::kMaxRows));
    QCOMPARE(model.index(LogModel::kMaxRows - 1, LogModel::Message).data().toString(),
             u"entry %1"_s.arg(total - 1));
}

QTEST_MAIN(TestLogModel)
#include "tst_logmodel.moc"

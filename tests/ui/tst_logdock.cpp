// LogDock: filters the log by level and by subsystem.

#include "core/logging.h"
#include "core/logsink.h"
#include "logdock.h"
#include "logmodel.h"
#include "uifixture.h"

#include <QComboBox>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::ui;

class TestLogDock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { LogSink::install(QtFatalMsg); }
    void filtersByLevelAndSubsystem();
};

void TestLogDock::filtersByLevelAndSubsystem()
{
    LogDock dock;
    dock.show();
    qCInfo(lcNet) << "net info";
    qCWarning(lcNet) << "net warning";
    qCInfo(lcJobs) << "jobs info";
    qCCritical(lcJobs) << "jobs error";
    // (Qt's own messages, such as the offscreen platform's, are in the log too.)
    QTRY_VERIFY(dock.model()->rowCount() >= 4);
    const QAbstractItemModel* shown = dock.view()->model();
    auto messages = [&] {
        QStringList out;
        for (int r = 0; r < shown->rowCount(); ++r) {
            if (shown->index(r, 0).data(LogModel::CategoryRole).toString().startsWith(u"t2v."_s))
                out.append(shown->index(r, LogModel::Message).data().toString());
        }
        return out;
    };
    QCOMPARE(messages(),
             (QStringList{u"net info"_s, u"net warning"_s, u"jobs info"_s, u"jobs error"_s}));
    dock.setMinimumSeverity(2);
    QCOMPARE(messages(), (QStringList{u"net warning"_s, u"jobs error"_s}));
    // The subsystem list follows what was logged.
    auto* category = test::child<QComboBox>(&dock, "category");
    QVERIFY(category);
    QVERIFY(category->findData(u"t2v.jobs"_s) >= 0);
    dock.setCategory(u"t2v.jobs"_s);
    QCOMPARE(messages(), (QStringList{u"jobs error"_s}));
    dock.setMinimumSeverity(1);
    QCOMPARE(messages(), (QStringList{u"jobs info"_s, u"jobs error"_s}));
    dock.setCategory(QString());
    QCOMPARE(messages().size(), 4);
    // New messages appear under the current filter.
    dock.setMinimumSeverity(3);
    qCCritical(lcNet) << "net error";
    QTRY_COMPARE(messages(), (QStringList{u"jobs error"_s, u"net error"_s}));
}

QTEST_MAIN(TestLogDock)
#include "tst_logdock.moc"

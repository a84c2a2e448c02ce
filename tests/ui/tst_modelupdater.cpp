// ModelUpdater: changed rows reach the views in contiguous ranges, at most ten times a second.

#include "modelupdater.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace t2v::ui;

class TestModelUpdater : public QObject
{
    Q_OBJECT

private slots:
    void mergesRowsIntoRanges();
    void ignoresRowsThatNoLongerExist();
    void steadyChangesAreSentAtMostTenTimesASecond();
};

void TestModelUpdater::mergesRowsIntoRanges()
{
    QStandardItemModel model(100, 3);
    ModelUpdater updater(&model);
    QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);
    for (int row : {7, 2, 3, 50, 1, 3, 2})
        updater.rowChanged(row);
    QVERIFY(spy.isEmpty()); // nothing before the timer
    QTRY_COMPARE(spy.size(), 3);
    QList<QPair<int, int>> ranges;
    for (const QList<QVariant>& args : spy) {
        const auto from = args.at(0).value<QModelIndex>();
        const auto to = args.at(1).value<QModelIndex>();
        QCOMPARE(from.column(), 0);
        QCOMPARE(to.column(), 2);
        ranges.append({from.row(), to.row()});
    }
    QCOMPARE(ranges, (QList<QPair<int, int>>{{1, 3}, {7, 7}, {50, 50}}));
    QCOMPARE(updater.signalsSent(), 3);
}

void TestModelUpdater::ignoresRowsThatNoLongerExist()
{
    QStandardItemModel model(5, 2);
    ModelUpdater updater(&model);
    QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);
    updater.rowChanged(3);
    updater.rowChanged(9);
    updater.flush();
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(1).value<QModelIndex>().row(), 3);
    updater.rowChanged(12);
    updater.flush();
    QCOMPARE(spy.size(), 1);
}

void TestModelUpdater::steadyChangesAreSentAtMostTenTimesASecond()
{
    QStandardItemModel model(10, 1);
    ModelUpdater updater(&model);
    int flushes = 0;
    connect(&model, &QAbstractItemModel::dataChanged, this, [&] { ++flushes; });
    // One row changes every millisecond for 600 ms: a download reporting progress.
    QElapsedTimer clock;
    clock.start();
    int changes = 0;
    while (clock.elapsed() < 600) {
        updater.rowChanged(4);
        ++changes;
        QTest::qWait(1);
    }
    const qint64 elapsed = clock.elapsed();
    QTRY_VERIFY(flushes >= 1);
    QVERIFY(changes > 100);
    // A single-shot 100 ms timer cannot fire more often than this, however slow the machine.
    QVERIFY2(flushes <= elapsed / 100 + 1,
             qPrintable(QStringLiteral("%1 updates in %2 ms").arg(flushes).arg(elapsed)));
    QVERIFY(flushes >= 2); // and it does keep the view up to date while changes continue
}

QTEST_GUILESS_MAIN(TestModelUpdater)
#include "tst_modelupdater.moc"

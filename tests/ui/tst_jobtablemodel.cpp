// JobTableModel: a valid model through a whole run, one row per job with its state, progress,
// size, file and thumbnail, the chosen variant marked, updates coalesced.

#include "jobtablemodel.h"
#include "uifixture.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;
using namespace t2v::ui;

class TestJobTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void rowsFollowARunWithVariants();
    void chosenVariantIsMarked();
    void formatBytesReadsWell_data();
    void formatBytesReadsWell();

private:
    std::unique_ptr<UiFixture> m_f;
    std::unique_ptr<ProjectSession> m_controller;
};

void TestJobTableModel::init()
{
    m_f = std::make_unique<UiFixture>();
    QVERIFY(m_f->ok());
    m_f->addVeo(u"veo"_s, u"veo-key"_s, 4);
    m_controller = m_f->makeSession();
    QVERIFY(m_f->makeWrittenProject(m_f->path(u"film"_s), 3));
    QVERIFY(m_controller->open(m_f->path(u"film"_s)).ok());
}

void TestJobTableModel::cleanup()
{
    m_controller.reset();
    m_f.reset();
}

void TestJobTableModel::rowsFollowARunWithVariants()
{
    JobTableModel model(*m_controller, m_f->context().thumbnails());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    int updates = 0;
    connect(&model, &QAbstractItemModel::dataChanged, this, [&] { ++updates; });
    JobOptions options;
    options.accounts = {u"veo"_s};
    options.variants = 2;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(m_controller->makeClips({1, 2, 3}, options, 3).ok());
    QCOMPARE(model.rowCount(), 6);
    QVERIFY(waitFor(
        [&] {
            for (int r = 0; r < model.rowCount(); ++r) {
                if (model.index(r, JobTableModel::State).data(JobTableModel::StateRole).toInt() !=
                    int(JobState::Done))
                    return false;
            }
            return true;
        },
        30000));
    model.updater().flush();
    const qint64 elapsed = clock.elapsed();
    QVERIFY(updates > 0);
    // Coalesced: the many state and byte changes reach the views in few batches.
    QVERIFY2(updates <= (elapsed / 100 + 1) * 6,
             qPrintable(u"%1 updates in %2 ms"_s.arg(updates).arg(elapsed)));

    for (int r = 0; r < model.rowCount(); ++r) {
        const QString id = model.jobId(r);
        QCOMPARE(model.rowOf(id), r);
        const VideoJob* job = m_controller->store().project().findJob(id);
        QVERIFY(job);
        QCOMPARE(model.index(r, JobTableModel::Scene).data().toInt(), job->sceneNumber);
        QCOMPARE(model.index(r, JobTableModel::Variant).data(JobTableModel::RawRole).toInt(),
                 job->variant);
        QCOMPARE(model.index(r, JobTableModel::Account).data().toString(), u"veo"_s);
        QCOMPARE(model.index(r, JobTableModel::State).data().toString(), u"Done"_s);
        QCOMPARE(model.index(r, JobTableModel::Progress).data(JobTableModel::ProgressRole).toInt(),
                 100);
        QCOMPARE(model.index(r, JobTableModel::Size).data().toString(),
                 formatBytes(job->bytesTotal));
        QCOMPARE(model.index(r, JobTableModel::File).data().toString(), job->clipPath);
        // Decoded on a worker: there a moment later.
        QTRY_VERIFY(!model.index(r, JobTableModel::Thumbnail)
                         .data(Qt::DecorationRole)
                         .value<QPixmap>()
                         .isNull());
        QCOMPARE(model.index(r, 0).data(JobTableModel::JobIdRole).toString(), id);
    }
    QCOMPARE(model.rowOf(u"nope"_s), -1);
    QVERIFY(model.jobId(99).isEmpty());

    m_controller->close();
    QCOMPARE(model.rowCount(), 0);
}

void TestJobTableModel::chosenVariantIsMarked()
{
    JobTableModel model(*m_controller, m_f->context().thumbnails());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    JobOptions options;
    options.accounts = {u"veo"_s};
    options.variants = 2;
    QVERIFY(m_controller->makeClips({1}, options, 2).ok());
    m_controller->stopClips();
    const int v1 = model.rowOf(u"s001-v1"_s);
    const int v2 = model.rowOf(u"s001-v2"_s);
    QVERIFY(v1 >= 0 && v2 >= 0);
    // Variant 1 goes into the film until another is chosen.
    QCOMPARE(model.index(v1, JobTableModel::Variant).data().toString(), u"1 ✓"_s);
    QCOMPARE(model.index(v2, JobTableModel::Variant).data().toString(), u"2"_s);
    m_controller->chooseVariant(u"s001-v2"_s);
    model.updater().flush();
    QCOMPARE(model.index(v1, JobTableModel::Variant).data().toString(), u"1"_s);
    QCOMPARE(model.index(v2, JobTableModel::Variant).data().toString(), u"2 ✓"_s);
    QCOMPARE(m_controller->store().project().settings.chosenVariants.value(1), 2);
}

void TestJobTableModel::formatBytesReadsWell_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown") << qint64(0) << QString();
    QTest::newRow("bytes") << qint64(512) << u"512 B"_s;
    QTest::newRow("kilobytes") << qint64(110 * 1024) << u"110 KB"_s;
    QTest::newRow("megabytes") << qint64(5.5 * 1024 * 1024) << u"5.5 MB"_s;
    QTest::newRow("gigabytes") << qint64(3LL * 1024 * 1024 * 1024) << u"3.0 GB"_s;
}

void TestJobTableModel::formatBytesReadsWell()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(formatBytes(bytes), text);
}

QTEST_MAIN(TestJobTableModel)
#include "tst_jobtablemodel.moc"

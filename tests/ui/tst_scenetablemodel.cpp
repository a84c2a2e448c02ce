// SceneTableModel: a valid model while scenes arrive, each scene in its own row, edits saved.

#include "scenetablemodel.h"
#include "uifixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;
using namespace t2v::ui;

class TestSceneTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void offlineGenerationFillsRowsInBatchOrder();
    void editsAreSavedAndSurviveReopening();
    void readOnlyCellsRefuseEdits();
    void planChangesResetTheRows();

private:
    std::unique_ptr<UiFixture> m_f;
    std::unique_ptr<ProjectSession> m_controller;
};

void TestSceneTableModel::init()
{
    m_f = std::make_unique<UiFixture>();
    QVERIFY(m_f->ok());
    m_controller = m_f->makeSession();
}

void TestSceneTableModel::cleanup()
{
    m_controller.reset();
    m_f.reset();
}

void TestSceneTableModel::offlineGenerationFillsRowsInBatchOrder()
{
    Project p;
    p.script.idea = u"A lighthouse keeper teaches a robot to paint the sea"_s;
    p.script.durationSeconds = 12 * 8;
    p.script.sceneSeconds = 8;
    p.settings.llmAccount = u"offline"_s;
    p.settings.batchSize = 5;
    QVERIFY(m_controller->create(m_f->path(u"film"_s), p).ok());

    SceneTableModel model(*m_controller);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Whenever the view hears of a change, no scene of a later batch may be there before
    // every scene of the earlier batches.
    int checks = 0;
    QString orderProblem;
    auto check = [&] {
        ++checks;
        QList<bool> written;
        for (int r = 0; r < model.rowCount(); ++r)
            written.append(
                model.index(r, SceneTableModel::Status).data(SceneTableModel::RawRole).toInt() ==
                int(SceneStatus::Written));
        for (int r = 0; r < written.size(); ++r) {
            if (!written[r])
                continue;
            for (int earlier = 0; earlier < (r / 5) * 5; ++earlier) {
                if (!written[earlier] && orderProblem.isEmpty())
                    orderProblem =
                        u"scene %1 arrived before scene %2"_s.arg(r + 1).arg(earlier + 1);
            }
        }
    };
    connect(&model, &QAbstractItemModel::dataChanged, this, check);
    connect(&model, &QAbstractItemModel::modelReset, this, check);

    QVERIFY(m_controller->writeScript(true).ok());
    QSignalSpy finished(m_controller.get(), &ProjectSession::scriptFinished);
    QVERIFY(finished.wait(30000));
    model.updater().flush();

    QVERIFY2(orderProblem.isEmpty(), qPrintable(orderProblem));
    QVERIFY(checks > 2);
    QCOMPARE(model.rowCount(), 12);
    const Script& script = m_controller->store().project().script;
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.index(r, SceneTableModel::Number).data().toInt(), r + 1);
        QCOMPARE(model.index(r, SceneTableModel::Narration).data(Qt::EditRole).toString(),
                 script.scenes[r].narration);
        QCOMPARE(model.index(r, SceneTableModel::VisualPrompt).data().toString(),
                 script.scenes[r].visualPrompt);
        QCOMPARE(model.index(r, SceneTableModel::Status).data(SceneTableModel::RawRole).toInt(),
                 int(SceneStatus::Written));
        QVERIFY(!script.scenes[r].narration.isEmpty());
    }
    // Twelve different scenes, not one repeated.
    QSet<QString> prompts;
    for (const Scene& s : script.scenes)
        prompts.insert(s.visualPrompt);
    QCOMPARE(prompts.size(), 12);
}

void TestSceneTableModel::editsAreSavedAndSurviveReopening()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, 4));
    QVERIFY(m_controller->open(dir).ok());
    SceneTableModel model(*m_controller);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    const QModelIndex narration = model.index(2, SceneTableModel::Narration);
    QVERIFY(model.flags(narration) & Qt::ItemIsEditable);
    QVERIFY(model.setData(narration, u"  The boat finds the lighthouse.  "_s, Qt::EditRole));
    QVERIFY(
        model.setData(model.index(2, SceneTableModel::Characters), u"Ava, June"_s, Qt::EditRole));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(narration.data().toString(), u"The boat finds the lighthouse."_s);
    QCOMPARE(model.index(2, SceneTableModel::Status).data(SceneTableModel::RawRole).toInt(),
             int(SceneStatus::Edited));
    // The same text again is not a change.
    QVERIFY(!model.setData(narration, u"The boat finds the lighthouse."_s, Qt::EditRole));

    m_controller->close();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(m_controller->open(dir).ok());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(2, SceneTableModel::Narration).data().toString(),
             u"The boat finds the lighthouse."_s);
    QCOMPARE(model.index(2, SceneTableModel::Characters).data().toString(), u"Ava, June"_s);
    const Scene* s = m_controller->store().project().script.scene(3);
    QVERIFY(s);
    QCOMPARE(s->status, SceneStatus::Edited);
    QCOMPARE(s->characters, QStringList({u"Ava"_s, u"June"_s}));
    // Other scenes are untouched.
    QCOMPARE(model.index(1, SceneTableModel::Narration).data().toString(),
             u"Narration of scene 2."_s);
}

void TestSceneTableModel::readOnlyCellsRefuseEdits()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, 2));
    QVERIFY(m_controller->open(dir).ok());
    SceneTableModel model(*m_controller);
    for (int column : {int(SceneTableModel::Number), int(SceneTableModel::Status),
                       int(SceneTableModel::Duration), int(SceneTableModel::Warnings)}) {
        const QModelIndex i = model.index(0, column);
        QVERIFY(!(model.flags(i) & Qt::ItemIsEditable));
        QVERIFY(!model.setData(i, u"x"_s, Qt::EditRole));
    }
    QCOMPARE(m_controller->store().project().script.scenes[0].status, SceneStatus::Written);
}

void TestSceneTableModel::planChangesResetTheRows()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, 3));
    QVERIFY(m_controller->open(dir).ok());
    SceneTableModel model(*m_controller);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 3);
    Script& script = m_controller->store().project().script;
    script.durationSeconds = 6 * 4;
    script.layoutScenes();
    emit m_controller->scriptReset();
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.index(5, SceneTableModel::Number).data().toInt(), 6);
}

QTEST_MAIN(TestSceneTableModel)
#include "tst_scenetablemodel.moc"

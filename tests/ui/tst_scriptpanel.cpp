// ScriptPanel: Generate fills the table in order, the progress line says where the run is,
// Stop and Resume keep what was written, cells edit in place and are saved, chosen scenes are
// written again.

#include "scenetablemodel.h"
#include "scriptpanel.h"
#include "uifixture.h"

#include <QApplication>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;
using namespace t2v::ui;

class TestScriptPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void generateFillsTheTableInOrder();
    void progressLineStopAndResume();
    void cellsEditInPlaceAndPersist();
    void rewriteSelectedScenes();
    void controlsAreDisabledWithoutAProject();
    void shorteningAWrittenFilmAsksAndKeepsTheClips();

private:
    void createProject(const QString& account);
    QStringList columnTexts(int column) const;

    std::unique_ptr<PanelFixture<ScriptPanel>> m_p;
    UiFixture* m_f = nullptr;
    ProjectSession* m_session = nullptr;
    ScriptPanel* m_panel = nullptr;
};

void TestScriptPanel::init()
{
    m_p = std::make_unique<PanelFixture<ScriptPanel>>([](ProjectSession& s, ui::AppContext& c) {
        (void)c;
        return std::make_unique<ScriptPanel>(s);
    });
    m_f = &m_p->fixture;
    m_session = m_p->session.get();
    m_panel = m_p->panel.get();
    QVERIFY(m_f->ok());

    m_panel->resize(1200, 800);
    QVERIFY(m_p->shown());
}

void TestScriptPanel::cleanup()
{
    m_p.reset();
}

void TestScriptPanel::createProject(const QString& account)
{
    Project p;
    p.settings.llmAccount = account;
    QVERIFY(m_session->create(m_f->path(u"film"_s), p).ok());
    // What a person does: type the idea, choose the length and the writer.
    QPlainTextEdit* idea = child<QPlainTextEdit>(m_panel, "idea");
    idea->clear();
    QTest::keyClicks(idea, u"A lighthouse keeper teaches a robot to paint the sea"_s);
    child<QSpinBox>(m_panel, "sceneSeconds")->setValue(4);
    child<QSpinBox>(m_panel, "duration")->setValue(40);
    child<QSpinBox>(m_panel, "batchSize")->setValue(5);
    QComboBox* writer = child<QComboBox>(m_panel, "account");
    writer->setCurrentIndex(writer->findData(account));
    QCOMPARE(writer->currentData().toString(), account);
}

QStringList TestScriptPanel::columnTexts(int column) const
{
    QStringList out;
    const QAbstractItemModel* m = m_panel->table()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        out.append(m->index(r, column).data().toString());
    return out;
}

void TestScriptPanel::generateFillsTheTableInOrder()
{
    createProject(u"offline"_s);
    QCOMPARE(m_session->store().project().script.sceneCount(), 10);
    QVERIFY(child<QLabel>(m_panel, "sceneCount")->text().startsWith(u"10 scenes"_s));

    QTest::mouseClick(child<QPushButton>(m_panel, "generate"), Qt::LeftButton);
    QVERIFY(m_session->isWritingScript());
    QVERIFY(!child<QPushButton>(m_panel, "generate")->isEnabled());
    QVERIFY(child<QPushButton>(m_panel, "stop")->isEnabled());
    QVERIFY(waitFor([&] { return !m_session->isWritingScript(); }, 30000));
    m_panel->model()->updater().flush();

    const Script& script = m_session->store().project().script;
    QCOMPARE(script.idea, u"A lighthouse keeper teaches a robot to paint the sea"_s);
    QCOMPARE(script.writtenCount(), 10);
    // The view shows scene n in row n, with the text the project holds.
    const QStringList numbers = columnTexts(SceneTableModel::Number);
    QCOMPARE(numbers.size(), 10);
    for (int r = 0; r < 10; ++r) {
        QCOMPARE(numbers[r], QString::number(r + 1));
        const QModelIndex narration =
            m_panel->table()->model()->index(r, SceneTableModel::Narration);
        QVERIFY(narration.data().toString().startsWith(script.scenes[r].narration));
    }
    QCOMPARE(child<QLabel>(m_panel, "progressText")->text(), u"10/10 scenes written"_s);
    QVERIFY(child<QPushButton>(m_panel, "generate")->isEnabled());
    QVERIFY(!child<QPushButton>(m_panel, "resume")->isEnabled()); // nothing is missing
}

void TestScriptPanel::progressLineStopAndResume()
{
    m_f->addChat(u"writer"_s, u"sk-test-writer"_s);
    m_f->routes->setAnswerDelay([](const json::Json&) { return 150ms; });
    createProject(u"writer"_s);

    QStringList lines;
    QLabel* progress = child<QLabel>(m_panel, "progressText");
    connect(m_session, &ProjectSession::sceneChanged, this,
            [&] { lines.append(progress->text()); });
    QTest::mouseClick(child<QPushButton>(m_panel, "generate"), Qt::LeftButton);
    // Stop once the first batch is in.
    QVERIFY(
        waitFor([&] { return m_session->store().project().script.writtenCount() >= 5; }, 30000));
    QTest::qWait(50);
    lines.append(progress->text());
    QTest::mouseClick(child<QPushButton>(m_panel, "stop"), Qt::LeftButton);
    QVERIFY(waitFor([&] { return !m_session->isWritingScript(); }, 10000));

    static const QRegularExpression line(
        u"^Batch ([12]) of 2 · (\\d+)/10 scenes( · about .+ left)?$"_s);
    bool sawEta = false;
    bool sawSecondBatch = false;
    for (const QString& l : std::as_const(lines)) {
        const auto m = line.match(l);
        if (!m.hasMatch())
            continue;
        sawEta = sawEta || !m.captured(3).isEmpty();
        sawSecondBatch = sawSecondBatch || m.captured(1) == u"2"_s;
    }
    QVERIFY2(sawSecondBatch, qPrintable(lines.join(u" | "_s)));
    QVERIFY2(sawEta, qPrintable(lines.join(u" | "_s)));

    // Stopping keeps every finished scene; Resume writes only what is missing.
    const int kept = m_session->store().project().script.writtenCount();
    QVERIFY(kept >= 5 && kept < 10);
    QVERIFY(progress->text().startsWith(u"Interrupted"_s) ||
            progress->text().contains(u"written"_s));
    QPushButton* resume = child<QPushButton>(m_panel, "resume");
    QVERIFY(resume->isEnabled());
    const int before = int(m_f->routes->contexts(u"scene"_s).size());
    m_f->routes->setAnswerDelay({});
    QTest::mouseClick(resume, Qt::LeftButton);
    QVERIFY(waitFor([&] { return !m_session->isWritingScript(); }, 30000));
    QCOMPARE(m_session->store().project().script.writtenCount(), 10);
    const int resumed = int(m_f->routes->contexts(u"scene"_s).size()) - before;
    QCOMPARE(resumed, 10 - kept);
}

void TestScriptPanel::cellsEditInPlaceAndPersist()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, 5));
    QVERIFY(m_session->open(dir).ok());
    QTableView* table = m_panel->table();
    QCOMPARE(table->model()->rowCount(), 5);

    // Go to scene 4's visual prompt, press F2, type, press Enter.
    const QModelIndex cell = table->model()->index(3, SceneTableModel::VisualPrompt);
    table->setFocus();
    table->setCurrentIndex(cell);
    QTest::keyClick(table, Qt::Key_F2);
    auto* editor = table->viewport()->findChild<QLineEdit*>();
    QVERIFY(editor);
    QCOMPARE(editor->text(), u"A paper boat, shot 4"_s);
    editor->selectAll();
    QTest::keyClicks(editor, u"A paper boat under a stone bridge, lantern light"_s);
    QTest::keyClick(editor, Qt::Key_Return); // the delegate commits on the next turn of the loop
    QTRY_COMPARE(cell.data().toString(), u"A paper boat under a stone bridge, lantern light"_s);

    // The filter finds it; clearing the filter shows every scene again.
    auto* filter = child<QLineEdit>(m_panel, "filter");
    QTest::keyClicks(filter, u"stone bridge"_s);
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, SceneTableModel::Number).data().toInt(), 4);
    filter->clear();
    QCOMPARE(table->model()->rowCount(), 5);

    m_session->close();
    QCOMPARE(table->model()->rowCount(), 0);
    QVERIFY(m_session->open(dir).ok());
    QCOMPARE(table->model()->index(3, SceneTableModel::VisualPrompt).data().toString(),
             u"A paper boat under a stone bridge, lantern light"_s);
    QCOMPARE(m_session->store().project().script.scene(4)->status, SceneStatus::Edited);
}

void TestScriptPanel::rewriteSelectedScenes()
{
    m_f->addChat(u"writer"_s, u"sk-test-writer"_s);
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, 6));
    QVERIFY(m_session->open(dir).ok());
    m_session->store().project().settings.llmAccount = u"writer"_s;
    QTableView* table = m_panel->table();
    table->selectionModel()->select(table->model()->index(2, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    table->selectionModel()->select(table->model()->index(4, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(m_panel->selectedScenes(), (QList<int>{3, 5}));
    QPushButton* rewrite = child<QPushButton>(m_panel, "regenerate");
    QVERIFY(rewrite->isEnabled());

    // The note dialog is answered like a person would.
    QTimer::singleShot(0, this, [] {
        auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->setTextValue(u"make it rain"_s);
        dialog->accept();
    });
    const QString untouched = m_session->store().project().script.scene(4)->narration;
    QTest::mouseClick(rewrite, Qt::LeftButton);
    QVERIFY(waitFor([&] { return !m_session->isWritingScript(); }, 30000));

    const QList<json::Json> contexts = m_f->routes->contexts(u"scene"_s);
    QCOMPARE(contexts.size(), 2);
    QList<int> asked;
    for (const json::Json& c : contexts)
        asked.append(c.value("scene", 0));
    std::sort(asked.begin(), asked.end());
    QCOMPARE(asked, (QList<int>{3, 5}));
    QVERIFY(QString::fromStdString(contexts.first().dump()).contains(u"make it rain"_s));
    QVERIFY(m_session->store().project().script.scene(3)->narration != u"Narration of scene 3."_s);
    QCOMPARE(m_session->store().project().script.scene(4)->narration, untouched);
}

void TestScriptPanel::controlsAreDisabledWithoutAProject()
{
    QVERIFY(!m_session->isOpen());
    for (const char* name : {"generate", "stop", "resume", "regenerate", "characters"})
        QVERIFY2(!child<QPushButton>(m_panel, name)->isEnabled(), name);
    QVERIFY(!child<QPlainTextEdit>(m_panel, "idea")->isEnabled());
    QCOMPARE(m_panel->table()->model()->rowCount(), 0);
}

void TestScriptPanel::shorteningAWrittenFilmAsksAndKeepsTheClips()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, 6)); // 6 scenes of 4 s
    {
        ProjectStore store;
        QVERIFY(store.open(dir).ok());
        VideoJob job;
        job.id = VideoJob::makeId(6, 1);
        job.sceneNumber = 6;
        job.provider = u"veo"_s;
        job.accountId = u"veo"_s;
        job.remoteId = u"models/veo/operations/op-1"_s;
        job.state = JobState::Done;
        job.clipPath = u"clips/s006-v1.mp4"_s;
        store.project().jobs.append(job);
        store.markDirty();
        QVERIFY(store.flush().ok());
    }
    QVERIFY(m_session->open(dir).ok());
    QSpinBox* duration = child<QSpinBox>(m_panel, "duration");
    auto answer = [this](QMessageBox::StandardButton button, QString* text) {
        QTimer::singleShot(0, this, [button, text] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            *text = box->text();
            box->button(button)->click();
        });
    };
    const QString file = m_session->store().filePath();

    // While the number is being changed nothing happens; when the editing is done, a question.
    duration->setValue(16);
    QCOMPARE(m_session->store().project().script.sceneCount(), 6);
    QString question;
    answer(QMessageBox::No, &question);
    emit duration->editingFinished();
    QVERIFY2(question.contains(u"4 scenes"_s) && question.contains(u"Its clip is kept apart"_s),
             qPrintable(question));
    QCOMPARE(duration->value(), 24); // No: back to the project's length
    QCOMPARE(m_session->store().project().script.sceneCount(), 6);
    QVERIFY(m_session->store().flush().ok());
    QCOMPARE(ProjectStore::load(file)->script.sceneCount(), 6);

    duration->setValue(16);
    answer(QMessageBox::Yes, &question);
    emit duration->editingFinished();
    QCOMPARE(m_session->store().project().script.sceneCount(), 4);
    QVERIFY(m_session->store().flush().ok());
    const auto saved = ProjectStore::load(file);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    QCOMPARE(saved->script.sceneCount(), 4);
    QCOMPARE(saved->jobs.size(), 1);
    QVERIFY(saved->jobs[0].orphaned); // the paid clip is kept, apart from the scenes
    QVERIFY(ProjectStore::load(file + u".bak"_s).ok());

    // Longer again loses nothing: no question, the new scenes wait to be written.
    duration->setValue(28);
    QCOMPARE(m_session->store().project().script.sceneCount(), 7);
    QCOMPARE(m_session->store().project().script.writtenCount(), 4);
}

QTEST_MAIN(TestScriptPanel)
#include "tst_scriptpanel.moc"

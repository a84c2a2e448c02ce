// MainWindow: welcome page then tabs, recent projects, shortcuts, a damaged project opened from
// its backup, geometry remembered, a question before quitting with work running, and the
// interface in Vietnamese.

#include "appcontext.h"
#include "i18n.h"
#include "logdock.h"
#include "mainwindow.h"
#include "project/projectstore.h"
#include "scriptpanel.h"
#include "settings/appsettings.h"
#include "uifixture.h"
#include "videospanel.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;
using namespace t2v::ui;

namespace {

void answerNextModal(QObject* context, QMessageBox::StandardButton button, QString* text = nullptr)
{
    QTimer::singleShot(0, context, [button, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box);
        if (text)
            *text = box->text();
        QAbstractButton* answer = box->button(button);
        QVERIFY2(answer, qPrintable(box->text()));
        answer->click();
    });
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void welcomePageThenTabs();
    void keyboardShortcuts();
    void damagedProjectOpensFromItsBackup();
    void newProjectFromTheDialog();
    void geometryIsRemembered();
    void quittingWithWorkRunningAsksFirst();
    void vietnameseInterface();
    void selectedScenesGoToTheVideosTab();

private:
    std::unique_ptr<MainWindow> makeWindow();
    std::unique_ptr<UiFixture> m_f;
};

void TestMainWindow::init()
{
    m_f = std::make_unique<UiFixture>();
    QVERIFY(m_f->ok());
}

void TestMainWindow::cleanup()
{
    m_f.reset();
}

std::unique_ptr<MainWindow> TestMainWindow::makeWindow()
{
    auto window = std::make_unique<MainWindow>(m_f->context());
    window->session().setPipelineTuning(JobFixture::fastOptions());
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("window not active");
    return window;
}

void TestMainWindow::welcomePageThenTabs()
{
    const QString dir = m_f->path(u"Paper Boat"_s);
    QVERIFY(m_f->makeWrittenProject(dir, 3));
    auto window = makeWindow();
    QVERIFY(!window->tabs()->isVisible());
    QCOMPARE(window->windowTitle(), u"T2V Studio"_s);
    QCOMPARE(window->statusText()->text(), u"No project open."_s);

    QVERIFY(window->openProject(dir));
    QVERIFY(window->tabs()->isVisible());
    QCOMPARE(window->windowTitle(), u"Paper Boat — T2V Studio"_s);
    QCOMPARE(window->statusText()->text(), u"Script 3/3 scenes · Clips 0/0"_s);
    QCOMPARE(m_f->context().settings().recentProjects().value(0), QDir(dir).absolutePath());

    window->closeProject();
    QVERIFY(!window->tabs()->isVisible());
    auto* recent = child<QListWidget>(window.get(), "RecentProjects");
    QVERIFY(recent);
    QCOMPARE(recent->count(), 1);
    // Reopened from the recent list.
    emit recent->itemActivated(recent->item(0));
    QVERIFY(window->session().isOpen());
    window->setConfirmOnClose(false);
}

void TestMainWindow::keyboardShortcuts()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, 2));
    auto window = makeWindow();
    QVERIFY(window->openProject(dir));
    QTest::keyClick(window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window->tabs()->currentIndex(), int(MainWindow::VideosTab));
    QTest::keyClick(window.get(), Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window->tabs()->currentIndex(), int(MainWindow::FinalTab));
    QTest::keyClick(window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window->tabs()->currentIndex(), int(MainWindow::ScriptTab));
    QVERIFY(window->logDock()->isVisible());
    QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
    QVERIFY(!window->logDock()->isVisible());
    QTest::keyClick(window.get(), Qt::Key_W, Qt::ControlModifier);
    QVERIFY(!window->session().isOpen());
}

void TestMainWindow::damagedProjectOpensFromItsBackup()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, 3));
    {
        // A second save leaves the first as project.json.bak.
        ProjectStore store;
        QVERIFY(store.open(dir).ok());
        store.project().script.scenes[0].narration = u"Saved twice."_s;
        QVERIFY(store.flush().ok());
    }
    QFile file(QDir(dir).filePath(ProjectStore::kFileName));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{\"schema_version\": 1, \"script\": {\"scenes\": [");
    file.close();

    auto window = makeWindow();
    // Reported, nothing written.
    QVERIFY(!window->openProject(dir, true));
    QVERIFY(window->statusBar()->currentMessage().contains(u"project.json"_s));
    QVERIFY(!window->session().isOpen());

    QString question;
    answerNextModal(this, QMessageBox::Yes, &question);
    QVERIFY(window->openProject(dir));
    QVERIFY(question.contains(u"project.json.bak"_s));
    QVERIFY(window->session().isOpen());
    QCOMPARE(window->session().store().project().script.sceneCount(), 3);
    // The damaged file is kept beside it for whoever wants to look.
    QCOMPARE(QDir(dir).entryList({u"project.json.damaged-*"_s}, QDir::Files).size(), 1);
    window->setConfirmOnClose(false);
}

void TestMainWindow::newProjectFromTheDialog()
{
    m_f->context().settings().setValue(AppSettings::Key::DefaultProjectFolder,
                                       m_f->path(u"films"_s));
    auto window = makeWindow();
    QTimer::singleShot(0, this, [] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        auto* create = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(!create->isEnabled()); // no name yet
        QTest::keyClicks(child<QLineEdit>(dialog, "name"), u"Rain: a film?"_s);
        QVERIFY(create->isEnabled());
        create->click();
    });
    window->newProject();
    QVERIFY(window->session().isOpen());
    QCOMPARE(window->session().store().dir(),
             QDir(m_f->path(u"films/Rain a film"_s)).absolutePath());
    QVERIFY(QFileInfo::exists(m_f->path(u"films/Rain a film/project.json"_s)));
    QCOMPARE(window->tabs()->currentIndex(), int(MainWindow::ScriptTab));
    window->setConfirmOnClose(false);
}

void TestMainWindow::geometryIsRemembered()
{
    {
        auto window = makeWindow();
        window->resize(900, 640);
        QTest::qWait(20);
        QVERIFY(window->close());
    }
    QVERIFY(
        !m_f->context().settings().value(AppSettings::Key::WindowGeometry).toString().isEmpty());
    auto again = makeWindow();
    QCOMPARE(again->size(), QSize(900, 640));
}

void TestMainWindow::quittingWithWorkRunningAsksFirst()
{
    m_f->addChat(u"writer"_s, u"sk-test"_s);
    m_f->routes->setAnswerDelay([](const json::Json&) { return 400ms; });
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, 4));
    auto window = makeWindow();
    QVERIFY(window->openProject(dir));
    window->session().store().project().settings.llmAccount = u"writer"_s;
    QVERIFY(window->session().writeScript(true).ok());

    QString question;
    answerNextModal(this, QMessageBox::No, &question);
    QVERIFY(!window->close());
    QVERIFY(question.contains(u"Work is still running"_s));
    QVERIFY(window->isVisible());
    QVERIFY(window->session().isWritingScript());

    answerNextModal(this, QMessageBox::Yes);
    QVERIFY(window->close());
    QVERIFY(!window->session().isOpen());
}

void TestMainWindow::vietnameseInterface()
{
    QVERIFY(installTranslations(*QCoreApplication::instance(), u"vi"_s));
    {
        auto window = makeWindow();
        QCOMPARE(window->statusText()->text(), u"Chưa mở dự án nào."_s);
        QCOMPARE(window->tabs()->tabText(0), u"&Kịch bản"_s);
    }
    QVERIFY(installTranslations(*QCoreApplication::instance(), u"en"_s));
    auto window = makeWindow();
    QCOMPARE(window->tabs()->tabText(0), u"&Script"_s);
}

void TestMainWindow::selectedScenesGoToTheVideosTab()
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, 6));
    auto window = makeWindow();
    QVERIFY(window->openProject(dir));
    QTableView* table = window->scriptPanel()->table();
    for (int row : {1, 2, 3, 5})
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);

    // The script table's context menu, used as a person would.
    bool triggered = false;
    QTimer::singleShot(0, this, [&] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        QVERIFY(menu);
        for (QAction* a : menu->actions()) {
            if (a->text().contains(u"clips"_s) && a->isEnabled()) {
                menu->close();
                a->trigger();
                triggered = true;
            }
        }
        menu->close();
    });
    emit table->customContextMenuRequested(table->visualRect(table->model()->index(1, 0)).center());
    QVERIFY(triggered);
    QCOMPARE(window->tabs()->currentIndex(), int(MainWindow::VideosTab));
    QCOMPARE(child<QLineEdit>(window->videosPanel(), "scenes")->text(), u"2-4,6"_s);
    window->setConfirmOnClose(false);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

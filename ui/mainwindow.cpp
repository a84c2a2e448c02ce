#include "mainwindow.h"

#include "accountsdialog.h"
#include "appcontext.h"
#include "core/logging.h"
#include "core/scenelist.h"
#include "finalpanel.h"
#include "jobs/spend.h"
#include "logdock.h"
#include "newprojectdialog.h"
#include "scriptpanel.h"
#include "session/projectsession.h"
#include "settingsdialog.h"
#include "storyboardpanel.h"
#include "theme.h"
#include "videospanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v::ui {

MainWindow::MainWindow(AppContext& context, QWidget* parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_session(new ProjectSession(context.services(), this))
{
    setObjectName(u"MainWindow"_s);
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_script = new ScriptPanel(*m_session);
    m_videos = new VideosPanel(*m_session, context.thumbnails());
    m_final = new FinalPanel(*m_session, context.thumbnails());
    m_tabs->addTab(m_script, tr("&Script"));
    m_tabs->addTab(m_videos, tr("&Videos"));
    m_tabs->addTab(m_final, tr("&Final"));
    m_storyboard = new StoryboardPanel(*m_session, context.thumbnails());
    m_tabs->addTab(m_storyboard, tr("Story&board"));
    connect(m_storyboard, &StoryboardPanel::makeClipsRequested, this,
            [this](const QList<int>& scenes) {
                m_videos->setScenes(formatSceneList(scenes));
                showTab(VideosTab);
            });
    connect(m_script, &ScriptPanel::makeClipsRequested, this, [this](const QList<int>& scenes) {
        m_videos->setScenes(formatSceneList(scenes));
        showTab(VideosTab);
    });
    m_stack = new QStackedWidget;
    m_stack->addWidget(createWelcomePage());
    m_stack->addWidget(m_tabs);
    setCentralWidget(m_stack);

    m_log = new LogDock(this);
    m_log->setObjectName(u"LogDock"_s);
    addDockWidget(Qt::BottomDockWidgetArea, m_log);

    m_statusText = new QLabel;
    m_statusProgress = new QProgressBar;
    m_statusProgress->setMaximumWidth(220);
    m_statusProgress->setMaximumHeight(16);
    m_statusProgress->setVisible(false);
    m_statusSpend = new QLabel;
    m_statusSpend->setObjectName(u"statusSpend"_s);
    m_statusSpend->setToolTip(
        tr("What this project's clips may have cost (every request that may be billed), and "
           "today's part of it. Prices come from the price table (Settings)."));
    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addPermanentWidget(m_statusSpend);
    statusBar()->addPermanentWidget(m_statusProgress);

    createActions();

    connect(m_session, &ProjectSession::opened, this, [this] {
        m_stack->setCurrentWidget(m_tabs);
        updateTitle();
        updateActions();
        updateRecentProjects();
        updateStatus();
    });
    connect(m_session, &ProjectSession::closed, this, [this] {
        m_context.thumbnails().clear();
        m_stack->setCurrentIndex(0);
        updateTitle();
        updateActions();
        updateRecentProjects();
        updateStatus();
    });
    connect(m_session, &ProjectSession::scriptReset, this, &MainWindow::updateTitle);
    connect(m_session, &ProjectSession::problem, this, &MainWindow::reportProblem);
    connect(m_session, &ProjectSession::notice, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(&m_context.settings(), &AppSettings::saveFailed, this, &MainWindow::reportProblem);

    // What is running and how far it is; cheap, read from the project on the GUI thread.
    m_statusTimer.setInterval(250ms);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_statusTimer.start();

    resize(1280, 820);
    const QByteArray geometry = QByteArray::fromBase64(
        m_context.settings().value(AppSettings::Key::WindowGeometry).toByteArray());
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = QByteArray::fromBase64(
        m_context.settings().value(AppSettings::Key::WindowState).toByteArray());
    if (state.isEmpty() || !restoreState(state))
        resizeDocks({m_log}, {150}, Qt::Vertical); // the tabs get the room on a first run

    updateTitle();
    updateActions();
    updateRecentProjects();
    updateStatus();
    if (!m_context.loadProblems().isEmpty())
        QTimer::singleShot(0, this, [this] { reportProblem(m_context.loadProblems()); });
}

MainWindow::~MainWindow()
{
    // While every panel and action still exists: they all listen to closed().
    m_session->close();
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newAction = file->addAction(tr("&New Project…"), this, &MainWindow::newProject);
    newAction->setShortcut(QKeySequence::New);
    QAction* openAction =
        file->addAction(tr("&Open Project…"), this, &MainWindow::openProjectDialog);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    QAction* folder =
        file->addAction(tr("Show Project &Folder"), this, &MainWindow::openProjectFolder);
    folder->setShortcut(QKeySequence(u"Ctrl+Shift+F"_s));
    QAction* exportAction =
        file->addAction(tr("&Export Script Files"), this, &MainWindow::exportScript);
    exportAction->setShortcut(QKeySequence(u"Ctrl+E"_s));
    exportAction->setToolTip(
        tr("Screenplay, subtitles, prompts CSV, script JSON and EDL in exports/"));
    QAction* closeAction = file->addAction(tr("&Close Project"), this, &MainWindow::closeProject);
    closeAction->setShortcut(QKeySequence(u"Ctrl+W"_s));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    m_projectActions = {folder, exportAction, closeAction};

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    QAction* accounts = tools->addAction(tr("&Accounts…"), this, &MainWindow::showAccounts);
    accounts->setShortcut(QKeySequence(u"Ctrl+Shift+A"_s));
    QAction* settings = tools->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    settings->setShortcut(QKeySequence::Preferences);
    if (settings->shortcut().isEmpty())
        settings->setShortcut(QKeySequence(u"Ctrl+,"_s));
    settings->setMenuRole(QAction::PreferencesRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QList<QPair<QString, Tab>> tabs{{tr("&Script"), ScriptTab},
                                          {tr("&Videos"), VideosTab},
                                          {tr("&Final"), FinalTab},
                                          {tr("Story&board"), StoryboardTab}};
    for (int i = 0; i < tabs.size(); ++i) {
        QAction* a =
            view->addAction(tabs[i].first, this, [this, tab = tabs[i].second] { showTab(tab); });
        a->setShortcut(QKeySequence(u"Ctrl+%1"_s.arg(i + 1)));
        m_projectActions.append(a);
    }
    view->addSeparator();
    QAction* logToggle = m_log->toggleViewAction();
    logToggle->setText(tr("&Log"));
    logToggle->setShortcut(QKeySequence(u"Ctrl+L"_s));
    view->addAction(logToggle);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About T2V Studio"), this, &MainWindow::showAbout)
        ->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);
}

QWidget* MainWindow::createWelcomePage()
{
    auto* page = new QWidget;
    auto* title = new QLabel(
        tr("<h1>T2V Studio</h1><p>From an idea to a long video: a scene-by-scene script, "
           "clips rendered across your accounts, one film.</p>"));
    title->setWordWrap(true);
    auto* newButton = new QPushButton(tr("&New Project…"));
    auto* openButton = new QPushButton(tr("&Open Project…"));
    connect(newButton, &QPushButton::clicked, this, &MainWindow::newProject);
    connect(openButton, &QPushButton::clicked, this, &MainWindow::openProjectDialog);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(openButton);
    buttons->addStretch(1);
    m_recentList = new QListWidget;
    m_recentList->setObjectName(u"RecentProjects"_s);
    connect(m_recentList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { openProject(item->data(Qt::UserRole).toString()); });
    auto* hint = new QLabel(
        tr("Without an account the offline writer and the local animatic renderer make a "
           "complete draft film. Add Gemini, fal.ai or OpenAI-compatible accounts in "
           "Tools → Accounts."));
    hint->setWordWrap(true);

    auto* inner = new QWidget;
    inner->setMaximumWidth(760);
    auto* layout = new QVBoxLayout(inner);
    layout->addWidget(title);
    layout->addLayout(buttons);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("<b>Recent projects</b>")));
    layout->addWidget(m_recentList, 1);
    layout->addWidget(hint);
    auto* outer = new QHBoxLayout(page);
    outer->addStretch(1);
    outer->addWidget(inner, 4);
    outer->addStretch(1);
    return page;
}

void MainWindow::updateRecentProjects()
{
    const QStringList recent = m_context.settings().recentProjects();
    m_recentMenu->clear();
    m_recentList->clear();
    for (const QString& dir : recent) {
        const QString label = displayPath(dir);
        QAction* a = m_recentMenu->addAction(label, this, [this, dir] { openProject(dir); });
        const bool exists = QFileInfo::exists(QDir(dir).filePath(ProjectStore::kFileName));
        a->setEnabled(exists);
        auto* item =
            new QListWidgetItem(exists ? label : tr("%1 (missing)").arg(label), m_recentList);
        item->setData(Qt::UserRole, dir);
        if (!exists)
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
    if (recent.isEmpty())
        new QListWidgetItem(tr("No recent projects yet."), m_recentList);
}

void MainWindow::updateTitle()
{
    if (!m_session->isOpen()) {
        setWindowTitle(tr("T2V Studio"));
        return;
    }
    const Project& p = m_session->store().project();
    const QString name =
        p.script.title.isEmpty() ? QFileInfo(m_session->store().dir()).fileName() : p.script.title;
    setWindowTitle(tr("%1 — T2V Studio").arg(name));
}

void MainWindow::updateActions()
{
    const bool open = m_session->isOpen();
    for (QAction* a : std::as_const(m_projectActions))
        a->setEnabled(open);
}

void MainWindow::updateStatus()
{
    if (!m_session->isOpen()) {
        m_statusText->setText(tr("No project open."));
        m_statusSpend->clear();
        m_statusProgress->setVisible(false);
        return;
    }
    const Project& p = m_session->store().project();
    const auto [spent, today] =
        spendTotals(p.jobs, QDateTime(QDate::currentDate(), QTime(0, 0)).toUTC());
    m_statusSpend->setText(spent.usd > 0 || spent.unknown > 0
                               ? tr("Spent %1 · today %2").arg(spent.text(), today.text())
                               : QString());
    const int total = p.script.sceneCount();
    const int written = p.script.writtenCount();
    int clipsDone = 0;
    int clipsActive = 0;
    int clipsFailed = 0;
    for (const VideoJob& j : p.jobs) {
        if (j.state == JobState::Done)
            ++clipsDone;
        else if (j.state == JobState::Failed || j.state == JobState::Unconfirmed)
            ++clipsFailed;
        else if (!isTerminal(j.state))
            ++clipsActive;
    }
    QString text = tr("Script %1/%2 scenes · Clips %3/%4")
                       .arg(written)
                       .arg(total)
                       .arg(clipsDone)
                       .arg(p.jobs.size());
    if (clipsFailed > 0)
        text += tr(" · %n failed", nullptr, clipsFailed);
    int value = -1;
    int maximum = 1;
    if (m_session->isAssembling()) {
        text = tr("Assembling the film…");
        value = 0; // FinalPanel shows the detail; here only that it runs
        maximum = 0;
    } else if (m_session->isWritingScript()) {
        text = tr("Writing the script: %1/%2 scenes").arg(written).arg(total);
        value = written;
        maximum = std::max(total, 1);
    } else if (m_session->isMakingClips() && clipsActive > 0) {
        text = tr("Making clips: %1 of %2 done, %3 in progress")
                   .arg(clipsDone)
                   .arg(p.jobs.size())
                   .arg(clipsActive);
        value = clipsDone;
        maximum = std::max(int(p.jobs.size()), 1);
    }
    m_statusText->setText(text);
    m_statusProgress->setVisible(value >= 0);
    if (value >= 0) {
        m_statusProgress->setMaximum(maximum);
        m_statusProgress->setValue(value);
    }
}

void MainWindow::reportProblem(const QString& message)
{
    qCWarning(lcUi).noquote() << message;
    statusBar()->showMessage(message, 15000);
}

void MainWindow::showTab(Tab tab)
{
    if (m_session->isOpen())
        m_tabs->setCurrentIndex(tab);
}

void MainWindow::newProject()
{
    QString parent = m_context.settings().defaultProjectFolder();
    NewProjectDialog dialog(parent, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Project initial;
    initial.script.idea = dialog.idea();
    initial.script.title = QString(); // the writer gives the film its title
    if (Status s = m_session->create(dialog.projectDir(), std::move(initial)); !s) {
        QMessageBox::warning(this, tr("New Project"), s.error().message);
        return;
    }
    showTab(ScriptTab);
}

void MainWindow::openProjectDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Open Project Folder"), m_context.settings().defaultProjectFolder());
    if (!dir.isEmpty())
        openProject(dir);
}

bool MainWindow::openProject(const QString& dir, bool quiet)
{
    const Status s = m_session->open(dir);
    if (s)
        return true;
    const QString backup = QDir(dir).filePath(ProjectStore::kBackupName);
    if (quiet) {
        reportProblem(s.error().message);
        return false;
    }
    if (!QFileInfo::exists(backup)) {
        QMessageBox::warning(this, tr("Open Project"), s.error().message);
        return false;
    }
    const auto answer =
        QMessageBox::question(this, tr("Open Project"),
                              tr("%1\n\nThe previous save, %2, is intact. Open it instead? The "
                                 "damaged file is kept beside it.")
                                  .arg(s.error().message, QDir::toNativeSeparators(backup)));
    if (answer != QMessageBox::Yes)
        return false;
    if (Status b = m_session->openBackup(dir); !b) {
        QMessageBox::warning(this, tr("Open Project"), b.error().message);
        return false;
    }
    statusBar()->showMessage(tr("Opened the backup copy of the project."), 10000);
    return true;
}

void MainWindow::closeProject()
{
    m_session->close();
}

void MainWindow::showAccounts()
{
    AccountsDialog dialog(m_context, this);
    dialog.exec();
    m_storyboard->reloadAccounts();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_context.services(), this);
    if (dialog.exec() == QDialog::Accepted)
        applyTheme(*qApp, m_context.settings().theme());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About T2V Studio"),
                       tr("<h3>T2V Studio %1</h3><p>Long AI videos from an idea: a scene-by-scene "
                          "script written in "
                          "ordered batches, clips rendered across several accounts, one film.</p>"
                          "<p>Settings and accounts: %2</p>")
                           .arg(QCoreApplication::applicationVersion(),
                                QDir::toNativeSeparators(m_context.settings().filePath())));
}

void MainWindow::openProjectFolder()
{
    if (m_session->isOpen())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_session->store().dir()));
}

void MainWindow::exportScript()
{
    const auto files = m_session->writeExports();
    if (!files) {
        QMessageBox::warning(this, tr("Export"), files.error().message);
        return;
    }
    statusBar()->showMessage(
        tr("Wrote %n file(s) in %1", nullptr, int(files->size()))
            .arg(QDir::toNativeSeparators(QDir(m_session->store().dir()).filePath(u"exports"_s))),
        10000);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    const bool busy =
        m_session->isWritingScript() || m_session->isMakingClips() || m_session->isAssembling();
    if (busy && m_confirmOnClose) {
        const auto answer =
            QMessageBox::question(this, tr("Quit T2V Studio?"),
                                  tr("Work is still running. Every finished scene and clip is "
                                     "saved. Clips that are rendering on a "
                                     "service keep rendering there and are fetched when you open "
                                     "the project again; scenes being written "
                                     "now are written again on Resume.\n\nQuit now?"));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    m_context.settings().setValue(AppSettings::Key::WindowGeometry,
                                  QString::fromLatin1(saveGeometry().toBase64()));
    m_context.settings().setValue(AppSettings::Key::WindowState,
                                  QString::fromLatin1(saveState().toBase64()));
    m_session->close();
    if (Status s = m_context.settings().save(); !s)
        qCWarning(lcUi).noquote() << s.error().message;
    event->accept();
}

} // namespace t2v::ui

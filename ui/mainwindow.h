#pragma once

// The main window: a welcome page with the recent projects until a project is open, then the
// Script, Videos and Final tabs; the log dock; a status bar with what is running and how far
// it is; menus with keyboard shortcuts. Geometry and dock layout are remembered.

#include <QMainWindow>
#include <QTimer>

class QLabel;
class QListWidget;
class QProgressBar;
class QStackedWidget;
class QTabWidget;

namespace t2v {
class ProjectSession;
} // namespace t2v

namespace t2v::ui {

class AppContext;
class FinalPanel;
class StoryboardPanel;
class LogDock;

class ScriptPanel;
class VideosPanel;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Tab { ScriptTab, VideosTab, FinalTab, StoryboardTab };

    explicit MainWindow(AppContext& context, QWidget* parent = nullptr);
    ~MainWindow() override;

    ProjectSession& session() { return *m_session; }
    ScriptPanel* scriptPanel() const { return m_script; }
    VideosPanel* videosPanel() const { return m_videos; }
    FinalPanel* finalPanel() const { return m_final; }
    StoryboardPanel* storyboardPanel() const { return m_storyboard; }
    LogDock* logDock() const { return m_log; }
    QTabWidget* tabs() const { return m_tabs; }
    QLabel* statusText() const { return m_statusText; }
    QLabel* statusSpend() const { return m_statusSpend; }

    // Opens a project folder; on a damaged project.json offers the backup. Returns whether
    // a project is open afterwards. `quiet` reports problems in the log and status bar only.
    bool openProject(const QString& dir, bool quiet = false);
    void showTab(Tab tab);

    // When true (the default) closing asks before stopping running work; tests turn it off.
    void setConfirmOnClose(bool confirm) { m_confirmOnClose = confirm; }

public slots:
    void newProject();
    void openProjectDialog();
    void closeProject();
    void showAccounts();
    void showSettings();
    void showAbout();
    void openProjectFolder();
    void exportScript();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    QWidget* createWelcomePage();
    void updateRecentProjects();
    void updateTitle();
    void updateActions();
    void updateStatus();
    void reportProblem(const QString& message);

    AppContext& m_context;
    ProjectSession* m_session;
    QStackedWidget* m_stack;
    QTabWidget* m_tabs;
    ScriptPanel* m_script;
    VideosPanel* m_videos;
    FinalPanel* m_final;
    StoryboardPanel* m_storyboard;
    LogDock* m_log;
    QListWidget* m_recentList;
    QMenu* m_recentMenu = nullptr;
    QList<QAction*> m_projectActions;
    QLabel* m_statusSpend = nullptr;
    QLabel* m_statusText;
    QProgressBar* m_statusProgress;
    QTimer m_statusTimer;
    bool m_confirmOnClose = true;
};

} // namespace t2v::ui

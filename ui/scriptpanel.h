#pragma once

// The Script tab: the idea and how the script is written (style, language, length, scene
// length, aspect ratio, writing account and model, batch size and mode), Generate / Stop /
// Resume, the progress line, and the scene table that fills in as scenes arrive. Cells edit in
// place; chosen scenes can be written again; the character bible has its own editor.

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace t2v {
class ProjectSession;
} // namespace t2v

namespace t2v::ui {

class SceneTableModel;

class ScriptPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ScriptPanel(ProjectSession& session, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    SceneTableModel* model() const { return m_model; }
    QList<int> selectedScenes() const;

signals:
    void makeClipsRequested(const QList<int>& scenes);

public slots:
    void generate();
    void stop();
    void resume();
    void regenerateSelected();
    // Asks the window to make clips of the selected scenes (makeClipsRequested).
    void makeClipsForSelected();
    void editCharacters();
    void reloadAccounts();
    void suggestModels();

private:
    void loadFromProject();
    void saveToProject();
    // The length or the scene length was edited: applied at once when nothing is lost, else
    // (when editing finishes) after asking; on No the boxes go back to the project's values.
    // Returns false when the person kept the old layout.
    bool applyLayout(bool ask);
    bool layoutPending() const;
    void updateState();
    void updateProgress();
    void showError(const QString& what, const QString& message);
    void showMenu(const QPoint& at);

    ProjectSession& m_session;
    QPlainTextEdit* m_idea;
    QComboBox* m_style;
    QComboBox* m_language;
    QSpinBox* m_duration;
    QSpinBox* m_sceneSeconds;
    QComboBox* m_aspect;
    QComboBox* m_account;
    QLineEdit* m_llmModel;
    QSpinBox* m_batchSize;
    QComboBox* m_mode;
    QPushButton* m_generate;
    QPushButton* m_stop;
    QPushButton* m_resume;
    QPushButton* m_regenerate;
    QPushButton* m_characters;
    QLabel* m_progressText;
    QProgressBar* m_progress;
    QLabel* m_sceneCount;
    QLineEdit* m_filter;
    QTableView* m_table;
    SceneTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    bool m_loading = false;
};

} // namespace t2v::ui

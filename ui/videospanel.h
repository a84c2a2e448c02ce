#pragma once

// The Videos tab, the batch download panel: which scenes, on which accounts, how many variants,
// what resolution, an optional 4K resample, how many downloads at once (applied live); the job
// table with thumbnails, states and progress, filtered by state; retry, download again, cancel,
// choose the variant for the film, open the clip or its folder; and a one-line summary.

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace t2v {
class ProjectSession;
struct JobOptions;
} // namespace t2v

namespace t2v::ui {

class ThumbnailCache;

class JobTableModel;

class VideosPanel final : public QWidget
{
    Q_OBJECT

public:
    VideosPanel(ProjectSession& session, ThumbnailCache& thumbnails, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    JobTableModel* model() const { return m_model; }
    QStringList selectedJobs() const;
    void setScenes(const QString& list);
    // The state filter: 0 all, 1 in progress, 2 done, 3 failed or unconfirmed, 4 queued.
    void setStateFilter(int index);

public slots:
    void makeClips();
    void stop();
    void retrySelected();
    void redownloadSelected();
    void renderAgainSelected();
    void useOrphanSelected();
    void deleteSelected();
    void cancelSelected();
    void chooseSelected();
    void openSelectedClip();
    void openSelectedFolder();
    void reloadAccounts();
    void suggestModels();
    // The price of the clips the form would make (shown under it, asked before Make clips).
    void updateEstimate();

private:
    void loadFromProject();
    void updateState();
    // The scenes and options of the form; false (with the reason shown) when they are not usable.
    bool readForm(QList<int>* scenes, JobOptions* options, QString* problem) const;
    bool confirmCost(const QList<int>& scenes, const JobOptions& options);
    void showMenu(const QPoint& at);

    ProjectSession& m_session;
    QListWidget* m_accounts;
    QLineEdit* m_scenes;
    QLineEdit* m_videoModel;
    QSpinBox* m_variants;
    QComboBox* m_aspect;
    QComboBox* m_resolution;
    QCheckBox* m_upscale;
    QSpinBox* m_parallel;
    QPushButton* m_start;
    QPushButton* m_stop;
    QLabel* m_summary;
    QLabel* m_spent;
    QLabel* m_estimate;
    QDoubleSpinBox* m_budget;
    QComboBox* m_filter;
    QTableView* m_table;
    JobTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
};

} // namespace t2v::ui

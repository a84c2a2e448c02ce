#pragma once

// The Storyboard tab: the scenes as a grid of cards (StoryboardModel) with what each is made
// from and how far its clip is; per-card actions make clips, draw or approve keyframes, retry
// and play. Keyframes are drawn by the image account chosen above the grid.

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QListView;

namespace t2v {
class ProjectSession;
}

namespace t2v::ui {

class StoryboardModel;
class ThumbnailCache;

class StoryboardPanel final : public QWidget
{
    Q_OBJECT

public:
    StoryboardPanel(ProjectSession& session, ThumbnailCache& thumbnails, QWidget* parent = nullptr);

    QListView* view() const { return m_view; }
    StoryboardModel* model() const { return m_model; }
    QList<int> selectedScenes() const;

signals:
    // Asks the window to make clips of these scenes (the Videos tab opens with them).
    void makeClipsRequested(const QList<int>& scenes);

public slots:
    void reloadAccounts();
    void drawKeyframes();
    void approveKeyframes();
    void retrySelected();
    void playCurrent();

private:
    void showMenu(const QPoint& at);

    ProjectSession& m_session;
    StoryboardModel* m_model;
    QListView* m_view;
    QComboBox* m_imageAccount;
    QLabel* m_state;
};

} // namespace t2v::ui

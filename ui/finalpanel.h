#pragma once

// The Final tab: a strip with the chosen clip of every scene, the assembly options (subtitles,
// fades, music), Assemble with progress, and the finished film to open or show in its folder.

#include <QHash>
#include <QPixmap>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace t2v {
class ProjectSession;
} // namespace t2v

namespace t2v::ui {

class ThumbnailCache;

class FinalPanel final : public QWidget
{
    Q_OBJECT

public:
    FinalPanel(ProjectSession& session, ThumbnailCache& thumbnails, QWidget* parent = nullptr);

    QListWidget* strip() const { return m_strip; }
    QString lastFilm() const { return m_film; }

public slots:
    void assemble();
    void refreshStrip();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void loadFromProject();
    void updateState();

    ProjectSession& m_session;
    ThumbnailCache& m_thumbnails;
    QListWidget* m_strip;
    QComboBox* m_subtitles;
    QComboBox* m_transition;
    QDoubleSpinBox* m_fade;
    QLineEdit* m_music;
    QDoubleSpinBox* m_volume;
    QPushButton* m_assemble;
    QPushButton* m_cancel;
    QPushButton* m_export;
    QPushButton* m_openFilm;
    QPushButton* m_openFolder;
    QProgressBar* m_progress;
    QLabel* m_status;
    QString m_film;
    bool m_stripStale = false;
};

} // namespace t2v::ui

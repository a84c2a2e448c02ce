#pragma once

// The storyboard: one card per scene (its keyframe, else its clip's thumbnail; number, beat,
// characters, state of its clip, cost). A job's change repaints its scene's card only, through
// the ModelUpdater (at most ten updates a second), so the cost of an update does not grow with
// the project: a 300-scene film repaints as cheaply as a 3-scene one.

#include "modelupdater.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSize>

namespace t2v {
class ProjectSession;
struct VideoJob;
} // namespace t2v

namespace t2v::ui {

class ThumbnailCache;

class StoryboardModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        NumberRole = Qt::UserRole + 1,
        BeatRole,
        CharactersRole,  // QStringList
        ImageRole,       // the absolute path of the picture shown: keyframe, else thumbnail
        StateRole,       // the clip's state, for people ("Done", "Rendering 40%", "No clip")
        CostRole,        // "$0.80", or empty
        NewKeyframeRole, // a new keyframe waits for approval
        ChainedRole,
        JobsRole, // QStringList: the scene's job ids
    };

    StoryboardModel(ProjectSession& session, ThumbnailCache& thumbnails, QObject* parent = nullptr);

    static constexpr QSize kImageSize{224, 126};

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The job whose clip the card stands for: the variant used in the film, else the newest.
    const VideoJob* clipOf(int sceneNumber) const;
    ModelUpdater& updater() { return m_updater; }

private:
    void reset();
    void sceneOfJobChanged(const QString& id);
    QVariant picture(const QString& path) const; // decoded off the GUI thread (ThumbnailCache)

    ProjectSession& m_session;
    ThumbnailCache& m_thumbnails;
    ModelUpdater m_updater;
    int m_rows = 0;
    QHash<QString, int> m_sceneOf; // job id -> scene number
    // scene number -> indexes into the project's jobs (valid until jobsReset), in order
    QHash<int, QList<int>> m_jobsOf;
};

} // namespace t2v::ui

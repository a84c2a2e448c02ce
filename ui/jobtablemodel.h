#pragma once

// The video jobs of the open project: thumbnail, scene, variant, account, state, progress,
// size, file. Progress comes from bytes while downloading and from the service while rendering;
// rows update at most ten times a second.

#include "core/jobstate.h"
#include "modelupdater.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPixmap>

namespace t2v {
class ProjectSession;
} // namespace t2v

namespace t2v::ui {

class ThumbnailCache;

class JobTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Thumbnail,
        Scene,
        Variant,
        Account,
        State,
        Progress,
        Size,
        Cost,
        File,
        ColumnCount
    };
    enum Role { RawRole = Qt::UserRole + 1, StateRole, ProgressRole, JobIdRole, ChosenRole };

    JobTableModel(ProjectSession& session, ThumbnailCache& thumbnails, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    QString jobId(int row) const;
    int rowOf(const QString& jobId) const;
    ModelUpdater& updater() { return m_updater; }

private:
    void reset();
    QPixmap thumbnail(int row) const;

    ProjectSession& m_session;
    ThumbnailCache& m_thumbnails;
    ModelUpdater m_updater;
    QHash<QString, int> m_rowOf;
    int m_rows = 0;
};

QString formatBytes(qint64 bytes);

} // namespace t2v::ui

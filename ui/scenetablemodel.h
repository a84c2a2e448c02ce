#pragma once

// The scenes of the open project as a table: number, status, beat, narration, visual prompt,
// characters, camera, location, duration, warnings. Text cells edit in place; an edited scene
// is saved at once and marked Edited. Rows update as scenes arrive, coalesced.

#include "modelupdater.h"

#include <QAbstractTableModel>
#include <QSet>

namespace t2v {
class ProjectSession;
} // namespace t2v

namespace t2v::ui {

class SceneTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Number,
        Status,
        Beat,
        Narration,
        VisualPrompt,
        Characters,
        Camera,
        Location,
        Duration,
        Warnings,
        ColumnCount
    };
    enum Role { RawRole = Qt::UserRole + 1, WarningRole };

    explicit SceneTableModel(ProjectSession& session, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

    int sceneNumber(const QModelIndex& index) const { return index.row() + 1; }
    ModelUpdater& updater() { return m_updater; }

private:
    void reset();

    ProjectSession& m_session;
    ModelUpdater m_updater;
    QSet<int> m_writing;
    int m_rows = 0;
};

} // namespace t2v::ui

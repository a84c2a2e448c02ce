#pragma once

// Collects the rows of a model that changed and tells the views at most ten times a second,
// in contiguous ranges, instead of once per byte or per signal.

#include <QAbstractItemModel>
#include <QSet>
#include <QTimer>

namespace t2v::ui {

class ModelUpdater final : public QObject
{
    Q_OBJECT

public:
    explicit ModelUpdater(QAbstractItemModel* model);
    void rowChanged(int row);
    void flush();
    int signalsSent() const { return m_sent; }

private:
    QAbstractItemModel* m_model;
    QSet<int> m_rows;
    QTimer m_timer;
    int m_sent = 0;
};

} // namespace t2v::ui

#pragma once

// The program's log for the log dock: every message (already redacted) with its time, level
// and subsystem, the last 5000 kept, appended at most ten times a second. Messages from any
// thread are queued to the model's thread.

#include "core/logsink.h"

#include <QAbstractTableModel>
#include <QList>
#include <QMutex>
#include <QTimer>

namespace t2v::ui {

class LogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Level, Category, Message, ColumnCount };
    enum Role { SeverityRole = Qt::UserRole + 1, CategoryRole };
    static constexpr int kMaxRows = 5000;

    explicit LogModel(QObject* parent = nullptr);
    ~LogModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void append(const LogEntry& entry); // any thread
    void flushPending();
    QStringList categories() const;

signals:
    void categoriesChanged();

private:
    QList<LogEntry> m_rows;
    QMutex m_mutex;
    QList<LogEntry> m_pending;
    QTimer m_timer;
    int m_listener = 0;
    QStringList m_categories;
};

} // namespace t2v::ui

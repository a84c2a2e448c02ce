#pragma once

// The log dock: every message of this run, filtered by level and subsystem, following the end.

#include <QDockWidget>

class QComboBox;
class QTableView;

namespace t2v::ui {

class LogModel;

class LogDock final : public QDockWidget
{
    Q_OBJECT

public:
    explicit LogDock(QWidget* parent = nullptr);
    LogModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    void setMinimumSeverity(int severity);
    void setCategory(const QString& category);

private:
    LogModel* m_model;
    class LogFilter* m_filter;
    QComboBox* m_level;
    QComboBox* m_category;
    QTableView* m_view;
};

} // namespace t2v::ui

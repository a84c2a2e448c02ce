#include "logdock.h"

#include "logmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace t2v::ui {

class LogFilter final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void set(int severity, const QString& category)
    {
        m_severity = severity;
        m_category = category;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        const QModelIndex i = sourceModel()->index(row, 0, parent);
        if (i.data(LogModel::SeverityRole).toInt() < m_severity)
            return false;
        return m_category.isEmpty() || i.data(LogModel::CategoryRole).toString() == m_category;
    }

private:
    int m_severity = 1;
    QString m_category;
};

LogDock::LogDock(QWidget* parent)
    : QDockWidget(tr("Log"), parent)
{
    setObjectName(u"logDock"_s);
    m_model = new LogModel(this);
    m_filter = new LogFilter(this);
    m_filter->setSourceModel(m_model);
    m_level = new QComboBox;
    m_level->setObjectName(u"level"_s);
    m_level->addItem(tr("Debug and up"), 0);
    m_level->addItem(tr("Info and up"), 1);
    m_level->addItem(tr("Warnings and errors"), 2);
    m_level->addItem(tr("Errors"), 3);
    m_level->setCurrentIndex(1);
    m_category = new QComboBox;
    m_category->setObjectName(u"category"_s);
    m_category->addItem(tr("All subsystems"), QString());
    m_view = new QTableView;
    m_view->setModel(m_filter);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->setColumnWidth(LogModel::Time, 100);
    m_view->setColumnWidth(LogModel::Level, 70);
    m_view->setColumnWidth(LogModel::Category, 100);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show")));
    bar->addWidget(m_level);
    bar->addWidget(m_category);
    bar->addStretch();
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view);
    setWidget(body);

    auto apply = [this] {
        m_filter->set(m_level->currentData().toInt(), m_category->currentData().toString());
    };
    connect(m_level, &QComboBox::currentIndexChanged, this, apply);
    connect(m_category, &QComboBox::currentIndexChanged, this, apply);
    connect(m_model, &LogModel::categoriesChanged, this, [this] {
        const QString current = m_category->currentData().toString();
        QSignalBlocker block(m_category);
        m_category->clear();
        m_category->addItem(tr("All subsystems"), QString());
        for (const QString& c : m_model->categories())
            m_category->addItem(c, c);
        m_category->setCurrentIndex(std::max(0, m_category->findData(current)));
    });
    // Follow the end unless the user scrolled up to read.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        QScrollBar* sb = m_view->verticalScrollBar();
        if (sb->value() >= sb->maximum() - 2)
            QMetaObject::invokeMethod(m_view, &QTableView::scrollToBottom, Qt::QueuedConnection);
    });
    apply();
}

void LogDock::setMinimumSeverity(int severity)
{
    m_level->setCurrentIndex(std::clamp(severity, 0, 3));
}

void LogDock::setCategory(const QString& category)
{
    m_category->setCurrentIndex(std::max(0, m_category->findData(category)));
}

} // namespace t2v::ui

#include "logmodel.h"

#include <QBrush>
#include <QColor>
#include <QMetaObject>

using namespace Qt::StringLiterals;

namespace t2v::ui {

LogModel::LogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    m_timer.setInterval(100);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &LogModel::flushPending);
    m_listener = LogSink::addListener([this](const LogEntry& e) { append(e); });
}

LogModel::~LogModel()
{
    LogSink::removeListener(m_listener);
}

void LogModel::append(const LogEntry& entry)
{
    bool schedule = false;
    {
        QMutexLocker lock(&m_mutex);
        schedule = m_pending.isEmpty();
        m_pending.append(entry);
        if (m_pending.size() > kMaxRows)
            m_pending.removeFirst();
    }
    if (schedule)
        QMetaObject::invokeMethod(&m_timer, qOverload<>(&QTimer::start), Qt::QueuedConnection);
}

void LogModel::flushPending()
{
    QList<LogEntry> pending;
    {
        QMutexLocker lock(&m_mutex);
        pending.swap(m_pending);
    }
    if (pending.isEmpty())
        return;
    const qsizetype overflow = m_rows.size() + pending.size() - kMaxRows;
    if (overflow > 0) {
        const int drop = int(std::min<qsizetype>(overflow, m_rows.size()));
        if (drop > 0) {
            beginRemoveRows({}, 0, drop - 1);
            m_rows.remove(0, drop);
            endRemoveRows();
        }
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + pending.size() - 1));
    m_rows.append(pending);
    endInsertRows();
    bool newCategory = false;
    for (const LogEntry& e : std::as_const(pending)) {
        if (!m_categories.contains(e.category)) {
            m_categories.append(e.category);
            newCategory = true;
        }
    }
    if (newCategory) {
        m_categories.sort();
        emit categoriesChanged();
    }
}

QStringList LogModel::categories() const
{
    return m_categories;
}

int LogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Level:
        return tr("Level");
    case Category:
        return tr("Subsystem");
    case Message:
        return tr("Message");
    default:
        return {};
    }
}

QVariant LogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const LogEntry& e = m_rows[index.row()];
    if (role == SeverityRole)
        return LogSink::severity(e.type);
    if (role == CategoryRole)
        return e.category;
    if (role == Qt::ForegroundRole && index.column() == Level) {
        if (e.type == QtWarningMsg)
            return QBrush(QColor(0xef, 0x6c, 0x00));
        if (e.type == QtCriticalMsg || e.type == QtFatalMsg)
            return QBrush(QColor(0xc6, 0x28, 0x28));
    }
    if (role == Qt::ToolTipRole && index.column() == Message)
        return e.message;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return e.time.toString(u"hh:mm:ss.zzz"_s);
    case Level:
        return LogSink::levelName(e.type);
    case Category:
        return e.category;
    case Message:
        return e.message;
    default:
        return {};
    }
}

} // namespace t2v::ui

#include "jobtablemodel.h"

#include "appcontext.h"
#include "jobs/spend.h"
#include "session/projectsession.h"

#include <QBrush>
#include <QColor>
#include <QFileInfo>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace t2v::ui {

QString formatBytes(qint64 bytes)
{
    if (bytes <= 0)
        return {};
    const QLocale locale;
    if (bytes < 1024)
        return QObject::tr("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return QObject::tr("%1 KB").arg(locale.toString(double(bytes) / 1024.0, 'f', 0));
    if (bytes < 1024LL * 1024 * 1024)
        return QObject::tr("%1 MB").arg(locale.toString(double(bytes) / (1024.0 * 1024.0), 'f', 1));
    return QObject::tr("%1 GB").arg(
        locale.toString(double(bytes) / (1024.0 * 1024.0 * 1024.0), 'f', 1));
}

JobTableModel::JobTableModel(ProjectSession& session, ThumbnailCache& thumbnails, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_thumbnails(thumbnails)
    , m_updater(this)
{
    connect(&session, &ProjectSession::opened, this, &JobTableModel::reset);
    connect(&session, &ProjectSession::closed, this, &JobTableModel::reset);
    connect(&session, &ProjectSession::jobsReset, this, &JobTableModel::reset);
    auto changed = [this](const QString& id) {
        const int row = m_rowOf.value(id, -1);
        if (row < 0) {
            reset();
            return;
        }
        m_updater.rowChanged(row);
    };
    connect(&session, &ProjectSession::jobChanged, this, changed);
    // A thumbnail decoded on its worker: repaint the rows that show it.
    connect(&thumbnails, &ThumbnailCache::loaded, this, [this](const QString& path) {
        if (!m_session.isOpen())
            return;
        const QString relative = m_session.store().relativePath(path);
        const auto& jobs = m_session.store().project().jobs;
        for (int r = 0; r < std::min(m_rows, int(jobs.size())); ++r) {
            if (jobs[r].thumbPath == relative || jobs[r].thumbPath == path)
                m_updater.rowChanged(r);
        }
    });
    connect(&session, &ProjectSession::jobProgress, this,
            [changed](const QString& id, qint64, qint64) { changed(id); });
    reset();
}

void JobTableModel::reset()
{
    beginResetModel();
    m_rowOf.clear();
    m_rows = 0;
    if (m_session.isOpen()) {
        const auto& jobs = m_session.store().project().jobs;
        m_rows = int(jobs.size());
        for (int i = 0; i < m_rows; ++i)
            m_rowOf.insert(jobs[i].id, i);
    }
    endResetModel();
}

int JobTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int JobTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString JobTableModel::jobId(int row) const
{
    if (!m_session.isOpen() || row < 0 || row >= m_rows)
        return {};
    return m_session.store().project().jobs[row].id;
}

int JobTableModel::rowOf(const QString& jobId) const
{
    return m_rowOf.value(jobId, -1);
}

QVariant JobTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Thumbnail:
        return tr("Preview");
    case Scene:
        return tr("Scene");
    case Variant:
        return tr("Variant");
    case Account:
        return tr("Account");
    case State:
        return tr("State");
    case Progress:
        return tr("Progress");
    case Size:
        return tr("Size");
    case Cost:
        return tr("Cost");
    case File:
        return tr("File");
    default:
        return {};
    }
}

QPixmap JobTableModel::thumbnail(int row) const
{
    const VideoJob& job = m_session.store().project().jobs[row];
    if (job.thumbPath.isEmpty())
        return {};
    return m_thumbnails.get(m_session.store().absolutePath(job.thumbPath), QSize(86, 48));
}

QVariant JobTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_session.isOpen() || index.row() >= m_rows)
        return {};
    const Project& project = m_session.store().project();
    const VideoJob& job = project.jobs[index.row()];
    const bool chosen =
        !job.orphaned && project.settings.chosenVariants.value(job.sceneNumber, 1) == job.variant;
    auto progress = [&]() -> int {
        switch (job.state) {
        case JobState::Done:
        case JobState::Downloaded:
        case JobState::Finishing:
            return 100;
        case JobState::Downloading:
            return job.bytesTotal > 0 ? int(job.bytesReceived * 100 / job.bytesTotal) : 0;
        case JobState::Rendering:
            return std::max(0, job.renderProgress);
        default:
            return -1;
        }
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Scene:
            // Made for a scene the script no longer has: kept, but not the scene's.
            if (job.orphaned)
                return tr("(was %1)").arg(job.sceneNumber);
            return job.sceneNumber;
        case Variant:
            return chosen ? tr("%1 ✓").arg(job.variant) : QString::number(job.variant);
        case Account:
            return job.accountId.isEmpty() ? tr("(any)") : job.accountId;
        case State:
            return jobStateLabel(job.state);
        case Progress: {
            if (job.state == JobState::Downloading)
                return job.bytesTotal > 0
                           ? tr("%1 of %2")
                                 .arg(formatBytes(job.bytesReceived), formatBytes(job.bytesTotal))
                           : formatBytes(job.bytesReceived);
            if (job.state == JobState::Rendering)
                return job.renderProgress > 0 ? tr("rendering %1%").arg(job.renderProgress)
                                              : tr("rendering");
            // Failed, unconfirmed, or queued and held (a budget is reached): the reason.
            if (job.state == JobState::Failed || job.state == JobState::Unconfirmed ||
                job.state == JobState::Queued)
                return job.error;
            return progress() >= 0 ? QVariant(tr("%1%").arg(progress())) : QVariant();
        }
        case Size:
            return formatBytes(job.bytesTotal);
        case Cost: {
            const QList<Charge> charges = countedCharges(job);
            if (charges.isEmpty())
                return {};
            SpendTotal total;
            for (const Charge& c : charges)
                total.add(c);
            if (total.unknown > 0 && total.usd == 0.0)
                return tr("unknown");
            return total.unknown == 0 && total.usd == 0.0 ? tr("free") : total.text();
        }
        case File:
            return job.clipPath;
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == Thumbnail)
            return thumbnail(index.row());
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Cost) {
            QStringList lines;
            for (const Charge& c : countedCharges(job))
                lines.append(tr("%1 on %2 with %3: %4")
                                 .arg(QLocale().toString(c.at.toLocalTime(), QLocale::ShortFormat),
                                      c.accountId, c.model,
                                      c.usd ? formatUsd(*c.usd) : tr("unknown price")));
            return lines.isEmpty() ? tr("Nothing was bought for this clip.")
                                   : tr("What this clip may have cost (each request sent):\n%1")
                                         .arg(lines.join(u'\n'));
        }
        if (job.orphaned)
            return tr("Made for scene %1 of an earlier version of the script. Right-click to use "
                      "it for a scene or delete it.\n\n%2")
                .arg(job.sceneNumber)
                .arg(job.error.isEmpty() ? job.prompt : job.error);
        if (!job.error.isEmpty())
            return job.error;
        return job.prompt;
    case Qt::ForegroundRole:
        if (index.column() == Scene && job.orphaned)
            return QBrush(QColor(0x75, 0x75, 0x75));
        if (index.column() == State) {
            if (job.state == JobState::Failed)
                return QBrush(QColor(0xc6, 0x28, 0x28));
            if (job.state == JobState::Unconfirmed)
                return QBrush(QColor(0xef, 0x6c, 0x00));
            if (job.state == JobState::Done)
                return QBrush(QColor(0x2e, 0x7d, 0x32));
        }
        return {};
    case RawRole:
        switch (index.column()) {
        case Scene:
            return job.orphaned ? 100000 + job.sceneNumber : job.sceneNumber; // orphans last
        case Variant:
            return job.variant;
        case State:
            return int(job.state);
        case Progress:
            return progress();
        case Size:
            return job.bytesTotal;
        case Cost:
            return spentUsd(job);
        default:
            return data(index, Qt::DisplayRole);
        }
    case StateRole:
        return int(job.state);
    case ProgressRole:
        return progress();
    case JobIdRole:
        return job.id;
    case ChosenRole:
        return chosen;
    default:
        return {};
    }
}

} // namespace t2v::ui

#include "storyboardmodel.h"

#include "jobs/spend.h"
#include "session/projectsession.h"
#include "thumbnailcache.h"

using namespace Qt::StringLiterals;

namespace t2v::ui {

StoryboardModel::StoryboardModel(ProjectSession& session, ThumbnailCache& thumbnails,
                                 QObject* parent)
    : QAbstractListModel(parent)
    , m_session(session)
    , m_thumbnails(thumbnails)
    , m_updater(this)
{
    connect(&session, &ProjectSession::opened, this, &StoryboardModel::reset);
    connect(&session, &ProjectSession::closed, this, &StoryboardModel::reset);
    connect(&session, &ProjectSession::scriptReset, this, &StoryboardModel::reset);
    connect(&session, &ProjectSession::jobsReset, this, &StoryboardModel::reset);
    connect(&session, &ProjectSession::sceneChanged, this, [this](int number) {
        if (number >= 1 && number <= m_rows)
            m_updater.rowChanged(number - 1);
    });
    connect(&session, &ProjectSession::jobChanged, this, &StoryboardModel::sceneOfJobChanged);
    connect(&session.references(), &ReferenceMaker::made, this,
            [this](const QString& name, const QString&) {
                // "Scene N": a keyframe was drawn.
                if (name.startsWith(u"Scene "_s))
                    m_updater.rowChanged(name.mid(6).toInt() - 1);
            });
    connect(&thumbnails, &ThumbnailCache::loaded, this, [this](const QString& path) {
        // Only the cards showing that picture; found through the file's name.
        const QString name = path.section(u'/', -1);
        const QString stem = name.section(u'-', 0, 0); // "s003" (thumbs and keyframes)
        bool ok = false;
        const int number = stem.mid(1).toInt(&ok);
        if (ok && number >= 1 && number <= m_rows)
            m_updater.rowChanged(number - 1);
    });
    reset();
}

void StoryboardModel::reset()
{
    beginResetModel();
    m_sceneOf.clear();
    m_jobsOf.clear();
    m_rows = 0;
    if (m_session.isOpen()) {
        const Project& project = m_session.project();
        m_rows = int(project.script.scenes.size());
        for (int i = 0; i < project.jobs.size(); ++i) {
            const VideoJob& job = project.jobs[i];
            if (job.orphaned)
                continue;
            m_sceneOf.insert(job.id, job.sceneNumber);
            m_jobsOf[job.sceneNumber].append(i);
        }
    }
    endResetModel();
}

void StoryboardModel::sceneOfJobChanged(const QString& id)
{
    const auto it = m_sceneOf.constFind(id);
    if (it == m_sceneOf.cend()) {
        reset(); // a job this model has not seen: the list changed
        return;
    }
    if (*it >= 1 && *it <= m_rows)
        m_updater.rowChanged(*it - 1);
}

QVariant StoryboardModel::picture(const QString& path) const
{
    if (path.isEmpty())
        return {};
    return m_thumbnails.get(path, kImageSize);
}

int StoryboardModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

const VideoJob* StoryboardModel::clipOf(int sceneNumber) const
{
    const Project& project = m_session.project();
    const int chosen = project.settings.chosenVariants.value(sceneNumber, 0);
    const VideoJob* newest = nullptr;
    for (int i : m_jobsOf.value(sceneNumber)) {
        if (i >= project.jobs.size())
            continue;
        const VideoJob* job = &project.jobs[i];
        if (job->variant == chosen && job->state == JobState::Done)
            return job;
        if (!newest || job->state == JobState::Done || newest->state != JobState::Done)
            newest = job;
    }
    return newest;
}

QVariant StoryboardModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows || !m_session.isOpen())
        return {};
    const Project& project = m_session.project();
    const Scene& scene = project.script.scenes.at(index.row());
    const VideoJob* clip = clipOf(scene.number);
    switch (role) {
    case Qt::DisplayRole:
    case NumberRole:
        return scene.number;
    case Qt::ToolTipRole:
    case BeatRole:
        return scene.beat.isEmpty() ? scene.visualPrompt : scene.beat;
    case CharactersRole:
        return scene.characters;
    case ImageRole:
        if (!scene.keyframe.isEmpty())
            return m_session.store().absolutePath(scene.keyframe);
        if (clip && !clip->thumbPath.isEmpty())
            return m_session.store().absolutePath(clip->thumbPath);
        return QString();
    case Qt::DecorationRole:
        return picture(data(index, ImageRole).toString());
    case StateRole:
        if (!scene.isWritten())
            return tr("Not written");
        if (!clip)
            return tr("No clip");
        if (clip->state == JobState::Rendering && clip->renderProgress > 0)
            return tr("%1 %2%").arg(jobStateLabel(clip->state)).arg(clip->renderProgress);
        return jobStateLabel(clip->state);
    case CostRole: {
        double usd = 0;
        for (int i : m_jobsOf.value(scene.number)) {
            if (i < project.jobs.size())
                usd += spentUsd(project.jobs[i]);
        }
        return usd > 0 ? u"$%1"_s.arg(usd, 0, 'f', 2) : QString();
    }
    case NewKeyframeRole:
        return !scene.newKeyframe.isEmpty();
    case ChainedRole:
        return scene.chained;
    case JobsRole: {
        QStringList ids;
        for (int i : m_jobsOf.value(scene.number)) {
            if (i < project.jobs.size())
                ids.append(project.jobs[i].id);
        }
        return ids;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> StoryboardModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NumberRole, "number");
    names.insert(BeatRole, "beat");
    names.insert(CharactersRole, "characters");
    names.insert(ImageRole, "image");
    names.insert(StateRole, "state");
    names.insert(CostRole, "cost");
    names.insert(NewKeyframeRole, "newKeyframe");
    names.insert(ChainedRole, "chained");
    names.insert(JobsRole, "jobs");
    return names;
}

} // namespace t2v::ui

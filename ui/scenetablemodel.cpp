#include "scenetablemodel.h"

#include "session/projectsession.h"

#include <QBrush>
#include <QColor>
#include <QFont>

using namespace Qt::StringLiterals;

namespace t2v::ui {

SceneTableModel::SceneTableModel(ProjectSession& session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_updater(this)
{
    connect(&session, &ProjectSession::opened, this, &SceneTableModel::reset);
    connect(&session, &ProjectSession::closed, this, &SceneTableModel::reset);
    connect(&session, &ProjectSession::scriptReset, this, &SceneTableModel::reset);
    connect(&session, &ProjectSession::sceneChanged, this, [this](int n) {
        if (m_session.isWritingScript() && m_session.isOpen()) {
            const Scene* s = m_session.store().project().script.scene(n);
            if (s && !s->isWritten() && s->status != SceneStatus::Failed)
                m_writing.insert(n);
            else
                m_writing.remove(n);
        } else {
            m_writing.remove(n);
        }
        if (n - 1 >= m_rows) {
            reset(); // the plan added scenes
            return;
        }
        m_updater.rowChanged(n - 1);
    });
    reset();
}

void SceneTableModel::reset()
{
    beginResetModel();
    m_writing.clear();
    m_rows = m_session.isOpen() ? int(m_session.store().project().script.scenes.size()) : 0;
    endResetModel();
}

int SceneTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int SceneTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SceneTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("#");
    case Status:
        return tr("Status");
    case Beat:
        return tr("Beat");
    case Narration:
        return tr("Narration");
    case VisualPrompt:
        return tr("Visual prompt");
    case Characters:
        return tr("Characters");
    case Camera:
        return tr("Camera");
    case Location:
        return tr("Location");
    case Duration:
        return tr("Seconds");
    case Warnings:
        return tr("Warnings");
    default:
        return {};
    }
}

QVariant SceneTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_session.isOpen() || index.row() >= m_rows)
        return {};
    const Script& script = m_session.store().project().script;
    const Scene& s = script.scenes[index.row()];
    const bool writing = m_writing.contains(s.number);
    auto statusText = [&] {
        if (writing)
            return tr("Writing…");
        switch (s.status) {
        case SceneStatus::Pending:
            return tr("Pending");
        case SceneStatus::Written:
            return tr("Written");
        case SceneStatus::Edited:
            return tr("Edited");
        case SceneStatus::Failed:
            return tr("Failed");
        }
        return QString();
    };
    if (role == Qt::DisplayRole || role == Qt::EditRole || role == RawRole) {
        switch (index.column()) {
        case Number:
            return s.number;
        case Status:
            return role == RawRole ? QVariant(int(s.status)) : QVariant(statusText());
        case Beat:
            return s.beat.isEmpty() ? script.outline.value(index.row()) : s.beat;
        case Narration: {
            if (role == Qt::EditRole || role == RawRole)
                return s.narration;
            QString text = s.narration;
            for (const DialogueLine& d : s.dialogue)
                text += u"\n"_s + (d.speaker.isEmpty() ? d.text : d.speaker + u": "_s + d.text);
            return text;
        }
        case VisualPrompt:
            return s.visualPrompt;
        case Characters:
            return s.characters.join(u", "_s);
        case Camera:
            return s.camera;
        case Location:
            return s.location;
        case Duration:
            return s.durationSeconds;
        case Warnings:
            return role == RawRole ? QVariant(int(s.warnings.size()))
                                   : QVariant(s.warnings.join(u"\n"_s));
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Status && s.status == SceneStatus::Failed)
            return s.error;
        if (index.column() == Warnings || (index.column() == Status && !s.warnings.isEmpty()))
            return s.warnings.join(u"\n"_s);
        if (index.column() == Narration || index.column() == VisualPrompt)
            return data(index, Qt::DisplayRole);
    }
    if (role == Qt::ForegroundRole && index.column() == Status) {
        if (s.status == SceneStatus::Failed)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (writing)
            return QBrush(QColor(0x1e, 0x88, 0xe5));
    }
    if (role == Qt::FontRole && index.column() == Number) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == WarningRole)
        return !s.warnings.isEmpty();
    if (role == Qt::TextAlignmentRole && (index.column() == Number || index.column() == Duration))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

Qt::ItemFlags SceneTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return f;
    const bool editable = index.column() == Beat || index.column() == Narration ||
                          index.column() == VisualPrompt || index.column() == Characters ||
                          index.column() == Camera || index.column() == Location;
    const bool busy = m_writing.contains(index.row() + 1);
    if (editable && !busy)
        f |= Qt::ItemIsEditable;
    return f;
}

bool SceneTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || !m_session.isOpen() ||
        !(flags(index) & Qt::ItemIsEditable))
        return false;
    Script& script = m_session.store().project().script;
    Scene& s = script.scenes[index.row()];
    const QString text = value.toString().trimmed();
    switch (index.column()) {
    case Beat:
        if (s.beat == text)
            return false;
        s.beat = text;
        break;
    case Narration:
        if (s.narration == text)
            return false;
        s.narration = text;
        break;
    case VisualPrompt:
        if (s.visualPrompt == text)
            return false;
        s.visualPrompt = text;
        break;
    case Characters: {
        QStringList names;
        for (const QString& n : text.split(u',', Qt::SkipEmptyParts))
            names.append(n.trimmed());
        if (s.characters == names)
            return false;
        s.characters = names;
        break;
    }
    case Camera:
        if (s.camera == text)
            return false;
        s.camera = text;
        break;
    case Location:
        if (s.location == text)
            return false;
        s.location = text;
        break;
    default:
        return false;
    }
    s.status = SceneStatus::Edited;
    m_session.store().markDirty();
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}

} // namespace t2v::ui

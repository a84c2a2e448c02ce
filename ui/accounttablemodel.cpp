#include "accounttablemodel.h"

#include "providers/providerregistry.h"
#include "session/appservices.h"

using namespace Qt::StringLiterals;

namespace t2v::ui {

AccountTableModel::AccountTableModel(AppServices& services, QObject* parent)
    : QAbstractTableModel(parent)
    , m_services(services)
    , m_accounts(services.accounts())
{
    connect(&m_accounts, &AccountStore::changed, this, &AccountTableModel::refresh);
    refresh();
}

void AccountTableModel::refresh()
{
    beginResetModel();
    m_keyState.clear();
    for (const Account& a : m_accounts.accounts()) {
        // From the cache filled on a worker at start-up; never the key itself.
        const QString source = m_services.keySource(a);
        if (source == u"not needed"_s)
            m_keyState.append(tr("not needed"));
        else if (source == u"missing"_s)
            m_keyState.append(tr("missing"));
        else if (source == u"none"_s)
            m_keyState.append(tr("none"));
        else if (source == u"environment"_s)
            m_keyState.append(tr("environment"));
        else if (source == u"keychain"_s)
            m_keyState.append(tr("keychain"));
        else
            m_keyState.append(tr("secrets file"));
    }
    endResetModel();
}

int AccountTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.accounts().size());
}

int AccountTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AccountTableModel::accountId(int row) const
{
    const auto all = m_accounts.accounts();
    return row >= 0 && row < all.size() ? all[row].id : QString();
}

QVariant AccountTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("Id");
    case Label:
        return tr("Name");
    case Service:
        return tr("Service");
    case Model:
        return tr("Model");
    case Limits:
        return tr("Jobs / per minute");
    case Key:
        return tr("Key");
    case Enabled:
        return tr("Enabled");
    default:
        return {};
    }
}

QVariant AccountTableModel::data(const QModelIndex& index, int role) const
{
    const auto all = m_accounts.accounts();
    if (!index.isValid() || index.row() >= all.size())
        return {};
    const Account& a = all[index.row()];
    if (role == AccountIdRole)
        return a.id;
    if (role == Qt::CheckStateRole && index.column() == Enabled)
        return a.enabled ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ToolTipRole && !a.disabledReason.isEmpty())
        return a.disabledReason;
    if (role != Qt::DisplayRole && role != RawRole)
        return {};
    switch (index.column()) {
    case Id:
        return a.id;
    case Label:
        return a.label;
    case Service:
        return ProviderRegistry::label(a.provider);
    case Model: {
        QStringList models;
        if (ProviderRegistry::canWriteScripts(a) && !a.model.isEmpty())
            models.append(a.model);
        if (ProviderRegistry::canMakeVideos(a))
            models.append(ProviderRegistry::videoModel(a));
        return models.join(u" + "_s);
    }
    case Limits:
        return role == RawRole
                   ? QVariant(a.maxConcurrentJobs)
                   : QVariant(tr("%1 / %2").arg(a.maxConcurrentJobs).arg(a.requestsPerMinute));
    case Key:
        return m_keyState.value(index.row());
    case Enabled:
        return a.enabled ? (role == RawRole ? QVariant(1) : QVariant())
                         : (role == RawRole ? QVariant(0) : QVariant(a.disabledReason));
    default:
        return {};
    }
}

Qt::ItemFlags AccountTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Enabled)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool AccountTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.column() != Enabled || role != Qt::CheckStateRole)
        return false;
    const QString id = accountId(index.row());
    return m_accounts.setEnabled(id, value.toInt() == Qt::Checked).ok();
}

} // namespace t2v::ui

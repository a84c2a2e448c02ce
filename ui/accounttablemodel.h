#pragma once

// The accounts as a table: id, label, service, model, jobs and requests per minute, where the
// key is kept (never the key itself) and whether the account is enabled.

#include <QAbstractTableModel>

namespace t2v {
class AccountStore;
class AppServices;
} // namespace t2v

namespace t2v::ui {

class AccountTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Label, Service, Model, Limits, Key, Enabled, ColumnCount };
    enum Role { RawRole = Qt::UserRole + 1, AccountIdRole };

    explicit AccountTableModel(AppServices& services, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

    QString accountId(int row) const;
    void refresh();

private:
    AppServices& m_services;
    AccountStore& m_accounts;
    QList<QString> m_keyState; // per row, computed once per refresh
};

} // namespace t2v::ui

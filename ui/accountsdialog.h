#pragma once

// The accounts: a table of every account, add and edit with the fields each service needs,
// remove, enable, and Test, which makes one cheap authenticated request off the GUI thread and
// says ok, bad key or unreachable. Keys are typed masked, stored through the SecretStore and
// never shown again.

#include <QDialog>

class QLabel;
class QPushButton;
class QTableView;

namespace t2v::ui {

class AccountTableModel;
class AppContext;

class AccountsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AccountsDialog(AppContext& context, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QLabel* resultLabel() const { return m_result; }
    QString selectedAccount() const;
    void selectAccount(const QString& id);

public slots:
    void addAccount();
    void editAccount();
    void removeAccount();
    void testAccount();

signals:
    void testFinished(const QString& id, const QString& verdict);

private:
    void updateButtons();

    AppContext& m_context;
    AccountTableModel* m_model;
    QTableView* m_table;
    QPushButton* m_edit;
    QPushButton* m_remove;
    QPushButton* m_test;
    QLabel* m_result;
};

} // namespace t2v::ui

#include "accountsdialog.h"

#include "accounteditdialog.h"
#include "accounttablemodel.h"
#include "appcontext.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace t2v::ui {

AccountsDialog::AccountsDialog(AppContext& context, QWidget* parent)
    : QDialog(parent)
    , m_context(context)
{
    setWindowTitle(tr("Accounts"));
    resize(900, 420);
    m_model = new AccountTableModel(context.services(), this);
    m_table = new QTableView;
    m_table->setObjectName(u"table"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(AccountTableModel::Id, 110);
    m_table->setColumnWidth(AccountTableModel::Label, 160);
    m_table->setColumnWidth(AccountTableModel::Service, 190);
    m_table->setColumnWidth(AccountTableModel::Model, 220);
    auto* add = new QPushButton(tr("&Add…"));
    m_edit = new QPushButton(tr("&Edit…"));
    m_edit->setObjectName(u"edit"_s);
    m_remove = new QPushButton(tr("&Remove"));
    m_remove->setObjectName(u"remove"_s);
    m_test = new QPushButton(tr("&Test"));
    m_test->setObjectName(u"test"_s);
    m_result = new QLabel;
    m_result->setObjectName(u"result"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close);
    auto* row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(m_edit);
    row->addWidget(m_remove);
    row->addWidget(m_test);
    row->addStretch();
    row->addWidget(close);
    auto* hint = new QLabel(
        tr("Keys are never stored in the accounts file. They come from T2V_KEY_<ID> environment "
           "variables, the system keychain, or an owner-only secrets file."));
    hint->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(m_result);
    layout->addWidget(hint);
    layout->addLayout(row);

    connect(add, &QPushButton::clicked, this, &AccountsDialog::addAccount);
    connect(m_edit, &QPushButton::clicked, this, &AccountsDialog::editAccount);
    connect(m_remove, &QPushButton::clicked, this, &AccountsDialog::removeAccount);
    connect(m_test, &QPushButton::clicked, this, &AccountsDialog::testAccount);
    connect(m_table, &QTableView::doubleClicked, this, &AccountsDialog::editAccount);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::accept);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AccountsDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AccountsDialog::updateButtons);
    updateButtons();
}

QString AccountsDialog::selectedAccount() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->accountId(rows.first().row());
}

void AccountsDialog::selectAccount(const QString& id)
{
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (m_model->accountId(r) == id)
            m_table->selectRow(r);
    }
}

void AccountsDialog::updateButtons()
{
    const auto account = m_context.accounts().find(selectedAccount());
    m_edit->setEnabled(account && !AccountStore::isBuiltIn(account->id));
    m_remove->setEnabled(account && !AccountStore::isBuiltIn(account->id));
    m_test->setEnabled(account.has_value());
}

void AccountsDialog::addAccount()
{
    AccountEditDialog dialog(m_context, std::nullopt, this);
    if (dialog.exec() == QDialog::Accepted) {
        m_model->refresh();
        selectAccount(dialog.account().id);
    }
}

void AccountsDialog::editAccount()
{
    const auto account = m_context.accounts().find(selectedAccount());
    if (!account || AccountStore::isBuiltIn(account->id))
        return;
    AccountEditDialog dialog(m_context, *account, this);
    if (dialog.exec() == QDialog::Accepted) {
        m_model->refresh();
        selectAccount(account->id);
    }
}

void AccountsDialog::removeAccount()
{
    const QString id = selectedAccount();
    if (id.isEmpty() ||
        QMessageBox::question(
            this, tr("Remove account"),
            tr("Remove \"%1\" and its stored key? Jobs it created can no longer be checked or "
               "downloaded.")
                .arg(id)) != QMessageBox::Yes)
        return;
    if (Status s = m_context.accounts().remove(id); !s) {
        QMessageBox::warning(this, tr("Remove account"), s.error().message);
        return;
    }
    m_context.services().forgetKey(id);
}

void AccountsDialog::testAccount()
{
    const auto account = m_context.accounts().find(selectedAccount());
    if (!account)
        return;
    m_test->setEnabled(false);
    m_result->setText(tr("Testing %1…").arg(account->id));
    m_context.services().testAccount(account->id, this, [this, id = account->id](const Status& s) {
        const QString verdict = AppServices::testVerdict(s);
        if (verdict == u"ok"_s)
            m_result->setText(tr("%1: ok").arg(id));
        else if (verdict == u"bad key"_s)
            m_result->setText(tr("%1: bad key — %2").arg(id, s.error().message));
        else if (verdict == u"unreachable"_s)
            m_result->setText(tr("%1: unreachable — %2").arg(id, s.error().message));
        else
            m_result->setText(tr("%1: %2").arg(id, s.error().message));
        updateButtons();
        emit testFinished(id, verdict);
    });
}

} // namespace t2v::ui

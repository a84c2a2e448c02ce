// AccountsDialog and AccountEditDialog: a stored key is never shown again in clear text, keys
// are typed masked and stored through the SecretStore, Test runs off the GUI thread and says
// ok, bad key or unreachable.

#include "accounteditdialog.h"
#include "accountsdialog.h"
#include "accounttablemodel.h"
#include "providers/providerregistry.h"
#include "uifixture.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;
using namespace t2v::ui;

namespace {

const QString kChatKey = u"sk-live-SECRET-1234567890"_s;
const QString kVeoKey = u"AIza-SECRET-0987654321"_s;

// Every text a person could see in a widget tree.
QStringList visibleTexts(QWidget* root)
{
    QStringList out;
    for (QLineEdit* e : root->findChildren<QLineEdit*>())
        out << e->displayText() << e->placeholderText() << e->toolTip();
    for (QLabel* l : root->findChildren<QLabel*>())
        out << l->text() << l->toolTip();
    for (QComboBox* c : root->findChildren<QComboBox*>()) {
        for (int i = 0; i < c->count(); ++i)
            out << c->itemText(i);
    }
    return out;
}

QStringList modelTexts(const QAbstractItemModel* m)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r) {
        for (int c = 0; c < m->columnCount(); ++c) {
            for (int role : {int(Qt::DisplayRole), int(Qt::EditRole), int(Qt::ToolTipRole),
                             int(Qt::StatusTipRole), int(AccountTableModel::RawRole)})
                out << m->index(r, c).data(role).toString();
        }
    }
    return out;
}

bool containsSecret(const QStringList& texts)
{
    for (const QString& t : texts) {
        if (t.contains(u"SECRET"_s) || t.contains(kChatKey) || t.contains(kVeoKey))
            return true;
    }
    return false;
}

// Runs `inspect` on the modal dialog that the next call opens.
void onNextModal(QObject* context, std::function<void(QDialog*)> inspect)
{
    QTimer::singleShot(0, context, [inspect = std::move(inspect)] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        inspect(dialog);
    });
}

} // namespace

class TestAccountsDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void storedKeysAreNeverShown();
    void addingAnAccountStoresTheTypedKeyMasked();
    void anAccountThatNeedsAKeyIsNotSavedWithout();
    void editKeepsTheKeyUnlessANewOneIsTyped();
    void testSaysOkBadKeyOrUnreachableWithoutBlocking();

private:
    std::unique_ptr<UiFixture> m_f;
    std::unique_ptr<AccountsDialog> m_dialog;
};

void TestAccountsDialog::init()
{
    m_f = std::make_unique<UiFixture>();
    QVERIFY(m_f->ok());
    m_f->addChat(u"writer"_s, kChatKey);
    m_f->addVeo(u"veo"_s, kVeoKey);
    m_dialog = std::make_unique<AccountsDialog>(m_f->context());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestAccountsDialog::cleanup()
{
    m_dialog.reset();
    m_f.reset();
}

void TestAccountsDialog::storedKeysAreNeverShown()
{
    const QAbstractItemModel* model = m_dialog->table()->model();
    QVERIFY(model->rowCount() >= 4); // offline, local, writer, veo
    QVERIFY(!containsSecret(modelTexts(model)));
    QVERIFY(!containsSecret(visibleTexts(m_dialog.get())));
    // The Key column says where, not what.
    bool sawFile = false;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, AccountTableModel::Id).data().toString() == u"writer"_s) {
            QCOMPARE(model->index(r, AccountTableModel::Key).data().toString(), u"secrets file"_s);
            sawFile = true;
        }
    }
    QVERIFY(sawFile);

    for (const QString& id : {u"writer"_s, u"veo"_s}) {
        m_dialog->selectAccount(id);
        QCOMPARE(m_dialog->selectedAccount(), id);
        bool inspected = false;
        onNextModal(this, [&](QDialog* edit) {
            auto* key = child<QLineEdit>(edit, "key");
            QVERIFY(key);
            QCOMPARE(key->echoMode(), QLineEdit::Password);
            QVERIFY(key->text().isEmpty());
            QVERIFY(!containsSecret(visibleTexts(edit)));
            QVERIFY(child<QLabel>(edit, "keyState")->text().contains(u"A key is stored"_s));
            inspected = true;
            edit->reject();
        });
        m_dialog->editAccount();
        QVERIFY(inspected);
    }
}

void TestAccountsDialog::addingAnAccountStoresTheTypedKeyMasked()
{
    const QString typed = u"fal-key-SECRET-5555"_s;
    bool typedMasked = false;
    onNextModal(this, [&](QDialog* edit) {
        auto* provider = child<QComboBox>(edit, "provider");
        provider->setCurrentIndex(provider->findData(provider::Fal));
        QTest::keyClicks(child<QLineEdit>(edit, "id"), u"fal-1"_s);
        auto* key = child<QLineEdit>(edit, "key");
        QTest::keyClicks(key, typed);
        typedMasked =
            key->echoMode() == QLineEdit::Password && !key->displayText().contains(u"SECRET"_s);
        child<QRadioButton>(edit, "file")->setChecked(true);
        edit->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
    });
    m_dialog->addAccount(); // returns when the edit dialog closes (after the key is stored)
    QVERIFY(typedMasked);
    const auto stored = m_f->secrets->read(u"fal-1"_s);
    QVERIFY(stored);
    QCOMPARE(stored->key, typed);
    QCOMPARE(stored->from, SecretStore::Backend::File);
    const auto account = m_f->context().accounts().find(u"fal-1"_s);
    QVERIFY(account);
    QCOMPARE(account->provider, provider::Fal);
    QCOMPARE(m_dialog->selectedAccount(), u"fal-1"_s);
    // The key is not in accounts.json, and the table still shows none of it.
    QFile accounts(m_f->configDir() + u"/accounts.json"_s);
    QVERIFY(accounts.open(QIODevice::ReadOnly));
    QVERIFY(!accounts.readAll().contains("SECRET"));
    QVERIFY(!containsSecret(modelTexts(m_dialog->table()->model())));
}

void TestAccountsDialog::anAccountThatNeedsAKeyIsNotSavedWithout()
{
    QString error;
    onNextModal(this, [&](QDialog* edit) {
        auto* provider = child<QComboBox>(edit, "provider");
        provider->setCurrentIndex(provider->findData(provider::Gemini));
        QTest::keyClicks(child<QLineEdit>(edit, "id"), u"gemini-2"_s);
        edit->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
        QVERIFY(edit->isVisible()); // still open, saying why
        error = child<QLabel>(edit, "error")->text();
        edit->reject();
    });
    m_dialog->addAccount();
    QCOMPARE(error, u"This service needs an API key."_s);
    QVERIFY(!m_f->context().accounts().find(u"gemini-2"_s));
}

void TestAccountsDialog::editKeepsTheKeyUnlessANewOneIsTyped()
{
    m_dialog->selectAccount(u"writer"_s);
    onNextModal(this, [](QDialog* edit) {
        auto* label = child<QLineEdit>(edit, "label");
        label->setText(u"Main writer"_s);
        edit->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
    });
    m_dialog->editAccount();
    QCOMPARE(m_f->context().accounts().find(u"writer"_s)->label, u"Main writer"_s);
    QCOMPARE(m_f->secrets->read(u"writer"_s)->key, kChatKey);

    onNextModal(this, [](QDialog* edit) {
        QTest::keyClicks(child<QLineEdit>(edit, "key"), u"sk-new-key-42"_s);
        child<QRadioButton>(edit, "file")->setChecked(true);
        edit->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
    });
    m_dialog->editAccount();
    QCOMPARE(m_f->secrets->read(u"writer"_s)->key, u"sk-new-key-42"_s);
}

void TestAccountsDialog::testSaysOkBadKeyOrUnreachableWithoutBlocking()
{
    // A key the server refuses, and an address where nothing listens.
    m_f->addChat(u"bad"_s, u"sk-rejected"_s);
    m_f->routes->setKeyBehaviour(u"sk-rejected"_s, {401, 0});
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    Account down;
    down.id = u"down"_s;
    down.provider = provider::OpenAi;
    down.baseUrl = u"http://127.0.0.1:%1/v1"_s.arg(closedPort);
    down.model = u"m"_s;
    QVERIFY(m_f->context().accounts().add(down).ok());
    m_f->server.setLatency(u"/v1/models"_s, {300ms});

    QSignalSpy finished(m_dialog.get(), &AccountsDialog::testFinished);
    const QList<QPair<QString, QString>> cases{{u"writer"_s, u"ok"_s},
                                               {u"veo"_s, u"ok"_s},
                                               {u"bad"_s, u"bad key"_s},
                                               {u"down"_s, u"unreachable"_s}};
    for (const auto& [id, verdict] : cases) {
        m_dialog->selectAccount(id);
        m_dialog->testAccount();
        // The call returned at once: the request runs on a worker.
        QCOMPARE(finished.size(), 0);
        QVERIFY(m_dialog->resultLabel()->text().startsWith(u"Testing"_s));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).toString(), id);
        QCOMPARE(finished.first().at(1).toString(), verdict);
        QVERIFY(m_dialog->resultLabel()->text().startsWith(id + u": "_s + verdict));
        QVERIFY(!containsSecret({m_dialog->resultLabel()->text()}));
        finished.clear();
    }
}

QTEST_MAIN(TestAccountsDialog)
#include "tst_accountsdialog.moc"

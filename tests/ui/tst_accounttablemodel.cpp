// AccountTableModel: one row per account with its service, models, limits, where its key is
// kept (never the key) and an Enabled check box that writes through to the AccountStore.

#include "accounttablemodel.h"
#include "providers/providerregistry.h"
#include "uifixture.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;
using namespace t2v::ui;

class TestAccountTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsEveryAccountWithoutItsKey();
    void enabledCheckBoxWritesThrough();
    void followsTheStore();

private:
    int rowOf(const QString& id) const;
    std::unique_ptr<UiFixture> m_f;
    std::unique_ptr<AccountTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestAccountTableModel::init()
{
    m_f = std::make_unique<UiFixture>();
    QVERIFY(m_f->ok());
    m_f->addVeo(u"veo"_s, u"veo-SECRET-key"_s, 3);
    m_f->addChat(u"writer"_s, u"sk-SECRET-key"_s);
    m_model = std::make_unique<AccountTableModel>(*m_f->app);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestAccountTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_f.reset();
}

int TestAccountTableModel::rowOf(const QString& id) const
{
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (m_model->accountId(r) == id)
            return r;
    }
    return -1;
}

void TestAccountTableModel::showsEveryAccountWithoutItsKey()
{
    QCOMPARE(m_model->rowCount(), int(m_f->context().accounts().accounts().size()));
    const int veo = rowOf(u"veo"_s);
    const int offline = rowOf(u"offline"_s);
    QVERIFY(veo >= 0 && offline >= 0);
    QCOMPARE(m_model->index(veo, AccountTableModel::Service).data().toString(),
             ProviderRegistry::label(provider::Gemini));
    QCOMPARE(m_model->index(veo, AccountTableModel::Limits).data().toString(), u"3 / 6000"_s);
    QCOMPARE(m_model->index(veo, AccountTableModel::Key).data().toString(), u"secrets file"_s);
    QCOMPARE(m_model->index(offline, AccountTableModel::Key).data().toString(), u"not needed"_s);
    QCOMPARE(m_model->index(veo, 0).data(AccountTableModel::AccountIdRole).toString(), u"veo"_s);
    for (int r = 0; r < m_model->rowCount(); ++r) {
        for (int c = 0; c < m_model->columnCount(); ++c) {
            for (int role :
                 {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(AccountTableModel::RawRole)})
                QVERIFY(!m_model->index(r, c).data(role).toString().contains(u"SECRET"_s));
        }
    }
}

void TestAccountTableModel::enabledCheckBoxWritesThrough()
{
    const int veo = rowOf(u"veo"_s);
    const QModelIndex enabled = m_model->index(veo, AccountTableModel::Enabled);
    QVERIFY(m_model->flags(enabled) & Qt::ItemIsUserCheckable);
    QCOMPARE(enabled.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(m_model->setData(enabled, Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!m_f->context().accounts().find(u"veo"_s)->enabled);
    QCOMPARE(m_model->index(rowOf(u"veo"_s), AccountTableModel::Enabled)
                 .data(Qt::CheckStateRole)
                 .toInt(),
             int(Qt::Unchecked));
    // Saved: a second store reading the same folder agrees.
    AccountStore again(m_f->configDir());
    QVERIFY(again.load().ok());
    QVERIFY(!again.find(u"veo"_s)->enabled);
    // Other columns are not editable.
    QVERIFY(!m_model->setData(m_model->index(veo, AccountTableModel::Label), u"x"_s, Qt::EditRole));
}

void TestAccountTableModel::followsTheStore()
{
    const int before = m_model->rowCount();
    Account fal;
    fal.id = u"fal-1"_s;
    fal.provider = provider::Fal;
    QVERIFY(m_f->context().accounts().add(fal).ok());
    QCOMPARE(m_model->rowCount(), before + 1);
    QCOMPARE(m_model->index(rowOf(u"fal-1"_s), AccountTableModel::Key).data().toString(),
             u"missing"_s);
    QVERIFY(m_f->context().accounts().remove(u"fal-1"_s).ok());
    QCOMPARE(m_model->rowCount(), before);
    QCOMPARE(rowOf(u"fal-1"_s), -1);
}

QTEST_MAIN(TestAccountTableModel)
#include "tst_accounttablemodel.moc"

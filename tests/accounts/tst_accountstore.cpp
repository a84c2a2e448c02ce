// Tests for AccountStore: built-ins, add/edit/remove/enable with validation, and a damaged file
// that is kept aside instead of overwritten.

#include "accounts/accountstore.h"
#include "providers/providerregistry.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

namespace {

Account veo(const QString& id)
{
    Account a;
    a.id = id;
    a.label = u"Gemini "_s + id;
    a.provider = provider::Gemini;
    a.maxConcurrentJobs = 3;
    return a;
}

} // namespace

class TestAccountStore final : public QObject
{
    Q_OBJECT

private slots:
    void builtInsAlwaysExist();
    void addEditRemovePersist();
    void validationErrors();
    void enableWithReason();
    void damagedFileIsKeptAside();
    void filtersByCapability();
};

void TestAccountStore::builtInsAlwaysExist()
{
    QTemporaryDir tmp;
    AccountStore store(tmp.path());
    QVERIFY(store.load().ok());
    QVERIFY(store.find(u"offline"_s));
    QVERIFY(store.find(u"local"_s));
    const Status removed = store.remove(u"local"_s);
    QVERIFY(!removed.ok());
    QVERIFY(removed.error().message.contains(u"built in"_s));
}

void TestAccountStore::addEditRemovePersist()
{
    QTemporaryDir tmp;
    {
        AccountStore store(tmp.path());
        QSignalSpy changed(&store, &AccountStore::changed);
        QVERIFY(store.add(veo(u"gem-a"_s)).ok());
        Account edited = veo(u"gem-a"_s);
        edited.requestsPerMinute = 4;
        QVERIFY(store.update(edited).ok());
        QVERIFY(store.add(veo(u"gem-b"_s)).ok());
        QVERIFY(store.remove(u"gem-b"_s).ok());
        QCOMPARE(changed.count(), 4);
    }
    AccountStore reread(tmp.path());
    QVERIFY(reread.load().ok());
    QVERIFY(reread.find(u"gem-a"_s));
    QCOMPARE(reread.find(u"gem-a"_s)->requestsPerMinute, 4);
    QVERIFY(!reread.find(u"gem-b"_s));
    QFile f(reread.filePath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains("key\""));
}

void TestAccountStore::validationErrors()
{
    QTemporaryDir tmp;
    AccountStore store(tmp.path());
    QVERIFY(store.add(veo(u"gem-a"_s)).ok());
    QVERIFY(store.add(veo(u"gem-a"_s)).error().message.contains(u"already exists"_s));
    Account bad = veo(u"Bad Id"_s);
    QVERIFY(!store.add(bad).ok());
    Account noModel;
    noModel.id = u"llm"_s;
    noModel.provider = provider::OpenAi;
    QVERIFY(store.add(noModel).error().message.contains(u"model name"_s));
    QVERIFY(!store.update(veo(u"missing"_s)).ok());
    Account changedBuiltIn = *store.find(u"local"_s);
    changedBuiltIn.provider = provider::Fal;
    QVERIFY(!store.update(changedBuiltIn).ok());
}

void TestAccountStore::enableWithReason()
{
    QTemporaryDir tmp;
    AccountStore store(tmp.path());
    QVERIFY(store.add(veo(u"gem-a"_s)).ok());
    QVERIFY(store.setEnabled(u"gem-a"_s, false, u"key rejected"_s).ok());
    QCOMPARE(store.find(u"gem-a"_s)->disabledReason, u"key rejected"_s);
    QVERIFY(!store.find(u"gem-a"_s)->enabled);
    QVERIFY(store.setEnabled(u"gem-a"_s, true).ok());
    QVERIFY(store.find(u"gem-a"_s)->disabledReason.isEmpty());
}

void TestAccountStore::damagedFileIsKeptAside()
{
    QTemporaryDir tmp;
    QFile f(QDir(tmp.path()).filePath(u"accounts.json"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"accounts\": [{\"id\": \"x\", \"provider\": ");
    f.close();
    AccountStore store(tmp.path());
    const Status s = store.load();
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(u"accounts.json"_s) &&
                 s.error().message.contains(u"not valid JSON"_s),
             qPrintable(s.error().message));
    QVERIFY(store.find(u"local"_s)); // still usable
    QVERIFY(store.add(veo(u"gem-a"_s)).ok());
    const QStringList aside = QDir(tmp.path()).entryList({u"accounts.json.damaged-*"_s});
    QCOMPARE(aside.size(), 1);
    AccountStore reread(tmp.path());
    QVERIFY(reread.load().ok());
}

void TestAccountStore::filtersByCapability()
{
    QTemporaryDir tmp;
    AccountStore store(tmp.path());
    Account llm;
    llm.id = u"ollama"_s;
    llm.provider = provider::OpenAi;
    llm.baseUrl = u"http://localhost:11434/v1"_s;
    llm.model = u"llama3.1"_s;
    QVERIFY(store.add(llm).ok());
    QVERIFY(store.add(veo(u"gem"_s)).ok());
    QStringList script, video;
    for (const Account& a : store.scriptAccounts())
        script.append(a.id);
    for (const Account& a : store.videoAccounts())
        video.append(a.id);
    QCOMPARE(script, (QStringList{u"offline"_s, u"ollama"_s, u"gem"_s}));
    QCOMPARE(video, (QStringList{u"local"_s, u"gem"_s}));
}

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"

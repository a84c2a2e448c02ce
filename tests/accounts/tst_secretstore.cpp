// Tests for SecretStore: the environment first, the opt-in secrets file (owner-only), removal,
// a clear message when the keychain is not there, and every key registered for redaction.

#include "accounts/secretstore.h"
#include "core/redactor.h"

#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestSecretStore final : public QObject
{
    Q_OBJECT

private slots:
    void environmentNames_data();
    void environmentNames();
    void environmentComesFirst();
    void fileIsOwnerOnly();
    void removeForgetsTheKey();
    void keychainUnavailableIsExplained();
    void keychainIsSafeFromManyThreads();
    void keysAreRedacted();
    void aDamagedSecretsFileIsNeverReplaced();
};

void TestSecretStore::environmentNames_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("name");
    QTest::newRow("simple") << u"gemini"_s << u"T2V_KEY_GEMINI"_s;
    QTest::newRow("dash") << u"fal-2"_s << u"T2V_KEY_FAL_2"_s;
    QTest::newRow("underscore") << u"my_acct"_s << u"T2V_KEY_MY_ACCT"_s;
}

void TestSecretStore::environmentNames()
{
    QFETCH(QString, id);
    QFETCH(QString, name);
    QCOMPARE(SecretStore::environmentName(id), name);
}

void TestSecretStore::environmentComesFirst()
{
    QTemporaryDir tmp;
    SecretStore store(tmp.path());
    QVERIFY(store.write(u"acct"_s, u"from-file-123456"_s, SecretStore::Backend::File).ok());
    QCOMPARE(store.read(u"acct"_s)->from, SecretStore::Backend::File);
    qputenv("T2V_KEY_ACCT", "from-env-654321");
    const auto s = store.read(u"acct"_s);
    qunsetenv("T2V_KEY_ACCT");
    QCOMPARE(s->key, u"from-env-654321"_s);
    QCOMPARE(s->from, SecretStore::Backend::Environment);
    QVERIFY(!store.read(u"nobody"_s));
}

void TestSecretStore::fileIsOwnerOnly()
{
    QTemporaryDir tmp;
    SecretStore store(tmp.path());
    QVERIFY(store.write(u"a"_s, u"key-aaaaaaaa"_s, SecretStore::Backend::File).ok());
    QVERIFY(store.write(u"b"_s, u"key-bbbbbbbb"_s, SecretStore::Backend::File).ok());
    const auto perms = QFile::permissions(store.secretsFilePath());
    QCOMPARE(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                      QFileDevice::WriteOther),
             QFileDevice::Permissions());
    QVERIFY(perms & QFileDevice::ReadOwner);
    QCOMPARE(store.read(u"a"_s)->key, u"key-aaaaaaaa"_s);
    QCOMPARE(store.read(u"b"_s)->key, u"key-bbbbbbbb"_s);
    QVERIFY(!store.write(u"c"_s, u"   "_s, SecretStore::Backend::File).ok());
}

void TestSecretStore::removeForgetsTheKey()
{
    QTemporaryDir tmp;
    SecretStore store(tmp.path());
    QVERIFY(store.write(u"a"_s, u"key-aaaaaaaa"_s, SecretStore::Backend::File).ok());
    QVERIFY(store.write(u"b"_s, u"key-bbbbbbbb"_s, SecretStore::Backend::File).ok());
    QVERIFY(store.remove(u"a"_s).ok());
    QVERIFY(!store.read(u"a"_s));
    QVERIFY(store.read(u"b"_s));
}

void TestSecretStore::keychainUnavailableIsExplained()
{
    qputenv("T2V_NO_KEYCHAIN", "1");
    QTemporaryDir tmp;
    SecretStore store(tmp.path());
    QVERIFY(!SecretStore::keychainCompiledIn());
    const Status s = store.write(u"acct"_s, u"key-123456789"_s, SecretStore::Backend::Keychain);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(u"secrets file"_s) &&
                 s.error().message.contains(u"T2V_KEY_ACCT"_s),
             qPrintable(s.error().message));
    QVERIFY(!store.write(u"acct"_s, u"key"_s, SecretStore::Backend::Environment).ok());
}

// QtKeychain is not safe to use from several threads at once; the store must serialise it. Before
// the fix, concurrent reads from pool threads crashed inside libqt6keychain about half the time.
void TestSecretStore::keychainIsSafeFromManyThreads()
{
    qunsetenv("T2V_NO_KEYCHAIN");
    const auto restore = qScopeGuard([] { qputenv("T2V_NO_KEYCHAIN", "1"); });
    if (!SecretStore::keychainCompiledIn())
        QSKIP("built without QtKeychain");
    QTemporaryDir tmp;
    SecretStore store(tmp.path());
    QStringList ids;
    for (int i = 0; i < 24; ++i)
        ids.append(u"t2v-test-missing-%1"_s.arg(i));
    QThreadPool pool;
    pool.setMaxThreadCount(6);
    QtConcurrent::blockingMap(&pool, ids, [&store](const QString& id) {
        QVERIFY(!store.read(id)); // no such entry, whether or not a keychain answers
    });
    QVERIFY(!store.read(ids.first())); // answered from the cache
}

void TestSecretStore::keysAreRedacted()
{
    QTemporaryDir tmp;
    SecretStore store(tmp.path());
    QVERIFY(store.write(u"a"_s, u"sk-unique-secret-777"_s, SecretStore::Backend::File).ok());
    Redactor::clearSecrets();
    QVERIFY(store.read(u"a"_s));
    QCOMPARE(Redactor::redact(u"leaked sk-unique-secret-777 here"_s), u"leaked *** here"_s);
}

void TestSecretStore::aDamagedSecretsFileIsNeverReplaced()
{
    // Edited by hand, with a trailing comma on line 4: every other key must survive.
    QTemporaryDir tmp;
    SecretStore secrets(tmp.path());
    const QByteArray damaged =
        "{\n  \"version\": 1,\n  \"keys\": {\n    \"one\": \"key-1\",\n  }\n}\n";
    {
        QFile f(secrets.secretsFilePath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(damaged);
    }
    const Status s = secrets.write(u"two"_s, u"key-2"_s, SecretStore::Backend::File);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(u"secrets.json"_s), qPrintable(s.error().message));
    QVERIFY2(s.error().message.contains(u"line 5"_s), qPrintable(s.error().message));
    (void)secrets.remove(u"one"_s);
    QFile f(secrets.secretsFilePath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), damaged); // untouched
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"

// Table-driven tests for Redactor: secrets in headers, URLs, JSON and registered keys.

#include "core/redactor.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestRedactor final : public QObject
{
    Q_OBJECT

private slots:
    void patterns_data();
    void patterns();
    void registeredSecretsAnywhere();
    void shortStringsAreNotSecrets();
};

void TestRedactor::patterns_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("kept");
    QTest::newRow("bearer") << u"Authorization: Bearer sk-proj-abc123XYZ"_s
                            << u"sk-proj-abc123XYZ"_s << u"Authorization: Bearer ***"_s;
    QTest::newRow("fal key") << u"authorization: Key 1234abcd:ffee99"_s << u"1234abcd:ffee99"_s
                             << u"authorization: Key ***"_s;
    QTest::newRow("goog header") << u"x-goog-api-key: AIzaSyA-secret_value"_s
                                 << u"AIzaSyA-secret_value"_s << u"x-goog-api-key: ***"_s;
    QTest::newRow("query key")
        << u"GET https://host/v1beta/files/a:download?alt=media&key=AIzaQQQ"_s << u"AIzaQQQ"_s
        << u"?alt=media&key=***"_s;
    QTest::newRow("query first") << u"https://host/x?key=abcdef&alt=1"_s << u"abcdef"_s
                                 << u"?key=***&alt=1"_s;
    QTest::newRow("json api_key") << u"{\"api_key\": \"sk-9999\", \"model\": \"m\"}"_s
                                  << u"sk-9999"_s << u"\"model\": \"m\""_s;
    QTest::newRow("header in json")
        << u"{\"Authorization\":\"Bearer tok-777777\"}"_s << u"tok-777777"_s << u"Bearer ***"_s;
}

void TestRedactor::patterns()
{
    QFETCH(QString, input);
    QFETCH(QString, secret);
    QFETCH(QString, kept);
    const QString out = Redactor::redact(input);
    QVERIFY2(!out.contains(secret), qPrintable(out));
    QVERIFY2(out.contains(kept), qPrintable(out));
}

void TestRedactor::registeredSecretsAnywhere()
{
    Redactor::addSecret(u"plainsecretvalue42"_s);
    const QString out = Redactor::redact(u"the key plainsecretvalue42 leaked into prose"_s);
    QCOMPARE(out, u"the key *** leaked into prose"_s);
    QCOMPARE(Redactor::redact(QByteArray("x plainsecretvalue42 y")), QByteArray("x *** y"));
    Redactor::clearSecrets();
    QVERIFY(Redactor::redact(u"plainsecretvalue42"_s).contains(u"plainsecretvalue42"_s));
}

void TestRedactor::shortStringsAreNotSecrets()
{
    Redactor::addSecret(u"abc"_s); // would mask every "abc" in every log line
    QCOMPARE(Redactor::redact(u"abc abc"_s), u"abc abc"_s);
    Redactor::clearSecrets();
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"

// Tests for the JSON glue in core/json.h: strict readers, error paths, tolerant parse/dump.

#include "core/json.h"

#include <QTest>

using namespace Qt::StringLiterals;
using t2v::json::Json;

class TestJson final : public QObject
{
    Q_OBJECT

private slots:
    void qstringRoundTrip();
    void optionalFieldsUseDefaults();
    void wrongTypeNamesThePath();
    void missingRequiredFieldNamesTheKey();
    void parseReportsLineAndColumn();
    void dumpReplacesInvalidUtf8();
    void dateTimeRoundTrip();
};

void TestJson::qstringRoundTrip()
{
    const QString text = u"Tiếng Việt, 日本語, emoji 🎬, \"quotes\""_s;
    const Json j = text;
    QCOMPARE(j.get<QString>(), text);
}

void TestJson::optionalFieldsUseDefaults()
{
    const Json j = Json::parse(R"({"a": null, "n": 3})");
    QCOMPARE(t2v::json::optString(j, "a", u"x"_s), u"x"_s);
    QCOMPARE(t2v::json::optString(j, "missing", u"y"_s), u"y"_s);
    QCOMPARE(t2v::json::optInt(j, "n", 7), 3);
    QCOMPARE(t2v::json::optInt(j, "missing", 7), 7);
    QVERIFY(t2v::json::optStringList(j, "missing").isEmpty());
}

void TestJson::wrongTypeNamesThePath()
{
    const Json doc = Json::parse(R"({"script": {"scenes": [{"duration": "long"}]}})");
    try {
        (void)t2v::json::optInt(doc["script"]["scenes"][0], "duration", 0);
        QFAIL("a string where a number belongs must throw");
    } catch (const std::exception& e) {
        const QString message = t2v::json::errorMessage(e);
        QVERIFY2(message.contains(u"/script/scenes/0/duration"_s), qPrintable(message));
        QVERIFY2(message.contains(u"number"_s), qPrintable(message));
        QVERIFY2(!message.startsWith(u"[json.exception"_s), qPrintable(message));
    }
}

void TestJson::missingRequiredFieldNamesTheKey()
{
    const Json doc = Json::parse(R"({"jobs": [{"scene": 1}]})");
    try {
        (void)t2v::json::reqString(doc["jobs"][0], "id");
        QFAIL("a missing required key must throw");
    } catch (const std::exception& e) {
        const QString message = t2v::json::errorMessage(e);
        QVERIFY2(message.contains(u"'id'"_s), qPrintable(message));
        QVERIFY2(message.contains(u"/jobs/0"_s), qPrintable(message));
    }
}

void TestJson::parseReportsLineAndColumn()
{
    QString error;
    const Json j = t2v::json::parse("{\n  \"a\": 1,\n  \"b\": ]\n}", &error);
    QVERIFY(j.is_discarded());
    QVERIFY2(error.startsWith(u"line 3, column"_s), qPrintable(error));
}

void TestJson::dumpReplacesInvalidUtf8()
{
    Json j;
    j["text"] = std::string("ok \xff\xfe bytes");
    const std::string out = t2v::json::dump(j);
    QVERIFY(out.find("ok") != std::string::npos);
    QVERIFY(!Json::parse(out).is_discarded());
}

void TestJson::dateTimeRoundTrip()
{
    const QDateTime t(QDate(2026, 11, 23), QTime(10, 30, 15, 250), Qt::UTC);
    Json doc;
    doc["at"] = t2v::json::fromDateTime(t);
    QCOMPARE(t2v::json::optDateTime(doc, "at"), t);
    doc["bad"] = "yesterday";
    QVERIFY_THROWS_EXCEPTION(std::exception, t2v::json::optDateTime(doc, "bad"));
}

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"

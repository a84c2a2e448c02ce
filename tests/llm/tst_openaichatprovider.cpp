// Tests for OpenAiChatProvider against the fake server's chat completions route, and a table of
// answer bodies as OpenAI-compatible servers send them.

#include "fakeapiserver.h"
#include "llm/openaichatprovider.h"
#include "providerroutes.h"
#include "story/promptbuilder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

class TestOpenAiChatProvider final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sendsTheOpenAiShape();
    void tokenField_data();
    void tokenField();
    void noKeyNoAuthorization();
    void fallsBackWhenJsonSchemaIsRefused();
    void rejectedKeyIsAnAuthFailure();
    void replies_data();
    void replies();

private:
    LlmRequest sceneRequest() const;
    FakeApiServer m_server;
    std::shared_ptr<ProviderRoutes> m_routes;
};

void TestOpenAiChatProvider::initTestCase()
{
    m_routes = installProviderRoutes(m_server);
    QVERIFY(m_server.start());
}

LlmRequest TestOpenAiChatProvider::sceneRequest() const
{
    Script s;
    s.idea = u"idea"_s;
    s.durationSeconds = 16;
    s.title = u"T"_s;
    s.outline = {u"a"_s, u"b"_s};
    s.layoutScenes();
    return buildSceneRequest(s, StylePresets::findOrDefault({}),
                             chooseSceneContext(s, 1, 3, false));
}

void TestOpenAiChatProvider::sendsTheOpenAiShape()
{
    m_server.resetRecord();
    OpenAiChatProvider p({m_server.baseUrl() + u"/v1"_s, u"sk-test"_s, u"llama3.1"_s});
    const auto r = p.complete(sceneRequest(), CancelToken());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QVERIFY(r->text.contains(u"Visual of scene 1"_s));
    QCOMPARE(r->promptTokens, 100);
    const auto seen = m_server.requests(u"/v1/chat/completions"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].header("authorization"), QByteArray("Bearer sk-test"));
    const json::Json body = seen[0].json();
    QCOMPARE(body["model"].get<std::string>(), "llama3.1");
    QCOMPARE(body["messages"][0]["role"].get<std::string>(), "system");
    QCOMPARE(body["messages"][1]["role"].get<std::string>(), "user");
    QCOMPARE(body["response_format"]["type"].get<std::string>(), "json_schema");
    // The nested form: the only one OpenAI, Ollama and llama.cpp all read.
    QVERIFY(body["response_format"]["json_schema"]["schema"].is_object());
    QCOMPARE(body["response_format"]["json_schema"]["name"].get<std::string>(), "scene");
    QVERIFY(body.contains("max_tokens"));
    QVERIFY(!body.contains("max_completion_tokens"));
}

void TestOpenAiChatProvider::tokenField_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("field");
    QTest::newRow("openai auto") << u"https://api.openai.com/v1"_s << u"auto"_s
                                 << u"max_completion_tokens"_s;
    QTest::newRow("ollama auto") << u"http://localhost:11434/v1"_s << u"auto"_s << u"max_tokens"_s;
    QTest::newRow("forced") << u"https://openrouter.ai/api/v1"_s << u"max_completion_tokens"_s
                            << u"max_completion_tokens"_s;
    QTest::newRow("forced old") << u"https://api.openai.com/v1"_s << u"max_tokens"_s
                                << u"max_tokens"_s;
}

void TestOpenAiChatProvider::tokenField()
{
    QFETCH(QString, base);
    QFETCH(QString, setting);
    QFETCH(QString, field);
    OpenAiChatProvider p({base, {}, u"m"_s, setting});
    QCOMPARE(p.tokenLimitField(), field);
}

void TestOpenAiChatProvider::noKeyNoAuthorization()
{
    m_server.resetRecord();
    OpenAiChatProvider p({m_server.baseUrl() + u"/v1/"_s, {}, u"m"_s});
    QVERIFY(p.complete(sceneRequest(), CancelToken()).ok());
    QVERIFY(
        m_server.requests(u"/v1/chat/completions"_s).value(0).header("authorization").isEmpty());
}

void TestOpenAiChatProvider::fallsBackWhenJsonSchemaIsRefused()
{
    m_routes->setRejectJsonSchema(true);
    m_server.resetRecord();
    OpenAiChatProvider p({m_server.baseUrl() + u"/v1"_s, {}, u"m"_s});
    QVERIFY(p.complete(sceneRequest(), CancelToken()).ok());
    QVERIFY(p.complete(sceneRequest(), CancelToken()).ok());
    m_routes->setRejectJsonSchema(false);
    const auto seen = m_server.requests(u"/v1/chat/completions"_s);
    QCOMPARE(seen.size(), 3); // refused, retried with json_object, then json_object straight away
    QCOMPARE(seen[0].json()["response_format"]["type"].get<std::string>(), "json_schema");
    QCOMPARE(seen[1].json()["response_format"]["type"].get<std::string>(), "json_object");
    QCOMPARE(seen[2].json()["response_format"]["type"].get<std::string>(), "json_object");
    QCOMPARE(p.responseFormatLevel(), 1);
}

void TestOpenAiChatProvider::rejectedKeyIsAnAuthFailure()
{
    m_routes->setKeyBehaviour(u"sk-bad"_s, {401});
    OpenAiChatProvider p({m_server.baseUrl() + u"/v1"_s, u"sk-bad"_s, u"m"_s});
    const auto r = p.complete(sceneRequest(), CancelToken());
    QVERIFY(!r.ok());
    QVERIFY(r.error().isAuthFailure());
    QVERIFY2(r.error().message.contains(u"Incorrect API key"_s), qPrintable(r.error().message));
}

void TestOpenAiChatProvider::replies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");      // expected text, or empty when an error is expected
    QTest::addColumn<QString>("errorCode"); // Error::code expected
    QTest::addColumn<QString>("mentions");

    QTest::newRow("ok")
        << QByteArray(R"({"choices":[{"message":{"content":"{\"a\":1}"},"finish_reason":"stop"}]})")
        << u"{\"a\":1}"_s << QString() << QString();
    QTest::newRow("content parts")
        << QByteArray(
               R"({"choices":[{"message":{"content":[{"type":"text","text":"he"},{"type":"text","text":"llo"}]},"finish_reason":"stop"}]})")
        << u"hello"_s << QString() << QString();
    QTest::newRow("deepseek keep-alive lines")
        << QByteArray(
               "\n\n\n{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}")
        << u"x"_s << QString() << QString();
    QTest::newRow("truncated")
        << QByteArray(R"({"choices":[{"message":{"content":"{\"a\":"},"finish_reason":"length"}]})")
        << QString() << u"truncated"_s << u"token limit"_s;
    QTest::newRow("refusal")
        << QByteArray(
               R"({"choices":[{"message":{"content":null,"refusal":"I can't help with that."},"finish_reason":"stop"}]})")
        << QString() << u"refused"_s << u"I can't help with that."_s;
    QTest::newRow("content filter")
        << QByteArray(
               R"({"choices":[{"message":{"content":""},"finish_reason":"content_filter"}]})")
        << QString() << u"blocked"_s << u"content filter"_s;
    QTest::newRow("empty content")
        << QByteArray(R"({"choices":[{"message":{"content":""},"finish_reason":"stop"}]})")
        << QString() << u"empty"_s << u"no text"_s;
    QTest::newRow("no choices") << QByteArray(R"({"choices":[]})") << QString() << u"empty"_s
                                << u"no choices"_s;
    QTest::newRow("openrouter error in 200")
        << QByteArray(R"({"error":{"code":502,"message":"Upstream provider failed"}})") << QString()
        << QString() << u"Upstream provider failed"_s;
    QTest::newRow("vllm flat error in 200")
        << QByteArray(R"({"object":"error","message":"model not loaded","code":400})") << QString()
        << QString() << u"model not loaded"_s;
    QTest::newRow("html") << QByteArray("<html><body>proxy login</body></html>") << QString()
                          << QString() << u"web page"_s;
    QTest::newRow("garbage") << QByteArray("\x01\x02garbage") << QString() << QString()
                             << u"not JSON"_s;
    QTest::newRow("choices wrong type")
        << QByteArray(R"({"choices":{"a":1}})") << QString() << u"empty"_s << u"no choices"_s;
}

void TestOpenAiChatProvider::replies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, text);
    QFETCH(QString, errorCode);
    QFETCH(QString, mentions);
    const Result<LlmReply> r = OpenAiChatProvider::parseReply(body);
    if (!text.isEmpty()) {
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->text, text);
        return;
    }
    QVERIFY(!r.ok());
    if (!errorCode.isEmpty())
        QCOMPARE(r.error().code, errorCode);
    QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
}

QTEST_GUILESS_MAIN(TestOpenAiChatProvider)
#include "tst_openaichatprovider.moc"

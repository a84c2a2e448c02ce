// Tests for GeminiProvider against the fake generateContent route, and Gemini answer shapes.

#include "fakeapiserver.h"
#include "llm/geminiprovider.h"
#include "net/retrypolicy.h"
#include "providerroutes.h"
#include "story/promptbuilder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;
using namespace t2v::test;

class TestGeminiProvider final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sendsTheGeminiShape();
    void skipsThoughtParts();
    void invalidKeyIsAuth();
    void resourceExhaustedCarriesRetryDelay();
    void perDayQuotaIsNotRetried();
    void replies_data();
    void replies();
    void theModelIsFoundOnceFromTheKeysList();

private:
    LlmRequest request() const;
    FakeApiServer m_server;
    std::shared_ptr<ProviderRoutes> m_routes;
};

void TestGeminiProvider::initTestCase()
{
    m_routes = installProviderRoutes(m_server);
    QVERIFY(m_server.start());
}

LlmRequest TestGeminiProvider::request() const
{
    Script s;
    s.idea = u"idea"_s;
    s.durationSeconds = 8;
    return buildPlanRequest(s, StylePresets::findOrDefault({}), 1, 1);
}

void TestGeminiProvider::sendsTheGeminiShape()
{
    m_server.resetRecord();
    GeminiProvider p({m_server.baseUrl(), u"AIza-good"_s, u"gemini-2.5-flash"_s});
    LlmRequest r = request();
    r.messages.append({LlmMessage::Role::Assistant, u"earlier answer"_s});
    r.messages.append({LlmMessage::Role::User, u"try again"_s});
    QVERIFY(p.complete(r, CancelToken()).ok());
    const auto seen = m_server.requests(u"/v1beta/models/gemini-2.5-flash:generateContent"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].header("x-goog-api-key"), QByteArray("AIza-good"));
    QVERIFY(seen[0].query.queryItemValue(u"key"_s).isEmpty()); // never in the URL
    const json::Json body = seen[0].json();
    QVERIFY(body["systemInstruction"]["parts"][0]["text"].get<std::string>().find("screenwriter") !=
            std::string::npos);
    QCOMPARE(body["contents"].size(), 3u);
    QCOMPARE(body["contents"][0]["role"].get<std::string>(), "user");
    QCOMPARE(body["contents"][1]["role"].get<std::string>(), "model");
    QCOMPARE(body["generationConfig"]["responseMimeType"].get<std::string>(), "application/json");
    QVERIFY(body["generationConfig"]["responseJsonSchema"].is_object());
    QVERIFY(body["generationConfig"].contains("maxOutputTokens"));
}

void TestGeminiProvider::skipsThoughtParts()
{
    GeminiProvider p({m_server.baseUrl(), u"AIza-good"_s, u"gemini-2.5-flash"_s});
    const auto r = p.complete(request(), CancelToken());
    QVERIFY(r.ok());
    QVERIFY(!r->text.contains(u"Let me think"_s));
    QVERIFY(r->text.contains(u"\"title\""_s));
}

void TestGeminiProvider::invalidKeyIsAuth()
{
    m_routes->setKeyBehaviour(u"AIza-bad"_s, {400});
    GeminiProvider p({m_server.baseUrl(), u"AIza-bad"_s, u"gemini-2.5-flash"_s});
    const auto r = p.complete(request(), CancelToken());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Auth);
    QVERIFY(r.error().isAuthFailure());
    QVERIFY2(r.error().message.contains(u"rejected the key"_s), qPrintable(r.error().message));
}

void TestGeminiProvider::resourceExhaustedCarriesRetryDelay()
{
    m_routes->setKeyBehaviour(u"AIza-busy"_s, {429, 47});
    GeminiProvider p({m_server.baseUrl(), u"AIza-busy"_s, u"gemini-2.5-flash"_s});
    const auto r = p.complete(request(), CancelToken());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 429);
    QCOMPARE(r.error().code, u"RESOURCE_EXHAUSTED"_s);
    QCOMPARE(r.error().retryAfter, std::optional<std::chrono::milliseconds>(47000ms));
    QVERIFY(RetryPolicy::isRetryable(r.error()));
}

void TestGeminiProvider::perDayQuotaIsNotRetried()
{
    m_server.failNext(u"/v1beta/models/.*"_s, 1,
                      FakeResponse::json(
                          429, json::Json::parse(R"({"error":{"code":429,"message":"Quota exceeded",
                          "status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure",
                          "violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}]}})")));
    GeminiProvider p({m_server.baseUrl(), u"AIza-good"_s, u"gemini-2.5-flash"_s});
    const auto r = p.complete(request(), CancelToken());
    QVERIFY(!r.ok());
    QVERIFY(r.error().quotaExhausted);
    QVERIFY(!RetryPolicy::isRetryable(r.error()));
}

void TestGeminiProvider::replies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::newRow("ok")
        << QByteArray(
               R"({"candidates":[{"content":{"parts":[{"text":"a"},{"text":"b"}]},"finishReason":"STOP"}]})")
        << u"ab"_s << QString();
    QTest::newRow("blocked prompt") << QByteArray(R"({"promptFeedback":{"blockReason":"SAFETY"}})")
                                    << QString() << u"blocked"_s;
    QTest::newRow("max tokens")
        << QByteArray(
               R"({"candidates":[{"content":{"parts":[{"text":"{\"a\""}]},"finishReason":"MAX_TOKENS"}]})")
        << QString() << u"truncated"_s;
    QTest::newRow("safety finish")
        << QByteArray(R"({"candidates":[{"finishReason":"PROHIBITED_CONTENT"}]})") << QString()
        << u"blocked"_s;
    QTest::newRow("only thoughts")
        << QByteArray(
               R"({"candidates":[{"content":{"parts":[{"text":"hmm","thought":true}]},"finishReason":"STOP"}]})")
        << QString() << u"empty"_s;
    QTest::newRow("no candidates") << QByteArray(R"({})") << QString() << u"empty"_s;
    QTest::newRow("parts wrong type")
        << QByteArray(R"({"candidates":[{"content":{"parts":"x"},"finishReason":"STOP"}]})")
        << QString() << u"empty"_s;
}

void TestGeminiProvider::replies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, text);
    QFETCH(QString, code);
    const Result<LlmReply> r = GeminiProvider::parseReply(body);
    if (!text.isEmpty()) {
        QVERIFY(r.ok());
        QCOMPARE(r->text, text);
    } else {
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
    }
}

void TestGeminiProvider::theModelIsFoundOnceFromTheKeysList()
{
    // No model and no way to find one: nothing is sent.
    m_server.resetRecord();
    GeminiProvider none({m_server.baseUrl(), u"AIza-good"_s, {}});
    const auto refused = none.complete(request(), CancelToken());
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::Invalid);
    QCOMPARE(m_server.requests().size(), 0);

    // Found with the first request (on its thread), once; a failure to find it sends nothing
    // and the next request asks again.
    int asked = 0;
    LlmConfig config{m_server.baseUrl(), u"AIza-good"_s, {}};
    config.resolveModel = [&](const CancelToken&) -> Result<QString> {
        if (++asked == 1) {
            Error e = Error::make(ErrorKind::Network, u"no list"_s);
            e.requestSent = false;
            return e;
        }
        return u"gemini-3.5-flash-lite"_s;
    };
    GeminiProvider p(config);
    QVERIFY(p.label().contains(u"first preferred model"_s));
    QVERIFY(!p.complete(request(), CancelToken()).ok());
    QCOMPARE(m_server.requests().size(), 0);
    QVERIFY(p.complete(request(), CancelToken()).ok());
    QVERIFY(p.complete(request(), CancelToken()).ok());
    QCOMPARE(asked, 2);
    QCOMPARE(m_server.requestCount(u"/v1beta/models/gemini-3.5-flash-lite:generateContent"_s), 2);
    QCOMPARE(p.label(), u"gemini-3.5-flash-lite via Gemini API"_s);
}

QTEST_GUILESS_MAIN(TestGeminiProvider)
#include "tst_geminiprovider.moc"

// Table-driven tests for the error-body parser and the server retry hints.

#include "net/providererror.h"
#include "net/retrypolicy.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace t2v;

class TestProviderError final : public QObject
{
    Q_OBJECT

private slots:
    void bodies_data();
    void bodies();
    void retryAfter_data();
    void retryAfter();
    void goDurations_data();
    void goDurations();
    void messageIsReadable();
    void googleSpendLimits_data();
    void googleSpendLimits();
};

void TestProviderError::bodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("notToday");
    QTest::addColumn<qint64>("retryDelayMs"); // -1: none

    QTest::newRow("openai nested string code")
        << QByteArray(
               R"({"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}})")
        << u"Rate limit reached"_s << u"rate_limit_exceeded"_s << false << qint64(-1);
    QTest::newRow("openai insufficient quota")
        << QByteArray(
               R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})")
        << u"You exceeded your current quota"_s << u"insufficient_quota"_s << true << qint64(-1);
    QTest::newRow("llama.cpp integer code")
        << QByteArray(
               R"({"error":{"code":503,"message":"Loading model","type":"unavailable_error"}})")
        << u"Loading model"_s << u"503"_s << false << qint64(-1);
    QTest::newRow("vllm flat")
        << QByteArray(
               R"({"object":"error","message":"max_tokens is too large","type":"BadRequestError","param":null,"code":400})")
        << u"max_tokens is too large"_s << u"400"_s << false << qint64(-1);
    QTest::newRow("openrouter metadata")
        << QByteArray(
               R"({"error":{"code":402,"message":"Insufficient credits","metadata":{"x":1}}})")
        << u"Insufficient credits"_s << u"402"_s << false << qint64(-1);
    QTest::newRow("gemini retry info")
        << QByteArray(
               R"({"error":{"code":429,"message":"You exceeded your current quota. Please retry in 55.57s.","status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"47s"}]}})")
        << u"You exceeded your current quota. Please retry in 55.57s."_s << u"429"_s << false
        << qint64(47000);
    QTest::newRow("gemini per day")
        << QByteArray(
               R"({"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}]}})")
        << u"Quota exceeded"_s << u"429"_s << true << qint64(-1);
    QTest::newRow("gemini limit zero")
        << QByteArray(
               R"({"error":{"code":429,"message":"Quota exceeded for metric x, limit: 0","status":"RESOURCE_EXHAUSTED"}})")
        << u"Quota exceeded for metric x, limit: 0"_s << u"429"_s << true << qint64(-1);
    QTest::newRow("fractional retry delay")
        << QByteArray(
               R"({"error":{"code":429,"message":"m","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"0.5s"}]}})")
        << u"m"_s << u"429"_s << false << qint64(500);
    QTest::newRow("fastapi detail")
        << QByteArray(R"({"detail":"Unauthorized: invalid key"})") << u"Unauthorized: invalid key"_s
        << QString() << false << qint64(-1);
    QTest::newRow("fastapi validation list")
        << QByteArray(
               R"({"detail":[{"loc":["body","prompt"],"msg":"field required","type":"value_error.missing"}]})")
        << u"field required"_s << QString() << false << qint64(-1);
    QTest::newRow("error as string") << QByteArray(R"({"error":"model not found"})")
                                     << u"model not found"_s << QString() << false << qint64(-1);
    QTest::newRow("html page")
        << QByteArray("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
        << u"502 Bad Gateway"_s << QString() << false << qint64(-1);
    QTest::newRow("plain text") << QByteArray("upstream connect error\n")
                                << u"upstream connect error"_s << QString() << false << qint64(-1);
    QTest::newRow("empty") << QByteArray() << QString() << QString() << false << qint64(-1);
    // An unknown shape is shown as it came: better than no message at all.
    QTest::newRow("json of odd shape")
        << QByteArray(R"({"error":{"message":{"nested":true}}})")
        << u"{\"error\":{\"message\":{\"nested\":true}}}"_s << QString() << false << qint64(-1);
    QTest::newRow("truncated json")
        << QByteArray(R"({"error":{"message":"cut)") << u"{\"error\":{\"message\":\"cut"_s
        << QString() << false << qint64(-1);
}

void TestProviderError::bodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QFETCH(QString, code);
    QFETCH(bool, notToday);
    QFETCH(qint64, retryDelayMs);
    const ProviderErrorBody parsed = parseProviderErrorBody(body);
    QCOMPARE(parsed.message, message);
    QCOMPARE(parsed.code, code);
    QCOMPARE(parsed.quotaNotToday, notToday);
    QCOMPARE(parsed.retryDelay.has_value(), retryDelayMs >= 0);
    if (retryDelayMs >= 0)
        QCOMPARE(parsed.retryDelay->count(), retryDelayMs);
}

void TestProviderError::retryAfter_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("expectMs"); // -1: none
    QTest::newRow("seconds") << QByteArray("Retry-After") << QByteArray("30") << 429
                             << qint64(30000);
    QTest::newRow("fractional seconds")
        << QByteArray("retry-after") << QByteArray("1.5") << 503 << qint64(1500);
    QTest::newRow("http date") << QByteArray("Retry-After")
                               << QByteArray("Mon, 23 Nov 2026 12:01:00 GMT") << 429
                               << qint64(60000);
    QTest::newRow("date in the past")
        << QByteArray("Retry-After") << QByteArray("Mon, 23 Nov 2026 11:00:00 GMT") << 429
        << qint64(0);
    QTest::newRow("milliseconds") << QByteArray("retry-after-ms") << QByteArray("250") << 429
                                  << qint64(250);
    QTest::newRow("openai reset header")
        << QByteArray("x-ratelimit-reset-requests") << QByteArray("6m0s") << 429 << qint64(360000);
    QTest::newRow("reset header ignored on 500")
        << QByteArray("x-ratelimit-reset-requests") << QByteArray("1s") << 500 << qint64(-1);
    QTest::newRow("garbage") << QByteArray("Retry-After") << QByteArray("soon") << 429
                             << qint64(-1);
}

void TestProviderError::retryAfter()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(int, status);
    QFETCH(qint64, expectMs);
    HttpHeaders headers;
    headers.add(name, value);
    const QDateTime now(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);
    const auto delay = retryAfterFromHeaders(headers, now, status);
    QCOMPARE(delay.has_value(), expectMs >= 0);
    if (delay)
        QCOMPARE(delay->count(), expectMs);
}

void TestProviderError::goDurations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("ms") << u"12ms"_s << qint64(12);
    QTest::newRow("s") << u"1s"_s << qint64(1000);
    QTest::newRow("m s") << u"6m0s"_s << qint64(360000);
    QTest::newRow("h m s") << u"1h2m3.5s"_s << qint64(3723500);
    QTest::newRow("invalid") << u"abc"_s << qint64(-1);
    QTest::newRow("trailing junk") << u"5sx"_s << qint64(-1);
}

void TestProviderError::goDurations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const auto d = parseGoDuration(text);
    QCOMPARE(d.has_value(), ms >= 0);
    if (d)
        QCOMPARE(d->count(), ms);
}

void TestProviderError::messageIsReadable()
{
    HttpHeaders headers;
    headers.add("Retry-After", "12");
    const Error e = httpStatusError(
        u"https://api.openai.com/v1/chat/completions"_s, 429, "Too Many Requests", headers,
        R"({"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}})",
        QDateTime::currentDateTimeUtc());
    QCOMPARE(
        e.message,
        u"api.openai.com answered 429 Too Many Requests: Rate limit reached (rate_limit_exceeded)"_s);
    QCOMPARE(e.retryAfter->count(), 12000);
    QCOMPARE(e.kind, ErrorKind::Http);

    const Error credits =
        httpStatusError(u"https://openrouter.ai/api/v1/chat/completions"_s, 402, "", {},
                        R"({"error":{"code":402,"message":"Insufficient credits"}})",
                        QDateTime::currentDateTimeUtc());
    QVERIFY(credits.quotaExhausted);
    QVERIFY2(credits.message.contains(u"Payment Required"_s), qPrintable(credits.message));
    QVERIFY2(credits.message.contains(u"not be retried"_s), qPrintable(credits.message));
}

void TestProviderError::googleSpendLimits_data()
{
    // 429 RESOURCE_EXHAUSTED bodies as the Gemini API sends them (provider-apis.md §7.2; the
    // credits text is a capture of 2026-06-12).
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("exhausted");
    QTest::addColumn<qint64>("retryAfterMs"); // -1: none
    QTest::newRow("per-minute quota, with RetryInfo")
        << QByteArray(
               R"({"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"33s"}]}})")
        << false << qint64(33000);
    QTest::newRow("prepayment credits depleted")
        << QByteArray(
               R"({"error":{"code":429,"message":"Your prepayment credits are depleted. Please go to AI Studio at https://ai.studio/projects to manage your project and billing.","status":"RESOURCE_EXHAUSTED"}})")
        << true << qint64(-1);
    QTest::newRow("monthly spending cap")
        << QByteArray(
               R"({"error":{"code":429,"message":"Your project has exceeded its monthly spending cap.","status":"RESOURCE_EXHAUSTED"}})")
        << true << qint64(-1);
    QTest::newRow("spend over the 10-minute window")
        << QByteArray(
               R"({"error":{"code":429,"message":"Your project has reached its spend limit for this tier in the last 10 minutes.","status":"RESOURCE_EXHAUSTED"}})")
        << false << qint64(600000);
    QTest::newRow("per-day quota")
        << QByteArray(
               R"({"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}]}})")
        << true << qint64(-1);
}

void TestProviderError::googleSpendLimits()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, exhausted);
    QFETCH(qint64, retryAfterMs);
    const Error e = classifyGoogleError(
        httpStatusError(u"https://generativelanguage.googleapis.com/v1beta/interactions"_s, 429, "",
                        {}, body, QDateTime::currentDateTimeUtc()));
    QCOMPARE(e.kind, ErrorKind::Http);
    QCOMPARE(e.quotaExhausted, exhausted);
    QCOMPARE(e.retryAfter.has_value(), retryAfterMs >= 0);
    if (e.retryAfter)
        QCOMPARE(e.retryAfter->count(), retryAfterMs);
    QCOMPARE(RetryPolicy::isRetryable(e), !exhausted);
}

QTEST_GUILESS_MAIN(TestProviderError)
#include "tst_providererror.moc"

// Tests for GeminiImageProvider against the fake Gemini API: the generateContent body with
// image output, the references as inline parts, and the answers without an image.

#include "fakeapiserver.h"
#include "image/geminiimageprovider.h"
#include "providerroutes.h"
#include "testmedia.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

class TestGeminiImageProvider final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void theBodyAsksForAnImage();
    void referencesTravelInline();
    void answersWithoutAnImage_data();
    void answersWithoutAnImage();
    void aTextModelIsRefusedByTheService();
    void noModelSendsNothing();

private:
    FakeApiServer m_server;
    std::shared_ptr<ProviderRoutes> m_routes;
};

void TestGeminiImageProvider::initTestCase()
{
    m_routes = installProviderRoutes(m_server, {});
    QVERIFY(m_server.start());
}

void TestGeminiImageProvider::theBodyAsksForAnImage()
{
    m_server.resetRecord();
    GeminiImageProvider p(m_server.baseUrl(), u"AIza-A"_s, u"gemini-2.5-flash-image"_s);
    ImageRequest r;
    r.prompt = u"Character reference sheet of Mara"_s;
    r.aspectRatio = u"3:4"_s;
    const auto made = p.generate(r, CancelToken());
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
    QCOMPARE(made->mimeType, u"image/png"_s);
    QCOMPARE(made->data, tinyPng(0));
    const auto seen = m_server.requests(u"/v1beta/models/gemini-2.5-flash-image:generateContent"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].header("x-goog-api-key"), QByteArray("AIza-A"));
    const json::Json body = seen[0].json();
    QVERIFY(body["generationConfig"]["responseModalities"] == json::Json::array({"IMAGE"}));
    QCOMPARE(body["generationConfig"]["imageConfig"]["aspectRatio"].get<std::string>(), "3:4");
    QCOMPARE(body["contents"][0]["role"].get<std::string>(), "user");
    QCOMPARE(body["contents"][0]["parts"].size(), std::size_t(1));
    QCOMPARE(body["contents"][0]["parts"][0]["text"].get<std::string>(),
             "Character reference sheet of Mara");
}

void TestGeminiImageProvider::referencesTravelInline()
{
    m_server.resetRecord();
    GeminiImageProvider p(m_server.baseUrl(), u"AIza-A"_s, u"gemini-2.5-flash-image"_s);
    ImageRequest r;
    r.prompt = u"Scene 4: Mara on the bridge"_s;
    r.references = {ImageInput{tinyPng(1), u"image/png"_s}, ImageInput{tinyPng(2), u"image/png"_s}};
    const auto made = p.generate(r, CancelToken());
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
    QCOMPARE(made->data, tinyPng(2)); // the fake draws with the number of inline images seen
    const json::Json parts =
        m_server.requests(u"/v1beta/models/gemini-2.5-flash-image:generateContent"_s)[0]
            .json()["contents"][0]["parts"];
    QCOMPARE(parts.size(), std::size_t(3));
    QCOMPARE(parts[0]["inlineData"]["mimeType"].get<std::string>(), "image/png");
    QCOMPARE(QByteArray::fromBase64(
                 QByteArray::fromStdString(parts[1]["inlineData"]["data"].get<std::string>())),
             tinyPng(2));
    QVERIFY(parts[2].contains("text")); // the text comes after the images
}

void TestGeminiImageProvider::answersWithoutAnImage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("blocked prompt")
        << QByteArray(R"({"promptFeedback": {"blockReason": "SAFETY"}})") << u"blocked"_s;
    QTest::newRow("image safety")
        << QByteArray(
               R"({"candidates": [{"content": {"parts": []}, "finishReason": "IMAGE_SAFETY"}]})")
        << u"IMAGE_SAFETY"_s;
    QTest::newRow("text only")
        << QByteArray(
               R"({"candidates": [{"content": {"parts": [{"text": "No."}]}, "finishReason": "STOP"}]})")
        << u"text instead of an image: No."_s;
    QTest::newRow("not an image")
        << QByteArray(
               R"({"candidates": [{"content": {"parts": [{"inlineData": {"mimeType": "image/png", "data": "aGVsbG8="}}]}}]})")
        << u"not a PNG, JPEG or WebP"_s;
    QTest::newRow("thought images are skipped")
        << QByteArray(
               R"({"candidates": [{"content": {"parts": [{"thought": true, "inlineData": {"mimeType": "image/png", "data": "x"}}]}}]})")
        << u"made no image"_s;
    QTest::newRow("no candidates") << QByteArray(R"({"candidates": []})") << u"made no image"_s;
    QTest::newRow("not JSON") << QByteArray("<html>") << u"not JSON"_s;
}

void TestGeminiImageProvider::answersWithoutAnImage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const auto r = GeminiImageProvider::imageIn(body);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
}

void TestGeminiImageProvider::aTextModelIsRefusedByTheService()
{
    GeminiImageProvider p(m_server.baseUrl(), u"AIza-A"_s, u"gemini-2.5-flash"_s);
    ImageRequest r;
    r.prompt = u"Mara"_s;
    const auto made = p.generate(r, CancelToken());
    QVERIFY(!made.ok());
    QCOMPARE(made.error().httpStatus, 400);
    QVERIFY2(made.error().message.contains(u"modalities"_s), qPrintable(made.error().message));
    // Blocked and text answers through the wire, too.
    GeminiImageProvider image(m_server.baseUrl(), u"AIza-A"_s, u"gemini-2.5-flash-image"_s);
    r.prompt = u"[blocked]"_s;
    QVERIFY(image.generate(r, CancelToken()).error().message.contains(u"PROHIBITED_CONTENT"_s));
    r.prompt = u"[text]"_s;
    QVERIFY(image.generate(r, CancelToken()).error().message.contains(u"text instead"_s));
}

void TestGeminiImageProvider::noModelSendsNothing()
{
    m_server.resetRecord();
    GeminiImageProvider p(m_server.baseUrl(), u"AIza-A"_s, QString());
    ImageRequest r;
    r.prompt = u"Mara"_s;
    const auto made = p.generate(r, CancelToken());
    QVERIFY(!made.ok());
    QVERIFY2(made.error().message.contains(u"image model"_s), qPrintable(made.error().message));
    QCOMPARE(m_server.requests().size(), 0);
}

QTEST_GUILESS_MAIN(TestGeminiImageProvider)
#include "tst_geminiimageprovider.moc"

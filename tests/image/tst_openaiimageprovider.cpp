// Tests for OpenAiImageProvider against the fake server: the /images/generations body, the
// GPT image models' b64_json answer, a URL answer fetched with the key only on the same
// server, and the sizes.

#include "fakeapiserver.h"
#include "image/openaiimageprovider.h"
#include "providerroutes.h"
#include "testmedia.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

class TestOpenAiImageProvider final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void gptImageAnswersBase64();
    void aUrlAnswerIsFetched();
    void sizes_data();
    void sizes();
    void anAnswerWithoutAnImage();

private:
    FakeApiServer m_server;
    std::shared_ptr<ProviderRoutes> m_routes;
};

void TestOpenAiImageProvider::initTestCase()
{
    m_routes = installProviderRoutes(m_server, {});
    QVERIFY(m_server.start());
}

void TestOpenAiImageProvider::gptImageAnswersBase64()
{
    m_server.resetRecord();
    OpenAiImageProvider p(m_server.baseUrl() + u"/v1/"_s, u"sk-test"_s, u"gpt-image-1"_s, true);
    QVERIFY(p.isPaid());
    ImageRequest r;
    r.prompt = u"Character reference sheet of Mara"_s;
    r.aspectRatio = u"16:9"_s;
    const auto made = p.generate(r, CancelToken());
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
    QCOMPARE(made->data, tinyPng(1));
    const auto seen = m_server.requests(u"/v1/images/generations"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].header("authorization"), QByteArray("Bearer sk-test"));
    const json::Json body = seen[0].json();
    QCOMPARE(body["model"].get<std::string>(), "gpt-image-1");
    QCOMPARE(body["size"].get<std::string>(), "1536x1024");
    QCOMPARE(body["n"].get<int>(), 1);
    QVERIFY(!body.contains("response_format")); // GPT image models refuse it
}

void TestOpenAiImageProvider::aUrlAnswerIsFetched()
{
    m_server.resetRecord();
    // A local server: no key, no model name sent.
    OpenAiImageProvider p(m_server.baseUrl() + u"/v1"_s, QString(), QString(), false);
    QVERIFY(!p.isPaid());
    ImageRequest r;
    r.prompt = u"Mara"_s;
    const auto made = p.generate(r, CancelToken());
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
    QCOMPARE(made->data, tinyPng(9));
    QVERIFY(!m_server.requests(u"/v1/images/generations"_s)[0].json().contains("model"));
    const auto fetched = m_server.requests(u"/v1/images/files/1.png"_s);
    QCOMPARE(fetched.size(), 1);
    QVERIFY(fetched[0].header("authorization").isEmpty());
}

void TestOpenAiImageProvider::sizes_data()
{
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<QString>("size");
    QTest::newRow("square") << u"1:1"_s << u"1024x1024"_s;
    QTest::newRow("landscape") << u"16:9"_s << u"1536x1024"_s;
    QTest::newRow("4:3") << u"4:3"_s << u"1536x1024"_s;
    QTest::newRow("portrait") << u"9:16"_s << u"1024x1536"_s;
    QTest::newRow("nonsense") << u"wide"_s << u"1024x1024"_s;
}

void TestOpenAiImageProvider::sizes()
{
    QFETCH(QString, aspect);
    QFETCH(QString, size);
    QCOMPARE(OpenAiImageProvider::sizeFor(aspect), size);
}

void TestOpenAiImageProvider::anAnswerWithoutAnImage()
{
    OpenAiImageProvider p(m_server.baseUrl() + u"/v1"_s, QString(), QString(), false);
    ImageRequest r; // no prompt: the server refuses it
    const auto made = p.generate(r, CancelToken());
    QVERIFY(!made.ok());
    QCOMPARE(made.error().httpStatus, 400);
}

QTEST_GUILESS_MAIN(TestOpenAiImageProvider)
#include "tst_openaiimageprovider.moc"

// Tests for WebSocketReader: frames as a server sends them (table), the client's masked frames,
// the handshake's accept value (RFC 6455's own example), and a live connection to the fake
// ComfyUI /ws that reconnects after the server closes it.

#include "fakeapiserver.h"
#include "localgpuroutes.h"
#include "net/websocketreader.h"
#include "providerroutes.h"

#include <QMutex>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

class TestWebSocketReader final : public QObject
{
    Q_OBJECT

private slots:
    void serverFrames_data();
    void serverFrames();
    void clientFramesAreMasked();
    void theAcceptValueIsRfc6455s();
    void readsTheMessagesOfALiveSocket();
    void aServerWithoutWebSocketIsLeftAlone();
};

void TestWebSocketReader::serverFrames_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("opcode"); // -1: more bytes needed
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("left"); // bytes left in the buffer
    const QByteArray hello("Hello");
    QTest::newRow("a short text") << QByteArray("\x81\x05", 2) + hello + "more" << 1 << 5
                                  << QString() << 4;
    QTest::newRow("half a header") << QByteArray("\x81", 1) << -1 << 0 << QString() << 1;
    QTest::newRow("half a payload") << QByteArray("\x81\x05Hel", 5) << -1 << 0 << QString() << 5;
    QTest::newRow("16-bit length")
        << QByteArray("\x82\x7e\x01\x00", 4) + QByteArray(256, 'x') << 2 << 256 << QString() << 0;
    QTest::newRow("64-bit length")
        << QByteArray("\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10) + QByteArray(65536, 'y') << 1
        << 65536 << QString() << 0;
    QTest::newRow("a ping") << QByteArray("\x89\x02hi", 4) << 9 << 2 << QString() << 0;
    QTest::newRow("a fragment") << QByteArray("\x01\x03"
                                              "abc",
                                              5)
                                << 1 << 3 << QString() << 0;
    QTest::newRow("masked by the server") << QByteArray("\x81\x85\x01\x02\x03\x04"
                                                        "abcde",
                                                        11)
                                          << -1 << 0 << u"masked"_s << 11;
    QTest::newRow("a reserved opcode")
        << QByteArray("\x83\x00", 2) << -1 << 0 << u"reserved opcode 3"_s << 2;
    QTest::newRow("reserved bits")
        << QByteArray("\xc1\x00", 2) << -1 << 0 << u"reserved bits"_s << 2;
    QTest::newRow("a long ping") << QByteArray("\x89\x7e\x00\x80", 4) + QByteArray(128, 'p') << -1
                                 << 0 << u"control frame"_s << 132;
    QTest::newRow("too large") << QByteArray("\x82\x7f\x00\x00\x00\x10\x00\x00\x00\x00", 10) << -1
                               << 0 << u"a frame of"_s << 10;
}

void TestWebSocketReader::serverFrames()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, opcode);
    QFETCH(int, length);
    QFETCH(QString, error);
    QFETCH(int, left);
    QString why;
    const auto frame = WebSocketReader::takeFrame(bytes, &why);
    QCOMPARE(frame.has_value(), opcode >= 0);
    if (frame) {
        QCOMPARE(frame->opcode, opcode);
        QCOMPARE(int(frame->payload.size()), length);
    }
    QVERIFY2(error.isEmpty() ? why.isEmpty() : why.contains(error), qPrintable(why));
    QCOMPARE(int(bytes.size()), left);
}

void TestWebSocketReader::clientFramesAreMasked()
{
    for (const int size : {0, 5, 125, 126, 300, 70000}) {
        const QByteArray payload(size, 'z');
        const QByteArray frame = WebSocketReader::clientFrame(WebSocketReader::Pong, payload);
        QCOMPARE(quint8(frame[0]), quint8(0x8A));
        QVERIFY(quint8(frame[1]) & 0x80); // masked
        const int lengthByte = quint8(frame[1]) & 0x7F;
        const int header = lengthByte == 127 ? 10 : lengthByte == 126 ? 4 : 2;
        QCOMPARE(int(frame.size()), header + 4 + size);
        const QByteArray mask = frame.mid(header, 4);
        QByteArray unmasked = frame.mid(header + 4);
        for (qsizetype i = 0; i < unmasked.size(); ++i)
            unmasked[i] = char(unmasked[i] ^ mask[i % 4]);
        QCOMPARE(unmasked, payload);
    }
}

void TestWebSocketReader::theAcceptValueIsRfc6455s()
{
    // RFC 6455 section 1.3.
    QCOMPARE(WebSocketReader::acceptFor("dGhlIHNhbXBsZSBub25jZQ=="),
             QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void TestWebSocketReader::readsTheMessagesOfALiveSocket()
{
    FakeApiServer server;
    auto routes = installProviderRoutes(server);
    auto gpu = installLocalGpuRoutes(server, routes, std::chrono::milliseconds(500));
    QVERIFY(server.start());
    QMutex mutex;
    QList<QByteArray> messages;
    {
        HttpHeaders headers;
        headers.set("Authorization", "Bearer proxy-token");
        WebSocketReader reader(u"ws://127.0.0.1:%1/comfy/ws?clientId=abc"_s.arg(server.port()),
                               headers, [&](const QByteArray& text) {
                                   QMutexLocker lock(&mutex);
                                   messages.append(text);
                               });
        reader.start();
        reader.start(); // once
        QTRY_VERIFY(reader.isConnected());
        QTRY_VERIFY([&] {
            QMutexLocker lock(&mutex);
            return !messages.isEmpty();
        }());
        QMutexLocker lock(&mutex);
        QVERIFY2(messages.first().contains("\"sid\":\"abc\""), messages.first().constData());
    }
    // Destroyed: stopped, and only one connection was made.
    QCOMPARE(gpu->comfySocketClients(), QStringList{u"abc"_s});
    const auto asked = server.requests(u"/comfy/ws"_s);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked[0].header("authorization"), QByteArray("Bearer proxy-token"));
    QCOMPARE(asked[0].header("sec-websocket-version"), QByteArray("13"));
    QVERIFY(asked[0].header("origin").isEmpty());
}

void TestWebSocketReader::aServerWithoutWebSocketIsLeftAlone()
{
    FakeApiServer server;
    auto routes = installProviderRoutes(server);
    QVERIFY(server.start());
    WebSocketReader reader(u"ws://127.0.0.1:%1/nothing/ws"_s.arg(server.port()), {},
                           [](const QByteArray&) {});
    reader.start();
    QTRY_COMPARE(server.requestCount(u"/nothing/ws"_s), 1);
    QVERIFY(!reader.isConnected());
    // It tries again later, not in a tight loop.
    QTest::qWait(200);
    QCOMPARE(server.requestCount(u"/nothing/ws"_s), 1);
}

QTEST_GUILESS_MAIN(TestWebSocketReader)
#include "tst_websocketreader.moc"

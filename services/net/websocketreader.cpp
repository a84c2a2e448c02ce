#include "websocketreader.h"

#include "core/logging.h"
#include "core/redactor.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QUrl>

#include <chrono>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

constexpr int kHandshakeMs = 5000;
constexpr qsizetype kMaxHandshake = 16 * 1024;

} // namespace

WebSocketReader::WebSocketReader(QString url, HttpHeaders headers, OnMessage onMessage)
    : m_url(std::move(url))
    , m_headers(std::move(headers))
    , m_onMessage(std::move(onMessage))
{}

WebSocketReader::~WebSocketReader()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

void WebSocketReader::start()
{
    std::call_once(m_started, [this] { m_thread = std::thread([this] { run(); }); });
}

bool WebSocketReader::waitOrStop(int milliseconds) const
{
    for (int waited = 0; waited < milliseconds && !m_stop; waited += 50)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return m_stop;
}

QByteArray WebSocketReader::acceptFor(const QByteArray& key)
{
    return QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                    QCryptographicHash::Sha1)
        .toBase64();
}

QByteArray WebSocketReader::clientFrame(int opcode, const QByteArray& payload)
{
    QByteArray frame;
    frame.append(char(0x80 | (opcode & 0x0F)));
    const qsizetype n = payload.size();
    if (n < 126) {
        frame.append(char(0x80 | n));
    } else if (n < 65536) {
        frame.append(char(0x80 | 126));
        frame.append(char((n >> 8) & 0xFF));
        frame.append(char(n & 0xFF));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(n) >> shift) & 0xFF));
    }
    const quint32 maskValue = QRandomGenerator::global()->generate();
    const char mask[4] = {char(maskValue >> 24), char(maskValue >> 16), char(maskValue >> 8),
                          char(maskValue)};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < n; ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    return frame;
}

std::optional<WebSocketReader::Frame> WebSocketReader::takeFrame(QByteArray& buffer, QString* error)
{
    if (buffer.size() < 2)
        return std::nullopt;
    const auto byte = [&buffer](qsizetype i) { return quint8(buffer[i]); };
    Frame frame;
    frame.fin = (byte(0) & 0x80) != 0;
    frame.opcode = byte(0) & 0x0F;
    if ((byte(0) & 0x70) != 0) {
        *error = u"a frame with reserved bits set"_s;
        return std::nullopt;
    }
    if (frame.opcode != Continuation && frame.opcode != Text && frame.opcode != Binary &&
        frame.opcode != Close && frame.opcode != Ping && frame.opcode != Pong) {
        *error = u"a frame with the reserved opcode %1"_s.arg(frame.opcode);
        return std::nullopt;
    }
    if ((byte(1) & 0x80) != 0) {
        *error = u"a masked frame from the server"_s;
        return std::nullopt;
    }
    quint64 length = byte(1) & 0x7F;
    qsizetype header = 2;
    if (length == 126) {
        if (buffer.size() < 4)
            return std::nullopt;
        length = (quint64(byte(2)) << 8) | byte(3);
        header = 4;
    } else if (length == 127) {
        if (buffer.size() < 10)
            return std::nullopt;
        length = 0;
        for (int i = 2; i < 10; ++i)
            length = (length << 8) | byte(i);
        header = 10;
    }
    if (length > quint64(kMaxMessage)) {
        *error = u"a frame of %1 bytes"_s.arg(length);
        return std::nullopt;
    }
    if (frame.opcode >= Close && (length > 125 || !frame.fin)) {
        *error = u"a control frame that is fragmented or longer than 125 bytes"_s;
        return std::nullopt;
    }
    if (quint64(buffer.size() - header) < length)
        return std::nullopt;
    frame.payload = buffer.mid(header, qsizetype(length));
    buffer.remove(0, header + qsizetype(length));
    return frame;
}

bool WebSocketReader::handshake(QTcpSocket& socket, QByteArray* rest)
{
    const QUrl url(m_url);
    QByteArray random(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(random.data()), 4);
    const QByteArray key = random.toBase64();
    QByteArray request = "GET " + url.path(QUrl::FullyEncoded).toLatin1();
    if (url.hasQuery())
        request += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    request += " HTTP/1.1\r\nHost: " + url.authority().toLatin1() +
               "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
               "\r\nSec-WebSocket-Version: 13\r\n";
    for (const auto& [name, value] : m_headers.items())
        request += name + ": " + value + "\r\n";
    request += "\r\n";
    socket.write(request);
    QByteArray answer;
    for (int waited = 0; !m_stop && waited < kHandshakeMs; waited += 100) {
        if (const qsizetype end = answer.indexOf("\r\n\r\n"); end >= 0) {
            const QList<QByteArray> lines = answer.left(end).split('\n');
            bool accepted = false;
            for (const QByteArray& line : lines.mid(1)) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().compare("sec-websocket-accept",
                                                                    Qt::CaseInsensitive) == 0)
                    accepted = line.mid(colon + 1).trimmed() == acceptFor(key);
            }
            if (!lines.value(0).startsWith("HTTP/1.1 101") || !accepted) {
                qCInfo(lcNet).noquote() << "no WebSocket at" << Redactor::redact(m_url) << "("
                                        << lines.value(0).trimmed() << ")";
                return false;
            }
            *rest = answer.mid(end + 4);
            return true;
        }
        if (answer.size() > kMaxHandshake || socket.state() != QAbstractSocket::ConnectedState)
            return false;
        if (socket.waitForReadyRead(100))
            answer += socket.readAll();
    }
    return false;
}

void WebSocketReader::readFrames(QTcpSocket& socket, QByteArray buffer)
{
    QByteArray message;
    bool inMessage = false;
    bool text = false;
    while (!m_stop) {
        QString error;
        std::optional<Frame> frame = takeFrame(buffer, &error);
        if (!error.isEmpty()) {
            qCWarning(lcNet).noquote() << "WebSocket" << Redactor::redact(m_url) << "sent" << error;
            return;
        }
        if (!frame) {
            if (socket.state() != QAbstractSocket::ConnectedState)
                return;
            if (socket.waitForReadyRead(200))
                buffer += socket.readAll();
            continue;
        }
        switch (frame->opcode) {
        case Ping:
            socket.write(clientFrame(Pong, frame->payload));
            break;
        case Pong:
            break;
        case Close:
            socket.write(clientFrame(Close, frame->payload.left(2)));
            socket.waitForBytesWritten(500);
            return;
        default:
            if (frame->opcode != Continuation) {
                inMessage = true;
                text = frame->opcode == Text;
                message.clear();
            } else if (!inMessage) {
                return; // a continuation of nothing
            }
            message += frame->payload;
            if (message.size() > kMaxMessage)
                return;
            if (frame->fin) {
                inMessage = false;
                if (text && m_onMessage)
                    m_onMessage(message);
            }
        }
    }
}

void WebSocketReader::run()
{
    const QUrl url(m_url);
    int backoff = 500;
    while (!m_stop) {
        QTcpSocket socket;
        socket.connectToHost(url.host(), quint16(url.port(80)));
        bool connected = false;
        for (int waited = 0; !m_stop && waited < kHandshakeMs; waited += 100) {
            if (socket.waitForConnected(100)) {
                connected = true;
                break;
            }
            if (socket.state() == QAbstractSocket::UnconnectedState)
                break;
        }
        QByteArray rest;
        if (connected && handshake(socket, &rest)) {
            m_connected = true;
            backoff = 500;
            readFrames(socket, rest);
            m_connected = false;
        }
        socket.abort();
        if (waitOrStop(backoff))
            return;
        backoff = std::min(backoff * 2, 10000);
    }
}

} // namespace t2v

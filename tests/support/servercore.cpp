#include "servercore.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace t2v::test {
namespace {

constexpr qint64 kWriteSlice = 64 * 1024;
constexpr qint64 kMaxQueued = 512 * 1024;

QByteArray reasonFor(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 307:
        return "Temporary Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 410:
        return "Gone";
    case 416:
        return "Range Not Satisfiable";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

ServerCore::ServerCore(FakeApiServer* server)
    : m_server(server)
    , m_tcp(this) // a child, so that moveToThread() takes it along
{
    connect(&m_tcp, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_tcp.nextPendingConnection())
            new Connection(socket, m_server, m_nextConnection++, this);
    });
}

quint16 ServerCore::listen(const QHostAddress& address, quint16 port)
{
    if (!m_tcp.listen(address, port))
        return 0;
    return m_tcp.serverPort();
}

Connection::Connection(QTcpSocket* socket, FakeApiServer* server, int id, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_server(server)
    , m_id(id)
{
    m_socket->setParent(this);
    // No Nagle: headers and body go out at once instead of waiting for the client's delayed ACK.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_paceTimer.setSingleShot(true);
    m_server->connectionOpened();
    connect(&m_paceTimer, &QTimer::timeout, this, &Connection::pump);
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::pump);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { deleteLater(); });
}

Connection::~Connection()
{
    if (m_requestOpen)
        m_server->recordFinished(m_requestId, false);
    m_server->connectionClosed();
}

void Connection::onReadyRead()
{
    m_in.append(m_socket->readAll());
    tryParse();
}

void Connection::tryParse()
{
    if (m_busy)
        return;
    const qsizetype headEnd = m_in.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    const QList<QByteArray> lines = m_in.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() < 3) {
        closeNow(true);
        return;
    }
    FakeRequest request;
    request.connectionId = m_id;
    request.method = requestLine[0];
    request.target = requestLine[1];
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.emplaceBack(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
    }
    qsizetype consumed = headEnd + 4;
    if (request.header("transfer-encoding").toLower().contains("chunked")) {
        QByteArray body;
        qsizetype at = consumed;
        for (;;) {
            const qsizetype lineEnd = m_in.indexOf("\r\n", at);
            if (lineEnd < 0)
                return; // wait for more
            bool ok = false;
            const qint64 size =
                m_in.mid(at, lineEnd - at).split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok) {
                closeNow(true);
                return;
            }
            if (m_in.size() < lineEnd + 2 + size + 2)
                return;
            body.append(m_in.mid(lineEnd + 2, size));
            at = lineEnd + 2 + size + 2;
            if (size == 0)
                break;
        }
        request.body = body;
        consumed = at;
    } else {
        const qint64 length = request.header("content-length").toLongLong();
        if (m_in.size() < consumed + length)
            return;
        request.body = m_in.mid(consumed, length);
        consumed += length;
    }
    m_in.remove(0, consumed);

    // Origin-form "/path?q" or absolute-form "http://host/path?q" (proxy requests).
    QUrl url = request.target.startsWith('/')
                   ? QUrl(u"http://localhost"_s + QString::fromLatin1(request.target))
                   : QUrl(QString::fromLatin1(request.target));
    request.path = url.path(QUrl::FullyDecoded);
    request.query = QUrlQuery(url);
    dispatch(std::move(request));
}

void Connection::dispatch(FakeRequest request)
{
    m_busy = true;
    m_sinceArrival.start();
    request.onConnection = ++m_served;
    m_server->recordArrival(request);
    m_requestId = request.id;
    m_requestOpen = true;
    m_headRequest = request.method == "HEAD";
    m_rangeHeader = request.header("range");
    m_ifRangeHeader = request.header("if-range");
    m_closeAfter = request.header("connection").toLower() == "close";
    m_response = m_server->handle(request);
    if (m_response.upgrade) {
        // The headers, then the socket is the handler's: no more HTTP on it.
        QByteArray head = "HTTP/1.1 101 Switching Protocols\r\n";
        for (const auto& [name, value] : m_response.headers)
            head += name + ": " + value + "\r\n";
        m_socket->write(head + "\r\n");
        disconnect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
        disconnect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::pump);
        m_server->recordFinished(m_requestId, true);
        m_requestOpen = false;
        m_response.upgrade(m_socket);
        return;
    }
    if (m_server->resetsReusedPost(request)) {
        m_server->recordFinished(m_requestId, false);
        m_requestOpen = false;
        closeNow(true);
        return;
    }
    const auto delay =
        m_response.delay.count() >= 0 ? m_response.delay : m_server->latencyFor(request.path);
    if (m_response.fault == FakeResponse::Fault::Hang)
        return;
    if (delay.count() > 0)
        QTimer::singleShot(delay, this, &Connection::beginResponse);
    else
        beginResponse();
}

void Connection::beginResponse()
{
    FakeResponse& r = m_response;
    if (r.fault == FakeResponse::Fault::Reset) {
        closeNow(true);
        return;
    }
    m_body = r.source ? r.source : std::make_shared<BytesBody>(r.body);
    const qint64 total = m_body->size();
    int status = r.status;
    m_offset = 0;
    m_end = total;
    QList<std::pair<QByteArray, QByteArray>> headers = r.headers;

    static const QRegularExpression rangeRe(u"^bytes=(\\d+)-(\\d*)$"_s);
    const auto range = rangeRe.match(QString::fromLatin1(m_rangeHeader.trimmed()));
    // RFC 9110 13.1.5: a Range whose If-Range does not match the current version is ignored.
    const bool currentVersion = m_ifRangeHeader.isEmpty() || m_ifRangeHeader == r.etag;
    if (!r.etag.isEmpty())
        headers.emplaceBack("ETag", r.etag);
    if (status == 200 && range.hasMatch() && currentVersion &&
        (r.acceptRanges || r.fault == FakeResponse::Fault::WrongContentRange)) {
        const qint64 start = range.captured(1).toLongLong();
        const qint64 last = range.captured(2).isEmpty()
                                ? total - 1
                                : std::min(total - 1, range.captured(2).toLongLong());
        if (start >= total || start > last) {
            status = 416;
            m_end = 0;
            headers.emplaceBack("Content-Range", "bytes */" + QByteArray::number(total));
        } else if (r.fault == FakeResponse::Fault::WrongContentRange) {
            status = 206;
            headers.emplaceBack("Content-Range", "bytes 0-" + QByteArray::number(total - 1) + "/" +
                                                     QByteArray::number(total));
        } else {
            status = 206;
            m_offset = start;
            m_end = last + 1;
            headers.emplaceBack("Content-Range", "bytes " + QByteArray::number(start) + "-" +
                                                     QByteArray::number(last) + "/" +
                                                     QByteArray::number(total));
        }
    }
    if (r.acceptRanges)
        headers.emplaceBack("Accept-Ranges", "bytes");
    if (m_headRequest)
        m_end = m_offset;

    m_chunked = r.chunked;
    m_closeAfter = m_closeAfter || r.closeConnection;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " " +
                      (r.reason.isEmpty() ? reasonFor(status) : r.reason) + "\r\n";
    for (const auto& [name, value] : headers)
        head += name + ": " + value + "\r\n";
    if (m_chunked)
        head += "Transfer-Encoding: chunked\r\n";
    else
        head += "Content-Length: " + QByteArray::number(m_headRequest ? total : m_end - m_offset) +
                "\r\n";
    head += m_closeAfter ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    head += "\r\n";
    m_socket->write(head);

    if (r.fault == FakeResponse::Fault::CloseAfterHeaders) {
        closeNow(false);
        return;
    }
    m_limit = r.fault == FakeResponse::Fault::TruncateBody ? r.truncateAt : -1;
    m_rate = r.bytesPerSecond > 0 ? r.bytesPerSecond : m_server->bandwidth();
    m_sent = 0;
    m_clock.start();
    pump();
}

void Connection::pump()
{
    if (!m_busy || !m_body || m_paceTimer.isActive())
        return;
    std::vector<char> buffer;
    while (m_offset < m_end && m_socket->bytesToWrite() < kMaxQueued) {
        qint64 n = std::min(kWriteSlice, m_end - m_offset);
        if (m_limit >= 0)
            n = std::min(n, m_limit - m_sent);
        if (m_rate > 0) {
            const qint64 allowed = m_rate * m_clock.elapsed() / 1000 +
                                   std::min<qint64>(m_rate / 50, kWriteSlice) - m_sent;
            if (allowed <= 0) {
                m_paceTimer.start(10);
                return;
            }
            n = std::min(n, allowed);
        }
        if (n <= 0)
            break;
        buffer.resize(std::size_t(n));
        m_body->read(m_offset, buffer.data(), n);
        if (m_chunked) {
            m_socket->write(QByteArray::number(n, 16) + "\r\n");
            m_socket->write(buffer.data(), n);
            m_socket->write("\r\n");
        } else {
            m_socket->write(buffer.data(), n);
        }
        m_offset += n;
        m_sent += n;
    }
    if (m_limit >= 0 && m_sent >= m_limit && m_offset < m_end) {
        closeNow(false);
        return;
    }
    if (m_offset >= m_end && m_socket->bytesToWrite() == 0)
        finishResponse();
}

void Connection::finishResponse()
{
    if (m_chunked) {
        m_chunked = false;
        m_socket->write("0\r\n\r\n");
        return; // finish when this is written
    }
    m_busy = false;
    m_body.reset();
    m_requestOpen = false;
    m_server->recordFinished(m_requestId, true);
    if (m_closeAfter) {
        closeNow(false);
        return;
    }
    if (!m_in.isEmpty())
        tryParse();
}

void Connection::closeNow(bool abort)
{
    m_busy = false;
    m_body.reset();
    if (abort)
        m_socket->abort();
    else
        m_socket->disconnectFromHost();
}

} // namespace t2v::test

#pragma once

// The part of FakeApiServer that lives on the server thread: the listening socket and one
// Connection per client, each parsing requests and streaming answers at the allowed pace.

#include "fakeapiserver.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace t2v::test {

class Connection final : public QObject
{
    Q_OBJECT

public:
    Connection(QTcpSocket* socket, FakeApiServer* server, int id, QObject* parent);
    ~Connection() override;

private:
    void onReadyRead();
    void tryParse();
    void dispatch(FakeRequest request);
    void beginResponse();
    void pump();
    void finishResponse();
    void closeNow(bool abort);

    QTcpSocket* m_socket;
    FakeApiServer* m_server;
    int m_id;
    QByteArray m_in;
    bool m_busy = false; // a request is being answered
    int m_served = 0;    // requests received on this connection

    // The answer being written
    int m_requestId = 0;
    bool m_requestOpen = false;
    FakeResponse m_response;
    std::shared_ptr<const BodySource> m_body;
    qint64 m_offset = 0;
    qint64 m_end = 0; // exclusive
    qint64 m_sent = 0;
    qint64 m_limit = -1; // truncate after this many body bytes
    qint64 m_rate = 0;
    bool m_chunked = false;
    bool m_closeAfter = false;
    bool m_headRequest = false;
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceArrival;
    QTimer m_paceTimer;
    QByteArray m_rangeHeader;
    QByteArray m_ifRangeHeader;
};

class ServerCore final : public QObject
{
    Q_OBJECT

public:
    explicit ServerCore(FakeApiServer* server);
    quint16 listen(const QHostAddress& address, quint16 port);

private:
    FakeApiServer* m_server;
    QTcpServer m_tcp;
    int m_nextConnection = 1;
};

} // namespace t2v::test

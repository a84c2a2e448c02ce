#pragma once

// A minimal WebSocket client (RFC 6455) for a server that pushes JSON events, such as
// ComfyUI's /ws: it reads text messages on a thread of its own and hands each to a callback.
// It sends only what the protocol asks of a client (the handshake, pong, close; every frame
// masked), reconnects after a lost connection, and stops when destroyed. ws:// only: the
// servers it is for run on the user's own machine or network.

#include "net/httptypes.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

class QTcpSocket;

namespace t2v {

class WebSocketReader
{
public:
    using OnMessage = std::function<void(const QByteArray& text)>;

    // `url`: ws://host:port/path?query. `onMessage` runs on the reader's thread.
    WebSocketReader(QString url, HttpHeaders headers, OnMessage onMessage);
    ~WebSocketReader();
    WebSocketReader(const WebSocketReader&) = delete;
    WebSocketReader& operator=(const WebSocketReader&) = delete;

    void start(); // connects in the background; calling it again does nothing
    bool isConnected() const { return m_connected; }

    enum Opcode {
        Continuation = 0x0,
        Text = 0x1,
        Binary = 0x2,
        Close = 0x8,
        Ping = 0x9,
        Pong = 0xA
    };
    struct Frame
    {
        bool fin = true;
        int opcode = Text;
        QByteArray payload;
    };
    static constexpr qint64 kMaxMessage = 16 * 1024 * 1024; // latent previews can be large

    // Takes one whole frame off the front of `buffer`; nullopt when more bytes are needed, or
    // with *error set when the bytes are not a frame a server may send (masked, too large,
    // a reserved opcode).
    static std::optional<Frame> takeFrame(QByteArray& buffer, QString* error);
    // A client frame: FIN, the opcode, a random mask.
    static QByteArray clientFrame(int opcode, const QByteArray& payload);
    // Sec-WebSocket-Accept for a Sec-WebSocket-Key.
    static QByteArray acceptFor(const QByteArray& key);

private:
    void run();
    bool handshake(QTcpSocket& socket, QByteArray* rest);
    void readFrames(QTcpSocket& socket, QByteArray buffer);
    bool waitOrStop(int milliseconds) const;

    QString m_url;
    HttpHeaders m_headers;
    OnMessage m_onMessage;
    std::once_flag m_started;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_connected{false};
};

} // namespace t2v

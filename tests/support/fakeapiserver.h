#pragma once

// A loopback HTTP/1.1 server for tests and benchmarks that speaks the providers' wire formats
// (routes are installed by providerroutes.h). It runs on its own thread and supports
// keep-alive, Content-Length and chunked bodies, per-route latency (fixed or seeded
// lognormal), scripted failures, a per-connection bandwidth cap, Range requests, streamed
// bodies of any size, and a thread-safe record of every request and of peak concurrency.

#include "bodysource.h"
#include "core/json.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QRegularExpression>
#include <QString>
#include <QUrlQuery>

#include <chrono>
#include <functional>
#include <memory>
#include <random>

class QTcpSocket;
class QThread;

namespace t2v::test {

class ServerCore;

struct FakeRequest
{
    int id = 0;
    int connectionId = 0;
    QByteArray method;
    QByteArray target; // as sent (absolute-form when it came through as a proxy request)
    QString path;
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 receivedAtMs = 0;  // since the server started
    qint64 finishedAtMs = -1; // when the answer was fully written, -1 if it never was
    int inFlightAtStart = 0;  // requests being served when this one arrived, itself included
    int onConnection = 1;     // 1 for the first request on its connection, 2 for the next...

    QByteArray header(const QByteArray& name) const;
    json::Json json() const; // the body as JSON, discarded when it is not JSON
};

struct FakeResponse
{
    enum class Fault {
        None,
        Reset,             // close the connection without answering
        CloseAfterHeaders, // send the headers, then close
        TruncateBody,      // send truncateAt bytes of the body, then close
        WrongContentRange, // answer a Range request with a 206 for another range
        Hang,              // never answer
    };

    int status = 200;
    QByteArray reason;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    std::shared_ptr<const BodySource> source; // streamed instead of `body` when set
    bool acceptRanges = false;                // honour Range requests
    // Sent as ETag; a Range request whose If-Range names another version gets the whole body.
    QByteArray etag;
    bool chunked = false;
    std::chrono::milliseconds delay{-1}; // overrides the route's latency when >= 0
    qint64 bytesPerSecond = 0;           // overrides the server's cap when > 0
    Fault fault = Fault::None;
    qint64 truncateAt = 0;
    bool closeConnection = false;
    // A 101 Switching Protocols answer: after its headers the connection belongs to this
    // function (called on the server thread; the socket lives until the client goes).
    std::function<void(QTcpSocket* socket)> upgrade;

    static FakeResponse json(int status, const json::Json& body);
    static FakeResponse text(int status, QByteArray body, QByteArray contentType = "text/plain");
    static FakeResponse redirect(int status, QByteArray location);
    static FakeResponse stream(std::shared_ptr<const BodySource> source,
                               QByteArray contentType = "application/octet-stream");
    static FakeResponse withFault(Fault fault);
    FakeResponse& withHeader(QByteArray name, QByteArray value);
};

using FakeHandler = std::function<FakeResponse(const FakeRequest&)>;

struct Latency
{
    std::chrono::milliseconds mean{0};
    double sigma = 0.0; // > 0: lognormal with this sigma and the given mean
    quint32 seed = 1;
};

class FakeApiServer
{
public:
    FakeApiServer();
    ~FakeApiServer();
    FakeApiServer(const FakeApiServer&) = delete;
    FakeApiServer& operator=(const FakeApiServer&) = delete;

    bool start(quint16 port = 0, const QHostAddress& address = QHostAddress::LocalHost);
    void stop();
    quint16 port() const { return m_port; }
    QString baseUrl() const; // http://127.0.0.1:<port>

    // Routes are matched in the order they were added; `pathPattern` must match the whole path.
    void route(const QByteArray& method, const QString& pathPattern, FakeHandler handler);
    // The next `count` requests whose path matches get `response` instead of the route's.
    void failNext(const QString& pathPattern, int count, const FakeResponse& response);
    void setLatency(const QString& pathPattern, Latency latency);
    void setBandwidth(qint64 bytesPerSecond); // per connection, 0 = unlimited
    // Called on the server thread for every request as it arrives, before it is answered.
    void setObserver(std::function<void(const FakeRequest&)> observer);
    // A POST matching `pathPattern` that arrives on a connection which already served a
    // request is handled (whatever it creates is created), then the connection is reset
    // without an answer: what a server behind a load balancer that closed an idle
    // keep-alive connection looks like to a client.
    void resetReusedPosts(const QString& pathPattern);
    bool resetsReusedPost(const FakeRequest& request) const;

    QList<FakeRequest> requests() const;
    QList<FakeRequest> requests(const QString& pathPattern) const;
    int requestCount(const QString& pathPattern) const;
    int peakConnections() const;
    int peakInFlight() const;
    int openConnections() const;
    void resetRecord();
    // Waits until no request is being answered. A client can hold a whole answer a moment
    // before the server thread has marked it finished; call this before reading finish times.
    bool waitForIdle(int timeoutMs = 5000) const;

    // Internal, called on the server thread.
    FakeResponse handle(FakeRequest& request);
    std::chrono::milliseconds latencyFor(const QString& path);
    qint64 bandwidth() const;
    void recordArrival(FakeRequest& request);
    void recordFinished(int requestId, bool completed);
    void connectionOpened();
    void connectionClosed();
    qint64 elapsedMs() const;

private:
    struct Route
    {
        QByteArray method;
        QRegularExpression pattern;
        FakeHandler handler;
    };
    struct Script
    {
        QRegularExpression pattern;
        int remaining;
        FakeResponse response;
    };
    struct LatencyRule
    {
        QRegularExpression pattern;
        Latency latency;
        std::mt19937 rng;
    };

    mutable QMutex m_mutex;
    QList<Route> m_routes;
    QList<Script> m_scripts;
    QList<LatencyRule> m_latencies;
    qint64 m_bandwidth = 0;
    std::function<void(const FakeRequest&)> m_observer;
    QList<QRegularExpression> m_resetReusedPosts;
    QList<FakeRequest> m_record;
    int m_nextRequestId = 1;
    int m_inFlight = 0;
    int m_peakInFlight = 0;
    int m_open = 0;
    int m_peakOpen = 0;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();

    QThread* m_thread = nullptr;
    ServerCore* m_core = nullptr;
    quint16 m_port = 0;
};

QRegularExpression fullMatch(const QString& pattern);

} // namespace t2v::test

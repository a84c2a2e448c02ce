#include "fakeapiserver.h"

#include "servercore.h"

#include <QElapsedTimer>
#include <QThread>

#include <cmath>

using namespace Qt::StringLiterals;

namespace t2v::test {

QRegularExpression fullMatch(const QString& pattern)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern));
}

QByteArray FakeRequest::header(const QByteArray& name) const
{
    for (auto it = headers.crbegin(); it != headers.crend(); ++it) {
        if (it->first.compare(name, Qt::CaseInsensitive) == 0)
            return it->second;
    }
    return {};
}

json::Json FakeRequest::json() const
{
    return json::parse(body, nullptr);
}

FakeResponse FakeResponse::json(int status, const json::Json& body)
{
    FakeResponse r;
    r.status = status;
    r.body = QByteArray::fromStdString(json::dump(body));
    r.headers.emplaceBack("Content-Type", "application/json");
    return r;
}

FakeResponse FakeResponse::text(int status, QByteArray body, QByteArray contentType)
{
    FakeResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplaceBack("Content-Type", std::move(contentType));
    return r;
}

FakeResponse FakeResponse::redirect(int status, QByteArray location)
{
    FakeResponse r;
    r.status = status;
    r.headers.emplaceBack("Location", std::move(location));
    return r;
}

FakeResponse FakeResponse::stream(std::shared_ptr<const BodySource> source, QByteArray contentType)
{
    FakeResponse r;
    r.source = std::move(source);
    r.acceptRanges = true;
    r.headers.emplaceBack("Content-Type", std::move(contentType));
    return r;
}

FakeResponse FakeResponse::withFault(Fault f)
{
    FakeResponse r;
    r.fault = f;
    return r;
}

FakeResponse& FakeResponse::withHeader(QByteArray name, QByteArray value)
{
    headers.emplaceBack(std::move(name), std::move(value));
    return *this;
}

FakeApiServer::FakeApiServer() = default;

FakeApiServer::~FakeApiServer()
{
    stop();
}

bool FakeApiServer::start(quint16 port, const QHostAddress& address)
{
    if (m_thread)
        return true;
    m_started = std::chrono::steady_clock::now();
    m_thread = new QThread;
    m_thread->setObjectName(u"fake-api"_s);
    m_thread->start();
    m_core = new ServerCore(this);
    m_core->moveToThread(m_thread);
    quint16 bound = 0;
    QMetaObject::invokeMethod(
        m_core, [&] { bound = m_core->listen(address, port); }, Qt::BlockingQueuedConnection);
    m_port = bound;
    return bound != 0;
}

void FakeApiServer::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_core, [core = m_core] { delete core; }, Qt::BlockingQueuedConnection);
    m_core = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

QString FakeApiServer::baseUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_port);
}

void FakeApiServer::route(const QByteArray& method, const QString& pathPattern, FakeHandler handler)
{
    QMutexLocker lock(&m_mutex);
    m_routes.append({method, fullMatch(pathPattern), std::move(handler)});
}

void FakeApiServer::failNext(const QString& pathPattern, int count, const FakeResponse& response)
{
    QMutexLocker lock(&m_mutex);
    m_scripts.append({fullMatch(pathPattern), count, response});
}

void FakeApiServer::setLatency(const QString& pathPattern, Latency latency)
{
    QMutexLocker lock(&m_mutex);
    m_latencies.append({fullMatch(pathPattern), latency, std::mt19937(latency.seed)});
}

void FakeApiServer::setBandwidth(qint64 bytesPerSecond)
{
    QMutexLocker lock(&m_mutex);
    m_bandwidth = bytesPerSecond;
}

void FakeApiServer::setObserver(std::function<void(const FakeRequest&)> observer)
{
    QMutexLocker lock(&m_mutex);
    m_observer = std::move(observer);
}

qint64 FakeApiServer::bandwidth() const
{
    QMutexLocker lock(&m_mutex);
    return m_bandwidth;
}

QList<FakeRequest> FakeApiServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_record;
}

QList<FakeRequest> FakeApiServer::requests(const QString& pathPattern) const
{
    const QRegularExpression re = fullMatch(pathPattern);
    QList<FakeRequest> out;
    QMutexLocker lock(&m_mutex);
    for (const FakeRequest& r : m_record) {
        if (re.match(r.path).hasMatch())
            out.append(r);
    }
    return out;
}

int FakeApiServer::requestCount(const QString& pathPattern) const
{
    return int(requests(pathPattern).size());
}

int FakeApiServer::peakConnections() const
{
    QMutexLocker lock(&m_mutex);
    return m_peakOpen;
}

int FakeApiServer::peakInFlight() const
{
    QMutexLocker lock(&m_mutex);
    return m_peakInFlight;
}

int FakeApiServer::openConnections() const
{
    QMutexLocker lock(&m_mutex);
    return m_open;
}

void FakeApiServer::resetRecord()
{
    QMutexLocker lock(&m_mutex);
    m_record.clear();
    m_peakInFlight = m_inFlight;
    m_peakOpen = m_open;
}

bool FakeApiServer::waitForIdle(int timeoutMs) const
{
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            if (m_inFlight == 0)
                return true;
        }
        if (waited.elapsed() > timeoutMs)
            return false;
        QThread::msleep(2);
    }
}

qint64 FakeApiServer::elapsedMs() const
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 m_started)
        .count();
}

void FakeApiServer::recordArrival(FakeRequest& request)
{
    QMutexLocker lock(&m_mutex);
    request.id = m_nextRequestId++;
    request.receivedAtMs = elapsedMs();
    ++m_inFlight;
    m_peakInFlight = std::max(m_peakInFlight, m_inFlight);
    request.inFlightAtStart = m_inFlight;
    m_record.append(request);
}

void FakeApiServer::recordFinished(int requestId, bool completed)
{
    QMutexLocker lock(&m_mutex);
    --m_inFlight;
    if (!completed)
        return;
    for (auto it = m_record.rbegin(); it != m_record.rend(); ++it) {
        if (it->id == requestId) {
            it->finishedAtMs = elapsedMs();
            break;
        }
    }
}

void FakeApiServer::connectionOpened()
{
    QMutexLocker lock(&m_mutex);
    ++m_open;
    m_peakOpen = std::max(m_peakOpen, m_open);
}

void FakeApiServer::connectionClosed()
{
    QMutexLocker lock(&m_mutex);
    --m_open;
}

void FakeApiServer::resetReusedPosts(const QString& pathPattern)
{
    QMutexLocker lock(&m_mutex);
    m_resetReusedPosts.append(fullMatch(pathPattern));
}

bool FakeApiServer::resetsReusedPost(const FakeRequest& request) const
{
    if (request.method != "POST" || request.onConnection < 2)
        return false;
    QMutexLocker lock(&m_mutex);
    for (const QRegularExpression& re : m_resetReusedPosts) {
        if (re.match(request.path).hasMatch())
            return true;
    }
    return false;
}

FakeResponse FakeApiServer::handle(FakeRequest& request)
{
    FakeHandler handler;
    std::function<void(const FakeRequest&)> observer;
    {
        QMutexLocker lock(&m_mutex);
        observer = m_observer;
    }
    if (observer)
        observer(request);
    {
        QMutexLocker lock(&m_mutex);
        for (Script& script : m_scripts) {
            if (script.remaining > 0 && script.pattern.match(request.path).hasMatch()) {
                --script.remaining;
                return script.response;
            }
        }
        for (const Route& r : std::as_const(m_routes)) {
            if ((r.method == request.method || r.method == "*") &&
                r.pattern.match(request.path).hasMatch()) {
                handler = r.handler;
                break;
            }
        }
    }
    if (!handler)
        return FakeResponse::json(
            404, json::Json{{"error",
                             {{"code", 404},
                              {"message", "No route for " + request.method.toStdString() + " " +
                                              request.path.toStdString()},
                              {"status", "NOT_FOUND"}}}});
    return handler(request);
}

std::chrono::milliseconds FakeApiServer::latencyFor(const QString& path)
{
    QMutexLocker lock(&m_mutex);
    for (LatencyRule& rule : m_latencies) {
        if (!rule.pattern.match(path).hasMatch())
            continue;
        const double mean = double(rule.latency.mean.count());
        if (rule.latency.sigma <= 0.0 || mean <= 0.0)
            return rule.latency.mean;
        const double sigma = rule.latency.sigma;
        // A lognormal with this mean: mu = ln(mean) - sigma^2 / 2.
        std::lognormal_distribution<double> dist(std::log(mean) - sigma * sigma / 2.0, sigma);
        return std::chrono::milliseconds(qint64(std::llround(dist(rule.rng))));
    }
    return std::chrono::milliseconds(0);
}

} // namespace t2v::test

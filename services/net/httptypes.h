#pragma once

// Plain values that describe an HTTP exchange for HttpClient: the request, the response and
// its headers, and the outcome of a download to a .part file.

#include <QByteArray>
#include <QList>
#include <QString>

#include <chrono>
#include <functional>
#include <utility>

namespace t2v {

class HttpHeaders
{
public:
    void add(QByteArray name, QByteArray value)
    {
        m_items.append({std::move(name), std::move(value)});
    }
    void set(const QByteArray& name, const QByteArray& value);
    void clear() { m_items.clear(); }
    // Case-insensitive; the last value when a header repeats.
    QByteArray value(const QByteArray& name) const;
    bool contains(const QByteArray& name) const;
    const QList<std::pair<QByteArray, QByteArray>>& items() const { return m_items; }
    bool isEmpty() const { return m_items.isEmpty(); }

private:
    QList<std::pair<QByteArray, QByteArray>> m_items;
};

// One part of a multipart/form-data body: a plain field, or a file when `fileName` is set.
struct FormPart
{
    QByteArray name;
    QByteArray value;
    QByteArray fileName;
    QByteArray contentType; // files: e.g. image/png
};

struct HttpRequest
{
    QByteArray method = "GET";
    QString url;
    HttpHeaders headers;
    QByteArray body;

    std::chrono::milliseconds connectTimeout{15000};
    std::chrono::milliseconds timeout{0}; // whole transfer; 0 = none (use the low-speed limit)
    // The transfer fails when it moves fewer than lowSpeedBytes per second for lowSpeedTime.
    long lowSpeedBytes = 1;
    std::chrono::seconds lowSpeedTime{60};

    bool followRedirects = true;
    int maxRedirects = 8;
    // Allows a file:// URL (local renders). Redirects never go to file://.
    bool allowFileScheme = false;
    // A request that creates paid work. It goes out on a new connection that is closed after
    // it, so libcurl never re-sends it by itself after a reused connection dies (it would buy
    // the job twice), and "not sent" is only ever concluded from a failure to resolve or
    // connect that connection.
    bool freshConnection = false;

    static HttpRequest get(QString url);
    static HttpRequest postJson(QString url, QByteArray json);
    // A multipart/form-data POST (RFC 7578) with a random boundary.
    static HttpRequest postForm(QString url, const QList<FormPart>& parts);
};

// Whether `url` is on the server of `base` (scheme, host and port): credentials go only there.
bool isSameServer(const QString& url, const QString& base);

// A GET of `url` with "Authorization: Bearer <key>" only when there is a key and the URL is on
// the server of `base` (a self-hosted server's files; a link elsewhere gets no key).
HttpRequest bearerGet(const QString& url, const QString& base, const QString& key);

struct HttpResponse
{
    int status = 0;
    QByteArray reason;
    HttpHeaders headers;
    QByteArray body;
    QString effectiveUrl;
};

struct DownloadOptions
{
    // Continue an existing .part with a Range request. Only a .part whose meta file says it
    // holds the bytes of `source`, with a validator of that answer (ETag or Last-Modified), is
    // continued, with If-Range so that a file that changed comes back whole.
    bool resume = true;
    // What the bytes are, e.g. the remote job they belong to. Recorded beside the .part.
    QString source;
    // Called at most 10 times per second from the downloading thread.
    std::function<void(qint64 received, qint64 total)> progress;
};

struct DownloadResult
{
    int status = 0;
    qint64 bytesOnDisk = 0;       // size of the .part when done
    qint64 totalSize = -1;        // from Content-Length / Content-Range, -1 if unknown
    qint64 resumedFrom = 0;       // bytes kept from an earlier attempt
    bool rangeRefused = false;    // a Range request was answered with the whole file
    bool alreadyComplete = false; // the .part already held the whole answer: nothing was sent
    HttpHeaders headers;
    QString effectiveUrl;
};

} // namespace t2v

#include "httpclient.h"

#include "core/logging.h"
#include "core/redactor.h"
#include "net/providererror.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrl>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <mutex>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

std::once_flag g_curlInit;
QMutex g_configMutex;
QString g_proxy;

struct ThreadHandle
{
    CURL* curl = curl_easy_init();
    ThreadHandle() = default;
    ~ThreadHandle()
    {
        if (curl)
            curl_easy_cleanup(curl);
    }
    Q_DISABLE_COPY_MOVE(ThreadHandle)
};

// One handle per thread keeps its connection cache between requests.
CURL* threadHandle()
{
    thread_local ThreadHandle handle;
    if (handle.curl)
        curl_easy_reset(handle.curl);
    return handle.curl;
}

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Everything the libcurl callbacks need for one transfer.
struct Sink
{
    const CancelToken* cancel = nullptr;
    bool followRedirects = true;

    int status = 0;
    QByteArray reason;
    HttpHeaders headers;

    // In-memory answers
    QByteArray* body = nullptr;
    bool tooLarge = false;

    // Downloads
    QFile* file = nullptr;
    QString metaPath;      // where the validators of the answer being written are recorded
    QString source;        // what the caller says the bytes are
    QByteArray expectEtag; // the ETag of the bytes already in the .part, when resuming
    bool isFileUrl = false;
    qint64 resumeFrom = 0; // size of the .part when the request went out
    bool decided = false;
    bool appending = false;
    bool rangeMismatch = false;
    bool rangeRefused = false;
    bool errorStatus = false;
    bool fileError = false;
    QString fileErrorText;
    qint64 totalSize = -1;
    QByteArray errorBody;

    std::function<void(qint64, qint64)> progress;
    QElapsedTimer sinceReport;

    bool skippingRedirectBody() const
    {
        return followRedirects && isRedirectStatus(status) && headers.contains("location");
    }
    qint64 base() const { return appending ? resumeFrom : 0; }
};

size_t onHeader(char* data, size_t size, size_t count, void* userdata)
{
    auto* sink = static_cast<Sink*>(userdata);
    const size_t length = size * count;
    const QByteArray line = QByteArray(data, qsizetype(length)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new response (after a 100 Continue or on a new hop) starts a new header set.
        sink->headers.clear();
        const QList<QByteArray> parts = line.split(' ');
        sink->status = parts.size() > 1 ? parts[1].toInt() : 0;
        const qsizetype reasonAt = line.indexOf(' ', line.indexOf(' ') + 1);
        sink->reason = reasonAt > 0 ? line.mid(reasonAt + 1) : QByteArray();
    } else if (!line.isEmpty()) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            sink->headers.add(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
    }
    return length;
}

size_t onBodyToMemory(char* data, size_t size, size_t count, void* userdata)
{
    auto* sink = static_cast<Sink*>(userdata);
    const size_t length = size * count;
    if (sink->skippingRedirectBody())
        return length;
    if (sink->body->size() + qint64(length) > HttpClient::kMaxBodySize) {
        sink->tooLarge = true;
        return 0;
    }
    sink->body->append(data, qsizetype(length));
    return length;
}

// Parses "bytes START-END/TOTAL" (TOTAL may be "*").
bool parseContentRange(const QByteArray& value, qint64* start, qint64* total)
{
    static const QRegularExpression re(u"^bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)$"_s);
    const auto m = re.match(QString::fromLatin1(value.trimmed()));
    if (!m.hasMatch())
        return false;
    *start = m.captured(1).toLongLong();
    *total = m.captured(3) == u"*"_s ? -1 : m.captured(3).toLongLong();
    return true;
}

// Whose bytes a .part holds: written before the first byte of an answer goes into it, so a
// .part is only ever continued with the rest of the same file.
struct PartMeta
{
    QString source;
    QByteArray etag;
    QByteArray lastModified;
    qint64 length = -1;

    // The value for If-Range: a strong ETag, else the date. Empty: the .part cannot be resumed.
    QByteArray validator() const
    {
        if (!etag.isEmpty() && !etag.startsWith("W/"))
            return etag;
        return lastModified;
    }
};

std::optional<PartMeta> readPartMeta(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() > 64 * 1024)
        return std::nullopt;
    const auto doc = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    if (!doc.is_object())
        return std::nullopt;
    PartMeta m;
    try {
        m.source = QString::fromStdString(doc.value("source", std::string()));
        m.etag = QByteArray::fromStdString(doc.value("etag", std::string()));
        m.lastModified = QByteArray::fromStdString(doc.value("last_modified", std::string()));
        m.length = doc.value("length", qint64(-1));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return m;
}

bool writePartMeta(const QString& path, const PartMeta& m, QString* error)
{
    const nlohmann::json doc = {{"source", m.source.toStdString()},
                                {"etag", m.etag.toStdString()},
                                {"last_modified", m.lastModified.toStdString()},
                                {"length", m.length}};
    QSaveFile f(path);
    const QByteArray bytes = QByteArray::fromStdString(
        doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

// Decides, at the first byte of the answer, whether to append to the .part or start over.
bool decideDownload(Sink* sink)
{
    sink->decided = true;
    const int status = sink->isFileUrl ? 200 : sink->status;
    if (status >= 400 || status < 200) {
        sink->errorStatus = true;
        return true;
    }
    QIODevice::OpenMode mode = QIODevice::WriteOnly;
    if (status == 206) {
        qint64 start = -1, total = -1;
        const QByteArray etag = sink->headers.value("etag");
        if (!parseContentRange(sink->headers.value("content-range"), &start, &total) ||
            start != sink->resumeFrom ||
            (!sink->expectEtag.isEmpty() && !etag.isEmpty() && etag != sink->expectEtag)) {
            sink->rangeMismatch = true;
            return false;
        }
        sink->appending = sink->resumeFrom > 0;
        sink->totalSize = total;
        mode |= sink->appending ? QIODevice::Append : QIODevice::Truncate;
    } else {
        sink->rangeRefused = sink->resumeFrom > 0;
        sink->appending = false;
        mode |= QIODevice::Truncate;
        bool ok = false;
        const qint64 length = sink->headers.value("content-length").toLongLong(&ok);
        sink->totalSize = ok ? length : -1;
    }
    if (!sink->file->open(mode)) {
        sink->fileError = true;
        sink->fileErrorText = sink->file->errorString();
        return false;
    }
    if (!sink->appending && !sink->metaPath.isEmpty() && !sink->isFileUrl) {
        // The .part is empty now; say whose bytes it will hold before the first one arrives.
        PartMeta meta;
        meta.source = sink->source;
        meta.etag = sink->headers.value("etag");
        meta.lastModified = sink->headers.value("last-modified");
        meta.length = sink->totalSize;
        QString why;
        if (!writePartMeta(sink->metaPath, meta, &why)) {
            sink->fileError = true;
            sink->fileErrorText = why;
            return false;
        }
    }
    return true;
}

size_t onBodyToFile(char* data, size_t size, size_t count, void* userdata)
{
    auto* sink = static_cast<Sink*>(userdata);
    const size_t length = size * count;
    if (sink->skippingRedirectBody())
        return length;
    if (!sink->decided && !decideDownload(sink))
        return 0;
    if (sink->errorStatus) {
        if (sink->errorBody.size() < 64 * 1024)
            sink->errorBody.append(data, qsizetype(length));
        return length;
    }
    if (sink->file->write(data, qint64(length)) != qint64(length)) {
        sink->fileError = true;
        sink->fileErrorText = sink->file->errorString();
        return 0;
    }
    return length;
}

int onProgress(void* userdata, curl_off_t downloadTotal, curl_off_t downloaded, curl_off_t,
               curl_off_t)
{
    auto* sink = static_cast<Sink*>(userdata);
    if (sink->cancel && sink->cancel->isCancelled())
        return 1;
    if (sink->progress && sink->decided && !sink->errorStatus &&
        (!sink->sinceReport.isValid() || sink->sinceReport.elapsed() >= 100)) {
        sink->sinceReport.start();
        const qint64 total = sink->totalSize >= 0
                                 ? sink->totalSize
                                 : (downloadTotal > 0 ? sink->base() + qint64(downloadTotal) : -1);
        sink->progress(sink->base() + qint64(downloaded), total);
    }
    return 0;
}

QString noProxyList()
{
    QByteArray list = qgetenv("no_proxy");
    if (list.isEmpty())
        list = qgetenv("NO_PROXY");
    // The fake servers of the tests and local LLM servers live on loopback.
    if (!list.isEmpty())
        list += ',';
    list += "localhost,127.0.0.1,::1";
    return QString::fromLatin1(list);
}

struct Hop
{
    QString url;
    QByteArray method;
    QByteArray body;
    HttpHeaders headers;
};

CURLcode performHop(CURL* curl, const HttpRequest& request, const Hop& hop, Sink& sink,
                    bool acceptEncoding, qint64 rangeFrom, char* errorBuffer)
{
    const QByteArray url = hop.url.toUtf8();
    const bool isFile = hop.url.startsWith(u"file:"_s, Qt::CaseInsensitive);
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, isFile ? "file" : "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(request.connectTimeout.count()));
    if (request.timeout.count() > 0)
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(request.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, request.lowSpeedBytes);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, long(request.lowSpeedTime.count()));
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    if (request.freshConnection) {
        // libcurl re-sends a request by itself when a reused connection turns out dead after
        // the request went out; for a paid job that is a second purchase (curl issue 13269
        // shows that CURLINFO_REQUEST_SIZE cannot tell afterwards). A connection of its own,
        // closed afterwards, leaves nothing to retry.
        curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 1L);
    }
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    static const QByteArray userAgent = QByteArrayLiteral("T2VStudio/" T2V_VERSION);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, userAgent.constData());
    if (acceptEncoding)
        curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");

    const QString proxy = HttpClient::proxy();
    const QByteArray proxyBytes = proxy.toUtf8();
    const QByteArray noProxy = noProxyList().toUtf8();
    if (proxy == u"direct"_s) {
        curl_easy_setopt(curl, CURLOPT_PROXY, "");
    } else {
        if (!proxy.isEmpty())
            curl_easy_setopt(curl, CURLOPT_PROXY, proxyBytes.constData());
        curl_easy_setopt(curl, CURLOPT_NOPROXY, noProxy.constData());
    }

    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, sink.file ? onBodyToFile : onBodyToMemory);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &sink);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);

    struct curl_slist* list = nullptr;
    for (const auto& [name, value] : hop.headers.items())
        list = curl_slist_append(list, QByteArray(name + ": " + value).constData());
    list = curl_slist_append(list, "Expect:");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);

    const QByteArray rangeSpec = QByteArray::number(rangeFrom) + '-';
    if (rangeFrom > 0)
        curl_easy_setopt(curl, CURLOPT_RANGE, rangeSpec.constData());

    if (hop.method == "GET") {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else if (hop.method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else {
        if (hop.method == "POST")
            curl_easy_setopt(curl, CURLOPT_POST, 1L);
        else
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, hop.method.constData());
        if (!hop.body.isEmpty() || hop.method == "POST") {
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(hop.body.size()));
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, hop.body.constData());
        }
    }

    errorBuffer[0] = '\0';
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(list);
    return code;
}

Error transferError(CURLcode code, const char* errorBuffer, CURL* curl, const QString& url,
                    const Sink& sink, const QString& filePath, bool freshConnection)
{
    Error e;
    const QString host = QUrl(url).host();
    const QString where = host.isEmpty() ? Redactor::redact(url) : host;
    QString detail = QString::fromUtf8(errorBuffer).trimmed();
    if (detail.isEmpty())
        detail = QString::fromUtf8(curl_easy_strerror(code));
    detail = Redactor::redact(detail);
    // "Not sent" is concluded only from a failure to reach the server at all. What libcurl
    // counts as sent after a failed transfer is not reliable (curl issue 13269).
    e.requestSent = true;
    curl_off_t connectTime = 0;
    curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connectTime);
    e.detail = detail;

    switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
        e.kind = ErrorKind::Cancelled;
        e.message = u"Cancelled."_s;
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        e.kind = ErrorKind::Network;
        e.requestSent = false;
        e.message = u"Cannot find the server %1: the name does not resolve. Check the address "
                    u"and the network connection."_s.arg(where);
        break;
    case CURLE_COULDNT_RESOLVE_PROXY:
        e.kind = ErrorKind::Network;
        e.requestSent = false;
        e.message = u"Cannot find the proxy server: %1"_s.arg(detail);
        break;
    case CURLE_COULDNT_CONNECT:
        e.kind = ErrorKind::Network;
        e.requestSent = false;
        e.message = u"Cannot connect to %1: %2"_s.arg(where, detail);
        break;
    case CURLE_OPERATION_TIMEDOUT:
        e.kind = ErrorKind::Timeout;
        // On a connection of its own that never got connected, nothing left this machine.
        e.requestSent = !(freshConnection && connectTime == 0);
        e.message = e.requestSent ? u"%1 stopped answering: %2"_s.arg(where, detail)
                                  : u"Connecting to %1 timed out."_s.arg(where);
        break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
        e.kind = ErrorKind::Network;
        // The handshake of a new connection comes before the request.
        e.requestSent = !freshConnection;
        e.message = u"The secure connection to %1 failed: %2"_s.arg(where, detail);
        break;
    case CURLE_URL_MALFORMAT:
        e.kind = ErrorKind::Invalid;
        e.requestSent = false;
        e.message = u"Not a valid address: %1"_s.arg(Redactor::redact(url));
        break;
    case CURLE_UNSUPPORTED_PROTOCOL:
        e.kind = ErrorKind::Invalid;
        e.requestSent = false;
        e.message = u"Addresses like %1 are not allowed here (only http and https)."_s.arg(
            Redactor::redact(url));
        break;
    case CURLE_FILE_COULDNT_READ_FILE:
        e.kind = ErrorKind::Io;
        e.message = u"Cannot read %1: %2"_s.arg(QUrl(url).toLocalFile(), detail);
        break;
    case CURLE_WRITE_ERROR:
        if (sink.fileError) {
            e.kind = ErrorKind::Io;
            e.message = u"Cannot write %1: %2"_s.arg(filePath, sink.fileErrorText);
        } else if (sink.tooLarge) {
            e.kind = ErrorKind::BadResponse;
            e.message = u"The answer from %1 is larger than %2 MB."_s.arg(where).arg(
                HttpClient::kMaxBodySize / (1024 * 1024));
        } else {
            e.kind = ErrorKind::Network;
            e.message = u"The transfer from %1 was stopped: %2"_s.arg(where, detail);
        }
        break;
    default:
        e.kind = ErrorKind::Network;
        e.message = u"The connection to %1 failed: %2"_s.arg(where, detail);
        break;
    }
    return e;
}

// Follows a redirect: resolves the Location, refuses non-http schemes, and drops credentials
// when the next hop is another origin.
std::optional<Error> nextHop(Hop& hop, int status, const QByteArray& location)
{
    const QUrl current(hop.url);
    const QUrl next = current.resolved(QUrl::fromEncoded(location));
    if (next.scheme() != u"http"_s && next.scheme() != u"https"_s) {
        Error e = Error::make(
            ErrorKind::Invalid,
            u"Refused a redirect from %1 to a %2: address."_s.arg(current.host(), next.scheme()));
        return e;
    }
    const bool sameOrigin = next.scheme() == current.scheme() && next.host() == current.host() &&
                            next.port() == current.port();
    if (!sameOrigin) {
        HttpHeaders kept;
        for (const auto& [name, value] : hop.headers.items()) {
            const QByteArray lower = name.toLower();
            if (lower == "authorization" || lower == "x-goog-api-key" || lower == "x-api-key" ||
                lower == "cookie")
                continue;
            kept.add(name, value);
        }
        hop.headers = kept;
    }
    if (status == 303 || ((status == 301 || status == 302) && hop.method == "POST")) {
        hop.method = "GET";
        hop.body.clear();
        HttpHeaders kept;
        for (const auto& [name, value] : hop.headers.items()) {
            if (name.compare("content-type", Qt::CaseInsensitive) != 0)
                kept.add(name, value);
        }
        hop.headers = kept;
    }
    hop.url = next.toString(QUrl::FullyEncoded);
    return std::nullopt;
}

// Runs the request, following redirects; leaves the last answer's status and headers in sink.
std::optional<Error> performWithRedirects(const HttpRequest& request, Sink& sink,
                                          bool acceptEncoding, qint64 rangeFrom,
                                          const QString& filePath, QString* finalUrl)
{
    CURL* curl = threadHandle();
    if (!curl)
        return Error::make(ErrorKind::Network, u"Cannot start a network transfer (libcurl)."_s);
    char errorBuffer[CURL_ERROR_SIZE];
    Hop hop{request.url, request.method, request.body, request.headers};
    const bool fileUrl = hop.url.startsWith(u"file:"_s, Qt::CaseInsensitive);
    if (fileUrl && !request.allowFileScheme)
        return Error::make(
            ErrorKind::Invalid,
            u"Addresses like %1 are not allowed here (only http and https)."_s.arg(hop.url));
    sink.isFileUrl = fileUrl;
    QElapsedTimer timer;
    timer.start();
    for (int hops = 0;; ++hops) {
        sink.status = 0;
        sink.headers.clear();
        const CURLcode code =
            performHop(curl, request, hop, sink, acceptEncoding, rangeFrom, errorBuffer);
        qCDebug(lcNet).noquote() << hop.method << Redactor::redact(hop.url) << "->" << sink.status
                                 << code << timer.elapsed() << "ms";
        if (code != CURLE_OK) {
            if (code == CURLE_WRITE_ERROR && sink.rangeMismatch)
                return std::nullopt; // the caller starts over
            Error e = transferError(code, errorBuffer, curl, hop.url, sink, filePath,
                                    request.freshConnection);
            if (hops > 0)
                e.requestSent = true;
            return e;
        }
        const QByteArray location = sink.headers.value("location");
        if (!request.followRedirects || !isRedirectStatus(sink.status) || location.isEmpty())
            break;
        if (hops + 1 > request.maxRedirects)
            return Error::make(ErrorKind::Network,
                               u"Too many redirects from %1."_s.arg(QUrl(request.url).host()));
        if (auto refused = nextHop(hop, sink.status, location))
            return refused;
    }
    *finalUrl = hop.url;
    return std::nullopt;
}

// The metadata of a .part that may be continued, or nothing when its bytes may belong to
// another file: the .part must say whose bytes it holds and how to ask whether they are still
// current.
std::optional<PartMeta> resumablePart(const QString& partPath, const QString& metaPath,
                                      const QString& source)
{
    const auto meta = readPartMeta(metaPath);
    const qint64 size = QFileInfo(partPath).size();
    if (meta && meta->source == source && !meta->validator().isEmpty() &&
        (meta->length < 0 || size <= meta->length))
        return meta;
    qCInfo(lcNet).noquote() << "not resuming" << QFileInfo(partPath).fileName()
                            << "(it may hold another file); starting over";
    return std::nullopt;
}

DownloadResult completePart(qint64 size, const HttpHeaders& headers, const QString& finalUrl)
{
    DownloadResult done;
    done.status = 206;
    done.bytesOnDisk = size;
    done.totalSize = size;
    done.resumedFrom = size;
    done.headers = headers;
    done.effectiveUrl = finalUrl;
    return done;
}

// The total length in a 416 answer's "Content-Range: bytes */<total>", or -1.
qint64 unsatisfiedRangeTotal(const HttpHeaders& headers)
{
    static const QRegularExpression unsatisfied(u"^bytes\\s+\\*/(\\d+)$"_s);
    const auto m = unsatisfied.match(QString::fromLatin1(headers.value("content-range").trimmed()));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

// What a download that ran to its end produced; an answer shorter than it announced is an error.
Result<DownloadResult> finishedDownload(const QString& url, int status, const Sink& sink,
                                        qint64 existing, const QString& partPath,
                                        const QString& finalUrl, const DownloadOptions& options)
{
    DownloadResult result;
    result.status = status;
    result.bytesOnDisk = QFileInfo(partPath).size();
    result.totalSize = sink.totalSize;
    result.resumedFrom = sink.appending ? existing : 0;
    result.rangeRefused = sink.rangeRefused;
    result.headers = sink.headers;
    result.effectiveUrl = finalUrl;
    if (options.progress)
        options.progress(result.bytesOnDisk, result.totalSize);
    if (result.totalSize >= 0 && result.bytesOnDisk != result.totalSize)
        return Error::make(
            ErrorKind::Network,
            u"The download from %1 ended early: %2 of %3 bytes arrived."_s.arg(QUrl(url).host())
                .arg(result.bytesOnDisk)
                .arg(result.totalSize));
    return result;
}

} // namespace

HttpClient::HttpClient()
{
    std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void HttpClient::setProxy(const QString& proxy)
{
    QMutexLocker lock(&g_configMutex);
    g_proxy = proxy.trimmed();
}

QString HttpClient::proxy()
{
    QMutexLocker lock(&g_configMutex);
    return g_proxy;
}

Result<HttpResponse> HttpClient::send(const HttpRequest& request, const CancelToken& cancel)
{
    HttpResponse response;
    Sink sink;
    sink.cancel = &cancel;
    sink.followRedirects = request.followRedirects;
    sink.body = &response.body;
    if (auto error = performWithRedirects(request, sink, true, 0, {}, &response.effectiveUrl)) {
        if (!error->isCancelled())
            qCWarning(lcNet).noquote() << request.method << Redactor::redact(request.url)
                                       << "failed:" << Redactor::redact(error->message);
        return *error;
    }
    response.status = sink.isFileUrl ? 200 : sink.status;
    response.reason = sink.reason;
    response.headers = sink.headers;
    if (response.status >= 400) {
        Error e = httpStatusError(request.url, response.status, response.reason, response.headers,
                                  response.body, QDateTime::currentDateTimeUtc());
        qCWarning(lcNet).noquote() << request.method << Redactor::redact(request.url) << "->"
                                   << Redactor::redact(e.message);
        return e;
    }
    return response;
}

QString HttpClient::partMetaPath(const QString& partPath)
{
    return partPath + u".meta"_s;
}

Result<DownloadResult> HttpClient::download(const HttpRequest& request, const QString& partPath,
                                            const DownloadOptions& options,
                                            const CancelToken& cancel)
{
    const bool fileUrl = request.url.startsWith(u"file:"_s, Qt::CaseInsensitive);
    const QString metaPath = partMetaPath(partPath);
    PartMeta known;
    qint64 existing = 0;
    if (options.resume && !fileUrl && QFileInfo::exists(partPath)) {
        if (auto meta = resumablePart(partPath, metaPath, options.source)) {
            known = *meta;
            existing = QFileInfo(partPath).size();
            if (known.length > 0 && existing == known.length) {
                // Every byte arrived before the program stopped: nothing to fetch again.
                if (options.progress)
                    options.progress(existing, existing);
                DownloadResult done = completePart(existing, {}, {});
                done.alreadyComplete = true;
                return done;
            }
        }
    }
    if (existing == 0 && !fileUrl) {
        QFile::remove(partPath);
        QFile::remove(metaPath);
    }

    for (int attempt = 0; attempt < 2; ++attempt) {
        QFile file(partPath);
        Sink sink;
        sink.cancel = &cancel;
        sink.followRedirects = request.followRedirects;
        sink.file = &file;
        sink.metaPath = metaPath;
        sink.source = options.source;
        sink.resumeFrom = existing;
        sink.expectEtag = existing > 0 ? known.etag : QByteArray();
        sink.progress = options.progress;
        HttpRequest req = request;
        if (existing > 0)
            req.headers.set("If-Range", known.validator()); // changed since: the whole file
        QString finalUrl;
        std::optional<Error> error =
            performWithRedirects(req, sink, false, existing, partPath, &finalUrl);
        if (file.isOpen()) {
            file.flush();
            file.close();
        }
        if (error)
            return *error;
        if (sink.rangeMismatch) {
            qCInfo(lcNet).noquote() << "server answered a Range request with another range or "
                                       "another version of the file; starting over:"
                                    << Redactor::redact(request.url);
            existing = 0;
            QFile::remove(partPath);
            QFile::remove(metaPath);
            continue;
        }
        if (sink.status == 416 && existing > 0) {
            // "Range not satisfiable" with the full length we already hold: it was complete.
            if (unsatisfiedRangeTotal(sink.headers) == existing)
                return completePart(existing, sink.headers, finalUrl);
            existing = 0;
            QFile::remove(partPath);
            QFile::remove(metaPath);
            continue;
        }
        const int status = sink.isFileUrl ? 200 : sink.status;
        if (sink.errorStatus || status >= 400) {
            Error e = httpStatusError(request.url, status, sink.reason, sink.headers,
                                      sink.errorBody, QDateTime::currentDateTimeUtc());
            qCWarning(lcNet).noquote() << "download" << Redactor::redact(request.url) << "->"
                                       << Redactor::redact(e.message);
            return e;
        }
        if (!sink.decided) {
            // An empty answer: the file is empty too.
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return Error::make(ErrorKind::Io,
                                   u"Cannot write %1: %2"_s.arg(partPath, file.errorString()));
            file.close();
        }
        return finishedDownload(request.url, status, sink, existing, partPath, finalUrl, options);
    }
    return Error::make(ErrorKind::Network, u"%1 keeps answering with the wrong byte range."_s.arg(
                                               QUrl(request.url).host()));
}

} // namespace t2v

#pragma once

// Blocking HTTP for pool threads, on libcurl. Each thread keeps one curl handle, so
// connections are reused across requests. Every failure becomes one Error with a readable
// message; downloads stream to a .part file and resume with a checked Range request.
// Redirects are followed by hand: only to http/https, and credentials are dropped when the
// redirect leaves the original host.

#include "core/canceltoken.h"
#include "core/error.h"
#include "net/httptypes.h"

#include <QString>

namespace t2v {

class HttpClient final
{
public:
    static constexpr qint64 kMaxBodySize = 64LL * 1024 * 1024;

    HttpClient();

    // A request whose answer is read into memory (JSON APIs). An answer with status >= 400
    // becomes an Error with the provider's message.
    Result<HttpResponse> send(const HttpRequest& request,
                              const CancelToken& cancel = CancelToken());

    // Streams the answer into `partPath`, and records in partMetaPath() whose bytes they are
    // (options.source) and the answer's validators, before the first byte is written. With
    // options.resume, an existing .part of the same source is continued: a complete one is
    // returned without a request; otherwise the rest is asked for with Range and If-Range, and
    // appended only when the server answers 206 with a Content-Range that starts where the
    // file ends (and the same ETag); any other answer starts over. A .part without such a
    // record is never continued. The file is never renamed here: the caller checks it, makes
    // it durable and moves it to its final name.
    Result<DownloadResult> download(const HttpRequest& request, const QString& partPath,
                                    const DownloadOptions& options,
                                    const CancelToken& cancel = CancelToken());

    // The record beside a .part: "<part>.meta".
    static QString partMetaPath(const QString& partPath);

    // "" uses the usual environment variables (http_proxy, https_proxy, no_proxy);
    // "direct" ignores them; anything else is a proxy URL such as http://proxy:3128.
    static void setProxy(const QString& proxy);
    static QString proxy();
};

} // namespace t2v

#pragma once

// Turns an HTTP error answer into one Error with a readable message. Understands the error
// bodies of every provider we talk to (OpenAI and compatible servers with string or integer
// codes, vLLM's flat shape, Google RPC errors with RetryInfo and QuotaFailure, fal/FastAPI
// "detail"), plain text and HTML pages, and the server's hints on when to retry.

#include "core/error.h"
#include "net/httptypes.h"

#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

namespace t2v {

struct ProviderErrorBody
{
    QString message;
    QString code;                                        // "insufficient_quota", "429", ...
    QString status;                                      // Google: "RESOURCE_EXHAUSTED"
    QString type;                                        // OpenAI: "invalid_request_error"
    std::optional<std::chrono::milliseconds> retryDelay; // Google RetryInfo.retryDelay
    bool quotaNotToday = false; // per-day quota, "limit: 0", insufficient_quota, no credits
};

ProviderErrorBody parseProviderErrorBody(const QByteArray& body);

// Server hints in priority order: retry-after-ms, Retry-After (seconds or HTTP date),
// x-ratelimit-reset-requests (Go duration, only when the status is 429).
std::optional<std::chrono::milliseconds>
retryAfterFromHeaders(const HttpHeaders& headers, const QDateTime& nowUtc, int status = 0);

// An HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT"), in UTC; invalid when it is not one.
QDateTime parseHttpDate(const QString& text);

// "1h2m3.5s", "6m0s", "12ms", "1s": durations as Go prints them.
std::optional<std::chrono::milliseconds> parseGoDuration(const QString& text);
// "47s", "0.5s": protobuf Duration JSON.
std::optional<std::chrono::milliseconds> parseProtoDuration(const QString& text);

// The Error for an HTTP answer with status >= 400, e.g.
// "api.openai.com answered 429 Too Many Requests: Rate limit reached (rate_limit_exceeded)".
Error httpStatusError(const QString& url, int status, const QByteArray& reason,
                      const HttpHeaders& headers, const QByteArray& body, const QDateTime& nowUtc);

QString httpReasonPhrase(int status);

// Google APIs (Gemini text, Veo, Interactions) answer a wrong key with 400 API_KEY_INVALID:
// that is an authentication failure, not a bad request.
Error classifyGoogleError(Error error);

} // namespace t2v

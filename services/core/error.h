#pragma once

// The one error type of the services: what went wrong, in words a user can act on, plus the
// facts that retry and scheduling decisions need (HTTP status, server-requested delay, whether
// a request provably never reached the server).

#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>
#include <utility>
#include <variant>

namespace t2v {

enum class ErrorKind {
    Network,     // connection refused, reset, DNS, TLS
    Timeout,     // connect, low-speed or total timeout
    Cancelled,   // the user or the program stopped the work
    Http,        // the server answered with an error status
    Io,          // a local file could not be read or written
    BadResponse, // the server answered 2xx with something unusable
    Invalid,     // bad input: settings, arguments, files
    Auth,        // missing key
    Unsupported, // the provider cannot do this
    Process,     // an external program (FFmpeg) failed
};

struct Error
{
    ErrorKind kind = ErrorKind::Invalid;
    QString message;
    int httpStatus = 0;
    QString code;   // provider error code or status (e.g. "RESOURCE_EXHAUSTED")
    QString detail; // extra text for logs: stderr tail, body excerpt
    std::optional<std::chrono::milliseconds> retryAfter;
    bool quotaExhausted = false; // "not today": never retried automatically
    bool requestSent = true;     // false when the request provably never reached the server

    static Error make(ErrorKind kind, QString message)
    {
        Error e;
        e.kind = kind;
        e.message = std::move(message);
        return e;
    }
    bool isCancelled() const { return kind == ErrorKind::Cancelled; }
    bool isAuthFailure() const
    {
        return kind == ErrorKind::Auth ||
               (kind == ErrorKind::Http && (httpStatus == 401 || httpStatus == 403));
    }
};

QString errorKindName(ErrorKind kind);

template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    {}
    Result(Error error)
        : m_data(std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<0>(m_data); }
    T& value() & { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    const T* operator->() const { return &std::get<0>(m_data); }
    const T& operator*() const& { return std::get<0>(m_data); }
    const Error& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace t2v

Q_DECLARE_METATYPE(t2v::Error)

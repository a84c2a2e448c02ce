#include "error.h"

namespace t2v {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Network:
        return QStringLiteral("network");
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorKind::Http:
        return QStringLiteral("http");
    case ErrorKind::Io:
        return QStringLiteral("io");
    case ErrorKind::BadResponse:
        return QStringLiteral("bad-response");
    case ErrorKind::Invalid:
        return QStringLiteral("invalid");
    case ErrorKind::Auth:
        return QStringLiteral("auth");
    case ErrorKind::Unsupported:
        return QStringLiteral("unsupported");
    case ErrorKind::Process:
        return QStringLiteral("process");
    }
    return QStringLiteral("unknown");
}

} // namespace t2v

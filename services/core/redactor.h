#pragma once

// Removes secrets from text before it is logged: Authorization and x-goog-api-key header
// values, key= query parameters, JSON "api_key" fields, and every key the SecretStore has
// handed out during this run. Thread-safe.

#include <QString>

namespace t2v {

class Redactor
{
public:
    static QString redact(QString text);
    static QByteArray redact(const QByteArray& text);
    // Remembers a secret so that it is masked wherever it appears. Short strings are ignored.
    static void addSecret(const QString& secret);
    static void clearSecrets();
    static constexpr auto kMask = "***";
};

} // namespace t2v

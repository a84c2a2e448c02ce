#include "redactor.h"

#include <QMutex>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

struct SecretRegistry
{
    QMutex mutex;
    QSet<QString> secrets;
};

SecretRegistry& registry()
{
    static SecretRegistry r;
    return r;
}

} // namespace

QString Redactor::redact(QString text)
{
    static const QRegularExpression authHeader(
        u"(authorization\"?\\s*[:=]\\s*\"?)(bearer\\s+|key\\s+|basic\\s+|token\\s+)?[^\\s\",]+"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression apiKeyHeader(
        u"((?:x-goog-api-key|x-api-key|api-key|openai-api-key)\"?\\s*[:=]\\s*\"?)[^\\s\",]+"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression keyParam(
        u"([?&](?:key|api_key|apikey|token|access_token)=)[^&\\s\"#]+"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression jsonKey(
        u"(\"(?:api_key|apiKey|key|token|secret|password)\"\\s*:\\s*\")[^\"]*"_s);

    text.replace(authHeader, u"\\1\\2***"_s);
    text.replace(apiKeyHeader, u"\\1***"_s);
    text.replace(keyParam, u"\\1***"_s);
    text.replace(jsonKey, u"\\1***"_s);

    SecretRegistry& r = registry();
    QMutexLocker lock(&r.mutex);
    for (const QString& secret : std::as_const(r.secrets))
        text.replace(secret, QString::fromLatin1(kMask));
    return text;
}

QByteArray Redactor::redact(const QByteArray& text)
{
    return redact(QString::fromUtf8(text)).toUtf8();
}

void Redactor::addSecret(const QString& secret)
{
    const QString s = secret.trimmed();
    if (s.size() < 6)
        return;
    SecretRegistry& r = registry();
    QMutexLocker lock(&r.mutex);
    r.secrets.insert(s);
}

void Redactor::clearSecrets()
{
    SecretRegistry& r = registry();
    QMutexLocker lock(&r.mutex);
    r.secrets.clear();
}

} // namespace t2v

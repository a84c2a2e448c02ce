#include "httptypes.h"

#include <QUrl>
#include <QUuid>

namespace t2v {

void HttpHeaders::set(const QByteArray& name, const QByteArray& value)
{
    m_items.removeIf(
        [&](const auto& item) { return item.first.compare(name, Qt::CaseInsensitive) == 0; });
    m_items.append({name, value});
}

QByteArray HttpHeaders::value(const QByteArray& name) const
{
    for (auto it = m_items.crbegin(); it != m_items.crend(); ++it) {
        if (it->first.compare(name, Qt::CaseInsensitive) == 0)
            return it->second;
    }
    return {};
}

bool HttpHeaders::contains(const QByteArray& name) const
{
    for (const auto& item : m_items) {
        if (item.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

HttpRequest HttpRequest::get(QString url)
{
    HttpRequest r;
    r.url = std::move(url);
    return r;
}

HttpRequest HttpRequest::postJson(QString url, QByteArray json)
{
    HttpRequest r;
    r.method = "POST";
    r.url = std::move(url);
    r.body = std::move(json);
    r.headers.set("Content-Type", "application/json");
    return r;
}

HttpRequest HttpRequest::postForm(QString url, const QList<FormPart>& parts)
{
    const QByteArray boundary =
        "t2v-" + QUuid::createUuid().toByteArray(QUuid::Id128) + QByteArray::number(parts.size());
    QByteArray body;
    for (const FormPart& part : parts) {
        body += "--" + boundary + "\r\n";
        // Names and file names are ours (ASCII); quotes and line breaks would end the header.
        auto quoted = [](QByteArray text) {
            return text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
        };
        body += "Content-Disposition: form-data; name=\"" + quoted(part.name) + '"';
        if (!part.fileName.isEmpty())
            body += "; filename=\"" + quoted(part.fileName) + '"';
        body += "\r\n";
        if (!part.contentType.isEmpty())
            body += "Content-Type: " + part.contentType + "\r\n";
        body += "\r\n" + part.value + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    HttpRequest r;
    r.method = "POST";
    r.url = std::move(url);
    r.body = std::move(body);
    r.headers.set("Content-Type", "multipart/form-data; boundary=" + boundary);
    return r;
}

bool isSameServer(const QString& url, const QString& base)
{
    const QUrl u(url);
    const QUrl b(base);
    return u.scheme() == b.scheme() && u.host() == b.host() && u.port() == b.port();
}

HttpRequest bearerGet(const QString& url, const QString& base, const QString& key)
{
    HttpRequest req = HttpRequest::get(url);
    if (!key.isEmpty() && isSameServer(url, base))
        req.headers.set("Authorization", "Bearer " + key.toUtf8());
    return req;
}

} // namespace t2v

#include "httptypes.h"

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

} // namespace t2v

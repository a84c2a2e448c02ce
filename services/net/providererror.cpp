#include "providererror.h"

#include "core/json.h"

#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace t2v {
namespace {

QString scalarText(const json::Json& v)
{
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_number_integer())
        return QString::number(v.get<qint64>());
    if (v.is_number())
        return QString::number(v.get<double>());
    return {};
}

QString htmlTitle(const QByteArray& body)
{
    static const QRegularExpression title(u"<title[^>]*>([^<]{1,200})</title>"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    const auto m = title.match(QString::fromUtf8(body.left(64 * 1024)));
    return m.hasMatch() ? m.captured(1).simplified() : QString();
}

void readGoogleDetails(const json::Json& details, ProviderErrorBody& out)
{
    if (!details.is_array())
        return;
    for (const json::Json& d : details) {
        if (!d.is_object())
            continue;
        const QString type = json::optString(d, "@type");
        if (type.endsWith(u"google.rpc.RetryInfo"_s)) {
            if (const auto it = d.find("retryDelay"); it != d.end() && it->is_string())
                out.retryDelay = parseProtoDuration(QString::fromStdString(it->get<std::string>()));
        } else if (type.endsWith(u"google.rpc.QuotaFailure"_s)) {
            const auto violations = d.find("violations");
            if (violations == d.end() || !violations->is_array())
                continue;
            for (const json::Json& v : *violations) {
                if (!v.is_object())
                    continue;
                const auto id = v.find("quotaId");
                if (id != v.end() && id->is_string() &&
                    QString::fromStdString(id->get<std::string>()).contains(u"PerDay"_s))
                    out.quotaNotToday = true;
            }
        }
    }
}

} // namespace

QDateTime parseHttpDate(const QString& text)
{
    // IMF-fixdate, the form servers must send: "Sun, 06 Nov 1994 08:49:37 GMT".
    const QString t = text.simplified();
    for (const QString& format :
         {u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s, u"dddd, dd-MMM-yy hh:mm:ss 'GMT'"_s,
          u"ddd MMM d hh:mm:ss yyyy"_s}) {
        QDateTime when = QLocale::c().toDateTime(t, format);
        if (when.isValid()) {
            when.setTimeSpec(Qt::UTC);
            if (when.date().year() < 1970)
                when = when.addYears(100);
            return when;
        }
    }
    const QDateTime rfc = QDateTime::fromString(t, Qt::RFC2822Date);
    return rfc.isValid() ? rfc.toUTC() : QDateTime();
}

ProviderErrorBody parseProviderErrorBody(const QByteArray& body)
{
    ProviderErrorBody out;
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return out;

    QString parseError;
    const json::Json doc = json::parse(trimmed, &parseError);
    if (doc.is_object()) {
        try {
            const json::Json* err = &doc;
            if (const auto it = doc.find("error"); it != doc.end()) {
                if (it->is_object())
                    err = &*it;
                else if (it->is_string())
                    out.message = QString::fromStdString(it->get<std::string>());
            }
            if (out.message.isEmpty()) {
                if (const auto m = err->find("message"); m != err->end())
                    out.message = scalarText(*m);
            }
            if (out.message.isEmpty()) {
                // FastAPI / fal.ai: {"detail": "..."} or {"detail": [{"msg": "..."}]}
                if (const auto d = doc.find("detail"); d != doc.end()) {
                    if (d->is_string())
                        out.message = QString::fromStdString(d->get<std::string>());
                    else if (d->is_array() && !d->empty() && (*d)[0].is_object())
                        out.message = scalarText((*d)[0].value("msg", json::Json()));
                }
            }
            if (const auto c = err->find("code"); c != err->end())
                out.code = scalarText(*c);
            if (const auto s = err->find("status"); s != err->end())
                out.status = scalarText(*s);
            if (const auto t = err->find("type"); t != err->end())
                out.type = scalarText(*t);
            if (const auto d = err->find("details"); d != err->end())
                readGoogleDetails(*d, out);
        } catch (const std::exception&) {
            // A strange shape is still an error answer; fall through to the raw text.
        }
    }
    if (out.message.isEmpty()) {
        const QString title = htmlTitle(trimmed);
        if (!title.isEmpty())
            out.message = title;
        else if (!trimmed.startsWith('<'))
            out.message = QString::fromUtf8(trimmed.left(300)).simplified();
    }
    if (out.code == u"insufficient_quota"_s || out.type == u"insufficient_quota"_s ||
        out.message.contains(u"limit: 0"_s))
        out.quotaNotToday = true;
    return out;
}

std::optional<milliseconds> parseGoDuration(const QString& text)
{
    static const QRegularExpression part(u"(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|µs|ns)"_s);
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    double total = 0;
    qsizetype consumed = 0;
    auto it = part.globalMatch(t);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedStart() != consumed)
            return std::nullopt;
        consumed = m.capturedEnd();
        const double v = m.captured(1).toDouble();
        const QString unit = m.captured(2);
        if (unit == u"h"_s)
            total += v * 3600000.0;
        else if (unit == u"m"_s)
            total += v * 60000.0;
        else if (unit == u"s"_s)
            total += v * 1000.0;
        else if (unit == u"ms"_s)
            total += v;
        else if (unit == u"us"_s || unit == u"µs"_s)
            total += v / 1000.0;
        else
            total += v / 1e6;
    }
    if (consumed != t.size())
        return std::nullopt;
    return milliseconds(qint64(std::ceil(total)));
}

std::optional<milliseconds> parseProtoDuration(const QString& text)
{
    static const QRegularExpression re(u"^\\s*(\\d+(?:\\.\\d+)?)s\\s*$"_s);
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    return milliseconds(qint64(std::ceil(m.captured(1).toDouble() * 1000.0)));
}

std::optional<milliseconds> retryAfterFromHeaders(const HttpHeaders& headers,
                                                  const QDateTime& nowUtc, int status)
{
    bool ok = false;
    const QByteArray ms = headers.value("retry-after-ms").trimmed();
    if (!ms.isEmpty()) {
        const double v = ms.toDouble(&ok);
        if (ok && v >= 0)
            return milliseconds(qint64(std::ceil(v)));
    }
    const QByteArray ra = headers.value("retry-after").trimmed();
    if (!ra.isEmpty()) {
        const double seconds = ra.toDouble(&ok);
        if (ok && seconds >= 0)
            return milliseconds(qint64(std::ceil(seconds * 1000.0)));
        const QDateTime when = parseHttpDate(QString::fromLatin1(ra));
        if (when.isValid())
            return milliseconds(std::max<qint64>(0, nowUtc.msecsTo(when)));
    }
    if (status == 429) {
        const QByteArray reset = headers.value("x-ratelimit-reset-requests").trimmed();
        if (!reset.isEmpty())
            return parseGoDuration(QString::fromLatin1(reset));
    }
    return std::nullopt;
}

QString httpReasonPhrase(int status)
{
    switch (status) {
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 402:
        return u"Payment Required"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 408:
        return u"Request Timeout"_s;
    case 409:
        return u"Conflict"_s;
    case 410:
        return u"Gone"_s;
    case 413:
        return u"Payload Too Large"_s;
    case 416:
        return u"Range Not Satisfiable"_s;
    case 422:
        return u"Unprocessable Entity"_s;
    case 429:
        return u"Too Many Requests"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 502:
        return u"Bad Gateway"_s;
    case 503:
        return u"Service Unavailable"_s;
    case 504:
        return u"Gateway Timeout"_s;
    default:
        return {};
    }
}

Error httpStatusError(const QString& url, int status, const QByteArray& reason,
                      const HttpHeaders& headers, const QByteArray& body, const QDateTime& nowUtc)
{
    const ProviderErrorBody parsed = parseProviderErrorBody(body);
    Error e;
    e.kind = ErrorKind::Http;
    e.httpStatus = status;
    e.code = !parsed.status.isEmpty() ? parsed.status : parsed.code;
    if (e.code.isEmpty())
        e.code = parsed.type;
    e.quotaExhausted = parsed.quotaNotToday || status == 402;
    e.retryAfter = retryAfterFromHeaders(headers, nowUtc, status);
    if (!e.retryAfter && parsed.retryDelay)
        e.retryAfter = parsed.retryDelay;
    e.detail = QString::fromUtf8(body.left(2000));

    const QString host = QUrl(url).host();
    QString phrase = QString::fromLatin1(reason).trimmed();
    if (phrase.isEmpty())
        phrase = httpReasonPhrase(status);
    QString message = u"%1 answered %2%3"_s.arg(host.isEmpty() ? u"The server"_s : host)
                          .arg(status)
                          .arg(phrase.isEmpty() ? QString() : u" "_s + phrase);
    if (!parsed.message.isEmpty())
        message += u": "_s + parsed.message.left(500);
    const QString code = !parsed.code.isEmpty() ? parsed.code : parsed.status;
    if (!code.isEmpty() && code != QString::number(status) && !parsed.message.contains(code))
        message += u" ("_s + code + u")"_s;
    if (e.quotaExhausted)
        message += u" The quota is used up; it will not be retried automatically."_s;
    e.message = message;
    return e;
}

Error classifyGoogleError(Error error)
{
    if (error.kind == ErrorKind::Http && error.httpStatus == 400 &&
        (error.detail.contains(u"API_KEY_INVALID"_s) ||
         error.message.contains(u"API key not valid"_s))) {
        error.kind = ErrorKind::Auth;
        error.message = u"The Gemini API rejected the key: %1"_s.arg(error.message);
    }
    if (error.kind == ErrorKind::Http && error.httpStatus == 429) {
        // Spend limits answer 429 RESOURCE_EXHAUSTED without RetryInfo or QuotaFailure; only
        // the message tells them apart: credits and the project's own cap ("Your prepayment
        // credits are depleted", "...exceeded its monthly spending cap") are not back soon;
        // the tier's limit on spend over a rolling 10 minutes (ai.google.dev rate-limits page,
        // 2026-06-23; provider-apis.md §7.2; its exact wording is unverified, so any other
        // message about spend) is back within the window.
        const QString text = error.message;
        // (Not "billing": the per-minute 429 says "check your plan and billing details".)
        if (text.contains(u"prepayment credits"_s, Qt::CaseInsensitive) ||
            text.contains(u"spending cap"_s, Qt::CaseInsensitive)) {
            if (!error.quotaExhausted)
                error.message += u" The project's credits or spending cap are used up; add "
                                 u"credits or raise the cap in Google AI Studio."_s;
            error.quotaExhausted = true;
        } else if (text.contains(u"spend"_s, Qt::CaseInsensitive) && !error.quotaExhausted) {
            constexpr std::chrono::minutes window(10);
            error.retryAfter = std::max<std::chrono::milliseconds>(
                error.retryAfter.value_or(std::chrono::milliseconds(0)), window);
            error.message += u" The project's spend limit over 10 minutes is reached: its "
                             u"accounts wait 10 minutes instead of retrying."_s;
        }
    }
    return error;
}

} // namespace t2v

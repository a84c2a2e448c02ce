#include "json.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace t2v::json {
namespace {

const Json* field(const Json& obj, const char* key)
{
    if (!obj.is_object())
        fail(obj, u"expected an object, found %1"_s.arg(QString::fromUtf8(obj.type_name())));
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return nullptr;
    return &*it;
}

} // namespace

QString optString(const Json& obj, const char* key, const QString& fallback)
{
    const Json* v = field(obj, key);
    return v ? v->get<QString>() : fallback;
}

int optInt(const Json& obj, const char* key, int fallback)
{
    const Json* v = field(obj, key);
    if (!v)
        return fallback;
    if (!v->is_number())
        fail(*v, u"type must be number, but is %1"_s.arg(QString::fromUtf8(v->type_name())));
    return v->get<int>();
}

qint64 optInt64(const Json& obj, const char* key, qint64 fallback)
{
    const Json* v = field(obj, key);
    if (!v)
        return fallback;
    if (!v->is_number())
        fail(*v, u"type must be number, but is %1"_s.arg(QString::fromUtf8(v->type_name())));
    return v->get<qint64>();
}

double optDouble(const Json& obj, const char* key, double fallback)
{
    const Json* v = field(obj, key);
    return v ? v->get<double>() : fallback;
}

bool optBool(const Json& obj, const char* key, bool fallback)
{
    const Json* v = field(obj, key);
    return v ? v->get<bool>() : fallback;
}

QStringList optStringList(const Json& obj, const char* key)
{
    QStringList out;
    const Json* v = field(obj, key);
    if (!v)
        return out;
    if (!v->is_array())
        fail(*v, u"type must be array, but is %1"_s.arg(QString::fromUtf8(v->type_name())));
    out.reserve(qsizetype(v->size()));
    for (const Json& item : *v)
        out.append(item.get<QString>());
    return out;
}

QDateTime optDateTime(const Json& obj, const char* key)
{
    const QString text = optString(obj, key);
    if (text.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        fail(obj.at(key), u"not a valid date and time: \"%1\""_s.arg(text.left(40)));
    return t;
}

QString reqString(const Json& obj, const char* key)
{
    return obj.at(key).get<QString>();
}

int reqInt(const Json& obj, const char* key)
{
    const Json& v = obj.at(key);
    if (!v.is_number())
        fail(v, u"type must be number, but is %1"_s.arg(QString::fromUtf8(v.type_name())));
    return v.get<int>();
}

Json fromStringList(const QStringList& list)
{
    Json a = Json::array();
    for (const QString& s : list)
        a.push_back(s);
    return a;
}

Json fromDateTime(const QDateTime& time)
{
    if (!time.isValid())
        return nullptr;
    return time.toUTC().toString(Qt::ISODateWithMs);
}

void fail(const Json& at, const QString& message)
{
    throw nlohmann::json::other_error::create(501, message.toStdString(), &at);
}

QString errorMessage(const std::exception& e)
{
    static const QRegularExpression prefix(u"^\\[json\\.exception\\.[a-z_]+\\.\\d+\\] "_s);
    QString text = QString::fromUtf8(e.what());
    text.remove(prefix);
    return text;
}

Json parse(const QByteArray& text, QString* error)
{
    try {
        return Json::parse(text.cbegin(), text.cend());
    } catch (const nlohmann::json::parse_error& e) {
        if (error) {
            // Turn the byte offset into a line and column a person can find in an editor.
            const qsizetype offset = qMin<qsizetype>(qsizetype(e.byte), text.size());
            const qsizetype line = text.left(offset).count('\n') + 1;
            const qsizetype lineStart = text.lastIndexOf('\n', offset > 0 ? offset - 1 : 0) + 1;
            QString what = errorMessage(e);
            static const QRegularExpression location(u"^parse error at line \\d+, column \\d+: "_s);
            what.remove(location);
            *error = u"line %1, column %2: %3"_s.arg(line).arg(offset - lineStart + 1).arg(what);
        }
        return Json(Json::value_t::discarded);
    }
}

std::string dump(const Json& value, int indent)
{
    return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

} // namespace t2v::json

#pragma once

// nlohmann/json glue for Qt types and strict field readers. Readers throw nlohmann exceptions
// that carry the JSON path of the bad value (JSON_DIAGNOSTICS), so a damaged file can be
// reported as "project.json: /script/scenes/3/duration: type must be number, but is string".

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <string>

namespace nlohmann {
template <>
struct adl_serializer<QString>
{
    static void to_json(json& j, const QString& s) { j = s.toStdString(); }
    static void from_json(const json& j, QString& s)
    {
        s = QString::fromStdString(j.get_ref<const json::string_t&>());
    }
};
} // namespace nlohmann

namespace t2v::json {

using Json = nlohmann::json;

// Optional fields: a missing key or null gives the default; a value of the wrong type throws.
QString optString(const Json& obj, const char* key, const QString& fallback = {});
int optInt(const Json& obj, const char* key, int fallback = 0);
qint64 optInt64(const Json& obj, const char* key, qint64 fallback = 0);
double optDouble(const Json& obj, const char* key, double fallback = 0.0);
bool optBool(const Json& obj, const char* key, bool fallback = false);
QStringList optStringList(const Json& obj, const char* key);
QDateTime optDateTime(const Json& obj, const char* key);

// Required fields: a missing key throws out_of_range naming the key and its parent's path.
QString reqString(const Json& obj, const char* key);
int reqInt(const Json& obj, const char* key);

Json fromStringList(const QStringList& list);
Json fromDateTime(const QDateTime& time);

// Throws an exception that carries the path of `at`.
[[noreturn]] void fail(const Json& at, const QString& message);

// The message of a JSON exception without the "[json.exception.type_error.302] " prefix.
QString errorMessage(const std::exception& e);

// Parses text without throwing. On failure returns a discarded value and sets `error` to
// "line L, column C: <what>".
Json parse(const QByteArray& text, QString* error);

// Serialises, replacing invalid UTF-8 instead of throwing.
std::string dump(const Json& value, int indent = -1);

} // namespace t2v::json

#include "stylepresets.h"

#include "core/json.h"
#include "core/logging.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

json::Json readResource(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcStory) << "missing resource" << path;
        return {};
    }
    return json::parse(file.readAll(), nullptr);
}

struct Data
{
    QList<StylePreset> styles;
    QString defaultId;
    QList<Language> languages;

    Data()
    {
        const json::Json styleDoc = readResource(u":/t2v/styles/styles.json"_s);
        if (styleDoc.is_object()) {
            defaultId = json::optString(styleDoc, "default", u"cinematic"_s);
            for (const json::Json& s : styleDoc.value("styles", json::Json::array())) {
                styles.append({json::optString(s, "id"), json::optString(s, "name"),
                               json::optString(s, "description"), json::optString(s, "tags"),
                               json::optString(s, "negative"),
                               json::optString(s, "background", u"#222222"_s),
                               json::optString(s, "accent", u"#ffffff"_s)});
            }
        }
        const json::Json langDoc = readResource(u":/t2v/styles/languages.json"_s);
        if (langDoc.is_object()) {
            for (const json::Json& l : langDoc.value("languages", json::Json::array()))
                languages.append({json::optString(l, "code"), json::optString(l, "name"),
                                  json::optString(l, "native")});
        }
    }
};

const Data& data()
{
    static const Data d;
    return d;
}

} // namespace

const QList<StylePreset>& StylePresets::all()
{
    return data().styles;
}

std::optional<StylePreset> StylePresets::find(const QString& id)
{
    for (const StylePreset& s : all()) {
        if (s.id == id)
            return s;
    }
    return std::nullopt;
}

StylePreset StylePresets::findOrDefault(const QString& id)
{
    if (auto s = find(id))
        return *s;
    if (auto s = find(defaultId()))
        return *s;
    return StylePreset{u"plain"_s, u"Plain"_s, {}, {}, {}, u"#222222"_s, u"#ffffff"_s};
}

QString StylePresets::defaultId()
{
    return data().defaultId;
}

const QList<Language>& StylePresets::languages()
{
    return data().languages;
}

std::optional<Language> StylePresets::language(const QString& code)
{
    for (const Language& l : languages()) {
        if (l.code == code)
            return l;
    }
    return std::nullopt;
}

} // namespace t2v

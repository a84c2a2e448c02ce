#pragma once

// The visual style presets and output languages a script can use. Both are data in
// resources/styles/ compiled into the program, so adding a style means editing one JSON file.

#include <QList>
#include <QString>

#include <optional>

namespace t2v {

struct StylePreset
{
    QString id;
    QString name;
    QString description;
    QString tags;       // appended to every video prompt
    QString negative;   // what the video model should avoid
    QString background; // animatic colours, "#rrggbb"
    QString accent;
};

struct Language
{
    QString code;   // "vi"
    QString name;   // "Vietnamese"
    QString native; // "Tiếng Việt"
};

class StylePresets
{
public:
    static const QList<StylePreset>& all();
    static std::optional<StylePreset> find(const QString& id);
    // The preset for `id`, or the default one when it is unknown or empty.
    static StylePreset findOrDefault(const QString& id);
    static QString defaultId();

    static const QList<Language>& languages();
    static std::optional<Language> language(const QString& code);
};

} // namespace t2v

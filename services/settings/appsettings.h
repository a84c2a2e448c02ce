#pragma once

// The application's settings, shared by the window and the command line: one table holds
// each setting's name in the file, its type, default and allowed values (spec()), which the
// file reader, setValue(), the Settings dialog and the command line all use; typed accessors,
// a changed() signal, a format version, and atomic saves at most half a second after a change.
// Stored as settings.json in the config folder.

#include "core/error.h"
#include "core/limits.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVariantMap>

#include <optional>

namespace t2v {

class AppSettings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppSettings)

public:
    static constexpr int kVersion = 1;
    static constexpr int kMaxRecent = 10;

    enum class Key {
        FfmpegPath,
        DefaultProjectFolder,
        PollIntervalSeconds,
        Proxy,
        DefaultBatchSize,
        ParallelDownloads,
        ConfirmCostAboveUsd, // a paid run estimated above this is confirmed first
        UiLanguage,          // "system", "en", "vi"
        Theme,               // "system", "light", "dark"
        RecentProjects,
        WindowGeometry,
        WindowState,
    };

    enum class Type { Text, Number, TextList };

    // Everything about one setting.
    struct Spec
    {
        Key key;
        const char* name; // in settings.json
        Type type;
        QVariant fallback;          // the default
        std::optional<Range> range; // numbers
        QStringList choices;        // text with a fixed set of values; the first is the default
    };

    explicit AppSettings(QString configDir, QObject* parent = nullptr);
    ~AppSettings() override;

    static const Spec& spec(Key key);
    static QString keyName(Key key);
    static QVariant defaultValue(Key key);
    // `value` made valid for `key`: numbers clamped to the range, unknown choices replaced by
    // the default; a value of the wrong type gives the default.
    static QVariant sanitize(Key key, const QVariant& value);

    // Reads settings.json. A damaged file gives the defaults and an error; it is kept aside
    // (settings.json.damaged-<time>) on the next save.
    Status load();
    Status save();
    QString filePath() const;

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant& value);

    QString ffmpegPath() const { return value(Key::FfmpegPath).toString(); }
    QString defaultProjectFolder() const { return value(Key::DefaultProjectFolder).toString(); }
    int pollIntervalSeconds() const { return value(Key::PollIntervalSeconds).toInt(); }
    QString proxy() const { return value(Key::Proxy).toString(); }
    int defaultBatchSize() const { return value(Key::DefaultBatchSize).toInt(); }
    int parallelDownloads() const { return value(Key::ParallelDownloads).toInt(); }
    int confirmCostAboveUsd() const { return value(Key::ConfirmCostAboveUsd).toInt(); }
    QString uiLanguage() const { return value(Key::UiLanguage).toString(); }
    QString theme() const { return value(Key::Theme).toString(); }
    QStringList recentProjects() const { return value(Key::RecentProjects).toStringList(); }
    void addRecentProject(const QString& dir);

    // Applies the settings that the services read globally (the proxy).
    void applyToServices() const;

signals:
    void changed(t2v::AppSettings::Key key);
    void saveFailed(const QString& message);

private:
    QString m_dir;
    QVariantMap m_values;
    bool m_damaged = false;
    QTimer m_saveTimer;
};

} // namespace t2v

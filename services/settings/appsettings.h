#pragma once

// The application's settings, shared by the window and the command line: keys with their
// defaults in one table, typed accessors, a changed() signal, a format version, and atomic
// saves at most half a second after a change. Stored as settings.json in the config folder.

#include "core/error.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVariantMap>

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
        UiLanguage, // "system", "en", "vi"
        Theme,      // "system", "light", "dark"
        RecentProjects,
        WindowGeometry,
        WindowState,
    };

    explicit AppSettings(QString configDir, QObject* parent = nullptr);
    ~AppSettings() override;

    static QString keyName(Key key);
    static QVariant defaultValue(Key key);

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

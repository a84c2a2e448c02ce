#pragma once

// Settings: interface language and theme, the default project folder, the FFmpeg path (checked
// off the GUI thread as soon as it is set), the network proxy, and the defaults for new work
// (batch size, parallel downloads, poll interval).

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace t2v {
class AppServices;
class AppSettings;
} // namespace t2v

namespace t2v::ui {

class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(AppServices& services, QWidget* parent = nullptr);

    QLineEdit* ffmpegEdit() const { return m_ffmpeg; }
    QLabel* ffmpegStatus() const { return m_ffmpegStatus; }
    QLineEdit* proxyEdit() const { return m_proxy; }

    // Writes the fields back into the settings; false (with a message shown) if one is invalid.
    bool apply();

public slots:
    void checkFfmpeg();
    void accept() override;

signals:
    void ffmpegChecked(bool ok, const QString& message);

private:
    void showPriceTable();
    AppServices& m_services;
    AppSettings& m_settings;
    QComboBox* m_language;
    QComboBox* m_theme;
    QLineEdit* m_projectFolder;
    QLineEdit* m_ffmpeg;
    QLabel* m_ffmpegStatus;
    QLineEdit* m_proxy;
    QSpinBox* m_batchSize;
    QSpinBox* m_parallel;
    QSpinBox* m_pollInterval;
    QSpinBox* m_confirmCost;
    QLabel* m_pricesStatus;
    int m_checkGeneration = 0;
};

// Checks a proxy setting: empty (use the environment), "direct", or a URL with a scheme curl
// knows and a host. Returns an empty string when it is fine, else why not.
QString proxyProblem(const QString& proxy);

} // namespace t2v::ui

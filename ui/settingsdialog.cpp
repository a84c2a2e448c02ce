#include "settingsdialog.h"

#include "providers/pricing.h"
#include "session/appservices.h"
#include "settings/appsettings.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace t2v::ui {

QString proxyProblem(const QString& proxy)
{
    const QString p = proxy.trimmed();
    if (p.isEmpty() || p == u"direct"_s)
        return {};
    const QUrl url(p.contains(u"://"_s) ? p : u"http://"_s + p, QUrl::StrictMode);
    static const QStringList schemes{u"http"_s,    u"https"_s,  u"socks4"_s,
                                     u"socks4a"_s, u"socks5"_s, u"socks5h"_s};
    if (!url.isValid() || url.host().isEmpty())
        return QObject::tr(
                   "\"%1\" is not a proxy address. Use for example http://proxy.example:3128.")
            .arg(p);
    if (!schemes.contains(url.scheme()))
        return QObject::tr(
                   "The proxy scheme \"%1\" is not supported; use http, https, socks4 or socks5.")
            .arg(url.scheme());
    return {};
}

SettingsDialog::SettingsDialog(AppServices& services, QWidget* parent)
    : QDialog(parent)
    , m_services(services)
    , m_settings(services.settings())
{
    const AppSettings& settings = m_settings;
    setWindowTitle(tr("Settings"));

    m_language = new QComboBox;
    m_language->setObjectName(u"language"_s);
    m_language->addItem(tr("System language"), u"system"_s);
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"Tiếng Việt"_s, u"vi"_s);
    m_theme = new QComboBox;
    m_theme->setObjectName(u"theme"_s);
    m_theme->addItem(tr("System"), u"system"_s);
    m_theme->addItem(tr("Light"), u"light"_s);
    m_theme->addItem(tr("Dark"), u"dark"_s);
    m_projectFolder = new QLineEdit;
    m_projectFolder->setObjectName(u"projectFolder"_s);
    auto* browseFolder = new QPushButton(tr("Browse…"));
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_projectFolder, 1);
    folderRow->addWidget(browseFolder);
    auto* general = new QGroupBox(tr("General"));
    auto* generalForm = new QFormLayout(general);
    generalForm->addRow(tr("Interface &language"), m_language);
    generalForm->addRow(new QLabel(tr("A new language applies the next time T2V Studio starts.")));
    generalForm->addRow(tr("&Theme"), m_theme);
    generalForm->addRow(tr("&Projects folder"), folderRow);
    qobject_cast<QLabel*>(generalForm->labelForField(folderRow))->setBuddy(m_projectFolder);

    m_ffmpeg = new QLineEdit;
    m_ffmpeg->setObjectName(u"ffmpeg"_s);
    m_ffmpeg->setPlaceholderText(tr("search $T2V_FFMPEG and PATH"));
    auto* browseFfmpeg = new QPushButton(tr("Browse…"));
    auto* check = new QPushButton(tr("&Check"));
    auto* ffmpegRow = new QHBoxLayout;
    ffmpegRow->addWidget(m_ffmpeg, 1);
    ffmpegRow->addWidget(browseFfmpeg);
    ffmpegRow->addWidget(check);
    m_ffmpegStatus = new QLabel;
    m_ffmpegStatus->setObjectName(u"ffmpegStatus"_s);
    m_ffmpegStatus->setWordWrap(true);
    m_ffmpegStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_proxy = new QLineEdit;
    m_proxy->setObjectName(u"proxy"_s);
    m_proxy->setPlaceholderText(tr("from the environment (http_proxy, https_proxy)"));
    m_proxy->setToolTip(
        tr("Empty: use the proxy environment variables. \"direct\": no proxy. Otherwise a URL "
           "such as http://proxy.example:3128 or socks5h://127.0.0.1:1080."));
    auto* tools = new QGroupBox(tr("Tools and network"));
    auto* toolsForm = new QFormLayout(tools);
    toolsForm->addRow(tr("&FFmpeg"), ffmpegRow);
    qobject_cast<QLabel*>(toolsForm->labelForField(ffmpegRow))->setBuddy(m_ffmpeg);
    toolsForm->addRow(QString(), m_ffmpegStatus);
    toolsForm->addRow(tr("P&roxy"), m_proxy);

    m_batchSize = new QSpinBox;
    m_batchSize->setObjectName(u"batchSize"_s);
    const auto setRange = [](QSpinBox* box, AppSettings::Key key) {
        const Range r = *AppSettings::spec(key).range;
        box->setRange(r.min, r.max);
    };
    setRange(m_batchSize, AppSettings::Key::DefaultBatchSize);
    m_batchSize->setToolTip(tr("How many scenes are written at once for new projects."));
    m_parallel = new QSpinBox;
    m_parallel->setObjectName(u"parallel"_s);
    setRange(m_parallel, AppSettings::Key::ParallelDownloads);
    m_pollInterval = new QSpinBox;
    m_pollInterval->setObjectName(u"pollInterval"_s);
    setRange(m_pollInterval, AppSettings::Key::PollIntervalSeconds);
    m_pollInterval->setSuffix(tr(" s"));
    m_pollInterval->setToolTip(
        tr("How often a rendering clip is checked. Longer intervals use less of each "
           "account's request budget."));
    auto* defaults = new QGroupBox(tr("Defaults"));
    auto* defaultsForm = new QFormLayout(defaults);
    defaultsForm->addRow(tr("Scenes per &batch"), m_batchSize);
    defaultsForm->addRow(tr("Parallel &downloads"), m_parallel);
    defaultsForm->addRow(tr("&Poll interval"), m_pollInterval);

    m_confirmCost = new QSpinBox;
    m_confirmCost->setObjectName(u"confirmCost"_s);
    setRange(m_confirmCost, AppSettings::Key::ConfirmCostAboveUsd);
    m_confirmCost->setPrefix(u"$"_s);
    m_confirmCost->setSpecialValueText(tr("every paid run"));
    m_confirmCost->setToolTip(tr("Make clips asks first when the estimate is above this amount "
                                 "or when a price is unknown (t2v render asks too; --yes "
                                 "skips it)."));
    auto* editPrices = new QPushButton(tr("&Edit prices…"));
    editPrices->setObjectName(u"editPrices"_s);
    editPrices->setToolTip(
        tr("Prices change: your own prices.json in the settings folder comes before the shipped "
           "table. It is made from the shipped table the first time."));
    m_pricesStatus = new QLabel;
    m_pricesStatus->setObjectName(u"pricesStatus"_s);
    m_pricesStatus->setWordWrap(true);
    m_pricesStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* costs = new QGroupBox(tr("Costs"));
    auto* costsForm = new QFormLayout(costs);
    costsForm->addRow(tr("&Ask before runs over"), m_confirmCost);
    costsForm->addRow(tr("Price table"), editPrices);
    costsForm->addRow(QString(), m_pricesStatus);
    showPriceTable();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(general);
    layout->addWidget(tools);
    layout->addWidget(defaults);
    layout->addWidget(costs);
    layout->addStretch(1);
    layout->addWidget(buttons);

    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.uiLanguage())));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(settings.theme())));
    m_projectFolder->setText(QDir::toNativeSeparators(settings.defaultProjectFolder()));
    m_ffmpeg->setText(settings.ffmpegPath());
    m_proxy->setText(settings.proxy());
    m_batchSize->setValue(settings.defaultBatchSize());
    m_parallel->setValue(settings.parallelDownloads());
    m_pollInterval->setValue(settings.pollIntervalSeconds());
    m_confirmCost->setValue(settings.confirmCostAboveUsd());

    connect(editPrices, &QPushButton::clicked, this, [this] {
        const auto path = PriceTable::userTable(m_services.accounts().configDir());
        if (!path) {
            QMessageBox::warning(this, tr("Price table"), path.error().message);
            return;
        }
        QDesktopServices::openUrl(QUrl::fromLocalFile(*path));
        showPriceTable();
    });

    connect(browseFolder, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Projects folder"), m_projectFolder->text());
        if (!dir.isEmpty())
            m_projectFolder->setText(QDir::toNativeSeparators(dir));
    });
    connect(browseFfmpeg, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("FFmpeg program"), m_ffmpeg->text());
        if (!file.isEmpty()) {
            m_ffmpeg->setText(file);
            checkFfmpeg();
        }
    });
    connect(check, &QPushButton::clicked, this, &SettingsDialog::checkFfmpeg);
    connect(m_ffmpeg, &QLineEdit::editingFinished, this, [this] {
        if (m_ffmpeg->isModified()) {
            m_ffmpeg->setModified(false);
            checkFfmpeg();
        }
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    checkFfmpeg();
}

void SettingsDialog::showPriceTable()
{
    const QString dir = m_services.accounts().configDir();
    const QString own = QDir(dir).filePath(u"prices.json"_s);
    QString problem;
    (void)PriceTable::load(dir, &problem);
    if (!problem.isEmpty())
        m_pricesStatus->setText(u"✖ "_s + tr("Your table is not used: %1").arg(problem));
    else if (QFile::exists(own))
        m_pricesStatus->setText(tr("Your table %1 comes first, then the shipped one.")
                                    .arg(QDir::toNativeSeparators(own)));
    else
        m_pricesStatus->setText(tr("The shipped prices are used (checked on the date each entry "
                                   "names)."));
}

void SettingsDialog::checkFfmpeg()
{
    const QString path = m_ffmpeg->text().trimmed();
    const int generation = ++m_checkGeneration;
    m_ffmpegStatus->setText(tr("Checking…"));
    m_services.checkFfmpeg(path, this, [this, generation](const Result<QString>& found) {
        if (generation != m_checkGeneration)
            return; // an older check; the path has changed since
        const bool ok = found.ok();
        const QString message = ok ? found.value() : found.error().message;
        m_ffmpegStatus->setText((ok ? u"✔ "_s : u"✖ "_s) + message);
        emit ffmpegChecked(ok, message);
    });
}

bool SettingsDialog::apply()
{
    if (const QString problem = proxyProblem(m_proxy->text()); !problem.isEmpty()) {
        QMessageBox::warning(this, tr("Settings"), problem);
        m_proxy->setFocus();
        return false;
    }
    m_settings.setValue(AppSettings::Key::UiLanguage, m_language->currentData());
    m_settings.setValue(AppSettings::Key::Theme, m_theme->currentData());
    m_settings.setValue(AppSettings::Key::DefaultProjectFolder,
                        QDir::fromNativeSeparators(m_projectFolder->text().trimmed()));
    m_settings.setValue(AppSettings::Key::FfmpegPath, m_ffmpeg->text().trimmed());
    m_settings.setValue(AppSettings::Key::Proxy, m_proxy->text().trimmed());
    m_settings.setValue(AppSettings::Key::DefaultBatchSize, m_batchSize->value());
    m_settings.setValue(AppSettings::Key::ParallelDownloads, m_parallel->value());
    m_settings.setValue(AppSettings::Key::PollIntervalSeconds, m_pollInterval->value());
    m_settings.setValue(AppSettings::Key::ConfirmCostAboveUsd, m_confirmCost->value());
    m_settings.applyToServices();
    return true;
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

} // namespace t2v::ui

#include "appsettings.h"

#include "core/json.h"
#include "core/logging.h"
#include "net/httpclient.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <array>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

struct KeyInfo
{
    AppSettings::Key key;
    const char* name;
};

constexpr std::array kKeys{
    KeyInfo{AppSettings::Key::FfmpegPath, "ffmpeg_path"},
    KeyInfo{AppSettings::Key::DefaultProjectFolder, "default_project_folder"},
    KeyInfo{AppSettings::Key::PollIntervalSeconds, "poll_interval_seconds"},
    KeyInfo{AppSettings::Key::Proxy, "proxy"},
    KeyInfo{AppSettings::Key::DefaultBatchSize, "default_batch_size"},
    KeyInfo{AppSettings::Key::ParallelDownloads, "parallel_downloads"},
    KeyInfo{AppSettings::Key::UiLanguage, "ui_language"},
    KeyInfo{AppSettings::Key::Theme, "theme"},
    KeyInfo{AppSettings::Key::RecentProjects, "recent_projects"},
    KeyInfo{AppSettings::Key::WindowGeometry, "window_geometry"},
    KeyInfo{AppSettings::Key::WindowState, "window_state"},
};

bool isNumber(AppSettings::Key key)
{
    return key == AppSettings::Key::PollIntervalSeconds ||
           key == AppSettings::Key::DefaultBatchSize || key == AppSettings::Key::ParallelDownloads;
}

QVariant clamp(AppSettings::Key key, const QVariant& v)
{
    switch (key) {
    case AppSettings::Key::PollIntervalSeconds:
        return std::clamp(v.toInt(), 2, 120);
    case AppSettings::Key::DefaultBatchSize:
        return std::clamp(v.toInt(), 1, 10);
    case AppSettings::Key::ParallelDownloads:
        return std::clamp(v.toInt(), 1, 10);
    case AppSettings::Key::UiLanguage: {
        const QString s = v.toString();
        return s == u"en"_s || s == u"vi"_s ? s : u"system"_s;
    }
    case AppSettings::Key::Theme: {
        const QString s = v.toString();
        return s == u"light"_s || s == u"dark"_s ? s : u"system"_s;
    }
    default:
        return v;
    }
}

} // namespace

AppSettings::AppSettings(QString configDir, QObject* parent)
    : QObject(parent)
    , m_dir(std::move(configDir))
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(500);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] {
        if (Status s = save(); !s)
            emit saveFailed(s.error().message);
    });
}

AppSettings::~AppSettings()
{
    if (m_saveTimer.isActive())
        (void)save();
}

QString AppSettings::keyName(Key key)
{
    return QString::fromLatin1(kKeys[static_cast<std::size_t>(key)].name);
}

QVariant AppSettings::defaultValue(Key key)
{
    switch (key) {
    case Key::DefaultProjectFolder:
        return QDir(QStandardPaths::writableLocation(QStandardPaths::HomeLocation))
            .filePath(u"T2V Projects"_s);
    case Key::PollIntervalSeconds:
        return 8;
    case Key::DefaultBatchSize:
        return 5;
    case Key::ParallelDownloads:
        return 5;
    case Key::UiLanguage:
    case Key::Theme:
        return u"system"_s;
    case Key::RecentProjects:
        return QStringList();
    default:
        return QString();
    }
}

QString AppSettings::filePath() const
{
    return QDir(m_dir).filePath(u"settings.json"_s);
}

Status AppSettings::load()
{
    m_values.clear();
    m_damaged = false;
    QFile f(filePath());
    if (!f.exists())
        return {};
    QString error;
    const json::Json doc =
        f.open(QIODevice::ReadOnly) ? json::parse(f.readAll(), &error) : json::Json();
    if (!doc.is_object()) {
        m_damaged = true;
        return Error::make(ErrorKind::Invalid, u"%1 is damaged (%2); the defaults are used."_s.arg(
                                                   QDir::toNativeSeparators(filePath()), error));
    }
    const int version = doc.value("version", 1);
    if (version > kVersion)
        qCWarning(lcCore)
            << "settings.json comes from a newer T2V Studio; unknown settings are ignored";
    for (const KeyInfo& k : kKeys) {
        const auto it = doc.find(k.name);
        if (it == doc.end() || it->is_null())
            continue;
        // A value of the wrong type keeps its default.
        QVariant v;
        if (isNumber(k.key)) {
            if (!it->is_number_integer())
                continue;
            v = it->get<int>();
        } else if (k.key == Key::RecentProjects) {
            if (!it->is_array())
                continue;
            QStringList list;
            for (const json::Json& item : *it) {
                if (item.is_string())
                    list.append(QString::fromStdString(item.get<std::string>()));
            }
            v = list;
        } else {
            if (!it->is_string())
                continue;
            v = QString::fromStdString(it->get<std::string>());
        }
        m_values.insert(QString::fromLatin1(k.name), clamp(k.key, v));
    }
    return {};
}

Status AppSettings::save()
{
    m_saveTimer.stop();
    if (!QDir().mkpath(m_dir))
        return Error::make(ErrorKind::Io,
                           u"Cannot create %1."_s.arg(QDir::toNativeSeparators(m_dir)));
    if (m_damaged && QFile::exists(filePath())) {
        QFile::rename(filePath(), filePath() + u".damaged-"_s +
                                      QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s));
        m_damaged = false;
    }
    json::Json doc = {{"version", kVersion}};
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        const QVariant& v = it.value();
        if (v.typeId() == QMetaType::QStringList)
            doc[it.key().toStdString()] = json::fromStringList(v.toStringList());
        else if (v.typeId() == QMetaType::Int)
            doc[it.key().toStdString()] = v.toInt();
        else
            doc[it.key().toStdString()] = v.toString();
    }
    QSaveFile f(filePath());
    const QByteArray bytes = QByteArray::fromStdString(json::dump(doc, 2)) + '\n';
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Error::make(
            ErrorKind::Io,
            u"Cannot save %1: %2"_s.arg(QDir::toNativeSeparators(filePath()), f.errorString()));
    return {};
}

QVariant AppSettings::value(Key key) const
{
    return m_values.value(keyName(key), defaultValue(key));
}

void AppSettings::setValue(Key key, const QVariant& value)
{
    const QVariant v = clamp(key, value);
    if (this->value(key) == v)
        return;
    m_values.insert(keyName(key), v);
    if (key == Key::Proxy)
        HttpClient::setProxy(v.toString());
    m_saveTimer.start();
    emit changed(key);
}

void AppSettings::addRecentProject(const QString& dir)
{
    QStringList list = recentProjects();
    const QString clean = QDir::cleanPath(QDir(dir).absolutePath());
    list.removeAll(clean);
    list.prepend(clean);
    while (list.size() > kMaxRecent)
        list.removeLast();
    setValue(Key::RecentProjects, list);
}

void AppSettings::applyToServices() const
{
    HttpClient::setProxy(proxy());
}

} // namespace t2v

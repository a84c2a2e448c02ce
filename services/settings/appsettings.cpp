#include "appsettings.h"

#include "core/json.h"
#include "core/logging.h"
#include "net/httpclient.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <vector>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

using Spec = AppSettings::Spec;
using Key = AppSettings::Key;
using Type = AppSettings::Type;

const std::vector<Spec>& table()
{
    static const std::vector<Spec> specs{
        {Key::FfmpegPath, "ffmpeg_path", Type::Text, QString(), std::nullopt, {}},
        {Key::DefaultProjectFolder,
         "default_project_folder",
         Type::Text,
         QDir(QStandardPaths::writableLocation(QStandardPaths::HomeLocation))
             .filePath(u"T2V Projects"_s),
         std::nullopt,
         {}},
        {Key::PollIntervalSeconds,
         "poll_interval_seconds",
         Type::Number,
         limits::PollIntervalSeconds.fallback,
         limits::PollIntervalSeconds,
         {}},
        {Key::Proxy, "proxy", Type::Text, QString(), std::nullopt, {}},
        {Key::DefaultBatchSize,
         "default_batch_size",
         Type::Number,
         limits::BatchSize.fallback,
         limits::BatchSize,
         {}},
        {Key::ParallelDownloads,
         "parallel_downloads",
         Type::Number,
         limits::ParallelDownloads.fallback,
         limits::ParallelDownloads,
         {}},
        {Key::ConfirmCostAboveUsd,
         "confirm_cost_above_usd",
         Type::Number,
         limits::ConfirmCostAboveUsd.fallback,
         limits::ConfirmCostAboveUsd,
         {}},
        {Key::UiLanguage,
         "ui_language",
         Type::Text,
         u"system"_s,
         std::nullopt,
         {u"system"_s, u"en"_s, u"vi"_s}},
        {Key::Theme,
         "theme",
         Type::Text,
         u"system"_s,
         std::nullopt,
         {u"system"_s, u"light"_s, u"dark"_s}},
        {Key::RecentProjects, "recent_projects", Type::TextList, QStringList(), std::nullopt, {}},
        {Key::WindowGeometry, "window_geometry", Type::Text, QString(), std::nullopt, {}},
        {Key::WindowState, "window_state", Type::Text, QString(), std::nullopt, {}},
    };
    return specs;
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

const AppSettings::Spec& AppSettings::spec(Key key)
{
    return table()[static_cast<std::size_t>(key)];
}

QString AppSettings::keyName(Key key)
{
    return QString::fromLatin1(spec(key).name);
}

QVariant AppSettings::defaultValue(Key key)
{
    return spec(key).fallback;
}

QVariant AppSettings::sanitize(Key key, const QVariant& value)
{
    const Spec& s = spec(key);
    switch (s.type) {
    case Type::Number: {
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok)
            return s.fallback;
        return s.range ? s.range->clamp(n) : n;
    }
    case Type::TextList:
        return value.toStringList();
    case Type::Text: {
        const QString text = value.toString();
        if (!s.choices.isEmpty() && !s.choices.contains(text))
            return s.fallback;
        return text;
    }
    }
    return s.fallback;
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
    for (const Spec& k : table()) {
        const auto it = doc.find(k.name);
        if (it == doc.end() || it->is_null())
            continue;
        // A value of the wrong type keeps its default.
        QVariant v;
        if (k.type == Type::Number) {
            if (!it->is_number_integer())
                continue;
            v = it->get<int>();
        } else if (k.type == Type::TextList) {
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
        m_values.insert(QString::fromLatin1(k.name), sanitize(k.key, v));
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
    const QVariant v = sanitize(key, value);
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

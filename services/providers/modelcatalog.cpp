#include "modelcatalog.h"

#include "core/json.h"
#include "core/safepath.h"
#include "net/httpclient.h"
#include "net/providererror.h"
#include "providers/providerregistry.h"
#include "video/geminivideoprovider.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {

namespace {

constexpr int kMaxPages = 50; // a service that keeps handing out tokens is not followed forever

ModelKind kindFromName(const QString& name)
{
    for (ModelKind k : {ModelKind::Text, ModelKind::Video, ModelKind::Omni, ModelKind::Image})
        if (modelKindName(k) == name)
            return k;
    return ModelKind::Other;
}

QString trimmedBase(const Account& account)
{
    QString base = ProviderRegistry::baseUrl(account);
    while (base.endsWith(u'/'))
        base.chop(1);
    return base;
}

Result<ModelList> fetchGemini(const Account& account, const QString& key, const CancelToken& cancel)
{
    QString base = trimmedBase(account);
    if (!base.endsWith(u"/v1beta"_s))
        base += u"/v1beta"_s;
    ModelList list;
    QString token;
    for (int page = 0; page < kMaxPages; ++page) {
        QString url = base + u"/models?pageSize=1000"_s;
        if (!token.isEmpty())
            url += u"&pageToken="_s + QString::fromLatin1(QUrl::toPercentEncoding(token));
        HttpRequest req = HttpRequest::get(url);
        req.headers.set("x-goog-api-key", key.toUtf8());
        req.timeout = 30s;
        Result<HttpResponse> r = HttpClient().send(req, cancel);
        if (!r)
            return classifyGoogleError(r.error());
        QString next;
        Result<QList<ModelInfo>> models = ModelCatalog::parseGeminiPage(r->body, &next);
        if (!models)
            return models.error();
        list.models += *models;
        if (next.isEmpty() || next == token)
            return list;
        token = next;
    }
    return Error::make(ErrorKind::BadResponse,
                       u"The Gemini API kept listing models past %1 pages."_s.arg(kMaxPages));
}

Result<ModelList> fetchOpenAi(const Account& account, const QString& key, const CancelToken& cancel)
{
    HttpRequest req = HttpRequest::get(trimmedBase(account) + u"/models"_s);
    if (!key.isEmpty())
        req.headers.set("Authorization", "Bearer " + key.toUtf8());
    req.timeout = 30s;
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return r.error();
    Result<QList<ModelInfo>> models = ModelCatalog::parseOpenAiList(r->body);
    if (!models)
        return models.error();
    ModelList list;
    list.models = *models;
    return list;
}

} // namespace

QString modelKindName(ModelKind kind)
{
    switch (kind) {
    case ModelKind::Text:
        return u"text"_s;
    case ModelKind::Video:
        return u"video"_s;
    case ModelKind::Omni:
        return u"omni"_s;
    case ModelKind::Image:
        return u"image"_s;
    case ModelKind::Other:
        break;
    }
    return u"other"_s;
}

QStringList ModelList::ids(ModelKind kind) const
{
    QStringList out;
    for (const ModelInfo& m : models)
        if (m.kind == kind)
            out.append(m.id);
    return out;
}

bool ModelList::serves(const QString& id) const
{
    return std::any_of(models.cbegin(), models.cend(),
                       [&](const ModelInfo& m) { return m.id == id; });
}

ModelKind ModelCatalog::classifyGemini(const QString& id, const QStringList& methods)
{
    // Omni models are reached through the Interactions API and list no method of their own.
    if (GeminiVideoProvider::isOmniModel(id))
        return ModelKind::Omni;
    if (methods.contains(u"predictLongRunning"_s))
        return ModelKind::Video;
    if (methods.contains(u"predict"_s) || id.startsWith(u"imagen"_s))
        return ModelKind::Image;
    if (methods.contains(u"generateContent"_s))
        return id.contains(u"image"_s) ? ModelKind::Image : ModelKind::Text;
    return ModelKind::Other;
}

Result<QList<ModelInfo>> ModelCatalog::parseGeminiPage(const QByteArray& body,
                                                       QString* nextPageToken)
{
    QString why;
    const json::Json doc = json::parse(body, &why);
    if (!doc.is_object())
        return Error::make(ErrorKind::BadResponse,
                           u"The Gemini API's model list is not a JSON object%1."_s.arg(
                               why.isEmpty() ? QString() : u" (%1)"_s.arg(why)));
    if (nextPageToken)
        *nextPageToken = json::optString(doc, "nextPageToken");
    QList<ModelInfo> out;
    const auto models = doc.find("models");
    if (models == doc.end())
        return out; // an empty page has no "models" at all
    if (!models->is_array())
        return Error::make(ErrorKind::BadResponse,
                           u"The Gemini API's model list has no array of models."_s);
    for (const json::Json& m : *models) {
        if (!m.is_object())
            continue;
        QString id = json::optString(m, "name");
        if (id.startsWith(u"models/"_s))
            id.remove(0, 7);
        if (id.isEmpty())
            continue;
        // Seen both spellings (python-genai maps supportedGenerationMethods to supported_actions).
        QStringList methods = json::optStringList(m, "supportedGenerationMethods");
        if (methods.isEmpty())
            methods = json::optStringList(m, "supportedActions");
        out.append({id, json::optString(m, "displayName", id), classifyGemini(id, methods)});
    }
    return out;
}

Result<QList<ModelInfo>> ModelCatalog::parseOpenAiList(const QByteArray& body)
{
    QString why;
    const json::Json doc = json::parse(body, &why);
    const auto data = doc.is_object() ? doc.find("data") : doc.end();
    if (!doc.is_object() || data == doc.end() || !data->is_array())
        return Error::make(ErrorKind::BadResponse,
                           u"The server's /models answer is not {\"data\": [...]}%1."_s.arg(
                               why.isEmpty() ? QString() : u" (%1)"_s.arg(why)));
    QList<ModelInfo> out;
    for (const json::Json& m : *data) {
        const QString id = m.is_object() ? json::optString(m, "id") : QString();
        if (!id.isEmpty())
            out.append({id, id, ModelKind::Text});
    }
    return out;
}

QList<ModelInfo> ModelCatalog::curatedFal()
{
    // fal-js libs/client/src/types/endpoints.ts (2026-08-02): Veo 3.1 text-to-video
    // endpoints; fal-ai/veo3 and fal-ai/veo3/fast left that list. Any other endpoint id can
    // still be typed as the account's video model.
    return {{u"fal-ai/veo3.1/fast"_s, u"Veo 3.1 Fast"_s, ModelKind::Video},
            {u"fal-ai/veo3.1"_s, u"Veo 3.1"_s, ModelKind::Video},
            {u"fal-ai/veo3.1/lite"_s, u"Veo 3.1 Lite (720p/1080p)"_s, ModelKind::Video}};
}

Result<ModelList> ModelCatalog::fetch(const Account& account, const QString& key,
                                      const CancelToken& cancel)
{
    Result<ModelList> list = Error::make(
        ErrorKind::Unsupported,
        u"%1 accounts have no model list."_s.arg(ProviderRegistry::label(account.provider)));
    if (account.provider == provider::Gemini) {
        list = fetchGemini(account, key, cancel);
    } else if (account.provider == provider::OpenAi) {
        list = fetchOpenAi(account, key, cancel);
    } else if (account.provider == provider::Fal) {
        ModelList curated;
        curated.curated = true;
        curated.models = curatedFal();
        list = curated;
    }
    if (!list)
        return list;
    ModelList out = *list;
    out.accountId = account.id;
    out.fetchedAt = QDateTime::currentDateTimeUtc();
    return out;
}

QString ModelCatalog::choose(const QStringList& preferences, const ModelList& served)
{
    for (const QString& id : preferences)
        if (served.serves(id))
            return id;
    return {};
}

QString ModelCatalog::cacheFile(const QString& accountId)
{
    return QDir(appCacheDir(u"models"_s)).filePath(u"%1.json"_s.arg(accountId));
}

namespace {

std::optional<ModelList> readList(const QString& path, const QString& accountId)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const json::Json doc = json::parse(f.read(4 << 20), nullptr);
    if (!doc.is_object() || !doc.contains("models") || !doc["models"].is_array())
        return std::nullopt;
    ModelList list;
    list.accountId = accountId;
    list.fetchedAt = QDateTime::fromString(json::optString(doc, "fetched_at"), Qt::ISODateWithMs);
    list.curated = doc.value("curated", false);
    for (const json::Json& m : doc["models"]) {
        if (!m.is_object() || json::optString(m, "id").isEmpty())
            continue;
        list.models.append({json::optString(m, "id"), json::optString(m, "display_name"),
                            kindFromName(json::optString(m, "kind"))});
    }
    return list;
}

// Lists already read, by file path. cached() is asked on the main thread before each
// submission: a file is parsed again only when it changed (another program wrote it) or was
// stored here, otherwise only looked at.
struct ReadLists
{
    struct Entry
    {
        QDateTime modified;
        qint64 size = -1;
        std::optional<ModelList> list;
    };
    QMutex mutex;
    QHash<QString, Entry> entries;
};

ReadLists& readLists()
{
    static ReadLists lists;
    return lists;
}

} // namespace

std::optional<ModelList> ModelCatalog::cached(const QString& accountId)
{
    if (!Account::isValidId(accountId))
        return std::nullopt;
    const QString path = cacheFile(accountId);
    const QFileInfo info(path);
    if (!info.exists())
        return std::nullopt;
    ReadLists& lists = readLists();
    QMutexLocker lock(&lists.mutex);
    ReadLists::Entry& entry = lists.entries[path];
    if (entry.modified != info.lastModified() || entry.size != info.size()) {
        entry.list = readList(path, accountId);
        entry.modified = info.lastModified();
        entry.size = info.size();
    }
    return entry.list;
}

Status ModelCatalog::store(const ModelList& list)
{
    if (!Account::isValidId(list.accountId))
        return Error::make(ErrorKind::Invalid, u"No account for this model list."_s);
    json::Json models = json::Json::array();
    for (const ModelInfo& m : list.models)
        models.push_back(
            {{"id", m.id}, {"display_name", m.displayName}, {"kind", modelKindName(m.kind)}});
    const json::Json doc = {{"account", list.accountId},
                            {"fetched_at", list.fetchedAt.toString(Qt::ISODateWithMs)},
                            {"curated", list.curated},
                            {"models", models}};
    const QString path = cacheFile(list.accountId);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    const QByteArray bytes = QByteArray::fromStdString(json::dump(doc, 2)) + '\n';
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Error::make(ErrorKind::Io, u"Cannot keep the model list in %1: %2"_s.arg(
                                              QDir::toNativeSeparators(path), f.errorString()));
    {
        ReadLists& lists = readLists();
        QMutexLocker lock(&lists.mutex);
        lists.entries.remove(path);
    }
    return {};
}

} // namespace t2v

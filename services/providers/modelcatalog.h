#pragma once

// The models an account can use, as its service lists them, so that no request names a model
// the key cannot reach and the default is the first preferred model that is actually served.
//
//   Gemini API   GET /v1beta/models?pageSize=1000[&pageToken=T], every page; sorted by
//                supportedGenerationMethods (python-genai models.py _ListModelsConfig_to_mldev,
//                _Model_from_mldev): generateContent = text, predictLongRunning = video (Veo),
//                predict = image (Imagen); Gemini Omni models carry no marker of their own and
//                are known by the name prefix "gemini-omni" (Interactions API).
//   OpenAI-style GET /v1/models -> {"data": [{"id": ...}]}; every entry counts as text.
//   fal.ai       no listing endpoint for a key: a curated list of current video endpoints.
//
// A list is kept per account in <cache>/models/<account>.json and refreshed on demand.

#include "core/account.h"
#include "core/canceltoken.h"
#include "core/error.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace t2v {

enum class ModelKind { Text, Video, Omni, Image, Other };

QString modelKindName(ModelKind kind); // "text", "video", "omni", "image", "other"

struct ModelInfo
{
    QString id; // as requests name it: "veo-3.1-fast-generate-preview", not "models/..."
    QString displayName;
    ModelKind kind = ModelKind::Other;

    bool operator==(const ModelInfo&) const = default;
};

struct ModelList
{
    QString accountId;
    QDateTime fetchedAt;
    bool curated = false; // not asked from the service (fal.ai)
    QList<ModelInfo> models;

    QStringList ids(ModelKind kind) const;
    bool serves(const QString& id) const;
};

class ModelCatalog
{
public:
    // One page of GET /v1beta/models; `nextPageToken` is empty on the last page.
    static Result<QList<ModelInfo>> parseGeminiPage(const QByteArray& body, QString* nextPageToken);
    static ModelKind classifyGemini(const QString& id, const QStringList& methods);
    static Result<QList<ModelInfo>> parseOpenAiList(const QByteArray& body);
    static QList<ModelInfo> curatedFal();

    // Blocking (run it on the control pool): asks the account's service.
    static Result<ModelList> fetch(const Account& account, const QString& key,
                                   const CancelToken& cancel = {});

    // The first of `preferences` that `served` offers, else an empty string.
    static QString choose(const QStringList& preferences, const ModelList& served);

    // The list kept for an account; nothing when it was never fetched or cannot be read.
    static QString cacheFile(const QString& accountId);
    static std::optional<ModelList> cached(const QString& accountId);
    static Status store(const ModelList& list);
};

} // namespace t2v

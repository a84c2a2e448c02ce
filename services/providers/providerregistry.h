#pragma once

// Everything T2V Studio knows about each provider, one row per provider: its label, public
// endpoint and default models, when it needs a key, what it can do, which fields the account
// editor offers, how its errors read, and how to make its text or video client. Nothing
// outside this file and the provider files compares provider ids. Adding a provider is one
// new file plus one row in providerregistry.cpp.

#include "core/account.h"
#include "core/canceltoken.h"
#include "core/error.h"
#include "image/imageprovider.h"
#include "llm/llmprovider.h"
#include "video/videoprovider.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace t2v {

namespace provider {
inline const QString Offline = QStringLiteral("offline"); // offline draft writer (no AI)
inline const QString Local = QStringLiteral("local");     // local animatic renderer
inline const QString OpenAi = QStringLiteral("openai");   // any OpenAI-compatible chat server
inline const QString Gemini = QStringLiteral("gemini");   // Gemini API: text and Veo video
inline const QString Fal = QStringLiteral("fal");         // fal.ai queue
inline const QString ComfyUi = QStringLiteral("comfyui"); // ComfyUI on the user's GPU
inline const QString VideoServer =
    QStringLiteral("openai-video"); // OpenAI-style /v1/videos server on the user's GPU
} // namespace provider

enum class Capability {
    Text,                // writes scripts
    VideoFromText,       // text-to-video
    VideoFromImage,      // first frame to video
    VideoFromReferences, // reference images to video
    VideoExtension,      // extends an earlier clip
    Image,               // makes images
};

enum class KeyRule {
    None,                    // built in, no service
    Required,                // always
    RequiredForPublicServer, // only at the public endpoint; a local server may run without
    Optional                 // sent when one is stored (a proxy in front of a local server)
};

// Which fields the account editor shows for the provider, with hints.
struct EditorFields
{
    bool baseUrl = true;
    bool textModel = false;
    bool videoModel = false;
    bool tokenLimitField = false;
    bool personGeneration = false;
    QString baseUrlHint;
    QString textModelHint;
    QString videoModelHint;
    bool startDeadline = false;  // fal.ai: how long a request may wait to start
    bool mediaExpiry = false;    // fal.ai: how long results are kept
    bool quotaGroup = false;     // Gemini: keys of one Google Cloud project share its limits
    bool videoModelFile = false; // ComfyUI: the video model may be a workflow file
};

struct ProviderRow
{
    QString id;
    const char* label = ""; // translated in the "Providers" context
    QString publicBaseUrl;
    // Used when the account names no model and nothing is known of what it serves.
    QString defaultTextModel;
    QString defaultVideoModel;
    QString defaultImageModel; // for references and keyframes (Capability::Image)
    // With a model list of the account (ModelCatalog), the first of these it serves wins.
    QStringList textPreferences;
    QStringList videoPreferences;
    // The service lists the models a key can use (ModelCatalog::fetch); without a list kept,
    // the video model is chosen from it on the first submission.
    bool listsModels = false;
    KeyRule keyRule = KeyRule::Required;
    QList<Capability> capabilities;
    EditorFields editor;
    bool builtIn = false; // an account of this provider always exists and has its id
    int builtInMaxJobs = 2;
    // A new account's jobs at once and requests per minute. A server on the user's own GPU:
    // one job per GPU (VideoProvider::queueAhead keeps the next one waiting on it), and no
    // rate limit worth the name.
    int defaultMaxJobs = 2;
    int defaultRequestsPerMinute = 10;
    // Provider-specific rules for an account; empty when it is fine. Cheap and pure: it runs
    // for every account whenever accounts.json is read.
    std::function<QString(const Account&)> validate;
    // Why the account's video model cannot be used, read from where it lives (a ComfyUI
    // workflow file); empty when it can. Checked when the account is added and before a run
    // sends anything (unservedVideoModel).
    std::function<QString(const Account&)> checkVideoModel;
    // Makes the error of a failed request readable (e.g. a wrong key answered with 400).
    std::function<Error(Error)> classifyError;
    std::function<std::shared_ptr<LlmProvider>(const LlmConfig&)> makeText;
    std::function<std::shared_ptr<VideoProvider>(const Account&, const QString& key,
                                                 const VideoProviderOptions&)>
        makeVideo;
    std::function<std::shared_ptr<ImageProvider>(const Account&, const QString& key,
                                                 const VideoProviderOptions&)>
        makeImage;
};

class ProviderRegistry
{
public:
    static const QList<ProviderRow>& rows();
    static const ProviderRow* find(const QString& providerId);

    // Translated label, or the id for an unknown provider.
    static QString label(const QString& providerId);
    // Providers a person can add accounts of (the built-in ones always exist).
    static QStringList addable();
    static QList<Account> builtInAccounts();

    static bool has(const Account& account, Capability capability);
    static bool canWriteScripts(const Account& account);
    static bool canMakeVideos(const Account& account);
    static bool usesKey(const Account& account);    // a stored key is read and sent
    static bool needsKey(const Account& account);   // no request without one
    static QString baseUrl(const Account& account); // the account's, else the public one
    // The account's model; else the first preferred one its kept model list serves; else the
    // row's default.
    static QString textModel(const Account& account);
    static QString videoModel(const Account& account);
    // The account's image model, else the row's default.
    static QString imageModel(const Account& account);
    static bool canMakeImages(const Account& account);
    // Blocking, for a pool thread: videoModel(), after asking the service for the key's model
    // list when none is kept and the account names no model; the first preferred model the
    // key serves, else its first video model. An error (nothing was sent to be paid for) when
    // the list cannot be had or serves no video model.
    static Result<QString> resolveVideoModel(const Account& account, const QString& key,
                                             const CancelToken& cancel)
    {
        return resolveModel(account, key, cancel, true);
    }
    // The same for the text model.
    static Result<QString> resolveTextModel(const Account& account, const QString& key,
                                            const CancelToken& cancel)
    {
        return resolveModel(account, key, cancel, false);
    }
    static bool textModelFoundOnFirstUse(const Account& account);
    // True when the account names no video model and its service's list was never asked:
    // resolveVideoModel() will choose on the first submission.
    static bool videoModelFoundOnFirstUse(const Account& account);
    // Empty when the account's chosen video model is served, or when nothing is known; else
    // why not, naming the models the account can use (or what its workflow lacks).
    static QString unservedVideoModel(const Account& account);
    // Account::validate() and the provider's own rules; empty when valid.
    static QString validate(const Account& account);
    static Error classify(const Account& account, Error error);

private:
    static Result<QString> resolveModel(const Account& account, const QString& key,
                                        const CancelToken& cancel, bool video);
};

} // namespace t2v

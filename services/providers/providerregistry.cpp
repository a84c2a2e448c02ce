#include "providerregistry.h"

#include "core/logging.h"
#include "core/safepath.h"
#include "image/cardimageprovider.h"
#include "image/geminiimageprovider.h"
#include "image/openaiimageprovider.h"
#include "image/polledimageprovider.h"
#include "llm/geminiprovider.h"
#include "llm/offlinedraftprovider.h"
#include "llm/openaichatprovider.h"
#include "net/providererror.h"
#include "providers/modelcatalog.h"
#include "video/comfyuiprovider.h"
#include "video/falprovider.h"
#include "video/geminivideoprovider.h"
#include "video/localanimaticprovider.h"
#include "video/openaivideoprovider.h"

#include <QCoreApplication>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

ProviderRow offlineRow()
{
    ProviderRow offline;
    offline.id = provider::Offline;
    offline.label = QT_TRANSLATE_NOOP("Providers", "Offline draft (no AI)");
    offline.keyRule = KeyRule::None;
    offline.capabilities = {Capability::Text};
    offline.editor.baseUrl = false;
    offline.builtIn = true;
    offline.builtInMaxJobs = 10;
    offline.makeText = [](const LlmConfig&) { return std::make_shared<OfflineDraftProvider>(); };
    return offline;
}

ProviderRow localRow()
{
    ProviderRow local;
    local.id = provider::Local;
    local.label = QT_TRANSLATE_NOOP("Providers", "Local animatic (FFmpeg)");
    local.defaultVideoModel = u"animatic"_s;
    local.defaultImageModel = u"card"_s;
    local.keyRule = KeyRule::None;
    // The animatic draws the characters' reference cards into their scenes.
    local.capabilities = {Capability::VideoFromText, Capability::VideoFromReferences,
                          Capability::Image};
    local.editor.baseUrl = false;
    local.builtIn = true;
    local.makeVideo = [](const Account&, const QString&, const VideoProviderOptions& o) {
        return std::make_shared<LocalAnimaticProvider>(
            o.renderCacheDir.isEmpty() ? LocalAnimaticProvider::defaultCacheDir()
                                       : o.renderCacheDir,
            o.ffmpegPath);
    };
    local.makeImage = [](const Account&, const QString&, const VideoProviderOptions& o) {
        return std::make_shared<CardImageProvider>(o.ffmpegPath);
    };
    return local;
}

ProviderRow geminiRow()
{
    ProviderRow gemini;
    gemini.id = provider::Gemini;
    gemini.label = QT_TRANSLATE_NOOP("Providers", "Google Gemini API (text, Veo, Omni)");
    gemini.publicBaseUrl = u"https://generativelanguage.googleapis.com"_s;
    // The -preview Veo ids are reported shut down since 2026-10-22, but the -001 ids are
    // Vertex ids that the Developer API answered "not found" for in July 2026 (python-genai
    // tests/shared/models/test_generate_videos.py). Which one a key can use is for model
    // discovery to find out: the first submission of an account that names no model asks for
    // the key's list (resolveVideoModel). So there is no default video id: none is known to
    // stay served.
    // Quality per dollar first, GA before -preview (Google retires -preview ids,
    // provider-apis.md §7.1): Veo 3.1 Fast, then Gemini Omni Flash (Interactions API, "the
    // default model for video generation" in Google's docs, about the same price per second),
    // then Lite, and Veo 3.1 standard (about 4x the price) only when nothing cheaper is served.
    gemini.textPreferences = {u"gemini-2.5-flash"_s,      u"gemini-3.5-flash"_s,
                              u"gemini-3.5-flash-lite"_s, u"gemini-3-flash"_s,
                              u"gemini-2.5-flash-lite"_s, u"gemini-2.5-pro"_s};
    gemini.videoPreferences = {u"veo-3.1-fast-generate-001"_s, u"veo-3.1-fast-generate-preview"_s,
                               u"gemini-omni-1.1-flash"_s,     u"gemini-omni-flash-preview"_s,
                               u"veo-3.1-lite-generate-001"_s, u"veo-3.1-lite-generate-preview"_s,
                               u"veo-3.1-generate-001"_s,      u"veo-3.1-generate-preview"_s,
                               u"veo-3.0-fast-generate-001"_s, u"veo-3.0-generate-001"_s};
    gemini.listsModels = true;
    gemini.keyRule = KeyRule::Required;
    gemini.capabilities = {Capability::Text, Capability::VideoFromText, Capability::VideoFromImage,
                           Capability::VideoFromReferences, Capability::Image};
    // "Nano Banana" (generateContent with image output).
    gemini.defaultImageModel = u"gemini-2.5-flash-image"_s;
    gemini.editor = {
        true,
        true,
        true,
        false,
        true,
        {},
        u"automatic: the first of Gemini 2.5 Flash, 3.5 Flash, ... the key serves"_s,
        u"automatic: the first of Veo 3.1 Fast, Gemini Omni Flash, ... the key serves"_s,
        false,
        false,
        true};
    gemini.classifyError = classifyGoogleError;
    gemini.makeText = [](const LlmConfig& c) { return std::make_shared<GeminiProvider>(c); };
    gemini.makeVideo = [](const Account& a, const QString& key, const VideoProviderOptions&) {
        // Known now: the account's model or one its kept list serves. Otherwise the first
        // submission asks the service which models the key can use.
        const QString known = ProviderRegistry::videoModelFoundOnFirstUse(a)
                                  ? QString()
                                  : ProviderRegistry::videoModel(a);
        return std::make_shared<GeminiVideoProvider>(
            a.baseUrl, key, known, a.personGeneration, appCacheDir(u"inline"_s),
            [a, key](const CancelToken& cancel) {
                return ProviderRegistry::resolveVideoModel(a, key, cancel);
            });
    };
    gemini.makeImage = [](const Account& a, const QString& key, const VideoProviderOptions&) {
        return std::make_shared<GeminiImageProvider>(a.baseUrl, key,
                                                     ProviderRegistry::imageModel(a));
    };
    return gemini;
}

ProviderRow openaiRow()
{
    ProviderRow openai;
    openai.id = provider::OpenAi;
    openai.label = QT_TRANSLATE_NOOP("Providers", "OpenAI-compatible chat");
    openai.publicBaseUrl = u"https://api.openai.com/v1"_s;
    openai.listsModels = true;
    openai.keyRule = KeyRule::RequiredForPublicServer;
    openai.capabilities = {Capability::Text, Capability::Image};
    openai.defaultImageModel = u"gpt-image-1"_s;
    openai.editor = {true,
                     true,
                     false,
                     true,
                     false,
                     u"https://api.openai.com/v1, or e.g. http://localhost:11434/v1 for Ollama"_s,
                     u"gpt-4o-mini, llama3.1, ..."_s,
                     {}};
    openai.validate = [](const Account& a) {
        return a.model.trimmed().isEmpty()
                   ? u"An OpenAI-compatible account needs a model name (for example gpt-4o-mini "
                     u"or llama3.1)."_s
                   : QString();
    };
    openai.makeText = [](const LlmConfig& c) { return std::make_shared<OpenAiChatProvider>(c); };
    openai.makeImage = [](const Account& a, const QString& key, const VideoProviderOptions&) {
        const QString base = ProviderRegistry::baseUrl(a);
        const bool paid = isSameServer(base, u"https://api.openai.com/v1"_s);
        // A local server serves the model it has: no name is sent unless the account sets one.
        return std::make_shared<OpenAiImageProvider>(
            base, key, paid ? ProviderRegistry::imageModel(a) : a.imageModel.trimmed(), paid);
    };
    return openai;
}

ProviderRow falRow()
{
    ProviderRow fal;
    fal.id = provider::Fal;
    fal.label = QT_TRANSLATE_NOOP("Providers", "fal.ai queue");
    fal.publicBaseUrl = u"https://queue.fal.run"_s;
    // Veo 3.1 Fast, text to video (fal-js endpoints.ts lists fal-ai/veo3.1/fast; fal-ai/veo3
    // and fal-ai/veo3/fast left that list on 2026-08-02).
    fal.defaultVideoModel = u"fal-ai/veo3.1/fast"_s;
    for (const ModelInfo& m : ModelCatalog::curatedFal())
        fal.videoPreferences.append(m.id);
    fal.keyRule = KeyRule::Required;
    fal.capabilities = {Capability::VideoFromText, Capability::VideoFromImage,
                        Capability::VideoFromReferences, Capability::Image};
    fal.defaultImageModel = u"fal-ai/flux/schnell"_s;
    fal.editor = {true, false, true, false, false, {}, {}, fal.defaultVideoModel, true, true};
    fal.makeVideo = [](const Account& a, const QString& key, const VideoProviderOptions&) {
        return std::make_shared<FalProvider>(
            a.baseUrl, key, ProviderRegistry::videoModel(a),
            FalOptions{a.startDeadlineSeconds, a.mediaExpirySeconds});
    };
    fal.makeImage = [](const Account& a, const QString& key, const VideoProviderOptions&) {
        return std::make_shared<PolledImageProvider>(
            std::make_shared<FalProvider>(
                a.baseUrl, key, ProviderRegistry::imageModel(a),
                FalOptions{a.startDeadlineSeconds, a.mediaExpirySeconds, true}),
            false);
    };
    return fal;
}

QString needsServerAddress(const Account& a, const char* example)
{
    const QUrl url(a.baseUrl.trimmed());
    if (a.baseUrl.trimmed().isEmpty() || !url.isValid() ||
        (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty())
        return u"The account \"%1\" needs the address of its server, such as %2."_s.arg(
            a.id, QLatin1String(example));
    return {};
}

ProviderRow comfyUiRow()
{
    ProviderRow comfy;
    comfy.id = provider::ComfyUi;
    comfy.label = QT_TRANSLATE_NOOP("Providers", "ComfyUI on your GPU (workflow)");
    // The "video model" of a ComfyUI account is its workflow: a shipped template or the path
    // of one exported with Save (API Format).
    comfy.defaultVideoModel = ComfyWorkflow::defaultName();
    comfy.videoPreferences = ComfyWorkflow::shippedNames(ComfyWorkflow::Saves::Videos);
    comfy.keyRule = KeyRule::Optional;
    comfy.capabilities = {Capability::VideoFromText, Capability::VideoFromImage, Capability::Image};
    comfy.defaultImageModel = ComfyWorkflow::defaultImageName();
    comfy.editor.videoModel = true;
    comfy.editor.videoModelFile = true;
    comfy.editor.baseUrlHint = u"http://127.0.0.1:8188"_s;
    comfy.editor.videoModelHint =
        u"workflow: %1 (shipped), or the path of an API-format JSON"_s.arg(
            ComfyWorkflow::shippedNames(ComfyWorkflow::Saves::Videos).join(u", "_s));
    comfy.defaultMaxJobs = 1;
    comfy.defaultRequestsPerMinute = 600;
    comfy.validate = [](const Account& a) {
        return needsServerAddress(a, "http://127.0.0.1:8188");
    };
    comfy.checkVideoModel = [](const Account& a) {
        Result<ComfyWorkflow> workflow = ComfyWorkflow::load(a.videoModel);
        if (!workflow)
            return u"The account \"%1\" cannot render: %2"_s.arg(a.id, workflow.error().message);
        if (workflow->savesImages())
            return u"The account \"%1\" cannot render: its workflow \"%2\" saves images, not "
                   u"videos (choose it as the image model)."_s.arg(a.id, workflow->name());
        return QString();
    };
    comfy.makeVideo = [](const Account& a, const QString& key, const VideoProviderOptions&) {
        return std::make_shared<ComfyUiProvider>(a.baseUrl, key, a.videoModel);
    };
    comfy.makeImage = [](const Account& a, const QString& key, const VideoProviderOptions&) {
        return std::make_shared<PolledImageProvider>(
            std::make_shared<ComfyUiProvider>(a.baseUrl, key, ProviderRegistry::imageModel(a),
                                              ComfyUiProvider::Saves::Images),
            false);
    };
    return comfy;
}

ProviderRow videoServerRow()
{
    ProviderRow server;
    server.id = provider::VideoServer;
    server.label = QT_TRANSLATE_NOOP("Providers", "Video server on your GPU (/v1/videos)");
    server.keyRule = KeyRule::Optional;
    // vLLM-Omni and SGLang Diffusion also serve /v1/images/generations.
    server.capabilities = {Capability::VideoFromText, Capability::VideoFromImage,
                           Capability::Image};
    server.editor.videoModel = true;
    server.editor.baseUrlHint =
        u"http://127.0.0.1:8091/v1 (vLLM-Omni) or http://127.0.0.1:30000/v1 (SGLang)"_s;
    server.editor.videoModelHint = u"optional: the served model, as GET /v1/models names it"_s;
    server.defaultMaxJobs = 1;
    server.defaultRequestsPerMinute = 600;
    server.validate = [](const Account& a) {
        return needsServerAddress(a, "http://127.0.0.1:8091/v1");
    };
    server.makeVideo = [](const Account& a, const QString& key, const VideoProviderOptions&) {
        return std::make_shared<OpenAiVideoProvider>(a.baseUrl, key, a.videoModel);
    };
    server.makeImage = [](const Account& a, const QString& key, const VideoProviderOptions&) {
        return std::make_shared<OpenAiImageProvider>(a.baseUrl, key, a.imageModel.trimmed(), false);
    };
    return server;
}

QList<ProviderRow> makeRows()
{
    return {offlineRow(), localRow(),   geminiRow(),     openaiRow(),
            falRow(),     comfyUiRow(), videoServerRow()};
}

} // namespace

const QList<ProviderRow>& ProviderRegistry::rows()
{
    static const QList<ProviderRow> all = makeRows();
    return all;
}

const ProviderRow* ProviderRegistry::find(const QString& providerId)
{
    for (const ProviderRow& row : rows()) {
        if (row.id == providerId)
            return &row;
    }
    return nullptr;
}

QString ProviderRegistry::label(const QString& providerId)
{
    const ProviderRow* row = find(providerId);
    return row ? QCoreApplication::translate("Providers", row->label) : providerId;
}

QStringList ProviderRegistry::addable()
{
    QStringList ids;
    for (const ProviderRow& row : rows()) {
        if (!row.builtIn)
            ids.append(row.id);
    }
    return ids;
}

QList<Account> ProviderRegistry::builtInAccounts()
{
    QList<Account> out;
    for (const ProviderRow& row : rows()) {
        if (!row.builtIn)
            continue;
        Account a;
        a.id = row.id;
        a.label = QCoreApplication::translate("Providers", row.label);
        a.provider = row.id;
        a.maxConcurrentJobs = row.builtInMaxJobs;
        a.requestsPerMinute = 6000;
        out.append(a);
    }
    return out;
}

bool ProviderRegistry::has(const Account& account, Capability capability)
{
    const ProviderRow* row = find(account.provider);
    return row && row->capabilities.contains(capability);
}

bool ProviderRegistry::canWriteScripts(const Account& account)
{
    return has(account, Capability::Text);
}

bool ProviderRegistry::canMakeVideos(const Account& account)
{
    return has(account, Capability::VideoFromText);
}

bool ProviderRegistry::canMakeImages(const Account& account)
{
    const ProviderRow* row = find(account.provider);
    return row && row->makeImage && has(account, Capability::Image);
}

QString ProviderRegistry::imageModel(const Account& account)
{
    if (!account.imageModel.trimmed().isEmpty())
        return account.imageModel.trimmed();
    const ProviderRow* row = find(account.provider);
    return row ? row->defaultImageModel : QString();
}

bool ProviderRegistry::usesKey(const Account& account)
{
    const ProviderRow* row = find(account.provider);
    return row && row->keyRule != KeyRule::None;
}

bool ProviderRegistry::needsKey(const Account& account)
{
    const ProviderRow* row = find(account.provider);
    if (!row)
        return false;
    switch (row->keyRule) {
    case KeyRule::None:
        return false;
    case KeyRule::Required:
        return true;
    case KeyRule::RequiredForPublicServer:
        return account.baseUrl.isEmpty();
    case KeyRule::Optional:
        return false;
    }
    return true;
}

QString ProviderRegistry::baseUrl(const Account& account)
{
    if (!account.baseUrl.isEmpty())
        return account.baseUrl;
    const ProviderRow* row = find(account.provider);
    return row ? row->publicBaseUrl : QString();
}

QString ProviderRegistry::textModel(const Account& account)
{
    if (!account.model.isEmpty())
        return account.model;
    const ProviderRow* row = find(account.provider);
    if (!row)
        return {};
    if (!row->textPreferences.isEmpty()) {
        if (const auto served = ModelCatalog::cached(account.id)) {
            if (QString chosen = ModelCatalog::choose(row->textPreferences, *served);
                !chosen.isEmpty())
                return chosen;
            if (const QStringList other = served->ids(ModelKind::Text); !other.isEmpty())
                return other.first();
        }
    }
    return row->defaultTextModel;
}

QString ProviderRegistry::videoModel(const Account& account)
{
    if (!account.videoModel.isEmpty())
        return account.videoModel;
    const ProviderRow* row = find(account.provider);
    if (!row)
        return {};
    if (!row->videoPreferences.isEmpty()) {
        if (const auto served = ModelCatalog::cached(account.id)) {
            if (QString chosen = ModelCatalog::choose(row->videoPreferences, *served);
                !chosen.isEmpty())
                return chosen;
            // None of ours: the first video model the key serves beats a guess.
            const QStringList other = served->ids(ModelKind::Video) + served->ids(ModelKind::Omni);
            if (!other.isEmpty())
                return other.first();
        }
    }
    return row->defaultVideoModel;
}

Result<QString> ProviderRegistry::resolveModel(const Account& account, const QString& key,
                                               const CancelToken& cancel, bool video)
{
    if (!(video ? videoModelFoundOnFirstUse(account) : textModelFoundOnFirstUse(account)))
        return video ? videoModel(account) : textModel(account);
    const QString kind = video ? u"video"_s : u"text"_s;
    Result<ModelList> list = ModelCatalog::fetch(account, key, cancel);
    if (!list) {
        Error e = classify(account, list.error());
        e.message = u"Cannot learn which %1 models the key of \"%2\" can use: %3 Choose a %1 "
                    u"model for the account, or try again."_s.arg(kind, account.id, e.message);
        e.requestSent = false; // only the model list was asked for: nothing to pay for
        return e;
    }
    if (Status kept = ModelCatalog::store(*list); !kept)
        qCWarning(video ? lcVideo : lcLlm).noquote() << kept.error().message;
    const ProviderRow* row = find(account.provider);
    const QStringList& preferences = video ? row->videoPreferences : row->textPreferences;
    if (QString chosen = ModelCatalog::choose(preferences, *list); !chosen.isEmpty())
        return chosen;
    const QStringList served = video ? list->ids(ModelKind::Video) + list->ids(ModelKind::Omni)
                                     : list->ids(ModelKind::Text);
    if (!served.isEmpty())
        return served.first();
    return Error::make(
        ErrorKind::Invalid,
        u"The key of \"%1\" can use no %2 model (its service lists none)."_s.arg(account.id, kind));
}

bool ProviderRegistry::textModelFoundOnFirstUse(const Account& account)
{
    const ProviderRow* row = find(account.provider);
    return row && row->listsModels && !row->textPreferences.isEmpty() && account.model.isEmpty() &&
           !ModelCatalog::cached(account.id);
}

bool ProviderRegistry::videoModelFoundOnFirstUse(const Account& account)
{
    const ProviderRow* row = find(account.provider);
    return row && row->listsModels && !row->videoPreferences.isEmpty() &&
           account.videoModel.isEmpty() && !ModelCatalog::cached(account.id);
}

QString ProviderRegistry::unservedVideoModel(const Account& account)
{
    if (const ProviderRow* row = find(account.provider); row && row->checkVideoModel) {
        if (QString why = row->checkVideoModel(account); !why.isEmpty())
            return why;
    }
    const auto served = ModelCatalog::cached(account.id);
    if (!served || served->curated || !canMakeVideos(account))
        return {};
    const QString model = videoModel(account);
    const QStringList usable = served->ids(ModelKind::Video) + served->ids(ModelKind::Omni);
    if (model.isEmpty() && usable.isEmpty())
        return u"The key of the account \"%1\" can use no video model (the list its service "
               u"gave names none). Refresh the list with \"t2v accounts models --id %1\" or in "
               u"Accounts if that has changed."_s.arg(account.id);
    if (model.isEmpty() || served->serves(model))
        return {};
    return u"The account \"%1\" renders with the model \"%2\", which its key cannot use "
           u"(retired or unknown). Video models it can use: %3. Choose one with --video-model "
           u"or in Accounts, or refresh the list with \"t2v accounts models --id %1\"."_s.arg(
               account.id, model, usable.isEmpty() ? u"none"_s : usable.join(u", "_s));
}

QString ProviderRegistry::validate(const Account& account)
{
    if (const QString why = account.validate(); !why.isEmpty())
        return why;
    const ProviderRow* row = find(account.provider);
    if (!row) {
        QStringList ids;
        for (const ProviderRow& r : rows())
            ids.append(r.id);
        return u"Unknown provider \"%1\"; choose one of: %2."_s.arg(account.provider,
                                                                    ids.join(u", "_s));
    }
    return row->validate ? row->validate(account) : QString();
}

Error ProviderRegistry::classify(const Account& account, Error error)
{
    const ProviderRow* row = find(account.provider);
    return row && row->classifyError ? row->classifyError(std::move(error)) : error;
}

} // namespace t2v

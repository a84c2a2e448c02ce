#include "accountscommand.h"

#include "cli/clisupport.h"
#include "core/json.h"
#include "core/limits.h"
#include "jobs/spend.h"
#include "providers/modelcatalog.h"
#include "providers/providerregistry.h"
#include "session/appservices.h"

#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace t2v::cli {
namespace {

const QString kCommand = u"accounts"_s;

// Reads the key from stdin: without echo on a terminal, one line from a pipe otherwise.
QString readKey(bool fromPipe)
{
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    if (!fromPipe && !terminal)
        return {};
    termios saved{};
    if (terminal) {
        std::fputs("API key (not shown): ", stderr);
        std::fflush(stderr);
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QTextStream in(stdin);
    const QString key = in.readLine().trimmed();
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputs("\n", stderr);
    }
    return key;
}

int list(AppServices& app, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption asJson(u"json"_s, u"Print JSON."_s);
    p.addOption(asJson);
    if (const int code = parseCommandLine(p, u"accounts list"_s, u"Lists the accounts."_s, args);
        code >= 0)
        return code;
    if (p.isSet(asJson)) {
        json::Json list = json::Json::array();
        for (const Account& a : app.accounts().accounts()) {
            json::Json o = a;
            o["key"] = app.keySource(a).replace(u"missing"_s, u"MISSING"_s);
            list.push_back(o);
        }
        std::fputs((json::dump(list, 2) + "\n").c_str(), stdout);
        return Done;
    }
    QString out = u"%1 %2 %3 %4 %5 %6\n"_s.arg(
        u"ID"_s.leftJustified(14), u"PROVIDER"_s.leftJustified(9), u"MODEL"_s.leftJustified(32),
        u"JOBS/RPM"_s.leftJustified(9), u"KEY"_s.leftJustified(12), u"STATE"_s);
    for (const Account& a : app.accounts().accounts()) {
        QString model = !ProviderRegistry::canMakeVideos(a) ? QString()
                        : ProviderRegistry::videoModelFoundOnFirstUse(a)
                            ? u"auto"_s // chosen from the key's model list on first use
                            : ProviderRegistry::videoModel(a);
        if (ProviderRegistry::canWriteScripts(a) && !a.model.isEmpty())
            model = model.isEmpty() ? a.model : a.model + u" + "_s + model;
        out += u"%1 %2 %3 %4 %5 %6\n"_s.arg(
            a.id.leftJustified(14), a.provider.leftJustified(9), model.left(32).leftJustified(32),
            u"%1/%2"_s.arg(a.maxConcurrentJobs).arg(a.requestsPerMinute).leftJustified(9),
            app.keySource(a).replace(u"missing"_s, u"MISSING"_s).leftJustified(12),
            (a.enabled
                 ? u"enabled"_s
                 : u"disabled"_s +
                       (a.disabledReason.isEmpty() ? QString() : u": "_s + a.disabledReason)) +
                (a.quotaGroup.isEmpty() ? QString() : u" (quota group %1)"_s.arg(a.quotaGroup)) +
                (a.dailyBudgetUsd > 0 ? u" (at most %1 a day)"_s.arg(formatUsd(a.dailyBudgetUsd))
                                      : QString()));
    }
    std::fputs(qPrintable(out), stdout);
    return Done;
}

int add(AppServices& app, const QStringList& args)
{
    const QString name = u"accounts add"_s;
    QCommandLineParser p;
    const QCommandLineOption id(u"id"_s, u"A short id: a-z, 0-9, - and _."_s, u"id"_s);
    const QCommandLineOption providerOpt(
        u"provider"_s, ProviderRegistry::addable().join(u", "_s) + u"."_s, u"name"_s);
    const QCommandLineOption label(u"label"_s, u"A name for people."_s, u"text"_s);
    const QCommandLineOption baseUrl(
        u"base-url"_s,
        u"Server address (OpenAI-compatible, ComfyUI and /v1/videos servers; others default to "
        u"the public endpoint)."_s,
        u"url"_s);
    const QCommandLineOption model(u"model"_s, u"LLM model (OpenAI-compatible and Gemini)."_s,
                                   u"name"_s);
    const QCommandLineOption videoModel(
        u"video-model"_s,
        u"Video model: Gemini Veo, a fal.ai model id, the model a /v1/videos server serves, or a "
        u"ComfyUI workflow (a shipped one such as wan2.1-t2v, or the path of a workflow saved "
        u"with Save (API Format))."_s,
        u"name"_s);
    const QCommandLineOption imageModel(
        u"image-model"_s,
        u"Image model for the characters' reference images (t2v refs): a Gemini image model, a "
        u"fal.ai image model id, an OpenAI-style image model, or a ComfyUI workflow that saves "
        u"images (sdxl-t2i is shipped). Default: the provider's."_s,
        u"name"_s);
    const QCommandLineOption maxJobs(
        u"max-jobs"_s,
        u"Video jobs at once on this account (default 2; a server on your own GPU: 1 per "
        u"GPU)."_s,
        u"n"_s);
    const QCommandLineOption rpm(
        u"rpm"_s, u"Requests per minute (default 10; your own server: 600)."_s, u"n"_s);
    const QCommandLineOption tokenField(
        u"token-field"_s, u"auto, max_tokens or max_completion_tokens."_s, u"field"_s, u"auto"_s);
    const QCommandLineOption startDeadline(
        u"start-deadline"_s,
        u"fal.ai: seconds a request may wait to start before it is given up, unbilled (0 = no "
        u"deadline)."_s,
        u"seconds"_s, u"0"_s);
    const QCommandLineOption mediaExpiry(
        u"media-expiry"_s,
        u"fal.ai: seconds the service keeps finished clips (0 = its default; at least 3600)."_s,
        u"seconds"_s, u"0"_s);
    const QCommandLineOption quotaGroup(
        u"quota-group"_s,
        u"Accounts that share a quota (Gemini keys of one Google Cloud project): their requests "
        u"per minute, jobs at once and rate-limit waits count together."_s,
        u"name"_s);
    const QCommandLineOption dailyBudget(
        u"daily-budget"_s,
        u"The most this account may spend per day over every project, in US dollars (0 = no "
        u"cap); clips over it wait."_s,
        u"usd"_s, u"0"_s);
    const QCommandLineOption spendWindow(
        u"spend-window"_s,
        u"Dollars this account (its quota group) may spend per 10 minutes, as Gemini tiers "
        u"allow; requests are paced to it (0 = none)."_s,
        u"usd"_s, u"0"_s);
    const QCommandLineOption keyStdin(u"key-stdin"_s, u"Read the API key from standard input."_s);
    const QCommandLineOption storeOpt(
        u"store"_s,
        u"Where the key goes: keychain or file (an owner-only file in "
        u"the config folder)."_s,
        u"where"_s, u"keychain"_s);
    p.addOptions({id, providerOpt, label, baseUrl, model, videoModel, imageModel, maxJobs, rpm,
                  tokenField, startDeadline, mediaExpiry, quotaGroup, dailyBudget, spendWindow,
                  keyStdin, storeOpt});
    if (const int code =
            parseCommandLine(p, name,
                             u"Adds an account. The key is asked for without showing it, or "
                             u"read from standard input with --key-stdin; it is never stored "
                             u"in accounts.json."_s,
                             args);
        code >= 0)
        return code;
    Account a;
    a.id = p.value(id);
    a.provider = p.value(providerOpt);
    a.label = p.isSet(label) ? p.value(label) : a.id;
    a.baseUrl = p.value(baseUrl);
    a.model = p.value(model);
    a.videoModel = p.value(videoModel);
    a.imageModel = p.value(imageModel);
    const ProviderRow* row = ProviderRegistry::find(a.provider);
    a.maxConcurrentJobs = p.isSet(maxJobs) ? p.value(maxJobs).toInt()
                          : row            ? row->defaultMaxJobs
                                           : limits::MaxConcurrentJobs.fallback;
    a.requestsPerMinute = p.isSet(rpm) ? p.value(rpm).toInt()
                          : row        ? row->defaultRequestsPerMinute
                                       : limits::RequestsPerMinute.fallback;
    a.tokenLimitField = p.value(tokenField);
    a.quotaGroup = p.value(quotaGroup);
    bool deadlineOk = false;
    bool expiryOk = false;
    a.startDeadlineSeconds = p.value(startDeadline).toInt(&deadlineOk);
    a.mediaExpirySeconds = p.value(mediaExpiry).toInt(&expiryOk);
    if (!deadlineOk || !expiryOk)
        return usageError(name, u"--start-deadline and --media-expiry take whole seconds"_s);
    bool dailyOk = false;
    bool windowOk = false;
    a.dailyBudgetUsd = p.value(dailyBudget).toDouble(&dailyOk);
    a.spendWindowUsd = p.value(spendWindow).toDouble(&windowOk);
    if (!dailyOk || !windowOk)
        return usageError(name, u"--daily-budget and --spend-window take dollars, such as 25 or "
                                u"12.50"_s);
    if (row && row->builtIn)
        return usageError(name, u"\"%1\" is built in; add %2 accounts"_s.arg(
                                    a.provider, ProviderRegistry::addable().join(u", "_s)));
    if (const QString why = ProviderRegistry::validate(a); !why.isEmpty())
        return usageError(name, why);
    if (row && row->checkVideoModel) {
        if (const QString why = row->checkVideoModel(a); !why.isEmpty())
            return usageError(name, why);
    }
    const QString where = p.value(storeOpt);
    if (where != u"keychain"_s && where != u"file"_s)
        return usageError(name, u"--store must be keychain or file"_s);

    AccountStore* store = &app.accounts();
    SecretStore& secrets = app.secrets();
    QString key;
    const bool keyInEnvironment =
        !qEnvironmentVariable(qPrintable(SecretStore::environmentName(a.id))).isEmpty();
    const bool needsKey = ProviderRegistry::needsKey(a);
    if (p.isSet(keyStdin) || (needsKey && !keyInEnvironment)) {
        key = readKey(p.isSet(keyStdin));
        if (key.isEmpty() && needsKey && !keyInEnvironment)
            return fail(name,
                        u"No key was given. Pipe it with --key-stdin, or set %1 instead."_s.arg(
                            SecretStore::environmentName(a.id)));
    }
    if (!key.isEmpty()) {
        const Status saved = secrets.write(a.id, key,
                                           where == u"file"_s ? SecretStore::Backend::File
                                                              : SecretStore::Backend::Keychain);
        if (!saved)
            return fail(name, saved.error().message);
    }
    if (Status s = store->add(a); !s) {
        if (!key.isEmpty())
            (void)secrets.remove(a.id);
        return fail(name, s.error().message);
    }
    std::fprintf(stderr, "Added \"%s\" (%s)%s. Check it with: t2v accounts test --id %s\n",
                 qPrintable(a.id), qPrintable(ProviderRegistry::label(a.provider)),
                 key.isEmpty() ? "" : qPrintable(u", key in the "_s + where), qPrintable(a.id));
    return Done;
}

int remove(AppServices& app, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption id(u"id"_s, u"The account."_s, u"id"_s);
    p.addOption(id);
    if (const int code = parseCommandLine(p, u"accounts remove"_s,
                                          u"Removes an account and its stored key."_s, args);
        code >= 0)
        return code;
    if (!p.isSet(id))
        return usageError(u"accounts remove"_s, u"--id is required"_s);
    if (Status s = app.accounts().remove(p.value(id)); !s)
        return fail(u"accounts remove"_s, s.error().message);
    (void)app.secrets().remove(p.value(id));
    std::fprintf(stderr, "Removed \"%s\".\n", qPrintable(p.value(id)));
    return Done;
}

int test(AppServices& app, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption id(u"id"_s, u"The account."_s, u"id"_s);
    p.addOption(id);
    if (const int code = parseCommandLine(p, u"accounts test"_s,
                                          u"Makes one cheap authenticated request and says "
                                          u"ok, bad key or unreachable."_s,
                                          args);
        code >= 0)
        return code;
    if (!p.isSet(id))
        return usageError(u"accounts test"_s, u"--id is required"_s);
    const auto account = app.accounts().find(p.value(id));
    if (!account)
        return fail(u"accounts test"_s, u"There is no account \"%1\"."_s.arg(p.value(id)));
    const Status result = await<Status>([&](QObject* context, auto done) {
        app.testAccount(account->id, context, std::move(done));
    });
    if (result.ok()) {
        std::printf("%s: ok\n", qPrintable(account->id));
        return Done;
    }
    const Error& e = result.error();
    const QString verdict = AppServices::testVerdict(result);
    std::printf("%s: %s: %s\n", qPrintable(account->id), qPrintable(verdict),
                qPrintable(e.message));
    return Failed;
}

int models(AppServices& app, const QStringList& args)
{
    const QString name = u"accounts models"_s;
    QCommandLineParser p;
    const QCommandLineOption id(u"id"_s, u"The account."_s, u"id"_s);
    const QCommandLineOption asJson(u"json"_s, u"Print JSON."_s);
    const QCommandLineOption cachedOnly(u"cached"_s,
                                        u"Show the list kept from last time; ask nothing."_s);
    p.addOptions({id, asJson, cachedOnly});
    if (const int code = parseCommandLine(p, name,
                                          u"Lists the models the account's key can use (text, "
                                          u"video, Omni, image), keeps the list, and marks "
                                          u"the ones T2V Studio will use."_s,
                                          args);
        code >= 0)
        return code;
    if (!p.isSet(id))
        return usageError(name, u"--id is required"_s);
    const auto account = app.accounts().find(p.value(id));
    if (!account)
        return fail(name, u"There is no account \"%1\"."_s.arg(p.value(id)));
    Result<ModelList> list = Error::make(ErrorKind::Invalid, u"not asked"_s);
    if (p.isSet(cachedOnly)) {
        if (auto kept = ModelCatalog::cached(account->id))
            list = *kept;
        else
            return fail(name, u"No model list is kept for \"%1\"; run without --cached."_s.arg(
                                  account->id));
    } else {
        list = await<Result<ModelList>>([&](QObject* context, auto done) {
            app.refreshModels(account->id, context, std::move(done));
        });
    }
    if (!list)
        return fail(name, list.error());
    const QString text = ProviderRegistry::canWriteScripts(*account)
                             ? ProviderRegistry::textModel(*account)
                             : QString();
    const QString video = ProviderRegistry::canMakeVideos(*account)
                              ? ProviderRegistry::videoModel(*account)
                              : QString();
    if (p.isSet(asJson)) {
        json::Json models = json::Json::array();
        for (const ModelInfo& m : list->models)
            models.push_back(
                {{"id", m.id}, {"name", m.displayName}, {"kind", modelKindName(m.kind)}});
        const json::Json doc = {{"account", account->id},
                                {"curated", list->curated},
                                {"text_model", text},
                                {"video_model", video},
                                {"models", models}};
        std::printf("%s\n", json::dump(doc, 2).c_str());
        return Done;
    }
    for (ModelKind kind : {ModelKind::Text, ModelKind::Video, ModelKind::Omni, ModelKind::Image}) {
        const QStringList ids = list->ids(kind);
        if (ids.isEmpty())
            continue;
        std::printf("%s:\n", qPrintable(modelKindName(kind)));
        for (const QString& m : ids) {
            const bool used = m == text || m == video;
            std::printf("  %s %s\n", used ? "*" : " ", qPrintable(m));
        }
    }
    if (list->curated)
        std::printf("(a curated list: %s has no model listing; any endpoint id may be used)\n",
                    qPrintable(ProviderRegistry::label(account->provider)));
    if (const QString why = ProviderRegistry::unservedVideoModel(*account); !why.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return Failed;
    }
    std::printf("* = used by this account\n");
    return Done;
}

} // namespace

int runAccountsCommand(AppServices& app, const QStringList& args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == u"list"_s)
        return list(app, rest);
    if (sub == u"add"_s)
        return add(app, rest);
    if (sub == u"remove"_s)
        return remove(app, rest);
    if (sub == u"test"_s)
        return test(app, rest);
    if (sub == u"models"_s)
        return models(app, rest);
    if (sub == u"--help"_s || sub == u"-h"_s || sub.isEmpty()) {
        std::fputs("Usage: t2v accounts list [--json]\n"
                   "       t2v accounts add --id ID --provider PROVIDER [--base-url URL] "
                   "[--model M]\n"
                   "                        [--video-model M] [--image-model M] [--max-jobs N] "
                   "[--rpm N] "
                   "[--key-stdin] [--store keychain|file]\n"
                   "                        [--quota-group NAME] [--daily-budget USD] "
                   "[--spend-window USD]\n"
                   "                        [--start-deadline S] [--media-expiry S] (fal.ai)\n"
                   "       t2v accounts remove --id ID\n"
                   "       t2v accounts test --id ID\n"
                   "       t2v accounts models --id ID [--json] [--cached]\n"
                   "Keys: environment variable T2V_KEY_<ID> first, then the keychain, then the "
                   "secrets file.\n",
                   sub.isEmpty() ? stderr : stdout);
        return sub.isEmpty() ? UsageError : Done;
    }
    return usageError(
        kCommand, u"unknown sub-command \"%1\"; use list, add, remove, test or models"_s.arg(sub));
}

} // namespace t2v::cli

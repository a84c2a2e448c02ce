#include "llmproviders.h"

#include "accounts/secretstore.h"
#include "llm/geminiprovider.h"
#include "llm/offlinedraftprovider.h"
#include "llm/openaichatprovider.h"

#include <functional>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

using Factory = std::function<std::shared_ptr<LlmProvider>(const LlmConfig&)>;

struct Entry
{
    QString provider;
    Factory make;
};

const QList<Entry>& table()
{
    static const QList<Entry> entries{
        {provider::Offline,
         [](const LlmConfig&) { return std::make_shared<OfflineDraftProvider>(); }},
        {provider::OpenAi,
         [](const LlmConfig& c) { return std::make_shared<OpenAiChatProvider>(c); }},
        {provider::Gemini, [](const LlmConfig& c) { return std::make_shared<GeminiProvider>(c); }},
    };
    return entries;
}

} // namespace

Result<std::shared_ptr<LlmProvider>> LlmProviders::create(const Account& account,
                                                          const std::optional<QString>& key,
                                                          const QString& modelOverride)
{
    if (!account.enabled)
        return Error::make(ErrorKind::Invalid,
                           u"The account \"%1\" is disabled%2."_s.arg(
                               account.id, account.disabledReason.isEmpty()
                                               ? QString()
                                               : u" (%1)"_s.arg(account.disabledReason)));
    for (const Entry& e : table()) {
        if (e.provider != account.provider)
            continue;
        if (account.needsKey() && (!key || key->isEmpty()))
            return Error::make(
                ErrorKind::Auth,
                u"The account \"%1\" has no API key. Add one in Accounts, run \"t2v accounts "
                u"add\", or set %2."_s.arg(account.id, SecretStore::environmentName(account.id)));
        LlmConfig config;
        config.baseUrl = account.effectiveBaseUrl();
        config.apiKey = key.value_or(QString());
        config.model = modelOverride.isEmpty() ? account.model : modelOverride;
        config.tokenLimitField = account.tokenLimitField;
        return e.make(config);
    }
    return Error::make(ErrorKind::Unsupported,
                       u"The account \"%1\" (%2) cannot write scripts."_s.arg(
                           account.id, Account::providerLabel(account.provider)));
}

} // namespace t2v

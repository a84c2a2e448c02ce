#include "videoproviders.h"

#include "accounts/secretstore.h"
#include "video/falprovider.h"
#include "video/localanimaticprovider.h"
#include "video/veoprovider.h"

#include <functional>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

using Factory = std::function<std::shared_ptr<VideoProvider>(const Account&, const QString& key,
                                                             const VideoProviderOptions&)>;

struct Entry
{
    QString accountProvider;
    QString id;
    Factory make;
};

const QList<Entry>& table()
{
    static const QList<Entry> entries{
        {provider::Local, u"local"_s,
         [](const Account&, const QString&, const VideoProviderOptions& o) {
             return std::make_shared<LocalAnimaticProvider>(
                 o.renderCacheDir.isEmpty() ? LocalAnimaticProvider::defaultCacheDir()
                                            : o.renderCacheDir,
                 o.ffmpegPath);
         }},
        {provider::Gemini, u"veo"_s,
         [](const Account& a, const QString& key, const VideoProviderOptions&) {
             return std::make_shared<VeoProvider>(a.baseUrl, key, a.effectiveVideoModel(),
                                                  a.personGeneration);
         }},
        {provider::Fal, u"fal"_s,
         [](const Account& a, const QString& key, const VideoProviderOptions&) {
             return std::make_shared<FalProvider>(a.baseUrl, key, a.effectiveVideoModel());
         }},
    };
    return entries;
}

} // namespace

QString VideoProviders::providerIdFor(const Account& account)
{
    for (const Entry& e : table()) {
        if (e.accountProvider == account.provider)
            return e.id;
    }
    return {};
}

Result<std::shared_ptr<VideoProvider>> VideoProviders::create(const Account& account,
                                                              const std::optional<QString>& key,
                                                              const VideoProviderOptions& options)
{
    for (const Entry& e : table()) {
        if (e.accountProvider != account.provider)
            continue;
        if (account.needsKey() && (!key || key->isEmpty()))
            return Error::make(
                ErrorKind::Auth,
                u"The account \"%1\" has no API key. Add one in Accounts, run \"t2v accounts "
                u"add\", or "
                u"set %2."_s.arg(account.id, SecretStore::environmentName(account.id)));
        return e.make(account, key.value_or(QString()), options);
    }
    return Error::make(ErrorKind::Unsupported,
                       u"The account \"%1\" (%2) cannot make videos."_s.arg(
                           account.id, Account::providerLabel(account.provider)));
}

} // namespace t2v

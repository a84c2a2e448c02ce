#include "appcontext.h"

#include "core/async.h"
#include "core/pools.h"
#include "media/ffmpegtools.h"

using namespace Qt::StringLiterals;

namespace t2v::ui {

AppContext::AppContext(QString configDir, QObject* parent)
    : QObject(parent)
    , m_settings(configDir)
    , m_accounts(configDir)
    , m_secrets(std::make_shared<SecretStore>(configDir))
{
    QStringList problems;
    if (Status s = m_settings.load(); !s)
        problems.append(s.error().message);
    if (Status s = m_accounts.load(); !s)
        problems.append(s.error().message);
    m_problems = problems.join(u'\n');
    m_settings.applyToServices();
    connect(&m_accounts, &AccountStore::changed, this, &AppContext::prefetchKeys);
    connect(&m_settings, &AppSettings::changed, this, [this](AppSettings::Key key) {
        if (key == AppSettings::Key::FfmpegPath)
            prefetchTools();
    });
}

void AppContext::prefetchKeys()
{
    QStringList ids;
    for (const Account& a : m_accounts.accounts()) {
        if (a.needsKey() || a.provider == provider::OpenAi)
            ids.append(a.id);
    }
    std::shared_ptr<SecretStore> secrets = m_secrets;
    runInPool(
        &Pools::poll(), this,
        [secrets, ids] {
            for (const QString& id : ids)
                (void)secrets->read(id);
            return true;
        },
        [this](bool) { emit keysReady(); });
}

void AppContext::prefetchTools()
{
    const QString path = m_settings.ffmpegPath();
    runInPool(
        &Pools::media(), this, [path] { return FfmpegTools::locate(path).ok(); }, [](bool) {});
}

} // namespace t2v::ui

#include "accountstore.h"

#include "core/logging.h"
#include "providers/providerregistry.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace t2v {

AccountStore::AccountStore(QString configDir, QObject* parent)
    : QObject(parent)
    , m_dir(std::move(configDir))
    , m_accounts(builtInAccounts())
{}

QString AccountStore::defaultConfigDir()
{
    const QString overridden = qEnvironmentVariable("T2V_CONFIG_DIR");
    if (!overridden.isEmpty())
        return overridden;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(u"t2v-studio"_s);
}

QList<Account> AccountStore::builtInAccounts()
{
    return ProviderRegistry::builtInAccounts();
}

bool AccountStore::isBuiltIn(const QString& id)
{
    for (const Account& a : builtInAccounts()) {
        if (a.id == id)
            return true;
    }
    return false;
}

QString AccountStore::filePath() const
{
    return QDir(m_dir).filePath(QString::fromLatin1(kFileName));
}

Status AccountStore::load()
{
    m_accounts = builtInAccounts();
    m_loadError.clear();
    m_fileDamaged = false;
    QFile file(filePath());
    if (!file.exists())
        return {};
    auto fail = [&](const QString& why) {
        m_fileDamaged = true;
        m_loadError = u"%1: %2"_s.arg(QDir::toNativeSeparators(filePath()), why);
        qCWarning(lcAccounts).noquote() << m_loadError;
        emit changed();
        return Error::make(ErrorKind::Invalid, m_loadError);
    };
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    QString parseError;
    const json::Json doc = json::parse(file.readAll(), &parseError);
    if (doc.is_discarded())
        return fail(u"not valid JSON at %1"_s.arg(parseError));
    try {
        const auto list = doc.find("accounts");
        if (!doc.is_object() || list == doc.end() || !list->is_array())
            return fail(u"expected {\"accounts\": [...]}"_s);
        for (const json::Json& item : *list) {
            Account a = item.get<Account>();
            if (const QString why = ProviderRegistry::validate(a); !why.isEmpty())
                return fail(u"account \"%1\": %2"_s.arg(a.id, why));
            const auto existing = std::find_if(m_accounts.begin(), m_accounts.end(),
                                               [&](const Account& b) { return b.id == a.id; });
            if (existing != m_accounts.end()) {
                if (!isBuiltIn(existing->id))
                    return fail(u"two accounts have the id \"%1\""_s.arg(a.id));
                // Built-ins keep their provider; their limits may be tuned.
                existing->maxConcurrentJobs = a.maxConcurrentJobs;
                existing->requestsPerMinute = a.requestsPerMinute;
                existing->enabled = a.enabled;
                continue;
            }
            m_accounts.append(a);
        }
    } catch (const std::exception& e) {
        return fail(json::errorMessage(e));
    }
    emit changed();
    return {};
}

Status AccountStore::save()
{
    if (!QDir().mkpath(m_dir))
        return Error::make(ErrorKind::Io,
                           u"Cannot create %1."_s.arg(QDir::toNativeSeparators(m_dir)));
    if (m_fileDamaged && QFile::exists(filePath())) {
        const QString aside = filePath() + u".damaged-"_s +
                              QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
        QFile::rename(filePath(), aside);
        qCWarning(lcAccounts).noquote() << "kept the damaged accounts file as" << aside;
        m_fileDamaged = false;
    }
    json::Json list = json::Json::array();
    for (const Account& a : m_accounts)
        list.push_back(a);
    const QByteArray bytes =
        QByteArray::fromStdString(json::dump(json::Json{{"version", 1}, {"accounts", list}}, 2)) +
        '\n';
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::make(
            ErrorKind::Io,
            u"Cannot save %1: %2"_s.arg(QDir::toNativeSeparators(filePath()), file.errorString()));
    return {};
}

std::optional<Account> AccountStore::find(const QString& id) const
{
    for (const Account& a : m_accounts) {
        if (a.id == id)
            return a;
    }
    return std::nullopt;
}

QList<Account> AccountStore::scriptAccounts() const
{
    QList<Account> out;
    for (const Account& a : m_accounts) {
        if (ProviderRegistry::canWriteScripts(a))
            out.append(a);
    }
    return out;
}

QList<Account> AccountStore::videoAccounts() const
{
    QList<Account> out;
    for (const Account& a : m_accounts) {
        if (ProviderRegistry::canMakeVideos(a))
            out.append(a);
    }
    return out;
}

Status AccountStore::add(const Account& account)
{
    if (const QString why = ProviderRegistry::validate(account); !why.isEmpty())
        return Error::make(ErrorKind::Invalid, why);
    if (find(account.id))
        return Error::make(ErrorKind::Invalid,
                           u"An account with the id \"%1\" already exists."_s.arg(account.id));
    m_accounts.append(account);
    if (Status s = save(); !s) {
        m_accounts.removeLast();
        return s;
    }
    emit changed();
    return {};
}

Status AccountStore::update(const Account& account)
{
    if (const QString why = ProviderRegistry::validate(account); !why.isEmpty())
        return Error::make(ErrorKind::Invalid, why);
    for (Account& a : m_accounts) {
        if (a.id != account.id)
            continue;
        if (isBuiltIn(a.id) && account.provider != a.provider)
            return Error::make(
                ErrorKind::Invalid,
                u"The built-in account \"%1\" cannot change its provider."_s.arg(a.id));
        const Account before = a;
        a = account;
        if (Status s = save(); !s) {
            a = before;
            return s;
        }
        emit changed();
        return {};
    }
    return Error::make(ErrorKind::Invalid, u"There is no account \"%1\"."_s.arg(account.id));
}

Status AccountStore::remove(const QString& id)
{
    const auto it = std::find_if(m_accounts.begin(), m_accounts.end(),
                                 [&](const Account& a) { return a.id == id; });
    if (it == m_accounts.end())
        return Error::make(ErrorKind::Invalid, u"There is no account \"%1\"."_s.arg(id));
    if (isBuiltIn(it->id))
        return Error::make(
            ErrorKind::Invalid,
            u"\"%1\" is built in and cannot be removed (you can disable it)."_s.arg(id));
    const Account removed = *it;
    m_accounts.erase(it);
    if (Status s = save(); !s) {
        m_accounts.append(removed);
        return s;
    }
    emit changed();
    return {};
}

Status AccountStore::setEnabled(const QString& id, bool enabled, const QString& reason)
{
    std::optional<Account> a = find(id);
    if (!a)
        return Error::make(ErrorKind::Invalid, u"There is no account \"%1\"."_s.arg(id));
    a->enabled = enabled;
    a->disabledReason = enabled ? QString() : reason;
    return update(*a);
}

} // namespace t2v

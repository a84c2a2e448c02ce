#include "secretstore.h"

#include "core/json.h"
#include "core/logging.h"
#include "core/redactor.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

#ifdef T2V_HAVE_KEYCHAIN
#include <QEventLoop>
#include <QThread>
#include <qt6keychain/keychain.h>

#include <type_traits>
#endif

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

constexpr auto kKeychainService = "T2V Studio";

bool keychainDisabled()
{
    return !qEnvironmentVariableIsEmpty("T2V_NO_KEYCHAIN");
}

} // namespace

SecretStore::SecretStore(QString configDir)
    : m_dir(std::move(configDir))
{}

QString SecretStore::environmentName(const QString& accountId)
{
    QString name = accountId.toUpper();
    for (QChar& c : name) {
        if (!c.isLetterOrNumber())
            c = u'_';
    }
    return u"T2V_KEY_"_s + name;
}

QString SecretStore::backendName(Backend backend)
{
    switch (backend) {
    case Backend::Environment:
        return u"environment"_s;
    case Backend::Keychain:
        return u"keychain"_s;
    case Backend::File:
        return u"file"_s;
    }
    return {};
}

bool SecretStore::keychainCompiledIn()
{
#ifdef T2V_HAVE_KEYCHAIN
    return !keychainDisabled();
#else
    return false;
#endif
}

QString SecretStore::secretsFilePath() const
{
    return QDir(m_dir).filePath(u"secrets.json"_s);
}

std::optional<SecretStore::Secret> SecretStore::read(const QString& accountId) const
{
    const QString fromEnv =
        qEnvironmentVariable(environmentName(accountId).toLatin1().constData()).trimmed();
    if (!fromEnv.isEmpty()) {
        Redactor::addSecret(fromEnv);
        return Secret{fromEnv, Backend::Environment};
    }
    if (keychainCompiledIn()) {
        QString error;
        if (auto key = readKeychain(accountId, &error)) {
            Redactor::addSecret(*key);
            return Secret{*key, Backend::Keychain};
        }
    }
    if (auto key = readFile(accountId)) {
        Redactor::addSecret(*key);
        return Secret{*key, Backend::File};
    }
    return std::nullopt;
}

std::optional<SecretStore::Backend> SecretStore::whereIs(const QString& accountId) const
{
    if (auto s = read(accountId))
        return s->from;
    return std::nullopt;
}

Status SecretStore::write(const QString& accountId, const QString& key, Backend where)
{
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty())
        return Error::make(ErrorKind::Invalid, u"The key is empty."_s);
    Redactor::addSecret(trimmed);
    switch (where) {
    case Backend::Environment:
        return Error::make(
            ErrorKind::Invalid,
            u"Keys in the environment are set outside T2V Studio: export %1=..."_s.arg(
                environmentName(accountId)));
    case Backend::Keychain:
        if (!keychainCompiledIn())
            return Error::make(
                ErrorKind::Unsupported,
                u"The system keychain is not available here. Store the key in the "
                u"secrets file instead, or set %1."_s.arg(environmentName(accountId)));
        return writeKeychain(accountId, trimmed);
    case Backend::File:
        return writeFile(accountId, trimmed);
    }
    return {};
}

Status SecretStore::remove(const QString& accountId)
{
    if (keychainCompiledIn()) {
        if (Status s = removeKeychain(accountId); !s)
            qCInfo(lcAccounts).noquote() << "keychain:" << s.error().message;
    }
    if (readFile(accountId))
        return writeFile(accountId, std::nullopt);
    return {};
}

Result<json::Json> SecretStore::loadFile() const
{
    const QString path = secretsFilePath();
    json::Json empty = {{"version", 1}, {"keys", json::Json::object()}};
    QFile file(path);
    if (!file.exists())
        return empty;
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, u"Cannot read %1: %2"_s.arg(
                                              QDir::toNativeSeparators(path), file.errorString()));
    QString where;
    json::Json doc = json::parse(file.readAll(), &where);
    if (doc.is_discarded())
        return Error::make(
            ErrorKind::Invalid,
            u"%1 is not valid JSON (%2). Fix it or move it away; until then no key "
            u"is read from it or written to it."_s.arg(QDir::toNativeSeparators(path), where));
    if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_object())
        return Error::make(
            ErrorKind::Invalid,
            u"%1 does not hold a \"keys\" object. Fix it or move it away; until "
            u"then no key is read from it or written to it."_s.arg(QDir::toNativeSeparators(path)));
    return doc;
}

std::optional<QString> SecretStore::readFile(const QString& accountId) const
{
    const Result<json::Json> doc = loadFile();
    if (!doc) {
        qCWarning(lcAccounts).noquote() << doc.error().message;
        return std::nullopt;
    }
    const json::Json& keys = doc.value()["keys"];
    const auto it = keys.find(accountId.toStdString());
    if (it == keys.end() || !it->is_string())
        return std::nullopt;
    return QString::fromStdString(it->get<std::string>());
}

Status SecretStore::writeFile(const QString& accountId, const std::optional<QString>& key)
{
    QMutexLocker lock(&m_mutex);
    // Every other key in the file is kept: a file that cannot be read is never replaced.
    Result<json::Json> loaded = loadFile();
    if (!loaded)
        return loaded.error();
    json::Json doc = std::move(loaded).value();
    if (key)
        doc["keys"][accountId.toStdString()] = key->toStdString();
    else
        doc["keys"].erase(accountId.toStdString());
    if (!QDir().mkpath(m_dir))
        return Error::make(ErrorKind::Io,
                           u"Cannot create %1."_s.arg(QDir::toNativeSeparators(m_dir)));
    QSaveFile file(secretsFilePath());
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(ErrorKind::Io,
                           u"Cannot write %1: %2"_s.arg(secretsFilePath(), file.errorString()));
    // Owner-only before a single byte of the key is written.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray bytes = QByteArray::fromStdString(json::dump(doc, 2)) + '\n';
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error::make(ErrorKind::Io,
                           u"Cannot write %1: %2"_s.arg(secretsFilePath(), file.errorString()));
    return {};
}

#ifdef T2V_HAVE_KEYCHAIN

namespace {

// QtKeychain keeps process-wide state (a job queue, the D-Bus or libsecret connection) that
// belongs to the thread that first used it and is not safe to share. Every job therefore runs on
// one long-lived thread of its own, whichever thread asks; the caller waits for the answer.
class KeychainThread
{
public:
    KeychainThread()
    {
        m_thread.setObjectName(u"keychain"_s);
        m_context.moveToThread(&m_thread);
        m_thread.start();
    }
    ~KeychainThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    template <typename Fn>
    void run(Fn&& fn)
    {
        if (QThread::currentThread() == &m_thread)
            fn();
        else
            QMetaObject::invokeMethod(&m_context, std::forward<Fn>(fn),
                                      Qt::BlockingQueuedConnection);
    }

private:
    QThread m_thread;
    QObject m_context;
};

Q_GLOBAL_STATIC(KeychainThread, keychainThread)

struct JobResult
{
    QKeychain::Error error = QKeychain::OtherError;
    QString errorString;
    QString text;
};

// Creates a QtKeychain job for `accountId` on the keychain thread and runs it to the end there.
template <typename JobType>
JobResult runJob(const QString& accountId, const QString& text = {})
{
    JobResult result;
    keychainThread()->run([&] {
        JobType job(QString::fromLatin1(kKeychainService));
        job.setAutoDelete(false);
        job.setInsecureFallback(false); // never a silent plain-text copy
        job.setKey(accountId);
        if constexpr (std::is_same_v<JobType, QKeychain::WritePasswordJob>)
            job.setTextData(text);
        QEventLoop loop;
        QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
        job.start();
        loop.exec();
        result.error = job.error();
        result.errorString = job.errorString();
        if constexpr (std::is_same_v<JobType, QKeychain::ReadPasswordJob>)
            result.text = job.textData();
    });
    return result;
}

} // namespace

std::optional<QString> SecretStore::readKeychain(const QString& accountId, QString* error) const
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_keychainCache.contains(accountId))
            return m_keychainCache.value(accountId);
    }
    const JobResult job = runJob<QKeychain::ReadPasswordJob>(accountId);
    std::optional<QString> key;
    if (job.error == QKeychain::NoError && !job.text.isEmpty())
        key = job.text;
    else if (job.error != QKeychain::EntryNotFound && error)
        *error = job.errorString;
    QMutexLocker lock(&m_mutex);
    m_keychainCache.insert(accountId, key);
    return key;
}

Status SecretStore::writeKeychain(const QString& accountId, const QString& key)
{
    const JobResult job = runJob<QKeychain::WritePasswordJob>(accountId, key);
    if (job.error != QKeychain::NoError)
        return Error::make(
            ErrorKind::Io,
            u"The system keychain could not store the key (%1). Store it in the "
            u"secrets file instead, or set %2."_s.arg(job.errorString, environmentName(accountId)));
    QMutexLocker lock(&m_mutex);
    m_keychainCache.insert(accountId, key);
    return {};
}

Status SecretStore::removeKeychain(const QString& accountId)
{
    const JobResult job = runJob<QKeychain::DeletePasswordJob>(accountId);
    {
        QMutexLocker lock(&m_mutex);
        m_keychainCache.insert(accountId,
                               std::nullopt); // known to be gone: no D-Bus call to ask again
    }
    if (job.error != QKeychain::NoError && job.error != QKeychain::EntryNotFound)
        return Error::make(ErrorKind::Io, job.errorString);
    return {};
}

#else

std::optional<QString> SecretStore::readKeychain(const QString&, QString*) const
{
    return std::nullopt;
}

Status SecretStore::writeKeychain(const QString& accountId, const QString&)
{
    return Error::make(ErrorKind::Unsupported,
                       u"This build of T2V Studio has no keychain support. Store the key in the "
                       u"secrets file instead, or set %1."_s.arg(environmentName(accountId)));
}

Status SecretStore::removeKeychain(const QString&)
{
    return {};
}

#endif

} // namespace t2v

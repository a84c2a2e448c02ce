#pragma once

// Where API keys live, looked up in this order: the environment variable T2V_KEY_<ID>
// (upper case, '-' becomes '_'), the OS keychain (when T2V Studio was built with QtKeychain
// and a keychain service is running), then secrets.json in the config folder, a 0600 file
// used only for accounts whose owner chose it. Every key read is registered with the
// Redactor so it can never appear in a log. Keychain calls wait for D-Bus: call them from a
// worker thread, never the GUI thread; results are cached for the rest of the process.

#include "core/error.h"
#include "core/json.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace t2v {

class SecretStore final
{
public:
    enum class Backend { Environment, Keychain, File };

    struct Secret
    {
        QString key;
        Backend from = Backend::Environment;
    };

    explicit SecretStore(QString configDir);

    static QString environmentName(const QString& accountId);
    static QString backendName(Backend backend);
    // False when built without QtKeychain or when T2V_NO_KEYCHAIN is set.
    static bool keychainCompiledIn();

    std::optional<Secret> read(const QString& accountId) const;
    Status write(const QString& accountId, const QString& key, Backend where);
    // Removes the key from the keychain and the file (not from the environment).
    Status remove(const QString& accountId);
    // Where the key of this account would come from, if anywhere.
    std::optional<Backend> whereIs(const QString& accountId) const;

    QString secretsFilePath() const;

private:
    // secrets.json as it is; an error when it exists but cannot be used.
    Result<json::Json> loadFile() const;
    std::optional<QString> readFile(const QString& accountId) const;
    Status writeFile(const QString& accountId, const std::optional<QString>& key);
    std::optional<QString> readKeychain(const QString& accountId, QString* error) const;
    Status writeKeychain(const QString& accountId, const QString& key);
    Status removeKeychain(const QString& accountId);

    QString m_dir;
    mutable QMutex m_mutex;
    mutable QHash<QString, std::optional<QString>> m_keychainCache;
};

} // namespace t2v

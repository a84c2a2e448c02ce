#pragma once

// The provider accounts of this user, in accounts.json in the per-user config folder
// (~/.config/t2v-studio, or $T2V_CONFIG_DIR). The built-in accounts "offline" (offline draft
// writer) and "local" (local animatic renderer) always exist and need no key. Keys are never
// stored here: see SecretStore. Lives on the main thread.

#include "core/account.h"
#include "core/error.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace t2v {

class AccountStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountStore)

public:
    static constexpr auto kFileName = "accounts.json";

    explicit AccountStore(QString configDir = defaultConfigDir(), QObject* parent = nullptr);

    // $T2V_CONFIG_DIR, else <generic config location>/t2v-studio.
    static QString defaultConfigDir();
    static QList<Account> builtInAccounts();
    // The built-in accounts ("offline", "local") cannot be edited or removed.
    static bool isBuiltIn(const QString& id);

    // Reads accounts.json. A missing file is fine (built-ins only). A damaged file is reported
    // and kept: the next save moves it aside as accounts.json.damaged-<time> first.
    Status load();
    Status save();

    QString configDir() const { return m_dir; }
    QString filePath() const;
    QString loadError() const { return m_loadError; }

    QList<Account> accounts() const { return m_accounts; }
    std::optional<Account> find(const QString& id) const;
    QList<Account> scriptAccounts() const;
    QList<Account> videoAccounts() const;

    Status add(const Account& account);
    Status update(const Account& account);
    Status remove(const QString& id);
    // Enables or disables an account, recording why when the program disabled it.
    Status setEnabled(const QString& id, bool enabled, const QString& reason = {});

signals:
    void changed();

private:
    QString m_dir;
    QList<Account> m_accounts;
    QString m_loadError;
    bool m_fileDamaged = false;
};

} // namespace t2v

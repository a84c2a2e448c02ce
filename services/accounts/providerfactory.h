#pragma once

// The one place that turns an account id into a ready provider: it finds the account, reads
// its key by the provider's rule (ProviderRegistry), and makes the text or video client. The
// window, the command line and the job system all come here, so a key is needed, read and
// sent by the same rule everywhere.

#include "accounts/accountstore.h"
#include "accounts/secretstore.h"
#include "core/canceltoken.h"
#include "core/error.h"
#include "image/imageprovider.h"
#include "llm/llmprovider.h"
#include "video/videoprovider.h"

#include <memory>
#include <optional>

namespace t2v {

class ProviderFactory
{
public:
    ProviderFactory(const AccountStore& accounts, const SecretStore& secrets);

    // The key to send for `account`: read whenever its provider takes keys (a local server may
    // run without one, but gets it when one is stored).
    std::optional<QString> keyFor(const Account& account) const;
    static std::optional<QString> keyFor(const Account& account, const SecretStore& secrets);

    // A writer for scripts; `modelOverride` replaces the account's model when set. A disabled
    // account, an account that cannot write, or a missing key needed is a clear error.
    Result<std::shared_ptr<LlmProvider>> text(const QString& accountId,
                                              const QString& modelOverride = {}) const;
    // A video client bound to the account's key.
    Result<std::shared_ptr<VideoProvider>> video(const QString& accountId,
                                                 const VideoProviderOptions& options = {}) const;
    Result<std::shared_ptr<VideoProvider>> video(const Account& account,
                                                 const VideoProviderOptions& options = {}) const;
    static Result<std::shared_ptr<VideoProvider>>
    video(const Account& account, const SecretStore& secrets, const VideoProviderOptions& options);
    // An image maker (references, keyframes) bound to the account's key; an account whose
    // provider makes no images is a clear error naming the ones that do.
    Result<std::shared_ptr<ImageProvider>> image(const QString& accountId,
                                                 const VideoProviderOptions& options = {}) const;
    static Result<std::shared_ptr<ImageProvider>>
    image(const Account& account, const SecretStore& secrets, const VideoProviderOptions& options);
    // One cheap authenticated request: ok, a rejected key (Auth) or unreachable (Network).
    // Blocking: run it on the control pool. The static one touches no AccountStore, so it may
    // run on any thread with a copy of the account.
    Status test(const QString& accountId, const CancelToken& cancel = {}) const;
    static Status test(const Account& account, const SecretStore& secrets,
                       const VideoProviderOptions& options = {}, const CancelToken& cancel = {});

private:
    static Status checkKey(const Account& account, const std::optional<QString>& key);

    const AccountStore& m_accounts;
    const SecretStore& m_secrets;
};

} // namespace t2v

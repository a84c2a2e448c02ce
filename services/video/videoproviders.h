#pragma once

// Makes the VideoProvider of an account. Adding a provider is one new file plus one line in the
// table in videoproviders.cpp.

#include "core/account.h"
#include "core/error.h"
#include "video/videoprovider.h"

#include <memory>
#include <optional>

namespace t2v {

struct VideoProviderOptions
{
    QString renderCacheDir; // local animatic; empty = the default cache
    QString ffmpegPath;     // empty = search
};

class VideoProviders
{
public:
    static Result<std::shared_ptr<VideoProvider>> create(const Account& account,
                                                         const std::optional<QString>& key,
                                                         const VideoProviderOptions& options = {});
    // The provider id a job records for an account: "veo", "fal" or "local".
    static QString providerIdFor(const Account& account);
};

} // namespace t2v

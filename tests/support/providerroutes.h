#pragma once

// Provider routes for the fake API server. Issues that add clients add their routes here.

#include "fakeapiserver.h"

#include <QString>

#include <chrono>
#include <memory>

namespace t2v::test {

struct ProviderRoutesOptions
{
    std::chrono::milliseconds renderTime{2000};
};

class ProviderRoutes
{
public:
    virtual ~ProviderRoutes() = default;
    virtual void setBaseUrl(const QString& url) = 0;
};

std::shared_ptr<ProviderRoutes> installProviderRoutes(FakeApiServer& server,
                                                      const ProviderRoutesOptions& options);

} // namespace t2v::test

#include "providerroutes.h"

namespace t2v::test {
namespace {

class Routes final : public ProviderRoutes
{
public:
    void setBaseUrl(const QString& url) override { m_base = url; }

private:
    QString m_base;
};

} // namespace

std::shared_ptr<ProviderRoutes> installProviderRoutes(FakeApiServer&, const ProviderRoutesOptions&)
{
    return std::make_shared<Routes>();
}

} // namespace t2v::test

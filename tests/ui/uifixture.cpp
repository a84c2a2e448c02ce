#include "uifixture.h"

#include "i18n.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace t2v::test {
namespace {

ProviderRoutesOptions uiOptions(std::chrono::milliseconds renderTime)
{
    ProviderRoutesOptions options;
    options.renderTime = renderTime;
    options.videoBytes = 64 * 1024;
    return options;
}

} // namespace

UiFixture::UiFixture(std::chrono::milliseconds renderTime)
    : JobFixture(uiOptions(renderTime))
{
    // English texts with their plural forms, whatever the machine's language.
    ui::installTranslations(*QCoreApplication::instance(), u"en"_s);
    m_context = std::make_unique<ui::AppContext>(*app);
}

UiFixture::~UiFixture() = default;

std::unique_ptr<ProjectSession> UiFixture::makeSession()
{
    auto session = std::make_unique<ProjectSession>(*app);
    session->setPipelineTuning(fastOptions());
    return session;
}

} // namespace t2v::test

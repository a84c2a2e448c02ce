#include "jobstack.h"

#include "media/ffmpegtools.h"

using namespace std::chrono_literals;

namespace t2v::test {

JobStack::JobStack(JobFixture& fixture, Clock& clock)
    : pool(clock)
    , scheduler(*fixture.store, pool)
    , poller(*fixture.store, pool)
    , downloads(*fixture.store, pool)
    , m_fixture(fixture)
{
    scheduler.setThreadPool(&threads);
    poller.setThreadPool(&threads);
    poller.setTick(5ms);
    poller.setIntervalOverride(20ms, 60ms);
    downloads.setThreadPool(&transfers);
    downloads.setMediaPool(&media);
    downloads.setRenderPool(&media);
    if (auto tools = FfmpegTools::locate())
        downloads.setTools(*tools);
    downloads.setRetryDelays({20ms, 40ms, 80ms});
    QObject::connect(&poller, &Poller::jobsReady, &downloads, &DownloadManager::wake);
    QObject::connect(&downloads, &DownloadManager::urlExpired, &poller, &Poller::refreshUrl);
}

JobStack::~JobStack()
{
    scheduler.stop();
    poller.stop();
    downloads.stop();
    threads.waitForDone();
    transfers.waitForDone();
    media.waitForDone();
}

Status JobStack::useAccounts(const QStringList& accounts)
{
    return pool.populate(accounts, *m_fixture.accounts, *m_fixture.secrets);
}

} // namespace t2v::test

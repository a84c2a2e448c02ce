#pragma once

// The job system's parts wired as VideoPipeline wires them, on thread pools of the test's own
// and with short intervals, for the tests of one part: the accounts of a run, the scheduler,
// the poller and the download manager. A test starts the parts it is about. The parts hold the
// fixture's project store of the moment: after JobFixture::reopenProject(), make a new stack.

#include "fakeclock.h"
#include "jobfixture.h"
#include "jobs/accountpool.h"
#include "jobs/downloadmanager.h"
#include "jobs/jobscheduler.h"
#include "jobs/poller.h"

#include <QThreadPool>

#include <memory>

namespace t2v::test {

class JobStack
{
public:
    explicit JobStack(JobFixture& fixture, Clock& clock = Clock::system());
    ~JobStack();

    // Sets up `accounts` for the run (from the fixture's account list and keys).
    Status useAccounts(const QStringList& accounts);

    // Declared first, so that they outlive the parts whose work they run.
    QThreadPool threads; // submissions and polls
    QThreadPool transfers;
    QThreadPool media; // checks, thumbnails and resamples
    AccountPool pool;
    JobScheduler scheduler;
    Poller poller;
    DownloadManager downloads;

private:
    JobFixture& m_fixture;
};

} // namespace t2v::test

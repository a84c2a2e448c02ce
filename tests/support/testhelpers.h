#pragma once

// Small things many tests ask: how many jobs are in a state, a run of scene numbers, the
// options of a run of clips, a provider's job polled until it ends.

#include "jobs/jobscheduler.h"
#include "project/project.h"
#include "video/videoprovider.h"

#include <QDebug>
#include <QList>
#include <QStringList>
#include <QThread>

namespace t2v::test {

inline int countState(const Project& p, JobState state)
{
    int n = 0;
    for (const VideoJob& j : p.jobs)
        n += j.state == state ? 1 : 0;
    return n;
}

// from, from + 1, ..., to
inline QList<int> range(int from, int to)
{
    QList<int> out;
    for (int n = from; n <= to; ++n)
        out.append(n);
    return out;
}

inline JobOptions opts(const QStringList& accounts, int variants = 1)
{
    JobOptions o;
    o.accounts = accounts;
    o.variants = variants;
    return o;
}

// Submits `request` and returns the job its answer describes (as the scheduler records it);
// an empty remoteId, with the reason as a warning, when it was refused.
inline VideoJob submitJob(VideoProvider& provider, const VideoRequest& request)
{
    const auto s = provider.submit(request, CancelToken());
    VideoJob job;
    if (!s.ok()) {
        qWarning().noquote() << s.error().message;
        return job;
    }
    job.remoteId = s->remoteId;
    job.statusUrl = s->statusUrl;
    job.resultUrl = s->resultUrl;
    job.cancelUrl = s->cancelUrl;
    job.model = s->model;
    return job;
}

// Polls `provider` for `job` until it succeeds, fails or is cancelled, or a poll fails; a
// Timeout error after 200 polls 20 ms apart.
inline Result<PollResult> pollUntilDone(VideoProvider& provider, const VideoJob& job)
{
    for (int i = 0; i < 200; ++i) {
        auto r = provider.poll(job, CancelToken());
        if (!r.ok() || r->state == PollResult::State::Succeeded ||
            r->state == PollResult::State::Failed || r->state == PollResult::State::Cancelled)
            return r;
        QThread::msleep(20);
    }
    return Error::make(ErrorKind::Timeout, QStringLiteral("never done"));
}

} // namespace t2v::test

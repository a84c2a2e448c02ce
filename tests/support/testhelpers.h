#pragma once

// Small things many tests ask: how many jobs are in a state, a run of scene numbers, the
// options of a run of clips.

#include "jobs/jobscheduler.h"
#include "project/project.h"

#include <QList>
#include <QStringList>

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

} // namespace t2v::test

#pragma once

// Runs a program to the end while the calling thread's event loop keeps turning, so that an
// in-process fake server (and its timers) keep working during the run.

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace t2v::test {

struct ProcessRun
{
    int exitCode = -1; // -1: crashed or timed out
    QString out;
    QString err;
};

ProcessRun runProcess(const QString& program, const QStringList& args,
                      const QProcessEnvironment& env, int timeoutMs = 120000);

} // namespace t2v::test

#include "ffmpegrunner.h"

#include "core/logging.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

constexpr qsizetype kTailBytes = 4000;

void keepTail(QByteArray& tail, const QByteArray& more)
{
    tail.append(more);
    if (tail.size() > kTailBytes)
        tail.remove(0, tail.size() - kTailBytes);
}

// Reads "out_time_us=12345678" (or out_time_ms, which FFmpeg also gives in microseconds).
void parseProgress(QByteArray& pending, const std::function<void(double)>& report)
{
    for (;;) {
        const qsizetype nl = pending.indexOf('\n');
        if (nl < 0)
            return;
        const QByteArray line = pending.left(nl).trimmed();
        pending.remove(0, nl + 1);
        if (!report)
            continue;
        if (line.startsWith("out_time_us=") || line.startsWith("out_time_ms=")) {
            bool ok = false;
            const qint64 us = line.mid(12).toLongLong(&ok);
            if (ok && us >= 0)
                report(double(us) / 1e6);
        }
    }
}

} // namespace

QStringList FfmpegRunner::baseArgs()
{
    return {u"-hide_banner"_s, u"-nostdin"_s, u"-v"_s, u"error"_s, u"-y"_s};
}

Result<ProcessOutput> FfmpegRunner::run(const QString& program, const QStringList& argsIn,
                                        const ProcessOptions& options, const CancelToken& cancel,
                                        bool withProgress)
{
    QStringList args = argsIn;
    if (withProgress)
        args = QStringList{u"-progress"_s, u"pipe:1"_s, u"-stats_period"_s, u"0.2"_s} + args;
    const QString name = QFileInfo(program).fileName();
    QProcess process;
    if (!options.workingDirectory.isEmpty())
        process.setWorkingDirectory(options.workingDirectory);
    process.start(program, args);
    if (!process.waitForStarted(10000))
        return Error::make(ErrorKind::Process,
                           u"Cannot start %1: %2"_s.arg(program, process.errorString()));
#ifdef Q_OS_UNIX
    // Media work yields the CPU to the window: on two cores an encoder at normal priority makes
    // the interface stutter; it still gets every cycle nobody else wants. Set from here rather
    // than in the child (setChildProcessModifier), which would make QProcess fork() instead of
    // vfork() and copy-on-write stall every thread of this process, the GUI thread included.
    (void)::setpriority(PRIO_PROCESS, id_t(process.processId()), 10);
#endif

    ProcessOutput out;
    QByteArray tail;
    QByteArray pending;
    QElapsedTimer clock;
    clock.start();
    bool stopping = false;
    bool timedOut = false;
    while (process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(50);
        const QByteArray chunk = process.readAllStandardOutput();
        if (withProgress) {
            pending.append(chunk);
            parseProgress(pending, options.progress);
        } else {
            out.standardOutput.append(chunk);
        }
        keepTail(tail, process.readAllStandardError());
        if (!stopping && (cancel.isCancelled() || clock.elapsed() > options.timeout.count())) {
            // Ask first (FFmpeg finishes cleanly on SIGTERM), insist after three seconds.
            timedOut = !cancel.isCancelled();
            stopping = true;
            process.terminate();
            if (!process.waitForFinished(3000))
                process.kill();
        }
    }
    process.waitForFinished(1000);
    if (!withProgress)
        out.standardOutput.append(process.readAllStandardOutput());
    keepTail(tail, process.readAllStandardError());
    out.stderrTail = QString::fromUtf8(tail).trimmed();

    if (cancel.isCancelled())
        return Error::make(ErrorKind::Cancelled, u"Cancelled."_s);
    if (timedOut) {
        Error e = Error::make(ErrorKind::Timeout,
                              u"%1 did not finish within %2 s and was stopped."_s.arg(name).arg(
                                  options.timeout.count() / 1000));
        e.detail = out.stderrTail;
        return e;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString lastLines = out.stderrTail.section(u'\n', -3).trimmed();
        Error e = Error::make(
            ErrorKind::Process,
            process.exitStatus() == QProcess::CrashExit
                ? u"%1 crashed%2"_s.arg(name, lastLines.isEmpty() ? QString() : u": "_s + lastLines)
                : u"%1 failed (exit code %2)%3"_s.arg(name)
                      .arg(process.exitCode())
                      .arg(lastLines.isEmpty() ? QString() : u": "_s + lastLines));
        e.detail = out.stderrTail;
        qCWarning(lcMedia).noquote() << e.message;
        return e;
    }
    return out;
}

} // namespace t2v

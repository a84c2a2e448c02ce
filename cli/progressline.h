#pragma once

// Progress on stderr: on a terminal, one line that updates in place; otherwise (a log file, a
// CI job) plain lines, at most one per second, so logs stay readable.

#include <QElapsedTimer>
#include <QString>

#include <cstdio>

namespace t2v::cli {

class ProgressLine
{
public:
    explicit ProgressLine(std::FILE* out = stderr);
    ~ProgressLine();

    void update(const QString& text);
    // A line that stays (a warning, a result), printed above the progress line.
    void message(const QString& text);
    void finish();
    bool isTerminal() const { return m_terminal; }

private:
    void clearLine();

    std::FILE* m_out;
    bool m_terminal = false;
    bool m_lineShown = false;
    QString m_last;
    QElapsedTimer m_sincePrint;
};

QString formatDuration(int seconds); // "40 s", "3 min 5 s", "1 h 2 min"

} // namespace t2v::cli

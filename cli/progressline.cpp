#include "progressline.h"

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace t2v::cli {

ProgressLine::ProgressLine(std::FILE* out)
    : m_out(out)
    , m_terminal(::isatty(::fileno(out)) == 1)
{}

ProgressLine::~ProgressLine()
{
    finish();
}

void ProgressLine::clearLine()
{
    if (m_terminal && m_lineShown) {
        std::fputs("\r\033[K", m_out);
        m_lineShown = false;
    }
}

void ProgressLine::update(const QString& text)
{
    if (text == m_last)
        return;
    m_last = text;
    if (m_terminal) {
        clearLine();
        std::fputs(text.toLocal8Bit().constData(), m_out);
        m_lineShown = true;
    } else {
        if (m_sincePrint.isValid() && m_sincePrint.elapsed() < 1000)
            return;
        std::fprintf(m_out, "%s\n", text.toLocal8Bit().constData());
        m_sincePrint.start();
    }
    std::fflush(m_out);
}

void ProgressLine::message(const QString& text)
{
    clearLine();
    std::fprintf(m_out, "%s\n", text.toLocal8Bit().constData());
    if (m_terminal && !m_last.isEmpty()) {
        std::fputs(m_last.toLocal8Bit().constData(), m_out);
        m_lineShown = true;
    }
    std::fflush(m_out);
}

void ProgressLine::finish()
{
    if (m_terminal && m_lineShown) {
        std::fputs("\n", m_out);
        m_lineShown = false;
    }
    std::fflush(m_out);
}

QString formatDuration(int seconds)
{
    if (seconds < 60)
        return u"%1 s"_s.arg(seconds);
    if (seconds < 3600)
        return seconds % 60 ? u"%1 min %2 s"_s.arg(seconds / 60).arg(seconds % 60)
                            : u"%1 min"_s.arg(seconds / 60);
    return u"%1 h %2 min"_s.arg(seconds / 3600).arg(seconds % 3600 / 60);
}

} // namespace t2v::cli

#include "benchcommon.h"

#include <QFile>
#include <QRegularExpression>

#include <cmath>
#include <iostream>

using namespace Qt::StringLiterals;

namespace t2v::bench {

double peakRssMb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression hwm(u"VmHWM:\\s+(\\d+)\\s+kB"_s);
    const auto m = hwm.match(QString::fromLatin1(status.readAll()));
    return m.hasMatch() ? round3(m.captured(1).toDouble() / 1024.0) : -1;
}

double round3(double value)
{
    return std::round(value * 1000.0) / 1000.0;
}

void printResult(const json::Json& result)
{
    std::cout << result.dump() << std::endl;
}

} // namespace t2v::bench

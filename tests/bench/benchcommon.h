#pragma once

// Shared bits of t2v-bench: options, peak memory, and the one JSON object each bench prints.

#include "core/json.h"

#include <QStringList>

namespace t2v::bench {

// Peak resident set size of this process in MB (VmHWM), -1 when unknown.
double peakRssMb();
double round3(double value);
void printResult(const json::Json& result);

int runHttp(const QStringList& args);
int runScript(const QStringList& args);
int runDownload(const QStringList& args);
int runUi(const QStringList& args); // needs a QApplication

// With T2V_BENCH_DEBUG set, the ui bench's application times every GUI-thread event; this prints
// (when `print`) and then forgets where the time went since the last call.
void takeEventLog(bool print);

} // namespace t2v::bench

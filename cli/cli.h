#pragma once

// The t2v command line: parses the sub-command and its options and drives the same services
// as the desktop application. Exit codes: 0 done, 1 failed, 2 usage error, 3 interrupted
// (resume possible).

class QCoreApplication;

namespace t2v::cli {

enum ExitCode { Done = 0, Failed = 1, UsageError = 2, Interrupted = 3 };

int run(QCoreApplication& app);

} // namespace t2v::cli

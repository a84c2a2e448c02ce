// t2v: the command line face of T2V Studio. All behaviour lives in t2v_cli / t2v_services.

#include "cli/cli.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    return t2v::cli::run(app);
}

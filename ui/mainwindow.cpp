#include "mainwindow.h"

using namespace Qt::StringLiterals;

namespace t2v::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("T2V Studio"));
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

} // namespace t2v::ui

#pragma once

// The main window: project menu, the Script, Videos and Final tabs, the log dock and the
// status bar.

#include <QMainWindow>

namespace t2v::ui {

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;
};

} // namespace t2v::ui

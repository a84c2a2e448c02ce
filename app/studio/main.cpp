// t2v-studio: the desktop application. All behaviour lives in t2v_ui / t2v_services.

#include "studioapp.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    return t2v::ui::runStudio(app);
}

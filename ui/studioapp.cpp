#include "studioapp.h"

#include "mainwindow.h"

#include <QApplication>

using namespace Qt::StringLiterals;

namespace t2v::ui {

int runStudio(QApplication& app)
{
    QApplication::setApplicationName(u"T2V Studio"_s);
    QApplication::setOrganizationName(u"T2V Studio"_s);
    QApplication::setApplicationVersion(QStringLiteral(T2V_VERSION));
    MainWindow window;
    window.show();
    return app.exec();
}

} // namespace t2v::ui

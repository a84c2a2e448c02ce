#include "appicon.h"

using namespace Qt::StringLiterals;

namespace t2v::ui {

QString applicationId()
{
    return QStringLiteral(T2V_APP_ID);
}

QIcon applicationIcon()
{
    QIcon icon;
    for (const int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(u":/icons/%1x%1/apps/%2.png"_s.arg(size).arg(applicationId()),
                     QSize(size, size));
    return icon;
}

} // namespace t2v::ui

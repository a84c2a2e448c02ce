#include "i18n.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace t2v::ui {

bool installTranslations(QCoreApplication& app, const QString& language)
{
    static QList<QPointer<QTranslator>> installed;
    for (const QPointer<QTranslator>& t : std::as_const(installed)) {
        if (t) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }
    installed.clear();

    const QLocale locale =
        language.isEmpty() || language == u"system"_s ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed.append(qt);
    } else {
        delete qt;
    }
    auto* ours = new QTranslator(&app);
    const bool found = ours->load(locale, u"t2v"_s, u"_"_s, u":/i18n"_s);
    if (found || ours->load(u"t2v_en"_s, u":/i18n"_s)) {
        QCoreApplication::installTranslator(ours);
        installed.append(ours);
    } else {
        delete ours;
    }
    return found || locale.language() == QLocale::English;
}

} // namespace t2v::ui

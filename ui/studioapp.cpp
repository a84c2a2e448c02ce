#include "studioapp.h"

#include "appcontext.h"
#include "appicon.h"
#include "core/logsink.h"
#include "i18n.h"
#include "mainwindow.h"
#include "scriptpanel.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace t2v::ui {

int runStudio(QApplication& app)
{
    QApplication::setApplicationName(u"T2V Studio"_s);
    QApplication::setOrganizationName(u"T2V Studio"_s);
    QApplication::setApplicationVersion(QStringLiteral(T2V_VERSION));
    QApplication::setDesktopFileName(applicationId());
    QApplication::setWindowIcon(applicationIcon()); // the About box shows it too

    QCommandLineParser parser;
    parser.setApplicationDescription(u"T2V Studio: long AI videos from an idea."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"project"_s, u"A project folder to open."_s, u"[project]"_s);
    const QCommandLineOption tab(
        u"tab"_s, u"The tab to show: script, videos, final or storyboard."_s, u"tab"_s);
    const QCommandLineOption lang(u"lang"_s, u"Interface language for this run: en or vi."_s,
                                  u"code"_s);
    const QCommandLineOption theme(u"theme"_s, u"Theme for this run: system, light or dark."_s,
                                   u"theme"_s);
    const QCommandLineOption characters(
        u"characters"_s, u"Open the project's Characters dialog (its reference images) at once."_s);
    parser.addOptions({tab, lang, theme, characters});
    parser.process(app);

    LogSink::install();
    AppContext context;
    const QString language =
        parser.isSet(lang) ? parser.value(lang) : context.settings().uiLanguage();
    installTranslations(app, language);
    applyTheme(app, parser.isSet(theme) ? parser.value(theme) : context.settings().theme());
    context.services().prefetchKeys();
    context.services().prefetchTools();

    MainWindow window(context);
    window.show();
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        const QString dir = args.first();
        const QString tabName = parser.value(tab);
        const bool showCharacters = parser.isSet(characters);
        QTimer::singleShot(0, &window, [&window, dir, tabName, showCharacters] {
            if (!window.openProject(dir))
                return;
            if (tabName == u"videos"_s)
                window.showTab(MainWindow::VideosTab);
            else if (tabName == u"final"_s)
                window.showTab(MainWindow::FinalTab);
            else if (tabName == u"storyboard"_s)
                window.showTab(MainWindow::StoryboardTab);
            else
                window.showTab(MainWindow::ScriptTab);
            if (showCharacters)
                QTimer::singleShot(0, window.scriptPanel(), &ScriptPanel::editCharacters);
        });
    }
    return app.exec();
}

} // namespace t2v::ui

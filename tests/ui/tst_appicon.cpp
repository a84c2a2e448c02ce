// The application's icon and id: every size is compiled in, and the menu entry names the same
// id and icon as the running application, so the desktop matches its windows to the entry.

#include "appicon.h"

#include <QFile>
#include <QImage>
#include <QSettings>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v::ui;

class TestAppIcon : public QObject
{
    Q_OBJECT

private slots:
    void everySizeIsCompiledIn();
    void desktopEntryNamesTheSameIdAndIcon();
};

void TestAppIcon::everySizeIsCompiledIn()
{
    const QIcon icon = applicationIcon();
    QVERIFY(!icon.isNull());
    const QList<QSize> sizes = icon.availableSizes();
    for (const int size : {16, 32, 48, 64, 128, 256})
        QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(u"missing %1 px"_s.arg(size)));
    const QImage image = icon.pixmap(QSize(64, 64)).toImage();
    QCOMPARE(image.size(), QSize(64, 64));
    // The corner is transparent (rounded), the middle is drawn.
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
    QCOMPARE(qAlpha(image.pixel(32, 32)), 255);
}

void TestAppIcon::desktopEntryNamesTheSameIdAndIcon()
{
    const QString resources = qEnvironmentVariable("T2V_SOURCE_DIR") + u"/resources"_s;
    const QString desktopFile = resources + u"/linux/"_s + applicationId() + u".desktop"_s;
    QVERIFY2(QFile::exists(desktopFile), qPrintable(desktopFile));
    QSettings entry(desktopFile, QSettings::IniFormat);
    entry.beginGroup(u"Desktop Entry"_s);
    QCOMPARE(entry.value(u"Icon"_s).toString(), applicationId());
    QVERIFY(entry.value(u"Exec"_s).toString().startsWith(u"t2v-studio "_s));
    QVERIFY(QFile::exists(resources + u"/icons/"_s + applicationId() + u".svg"_s));
    QVERIFY(QFile::exists(resources + u"/linux/"_s + applicationId() + u".metainfo.xml.in"_s));
}

QTEST_MAIN(TestAppIcon)
#include "tst_appicon.moc"

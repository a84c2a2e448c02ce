// Tests for displayPath(): how a path reads in the log and in labels.

#include "core/logging.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDisplayPath final : public QObject
{
    Q_OBJECT

private slots:
    void paths_data();
    void paths();
};

void TestDisplayPath::paths_data()
{
    const QString home = QDir::homePath();
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("shown");
    QTest::newRow("home itself") << home << u"~"_s;
    QTest::newRow("under home") << home + u"/T2V Demo/final/a.mp4"_s << u"~/T2V Demo/final/a.mp4"_s;
    QTest::newRow("untidy") << home + u"//T2V Demo/./clips/"_s << u"~/T2V Demo/clips"_s;
    QTest::newRow("a sibling whose name starts like home")
        << home + u"-other/film"_s << home + u"-other/film"_s;
    QTest::newRow("elsewhere") << u"/srv/films/x"_s << u"/srv/films/x"_s;
}

void TestDisplayPath::paths()
{
    QFETCH(QString, path);
    QFETCH(QString, shown);
    QCOMPARE(t2v::displayPath(path), QDir::toNativeSeparators(shown));
}

QTEST_GUILESS_MAIN(TestDisplayPath)
#include "tst_displaypath.moc"

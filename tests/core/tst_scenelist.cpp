// Tests for the scene selections people type ("1-10,12") and the window writes for them.

#include "core/scenelist.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

class TestSceneList final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void format_data();
    void format();
};

void TestSceneList::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("count");
    QTest::addColumn<QList<int>>("scenes"); // empty: an error
    QTest::addColumn<QString>("errorPart"); // in the message when it is an error
    QTest::newRow("one") << u"3"_s << 10 << QList<int>{3} << QString();
    QTest::newRow("range and single") << u"1-3,7"_s << 10 << QList<int>{1, 2, 3, 7} << QString();
    QTest::newRow("spaces, unsorted, repeated")
        << u" 7 , 2 - 3,3"_s << 10 << QList<int>{2, 3, 7} << QString();
    QTest::newRow("last scene") << u"10"_s << 10 << QList<int>{10} << QString();
    QTest::newRow("beyond the script") << u"9-11"_s << 10 << QList<int>{} << u"scene 11"_s;
    QTest::newRow("zero") << u"0"_s << 10 << QList<int>{} << u"\"0\""_s;
    QTest::newRow("backwards") << u"5-2"_s << 10 << QList<int>{} << u"\"5-2\""_s;
    QTest::newRow("words") << u"first"_s << 10 << QList<int>{} << u"\"first\""_s;
    QTest::newRow("negative") << u"-3"_s << 10 << QList<int>{} << u"\"-3\""_s;
    QTest::newRow("nothing") << u" , "_s << 10 << QList<int>{} << u"no scenes"_s;
}

void TestSceneList::parse()
{
    QFETCH(QString, text);
    QFETCH(int, count);
    QFETCH(QList<int>, scenes);
    QFETCH(QString, errorPart);
    const Result<QList<int>> r = parseSceneList(text, count);
    if (scenes.isEmpty()) {
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(errorPart), qPrintable(r.error().message));
    } else {
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(*r, scenes);
    }
}

void TestSceneList::format_data()
{
    QTest::addColumn<QList<int>>("scenes");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << QList<int>{} << QString();
    QTest::newRow("one") << QList<int>{4} << u"4"_s;
    QTest::newRow("runs") << QList<int>{1, 2, 3, 5, 7, 8, 9} << u"1-3,5,7-9"_s;
    QTest::newRow("unsorted with repeats") << QList<int>{9, 2, 3, 2, 8} << u"2-3,8-9"_s;
}

void TestSceneList::format()
{
    QFETCH(QList<int>, scenes);
    QFETCH(QString, text);
    QCOMPARE(formatSceneList(scenes), text);
    if (!scenes.isEmpty()) {
        // What the window writes, the parser reads back.
        QList<int> expected = scenes;
        std::sort(expected.begin(), expected.end());
        expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
        QCOMPARE(*parseSceneList(text, 100), expected);
    }
}

QTEST_GUILESS_MAIN(TestSceneList)
#include "tst_scenelist.moc"

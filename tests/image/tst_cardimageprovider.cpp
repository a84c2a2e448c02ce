// Tests for CardImageProvider: a real PNG drawn by FFmpeg at each aspect ratio, and a colour of
// its own per character.

#include "image/cardimageprovider.h"
#include "testmedia.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

class TestCardImageProvider final : public QObject
{
    Q_OBJECT

private slots:
    void drawsAPngOfTheAskedShape_data();
    void drawsAPngOfTheAskedShape();
    void eachNameHasItsColour();
    void imageSizes_data();
    void imageSizes();
};

void TestCardImageProvider::drawsAPngOfTheAskedShape_data()
{
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<QString>("size");
    QTest::newRow("square") << u"1:1"_s << u"768x768"_s;
    QTest::newRow("landscape") << u"16:9"_s << u"768x432"_s;
    QTest::newRow("portrait") << u"9:16"_s << u"432x768"_s;
}

void TestCardImageProvider::drawsAPngOfTheAskedShape()
{
    QFETCH(QString, aspect);
    QFETCH(QString, size);
    CardImageProvider cards;
    QVERIFY(!cards.isPaid());
    ImageRequest r;
    r.prompt = u"Character reference sheet of Mara"_s;
    r.title = u"Mara"_s;
    r.subtitle = u"protagonist"_s;
    r.text = u"Short black hair, green eyes, a weathered red coat: it's hers."_s; // a quote
    r.aspectRatio = aspect;
    r.accent = QString();
    const auto made = cards.generate(r, CancelToken());
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
    QCOMPARE(made->mimeType, u"image/png"_s);
    QTemporaryDir dir;
    QFile file(dir.filePath(u"card.png"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(made->data);
    file.close();
    QCOMPARE(probeSize(file.fileName()), size);
}

void TestCardImageProvider::eachNameHasItsColour()
{
    const QString mara = CardImageProvider::colourFor(u"Mara"_s);
    QVERIFY2(mara.startsWith(u'#') && mara.size() == 7, qPrintable(mara));
    QCOMPARE(CardImageProvider::colourFor(u" mara "_s), mara); // the same person
    QVERIFY(CardImageProvider::colourFor(u"Theo"_s) != mara);
}

void TestCardImageProvider::imageSizes_data()
{
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<int>("longSide");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("1:1") << u"1:1"_s << 1024 << 1024 << 1024;
    QTest::newRow("16:9 in steps of 16") << u"16:9"_s << 1000 << 1008 << 560;
    QTest::newRow("3:4") << u"3:4"_s << 768 << 576 << 768;
    QTest::newRow("no ratio") << u"square"_s << 512 << 512 << 512;
    QTest::newRow("zero") << u"0:9"_s << 512 << 512 << 512;
}

void TestCardImageProvider::imageSizes()
{
    QFETCH(QString, aspect);
    QFETCH(int, longSide);
    QFETCH(int, width);
    QFETCH(int, height);
    const ImageSize s = imageSize(aspect, longSide);
    QCOMPARE(s.width, width);
    QCOMPARE(s.height, height);
}

QTEST_GUILESS_MAIN(TestCardImageProvider)
#include "tst_cardimageprovider.moc"

// The checks every image from outside passes (core/image.h): its type from its bytes, its
// size, a file read, and the data URI some services take.

#include "core/image.h"
#include "testmedia.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

class TestImage final : public QObject
{
    Q_OBJECT

private slots:
    void types_data();
    void types();
    void checks_data();
    void checks();
    void readsAFile();
    void dataUri();
};

void TestImage::types_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("extension");
    QTest::newRow("png") << tinyPng() << u"image/png"_s << u"png"_s;
    QTest::newRow("jpeg") << QByteArray("\xff\xd8\xff\xe0\0\x10JFIF", 10) << u"image/jpeg"_s
                          << u"jpg"_s;
    QTest::newRow("webp") << QByteArray("RIFF\x24\0\0\0WEBPVP8 ", 16) << u"image/webp"_s
                          << u"webp"_s;
    QTest::newRow("gif") << QByteArray("GIF89a") << QString() << u"png"_s;
    QTest::newRow("riff but wav") << QByteArray("RIFF\x24\0\0\0WAVEfmt ", 16) << QString()
                                  << u"png"_s;
    QTest::newRow("html") << QByteArray("<html>") << QString() << u"png"_s;
    QTest::newRow("empty") << QByteArray() << QString() << u"png"_s;
}

void TestImage::types()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, type);
    QFETCH(QString, extension);
    QCOMPARE(image::sniffType(bytes), type);
    QCOMPARE(image::extension(type), extension);
}

void TestImage::checks_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message"); // empty: accepted
    QTest::newRow("png") << tinyPng() << QString();
    QTest::newRow("empty") << QByteArray() << u"The image is empty."_s;
    QTest::newRow("not an image") << QByteArray("{\"error\": 1}")
                                  << u"The image is not a PNG, JPEG or WebP image."_s;
    QTest::newRow("too large") << (tinyPng() + QByteArray(image::kMaxBytes, '\0'))
                               << u"images of at most 16 MB are used"_s;
}

void TestImage::checks()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const auto r = image::check(bytes, u"The image"_s);
    QCOMPARE(r.ok(), message.isEmpty());
    if (!r.ok())
        QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    else
        QCOMPARE(r->mimeType, u"image/png"_s);
}

void TestImage::readsAFile()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(u"face.jpeg"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(tinyPng(5)); // the name says JPEG, the bytes say PNG: the bytes win
    f.close();
    const auto r = image::readFile(f.fileName());
    QVERIFY(r.ok());
    QCOMPARE(r->mimeType, u"image/png"_s);
    QCOMPARE(r->data, tinyPng(5));
    const auto missing = image::readFile(dir.filePath(u"none.png"_s));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::Io);
}

void TestImage::dataUri()
{
    const ImageInput png{tinyPng(), u"image/png"_s};
    QCOMPARE(image::dataUri(png), "data:image/png;base64," + tinyPng().toBase64());
}

QTEST_GUILESS_MAIN(TestImage)
#include "tst_image.moc"

// ThumbnailCache: decodes and scales on a worker, answers from the cache afterwards, remembers
// unreadable files, and forgets everything on clear().

#include "thumbnailcache.h"

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v::ui;

class TestThumbnailCache : public QObject
{
    Q_OBJECT

private slots:
    void loadsOnAWorkerThenAnswersAtOnce();
    void unreadableFilesAreNotRetried();
    void clearDropsLoadsInFlight();

private:
    QString makeJpeg(const QString& dir, const QString& name, QSize size)
    {
        QImage image(size, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        const QString path = dir + u'/' + name;
        return image.save(path, "JPEG") ? path : QString();
    }
};

void TestThumbnailCache::loadsOnAWorkerThenAnswersAtOnce()
{
    QTemporaryDir tmp;
    const QString path = makeJpeg(tmp.path(), u"s001-v1.jpg"_s, QSize(320, 180));
    QVERIFY(!path.isEmpty());
    ThumbnailCache cache;
    QSignalSpy loaded(&cache, &ThumbnailCache::loaded);
    QVERIFY(cache.get(path, QSize(160, 90)).isNull()); // not yet: it is being decoded
    QVERIFY(cache.get(path, QSize(160, 90)).isNull()); // and not decoded twice
    QVERIFY(loaded.wait(5000));
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.first().at(0).toString(), path);
    const QPixmap pix = cache.get(path, QSize(160, 90));
    QCOMPARE(pix.size(), QSize(160, 90));
    // Another size of the same file is another picture.
    QVERIFY(cache.get(path, QSize(86, 48)).isNull());
    QVERIFY(loaded.wait(5000));
    QCOMPARE(cache.get(path, QSize(86, 48)).size(), QSize(85, 48)); // aspect kept
}

void TestThumbnailCache::unreadableFilesAreNotRetried()
{
    QTemporaryDir tmp;
    ThumbnailCache cache;
    QSignalSpy loaded(&cache, &ThumbnailCache::loaded);
    const QString missing = tmp.filePath(u"none.jpg"_s);
    QVERIFY(cache.get(missing, QSize(160, 90)).isNull());
    QTest::qWait(200);
    QVERIFY(loaded.isEmpty());
    QVERIFY(cache.get(missing, QSize(160, 90)).isNull());
    QTest::qWait(100);
    QVERIFY(loaded.isEmpty());
    QVERIFY(cache.get(QString(), QSize(160, 90)).isNull());
}

void TestThumbnailCache::clearDropsLoadsInFlight()
{
    QTemporaryDir tmp;
    const QString path = makeJpeg(tmp.path(), u"a.jpg"_s, QSize(320, 180));
    ThumbnailCache cache;
    QSignalSpy loaded(&cache, &ThumbnailCache::loaded);
    QVERIFY(cache.get(path, QSize(160, 90)).isNull());
    cache.clear(); // e.g. the project closed
    QTest::qWait(300);
    QVERIFY(loaded.isEmpty());
    // Asked again, it loads again.
    QVERIFY(cache.get(path, QSize(160, 90)).isNull());
    QVERIFY(loaded.wait(5000));
    QVERIFY(!cache.get(path, QSize(160, 90)).isNull());
}

QTEST_MAIN(TestThumbnailCache)
#include "tst_thumbnailcache.moc"

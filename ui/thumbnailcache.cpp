#include "thumbnailcache.h"

#include "core/async.h"

#include <QImage>
#include <QImageReader>

using namespace Qt::StringLiterals;

namespace t2v::ui {

ThumbnailCache::ThumbnailCache(QObject* parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(u"thumbnails"_s);
}

ThumbnailCache::~ThumbnailCache()
{
    m_pool.clear();
    m_pool.waitForDone();
}

QString ThumbnailCache::keyOf(const QString& path, const QSize& size)
{
    return u"%1x%2:%3"_s.arg(size.width()).arg(size.height()).arg(path);
}

QPixmap ThumbnailCache::get(const QString& path, const QSize& size)
{
    if (path.isEmpty())
        return {};
    const QString key = keyOf(path, size);
    if (const auto it = m_pixmaps.constFind(key); it != m_pixmaps.constEnd())
        return *it;
    if (m_loading.contains(key) || m_unreadable.contains(key))
        return {};
    m_loading.insert(key);
    const quint64 generation = m_generation;
    runInPool(
        &m_pool, this,
        [path, size] {
            QImageReader reader(path);
            reader.setAutoTransform(true);
            const QImage image = reader.read();
            return image.isNull()
                       ? image
                       : image.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        },
        [this, key, path, generation](const QImage& image) {
            if (generation != m_generation)
                return; // cleared since
            m_loading.remove(key);
            if (image.isNull()) {
                m_unreadable.insert(key);
                return;
            }
            m_pixmaps.insert(key, QPixmap::fromImage(image));
            emit loaded(path);
        });
    return {};
}

void ThumbnailCache::clear()
{
    ++m_generation;
    m_pixmaps.clear();
    m_loading.clear();
    m_unreadable.clear();
}

} // namespace t2v::ui

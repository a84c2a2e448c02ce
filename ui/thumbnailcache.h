#pragma once

// Clip thumbnails for the views, decoded and scaled on a worker thread so that a table of 75
// clips, or the Final tab's strip, never makes the window wait for the disk or the JPEG
// decoder. get() answers at once from the cache, or starts the load and answers later
// through loaded().

#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QSize>
#include <QThreadPool>

namespace t2v::ui {

class ThumbnailCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThumbnailCache)

public:
    explicit ThumbnailCache(QObject* parent = nullptr);
    ~ThumbnailCache() override;

    // The picture at `path` scaled to fit `size`, or a null pixmap while it loads (and for a
    // file that cannot be read).
    QPixmap get(const QString& path, const QSize& size);
    // Forgets everything, for example when a project closes.
    void clear();

signals:
    void loaded(const QString& path);

private:
    static QString keyOf(const QString& path, const QSize& size);

    QHash<QString, QPixmap> m_pixmaps;
    QSet<QString> m_loading;
    QSet<QString> m_unreadable;
    QThreadPool m_pool;
    quint64 m_generation = 0;
};

} // namespace t2v::ui

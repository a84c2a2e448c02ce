#include "modelupdater.h"

#include <algorithm>

namespace t2v::ui {

ModelUpdater::ModelUpdater(QAbstractItemModel* model)
    : QObject(model)
    , m_model(model)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &ModelUpdater::flush);
}

void ModelUpdater::rowChanged(int row)
{
    m_rows.insert(row);
    if (!m_timer.isActive())
        m_timer.start();
}

void ModelUpdater::flush()
{
    m_timer.stop();
    if (m_rows.isEmpty())
        return;
    QList<int> rows(m_rows.cbegin(), m_rows.cend());
    m_rows.clear();
    std::sort(rows.begin(), rows.end());
    const int lastColumn = m_model->columnCount() - 1;
    const int count = m_model->rowCount();
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1)
            ++j;
        const int first = rows[i];
        const int last = std::min(rows[j], count - 1);
        if (first <= last && lastColumn >= 0) {
            emit m_model->dataChanged(m_model->index(first, 0), m_model->index(last, lastColumn));
            ++m_sent;
        }
        i = j + 1;
    }
}

} // namespace t2v::ui

#pragma once

// Paints a progress bar with its text in a table cell (download bytes, render percentage), and
// plain text when there is no progress to show.

#include <QStyledItemDelegate>

namespace t2v::ui {

class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ProgressDelegate(int progressRole, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

private:
    int m_role;
};

} // namespace t2v::ui

#include "characterbibledialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace t2v::ui {

CharacterBibleDialog::CharacterBibleDialog(const QList<Character>& characters, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Character bible"));
    resize(820, 360);
    auto* hint = new QLabel(
        tr("Each character's appearance is added to every video prompt the character is in, so "
           "they look the same in every shot. Describe hair, eyes, build and clothing."));
    hint->setWordWrap(true);
    m_table = new QTableWidget(0, 4);
    m_table->setObjectName(u"table"_s);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Role"), tr("Appearance"), tr("Voice")});
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    for (const Character& c : characters)
        addRow(c);
    auto* add = new QPushButton(tr("&Add"));
    add->setObjectName(u"add"_s);
    auto* remove = new QPushButton(tr("&Remove"));
    remove->setObjectName(u"remove"_s);
    connect(add, &QPushButton::clicked, this, [this] {
        addRow({});
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QStringList names;
        for (const Character& c : this->characters()) {
            if (names.contains(c.name, Qt::CaseInsensitive)) {
                QMessageBox::warning(this, windowTitle(),
                                     tr("Two characters are called \"%1\".").arg(c.name));
                return;
            }
            names.append(c.name);
        }
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch();
    row->addWidget(buttons);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_table);
    layout->addLayout(row);
}

void CharacterBibleDialog::addRow(const Character& c)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(c.name));
    m_table->setItem(row, 1, new QTableWidgetItem(c.role));
    m_table->setItem(row, 2, new QTableWidgetItem(c.appearance));
    m_table->setItem(row, 3, new QTableWidgetItem(c.voice));
}

QList<Character> CharacterBibleDialog::characters() const
{
    QList<Character> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        auto text = [&](int c) {
            return m_table->item(r, c) ? m_table->item(r, c)->text().trimmed() : QString();
        };
        if (text(0).isEmpty())
            continue;
        out.append({text(0), text(1), text(2), text(3)});
    }
    return out;
}

} // namespace t2v::ui

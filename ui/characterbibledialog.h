#pragma once

// Edits the character bible: each character's name, role, fixed appearance (pinned into every
// video prompt) and voice.

#include "core/character.h"

#include <QDialog>

class QTableWidget;

namespace t2v::ui {

class CharacterBibleDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit CharacterBibleDialog(const QList<Character>& characters, QWidget* parent = nullptr);
    QList<Character> characters() const;

private:
    void addRow(const Character& c);
    QTableWidget* m_table;
};

} // namespace t2v::ui

#pragma once

// Edits the character bible: each character's name, role, fixed appearance (pinned into every
// video prompt) and voice, and, with a session, its reference images: the strip under the
// table shows the chosen character's images (in use, or waiting for approval), made by an
// image account or imported, approved or discarded at once (ReferenceMaker).

#include "core/character.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace t2v {
class ProjectSession;
}

namespace t2v::ui {

class CharacterBibleDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit CharacterBibleDialog(const QList<Character>& characters,
                                  ProjectSession* session = nullptr, QWidget* parent = nullptr);
    QList<Character> characters() const;

private:
    void addRow(const Character& c, int original);
    QWidget* makeReferenceStrip();
    // The character of the current row as the project has it now, or null (a new row).
    const Character* currentCharacter() const;
    void showReferences();
    void makeImages();
    void importImage();
    void refreshAfter(const QString& action, const QString& error);

    QTableWidget* m_table;
    QList<Character> m_original; // as opened: the rows keep their reference images
    ProjectSession* m_session = nullptr;
    QListWidget* m_images = nullptr;
    QLabel* m_imageState = nullptr;
    QComboBox* m_imageAccount = nullptr;
    QPushButton* m_make = nullptr;
    QPushButton* m_import = nullptr;
    QPushButton* m_approve = nullptr;
    QPushButton* m_discard = nullptr;
};

} // namespace t2v::ui

#pragma once

// Asks where a new project goes: a name (the folder's name) inside a parent folder, and
// optionally the idea, so the Script tab opens ready to generate.

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace t2v::ui {

class NewProjectDialog final : public QDialog
{
    Q_OBJECT

public:
    NewProjectDialog(const QString& parentFolder, QWidget* parent = nullptr);

    QString projectDir() const;
    QString idea() const;
    QString title() const;

private:
    void validate();

    QLineEdit* m_name;
    QLineEdit* m_folder;
    QPlainTextEdit* m_idea;
    QLabel* m_where;
    QDialogButtonBox* m_buttons;
};

} // namespace t2v::ui

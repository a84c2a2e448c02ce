#include "newprojectdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace t2v::ui {

NewProjectDialog::NewProjectDialog(const QString& parentFolder, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("New Project"));
    m_name = new QLineEdit;
    m_name->setObjectName(u"name"_s);
    m_name->setPlaceholderText(tr("My film"));
    m_folder = new QLineEdit(QDir::toNativeSeparators(parentFolder));
    m_folder->setObjectName(u"folder"_s);
    auto* browse = new QPushButton(tr("&Browse…"));
    m_idea = new QPlainTextEdit;
    m_idea->setObjectName(u"idea"_s);
    m_idea->setPlaceholderText(
        tr("Optional: the idea for the script. You can write it later in the Script tab."));
    m_idea->setTabChangesFocus(true);
    m_where = new QLabel;
    m_where->setObjectName(u"where"_s);
    m_where->setWordWrap(true);
    m_where->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&In folder"), folderRow);
    qobject_cast<QLabel*>(form->labelForField(folderRow))->setBuddy(m_folder);
    form->addRow(tr("I&dea"), m_idea);
    form->addRow(QString(), m_where);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->setObjectName(u"buttons"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Folder for the new project"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(QDir::toNativeSeparators(dir));
    });
    connect(m_name, &QLineEdit::textChanged, this, &NewProjectDialog::validate);
    connect(m_folder, &QLineEdit::textChanged, this, &NewProjectDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
    resize(560, 320);
}

QString NewProjectDialog::title() const
{
    return m_name->text().trimmed();
}

QString NewProjectDialog::projectDir() const
{
    // Characters that no file system likes become spaces; the title keeps them.
    static const QRegularExpression unsafe(u"[\\\\/:*?\"<>|\\x00-\\x1f]"_s);
    QString folder = title();
    folder.replace(unsafe, u" "_s);
    folder = folder.simplified();
    if (folder.isEmpty() || folder == u"."_s || folder == u".."_s)
        return {};
    return QDir(QDir::fromNativeSeparators(m_folder->text().trimmed())).filePath(folder);
}

QString NewProjectDialog::idea() const
{
    return m_idea->toPlainText().trimmed();
}

void NewProjectDialog::validate()
{
    QString problem;
    const QString dir = projectDir();
    if (title().isEmpty())
        problem = tr("Give the project a name.");
    else if (m_folder->text().trimmed().isEmpty())
        problem = tr("Choose the folder that holds the project.");
    else if (dir.isEmpty())
        problem = tr("The name needs at least one letter or digit.");
    else if (QFileInfo::exists(dir) && !QDir(dir).isEmpty())
        problem = tr("%1 already exists and is not empty.").arg(QDir::toNativeSeparators(dir));
    m_where->setText(
        problem.isEmpty()
            ? tr("The project will be created in %1").arg(QDir::toNativeSeparators(dir))
            : problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace t2v::ui

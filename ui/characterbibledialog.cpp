#include "characterbibledialog.h"

#include "providers/providerregistry.h"
#include "session/appservices.h"
#include "session/projectsession.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace t2v::ui {

CharacterBibleDialog::CharacterBibleDialog(const QList<Character>& characters,
                                           ProjectSession* session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(tr("Characters"));
    resize(860, session ? 620 : 360);
    auto* hint = new QLabel(
        tr("Each character's appearance is added to every video prompt the character is in, so "
           "they look the same in every shot. Describe hair, eyes, build and clothing."));
    hint->setWordWrap(true);
    m_table = new QTableWidget(0, 4);
    m_table->setObjectName(u"table"_s);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Role"), tr("Appearance"), tr("Voice")});
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_original = characters;
    for (int i = 0; i < characters.size(); ++i)
        addRow(characters[i], i);
    auto* add = new QPushButton(tr("&Add"));
    add->setObjectName(u"add"_s);
    auto* remove = new QPushButton(tr("&Remove"));
    remove->setObjectName(u"remove"_s);
    connect(add, &QPushButton::clicked, this, [this] {
        addRow({}, -1);
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
    layout->addWidget(m_table, 1);
    if (m_session) {
        layout->addWidget(makeReferenceStrip());
        connect(m_table, &QTableWidget::currentCellChanged, this, [this] { showReferences(); });
        if (m_table->rowCount() > 0)
            m_table->setCurrentCell(0, 0);
        showReferences();
    }
    layout->addLayout(row);
}

QWidget* CharacterBibleDialog::makeReferenceStrip()
{
    auto* box = new QWidget;
    auto* title = new QLabel(tr("<b>Reference images</b> go with every clip the character is in "
                                "(at most 3 per clip), to services that take them."));
    title->setWordWrap(true);
    m_images = new QListWidget;
    m_images->setObjectName(u"images"_s);
    m_images->setViewMode(QListView::IconMode);
    m_images->setIconSize(QSize(144, 144));
    m_images->setFlow(QListView::LeftToRight);
    m_images->setWrapping(false);
    m_images->setMovement(QListView::Static);
    m_images->setFixedHeight(196);
    m_imageState = new QLabel;
    m_imageState->setObjectName(u"imageState"_s);
    m_imageAccount = new QComboBox;
    m_imageAccount->setObjectName(u"imageAccount"_s);
    m_imageAccount->setToolTip(tr("The account that draws the images. \"Local animatic\" draws "
                                  "offline cards with FFmpeg, free."));
    for (const Account& a : m_session->app().accounts().accounts()) {
        if (a.enabled && ProviderRegistry::canMakeImages(a))
            m_imageAccount->addItem(a.label.isEmpty() ? a.id : u"%1 (%2)"_s.arg(a.label, a.id),
                                    a.id);
    }
    m_make = new QPushButton(tr("&Make images"));
    m_make->setObjectName(u"makeImages"_s);
    m_import = new QPushButton(tr("&Import..."));
    m_import->setObjectName(u"importImage"_s);
    m_approve = new QPushButton(tr("Use the &new images"));
    m_approve->setObjectName(u"approveImages"_s);
    m_discard = new QPushButton(tr("&Discard the new images"));
    m_discard->setObjectName(u"discardImages"_s);
    connect(m_make, &QPushButton::clicked, this, &CharacterBibleDialog::makeImages);
    connect(m_import, &QPushButton::clicked, this, &CharacterBibleDialog::importImage);
    connect(m_approve, &QPushButton::clicked, this, [this] {
        if (const Character* c = currentCharacter()) {
            const Status s = m_session->references().approve(c->name);
            refreshAfter(tr("The new images cannot be used"), s ? QString() : s.error().message);
        }
    });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        if (const Character* c = currentCharacter()) {
            const Status s = m_session->references().discard(c->name);
            refreshAfter(tr("The new images cannot be discarded"),
                         s ? QString() : s.error().message);
        }
    });
    ReferenceMaker& refs = m_session->references();
    connect(&refs, &ReferenceMaker::made, this, [this] { showReferences(); });
    connect(&refs, &ReferenceMaker::failed, this, [this](const QString& name, const QString& why) {
        m_imageState->setText(tr("No image for %1: %2").arg(name, why));
    });
    connect(&refs, &ReferenceMaker::finished, this, [this] { showReferences(); });
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_imageState, 1);
    actions->addWidget(m_imageAccount);
    actions->addWidget(m_make);
    actions->addWidget(m_import);
    actions->addWidget(m_approve);
    actions->addWidget(m_discard);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_images);
    layout->addLayout(actions);
    return box;
}

const Character* CharacterBibleDialog::currentCharacter() const
{
    const int row = m_table->currentRow();
    if (!m_session || row < 0 || !m_table->item(row, 0))
        return nullptr;
    const int original = m_table->item(row, 0)->data(Qt::UserRole).toInt();
    if (original < 0 || original >= m_original.size())
        return nullptr;
    return m_session->project().script.findCharacter(m_original[original].name);
}

void CharacterBibleDialog::showReferences()
{
    if (!m_images)
        return;
    m_images->clear();
    const Character* c = currentCharacter();
    const bool busy = m_session->references().isRunning();
    m_make->setEnabled(c && !busy && m_imageAccount->count() > 0);
    m_import->setEnabled(c && !busy);
    m_approve->setEnabled(c && !busy && c->hasPendingReferences());
    m_discard->setEnabled(c && !busy && c->hasPendingReferences());
    if (!c) {
        m_imageState->setText(m_table->currentRow() >= 0
                                  ? tr("A new character gets images once the bible is saved.")
                                  : QString());
        return;
    }
    const QDir dir(m_session->store().dir());
    for (const CharacterRef& r : c->references) {
        // Scaled while read: a large import costs no more than its thumbnail.
        QImageReader reader(dir.filePath(r.file));
        const QSize full = reader.size();
        if (full.isValid())
            reader.setScaledSize(full.scaled(m_images->iconSize(), Qt::KeepAspectRatio));
        const QImage image = reader.read();
        auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(image)),
                                         r.approved ? tr("in use") : tr("waiting for approval"));
        item->setToolTip(r.file);
        if (image.isNull())
            item->setText(tr("missing: %1").arg(r.file));
        m_images->addItem(item);
    }
    const int used = int(c->approvedReferences().size());
    const int waiting = int(c->references.size()) - used;
    m_imageState->setText(
        busy                      ? tr("Making images...")
        : c->references.isEmpty() ? tr("%1 has no reference images yet.").arg(c->name)
        : waiting > 0             ? tr("%1 in use, %2 waiting for approval.").arg(used).arg(waiting)
                                  : tr("%1 in use.").arg(used));
}

void CharacterBibleDialog::makeImages()
{
    const Character* c = currentCharacter();
    if (!c)
        return;
    const Status s =
        m_session->references().make({c->name}, m_imageAccount->currentData().toString());
    refreshAfter(tr("No images can be made"), s ? QString() : s.error().message);
}

void CharacterBibleDialog::importImage()
{
    const Character* c = currentCharacter();
    if (!c)
        return;
    const QString name = c->name;
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Reference image of %1").arg(name), QDir::homePath(),
                                     tr("Images (*.png *.jpg *.jpeg *.webp)"));
    if (file.isEmpty())
        return;
    const auto added = m_session->references().importFile(name, file);
    refreshAfter(tr("The image cannot be used"), added ? QString() : added.error().message);
}

void CharacterBibleDialog::refreshAfter(const QString& action, const QString& error)
{
    if (!error.isEmpty())
        QMessageBox::warning(this, action, error);
    showReferences();
}

void CharacterBibleDialog::addRow(const Character& c, int original)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* name = new QTableWidgetItem(c.name);
    name->setData(Qt::UserRole, original); // its reference images stay with the row
    m_table->setItem(row, 0, name);
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
        Character c;
        c.name = text(0);
        c.role = text(1);
        c.appearance = text(2);
        c.voice = text(3);
        // The images as the project has them now (made or approved while the dialog was open).
        const int original = m_table->item(r, 0)->data(Qt::UserRole).toInt();
        if (original >= 0 && original < m_original.size()) {
            const Character* now =
                m_session ? m_session->project().script.findCharacter(m_original[original].name)
                          : nullptr;
            c.references = now ? now->references : m_original[original].references;
        }
        out.append(c);
    }
    return out;
}

} // namespace t2v::ui

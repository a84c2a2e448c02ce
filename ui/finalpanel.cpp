#include "finalpanel.h"

#include "appcontext.h"
#include "core/logging.h"
#include "session/projectsession.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace t2v::ui {
namespace {

QPixmap placeholder(const QSize& size, const QString& text, const QPalette& palette)
{
    QPixmap pix(size);
    pix.fill(palette.color(QPalette::AlternateBase));
    QPainter p(&pix);
    p.setPen(palette.color(QPalette::PlaceholderText));
    p.drawRect(pix.rect().adjusted(0, 0, -1, -1));
    p.drawText(pix.rect(), Qt::AlignCenter, text);
    return pix;
}

} // namespace

FinalPanel::FinalPanel(ProjectSession& session, ThumbnailCache& thumbnails, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_thumbnails(thumbnails)
{
    m_strip = new QListWidget;
    m_strip->setObjectName(u"strip"_s);
    m_strip->setViewMode(QListView::IconMode);
    m_strip->setFlow(QListView::LeftToRight);
    m_strip->setWrapping(true);
    m_strip->setResizeMode(QListView::Adjust);
    m_strip->setMovement(QListView::Static);
    m_strip->setIconSize(QSize(160, 90));
    m_strip->setGridSize(QSize(176, 124));
    m_strip->setSelectionMode(QAbstractItemView::NoSelection);

    m_subtitles = new QComboBox;
    m_subtitles->setObjectName(u"subtitles"_s);
    m_subtitles->addItem(tr("None"), u"none"_s);
    m_subtitles->addItem(tr("Soft (a subtitle track)"), u"soft"_s);
    m_subtitles->addItem(tr("Burned into the picture"), u"burn"_s);
    m_transition = new QComboBox;
    m_transition->setObjectName(u"transition"_s);
    m_transition->addItem(tr("Cuts"), u"none"_s);
    m_transition->addItem(tr("Fades"), u"fade"_s);
    m_fade = new QDoubleSpinBox;
    m_fade->setObjectName(u"fade"_s);
    m_fade->setRange(0.1, 3.0);
    m_fade->setSingleStep(0.1);
    m_fade->setSuffix(tr(" s"));
    m_music = new QLineEdit;
    m_music->setObjectName(u"music"_s);
    m_music->setPlaceholderText(tr("no music"));
    auto* browse = new QPushButton(tr("&Browse…"));
    m_volume = new QDoubleSpinBox;
    m_volume->setObjectName(u"volume"_s);
    m_volume->setRange(0, 2);
    m_volume->setSingleStep(0.05);
    m_volume->setToolTip(tr("Music volume (1 = as recorded)"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Subtitles"), m_subtitles);
    auto* transitionRow = new QHBoxLayout;
    transitionRow->addWidget(m_transition);
    transitionRow->addWidget(new QLabel(tr("Fade length")));
    transitionRow->addWidget(m_fade);
    transitionRow->addStretch();
    form->addRow(tr("&Between scenes"), transitionRow);
    qobject_cast<QLabel*>(form->labelForField(transitionRow))->setBuddy(m_transition);
    auto* musicRow = new QHBoxLayout;
    musicRow->addWidget(m_music, 1);
    musicRow->addWidget(browse);
    musicRow->addWidget(new QLabel(tr("Volume")));
    musicRow->addWidget(m_volume);
    form->addRow(tr("&Music"), musicRow);
    qobject_cast<QLabel*>(form->labelForField(musicRow))->setBuddy(m_music);

    m_assemble = new QPushButton(tr("&Assemble the film"));
    m_assemble->setObjectName(u"assemble"_s);
    m_cancel = new QPushButton(tr("S&top"));
    m_cancel->setObjectName(u"cancel"_s);
    m_export = new QPushButton(tr("&Export script files"));
    m_export->setObjectName(u"export"_s);
    m_export->setToolTip(
        tr("Screenplay, subtitles, prompts CSV, script JSON and an EDL, in exports/"));
    m_openFilm = new QPushButton(tr("&Open film"));
    m_openFilm->setObjectName(u"openFilm"_s);
    m_openFolder = new QPushButton(tr("Show in &folder"));
    m_openFolder->setObjectName(u"openFolder"_s);
    m_progress = new QProgressBar;
    m_progress->setObjectName(u"progress"_s);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_status = new QLabel;
    m_status->setObjectName(u"status"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_assemble);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_export);
    buttons->addStretch();
    buttons->addWidget(m_openFilm);
    buttons->addWidget(m_openFolder);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("The clip of each scene that goes into the film (choose another variant in "
                      "the Videos tab):")));
    layout->addWidget(m_strip, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Music"), {},
            tr("Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.flac);;All files (*)"));
        if (!file.isEmpty())
            m_music->setText(file);
    });
    connect(m_assemble, &QPushButton::clicked, this, &FinalPanel::assemble);
    connect(m_cancel, &QPushButton::clicked, &m_session, &ProjectSession::cancelAssembly);
    connect(m_export, &QPushButton::clicked, this, [this] {
        auto written = m_session.writeExports();
        if (!written)
            QMessageBox::warning(this, tr("Export"), written.error().message);
        else
            m_status->setText(tr("Wrote %n file(s) in %1", nullptr, int(written->size()))
                                  .arg(QDir::toNativeSeparators(
                                      QDir(m_session.store().dir()).filePath(u"exports"_s))));
    });
    connect(m_openFilm, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_film)); });
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(
            QUrl::fromLocalFile(QDir(m_session.store().dir()).filePath(u"final"_s)));
    });
    connect(m_transition, &QComboBox::currentIndexChanged, this, &FinalPanel::updateState);
    connect(&session, &ProjectSession::assemblyProgress, this,
            [this](double f) { m_progress->setValue(int(f * 1000)); });
    connect(&session, &ProjectSession::assemblyFinished, this,
            [this](const QString& film, double seconds) {
                m_film = film;
                m_progress->setValue(1000);
                m_status->setText(tr("The film is ready: %1 (%2 s). The exports are in exports/.")
                                      .arg(displayPath(film), QString::number(seconds, 'f', 1)));
                updateState();
            });
    connect(&session, &ProjectSession::assemblyFailed, this, [this](const QString& why) {
        m_progress->setValue(0);
        m_status->setText(why);
        updateState();
    });
    auto* refresh = new QTimer(this);
    refresh->setSingleShot(true);
    refresh->setInterval(300);
    connect(refresh, &QTimer::timeout, this, &FinalPanel::refreshStrip);
    // Coalesced, and only while the tab is on screen; showEvent() catches up.
    auto later = [this, refresh] {
        m_stripStale = true;
        if (isVisible() && !refresh->isActive())
            refresh->start();
    };
    connect(&session, &ProjectSession::jobChanged, refresh, later);
    connect(&session, &ProjectSession::jobsReset, refresh, later);
    connect(&session, &ProjectSession::scriptReset, refresh, later);
    connect(&thumbnails, &ThumbnailCache::loaded, refresh, later);
    connect(&session, &ProjectSession::opened, this, [this] {
        loadFromProject();
        refreshStrip();
    });
    connect(&session, &ProjectSession::closed, this, [this] {
        m_film.clear();
        m_status->clear();
        refreshStrip();
    });
    updateState();
}

void FinalPanel::loadFromProject()
{
    const ProjectSettings& s = m_session.store().project().settings;
    m_subtitles->setCurrentIndex(std::max(0, m_subtitles->findData(s.subtitles)));
    m_transition->setCurrentIndex(std::max(0, m_transition->findData(s.transition)));
    m_fade->setValue(s.fadeSeconds);
    m_music->setText(s.musicPath);
    m_volume->setValue(s.musicVolume);
    m_film.clear();
    const QDir final(QDir(m_session.store().dir()).filePath(u"final"_s));
    const QStringList films = final.entryList({u"*.mp4"_s}, QDir::Files, QDir::Time);
    if (!films.isEmpty()) {
        m_film = final.filePath(films.first());
        m_status->setText(tr("Last film: %1").arg(displayPath(m_film)));
    } else {
        m_status->clear();
    }
    m_progress->setValue(0);
    updateState();
}

void FinalPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stripStale)
        refreshStrip();
}

void FinalPanel::refreshStrip()
{
    m_stripStale = false;
    m_strip->clear();
    if (m_session.isOpen()) {
        const Project& p = m_session.store().project();
        const QPixmap noPreview = placeholder(QSize(160, 90), tr("no preview"), palette());
        const QPixmap noClip = placeholder(QSize(160, 90), tr("no clip yet"), palette());
        for (const Scene& scene : p.script.scenes) {
            const int chosen = p.settings.chosenVariants.value(scene.number, 0);
            const VideoJob* pick = nullptr;
            for (const VideoJob* j : p.jobsForScene(scene.number)) {
                if (j->state == JobState::Done && (!pick || j->variant == chosen))
                    pick = j;
            }
            QPixmap pix;
            if (pick && !pick->thumbPath.isEmpty())
                pix = m_thumbnails.get(m_session.store().absolutePath(pick->thumbPath),
                                       QSize(160, 90));
            if (pix.isNull())
                pix = pick ? noPreview : noClip;
            auto* item = new QListWidgetItem(
                QIcon(pix), pick ? tr("Scene %1 · v%2").arg(scene.number).arg(pick->variant)
                                 : tr("Scene %1").arg(scene.number));
            item->setToolTip(scene.narration);
            m_strip->addItem(item);
        }
    }
    updateState();
}

void FinalPanel::updateState()
{
    const bool open = m_session.isOpen();
    const bool busy = m_session.isAssembling();
    m_assemble->setEnabled(open && !busy);
    m_cancel->setEnabled(busy);
    m_export->setEnabled(open && !busy);
    m_fade->setEnabled(m_transition->currentData().toString() == u"fade"_s);
    m_openFilm->setEnabled(!m_film.isEmpty() && QFileInfo::exists(m_film));
    m_openFolder->setEnabled(open);
}

void FinalPanel::assemble()
{
    AssemblyOptions o;
    o.subtitles = m_subtitles->currentData().toString();
    o.transition = m_transition->currentData().toString();
    o.fadeSeconds = m_fade->value();
    o.musicPath = m_music->text().trimmed();
    o.musicVolume = m_volume->value();
    if (const QString why = o.validate(); !why.isEmpty()) {
        QMessageBox::warning(this, tr("Assemble"), why);
        return;
    }
    if (Status s = m_session.assemble(o); !s) {
        QMessageBox::warning(this, tr("Assemble"), s.error().message);
        return;
    }
    m_status->setText(tr("Assembling…"));
    m_progress->setValue(0);
    updateState();
}

} // namespace t2v::ui

#include "storyboardpanel.h"

#include "providers/providerregistry.h"
#include "session/appservices.h"
#include "session/projectsession.h"
#include "storyboardmodel.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace t2v::ui {
namespace {

// One card: the picture, the number and state, the beat, the characters as chips, the cost.
class CardDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static constexpr int kPad = 8;

    QSize sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        const QSize image = StoryboardModel::kImageSize;
        return {image.width() + 2 * kPad, image.height() + 112};
    }

    void paint(QPainter* p, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        const QPalette& pal = option.palette;
        const bool selected = option.state & QStyle::State_Selected;
        const QRect card = option.rect.adjusted(3, 3, -3, -3);
        QPainterPath outline;
        outline.addRoundedRect(card, 6, 6);
        p->fillPath(outline, selected ? pal.highlight().color().lighter(170) : pal.base());
        p->setPen(QPen(selected ? pal.highlight().color() : pal.mid().color(), 1));
        p->drawPath(outline);

        const QRect image(card.left() + kPad - 3, card.top() + kPad - 3,
                          StoryboardModel::kImageSize.width(),
                          StoryboardModel::kImageSize.height());
        p->fillRect(image, pal.window());
        const QPixmap pix = index.data(Qt::DecorationRole).value<QPixmap>();
        if (!pix.isNull()) {
            const QSize size = pix.size().scaled(image.size(), Qt::KeepAspectRatio);
            p->drawPixmap(QRect(image.topLeft() + QPoint((image.width() - size.width()) / 2,
                                                         (image.height() - size.height()) / 2),
                                size),
                          pix);
        } else {
            p->setPen(pal.placeholderText().color());
            p->drawText(image, Qt::AlignCenter, StoryboardPanel::tr("No picture yet"));
        }
        if (index.data(StoryboardModel::NewKeyframeRole).toBool()) {
            const QRect badge(image.right() - 96, image.top() + 4, 92, 18);
            p->fillRect(badge, QColor(224, 178, 91));
            p->setPen(Qt::black);
            p->drawText(badge, Qt::AlignCenter, StoryboardPanel::tr("new keyframe"));
        }

        int y = image.bottom() + 6;
        QFont bold = option.font;
        bold.setBold(true);
        p->setFont(bold);
        p->setPen(pal.text().color());
        const QFontMetrics fm(option.font);
        const QRect head(image.left(), y, image.width(), fm.height());
        QString number =
            StoryboardPanel::tr("Scene %1").arg(index.data(StoryboardModel::NumberRole).toInt());
        if (index.data(StoryboardModel::ChainedRole).toBool())
            number += u" ⤷"_s;
        p->drawText(head, Qt::AlignLeft | Qt::AlignVCenter, number);
        p->setFont(option.font);
        p->drawText(head, Qt::AlignRight | Qt::AlignVCenter,
                    index.data(StoryboardModel::StateRole).toString());
        y += fm.height() + 2;

        const QRect beat(image.left(), y, image.width(), 2 * fm.height());
        p->setPen(pal.text().color());
        const QString text = index.data(StoryboardModel::BeatRole).toString();
        p->drawText(
            beat, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
            fm.elidedText(text, Qt::ElideRight, image.width() * 2 - fm.averageCharWidth() * 4));
        y += 2 * fm.height() + 4;

        int x = image.left();
        for (const QString& name : index.data(StoryboardModel::CharactersRole).toStringList()) {
            const int w = fm.horizontalAdvance(name) + 12;
            if (x + w > image.right())
                break;
            QPainterPath chip;
            chip.addRoundedRect(QRectF(x, y, w, fm.height() + 2), 8, 8);
            p->fillPath(chip, pal.alternateBase());
            p->setPen(pal.mid().color());
            p->drawPath(chip);
            p->setPen(pal.text().color());
            p->drawText(QRect(x, y, w, fm.height() + 2), Qt::AlignCenter, name);
            x += w + 4;
        }
        const QString cost = index.data(StoryboardModel::CostRole).toString();
        if (!cost.isEmpty()) {
            p->setPen(pal.placeholderText().color());
            p->drawText(
                QRect(image.left(), card.bottom() - fm.height() - 4, image.width(), fm.height()),
                Qt::AlignRight | Qt::AlignVCenter, cost);
        }
        p->restore();
    }
};

} // namespace

StoryboardPanel::StoryboardPanel(ProjectSession& session, ThumbnailCache& thumbnails,
                                 QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new StoryboardModel(session, thumbnails, this))
{
    m_view = new QListView;
    m_view->setObjectName(u"storyboard"_s);
    m_view->setViewMode(QListView::IconMode);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setUniformItemSizes(true); // one size: layout does not measure 300 cards
    m_view->setLayoutMode(QListView::Batched);
    m_view->setSpacing(4);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setItemDelegate(new CardDelegate(m_view));
    m_view->setModel(m_model);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QListView::customContextMenuRequested, this, &StoryboardPanel::showMenu);
    connect(m_view, &QListView::doubleClicked, this, &StoryboardPanel::playCurrent);

    m_imageAccount = new QComboBox;
    m_imageAccount->setObjectName(u"imageAccount"_s);
    auto* draw = new QPushButton(tr("Draw &keyframes"));
    draw->setObjectName(u"drawKeyframes"_s);
    draw->setToolTip(tr("A first frame for each selected scene (every scene when none is "
                        "selected), drawn with its characters' reference images"));
    connect(draw, &QPushButton::clicked, this, &StoryboardPanel::drawKeyframes);
    auto* make = new QPushButton(tr("Make &clips of the selected scenes"));
    make->setObjectName(u"makeClips"_s);
    connect(make, &QPushButton::clicked, this, [this] {
        if (!selectedScenes().isEmpty())
            emit makeClipsRequested(selectedScenes());
    });
    m_state = new QLabel;
    m_state->setObjectName(u"state"_s);
    connect(&session.references(), &ReferenceMaker::finished, this, [this](int made, int failed) {
        m_state->setText(
            failed > 0 ? tr("Pictures drawn: %1, failed: %2 (see the log).").arg(made).arg(failed)
                       : tr("Pictures drawn: %1.").arg(made));
    });
    connect(&session.references(), &ReferenceMaker::failed, this,
            [this](const QString& name, const QString& why) {
                m_state->setText(tr("%1: %2").arg(name, why));
            });

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Keyframes by")));
    top->addWidget(m_imageAccount);
    top->addWidget(draw);
    top->addWidget(make);
    top->addWidget(m_state, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    reloadAccounts();
}

void StoryboardPanel::reloadAccounts()
{
    const QString current = m_imageAccount->currentData().toString();
    m_imageAccount->clear();
    for (const Account& a : m_session.app().accounts().accounts()) {
        if (a.enabled && ProviderRegistry::canMakeImages(a))
            m_imageAccount->addItem(a.label.isEmpty() ? a.id : u"%1 (%2)"_s.arg(a.label, a.id),
                                    a.id);
    }
    m_imageAccount->setCurrentIndex(std::max(0, m_imageAccount->findData(current)));
}

QList<int> StoryboardPanel::selectedScenes() const
{
    QList<int> scenes;
    for (const QModelIndex& index : m_view->selectionModel()->selectedIndexes())
        scenes.append(index.data(StoryboardModel::NumberRole).toInt());
    std::sort(scenes.begin(), scenes.end());
    return scenes;
}

void StoryboardPanel::drawKeyframes()
{
    const Status s = m_session.references().makeKeyframes(selectedScenes(),
                                                          m_imageAccount->currentData().toString());
    if (!s)
        QMessageBox::warning(this, tr("No keyframes can be drawn"), s.error().message);
    else
        m_state->setText(tr("Drawing keyframes..."));
}

void StoryboardPanel::approveKeyframes()
{
    for (int n : selectedScenes()) {
        if (Status s = m_session.references().approveKeyframe(n); !s)
            m_state->setText(s.error().message);
        m_model->updater().rowChanged(n - 1);
    }
}

void StoryboardPanel::retrySelected()
{
    QStringList failed;
    for (const QModelIndex& index : m_view->selectionModel()->selectedIndexes()) {
        for (const QString& id : index.data(StoryboardModel::JobsRole).toStringList()) {
            if (const VideoJob* job = m_session.project().findJob(id);
                job && (job->state == JobState::Failed || job->state == JobState::Cancelled))
                failed.append(id);
        }
    }
    if (failed.isEmpty())
        return;
    if (Status s = m_session.retry(failed); !s)
        QMessageBox::warning(this, tr("The clips cannot be retried"), s.error().message);
}

void StoryboardPanel::playCurrent()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    const VideoJob* clip = m_model->clipOf(index.data(StoryboardModel::NumberRole).toInt());
    if (clip && clip->state == JobState::Done && !clip->clipPath.isEmpty())
        QDesktopServices::openUrl(
            QUrl::fromLocalFile(m_session.store().absolutePath(clip->clipPath)));
}

void StoryboardPanel::showMenu(const QPoint& at)
{
    if (selectedScenes().isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(tr("Make clips of the selected scenes"), this,
                   [this] { emit makeClipsRequested(selectedScenes()); });
    menu.addAction(tr("Draw new keyframes"), this, &StoryboardPanel::drawKeyframes);
    menu.addAction(tr("Use the new keyframes"), this, &StoryboardPanel::approveKeyframes);
    menu.addAction(tr("Retry failed clips"), this, &StoryboardPanel::retrySelected);
    menu.addSeparator();
    menu.addAction(tr("Play the clip"), this, &StoryboardPanel::playCurrent);
    menu.exec(m_view->viewport()->mapToGlobal(at));
}

} // namespace t2v::ui

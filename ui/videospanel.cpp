#include "videospanel.h"

#include "appcontext.h"
#include "core/limits.h"
#include "core/scenelist.h"
#include "jobtablemodel.h"
#include "modelsuggestions.h"
#include "progressdelegate.h"
#include "providers/providerregistry.h"
#include "session/projectsession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace t2v::ui {
namespace {

// Filters the job table by state.
class StateFilter final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMode(int mode)
    {
        m_mode = mode;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        const auto state =
            JobState(sourceModel()->index(row, 0, parent).data(JobTableModel::StateRole).toInt());
        switch (m_mode) {
        case 1:
            return !isTerminal(state) && state != JobState::Queued;
        case 2:
            return state == JobState::Done;
        case 3:
            return state == JobState::Failed || state == JobState::Unconfirmed;
        case 4:
            return state == JobState::Queued;
        default:
            return true;
        }
    }

private:
    int m_mode = 0;
};

} // namespace

VideosPanel::VideosPanel(ProjectSession& session, ThumbnailCache& thumbnails, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    m_accounts = new QListWidget;
    m_accounts->setObjectName(u"accounts"_s);
    m_accounts->setMaximumHeight(fontMetrics().lineSpacing() * 4 + 8);
    m_accounts->setToolTip(tr("New clips go round-robin to the ticked accounts (of one service)."));
    m_scenes = new QLineEdit;
    m_scenes->setObjectName(u"scenes"_s);
    m_scenes->setPlaceholderText(tr("all scenes, or e.g. 1-10,12"));
    m_videoModel = new QLineEdit;
    m_videoModel->setObjectName(u"videoModel"_s);
    m_videoModel->setPlaceholderText(tr("account's model"));
    m_variants = new QSpinBox;
    m_variants->setObjectName(u"variants"_s);
    m_variants->setRange(limits::Variants.min, limits::Variants.max);
    m_aspect = new QComboBox;
    m_aspect->setObjectName(u"aspect"_s);
    m_aspect->addItem(tr("16:9"), u"16:9"_s);
    m_aspect->addItem(tr("9:16"), u"9:16"_s);
    m_aspect->addItem(tr("1:1"), u"1:1"_s);
    m_aspect->setToolTip(tr("Starts as the script's aspect ratio"));
    m_resolution = new QComboBox;
    m_resolution->setObjectName(u"resolution"_s);
    m_resolution->addItem(u"720p"_s, u"720p"_s);
    m_resolution->addItem(u"1080p"_s, u"1080p"_s);
    m_upscale = new QCheckBox(tr("4K resample (FFmpeg lanczos, not AI upscaling)"));
    m_upscale->setObjectName(u"upscale"_s);
    m_parallel = new QSpinBox;
    m_parallel->setObjectName(u"parallel"_s);
    m_parallel->setRange(limits::ParallelDownloads.min, limits::ParallelDownloads.max);
    m_parallel->setToolTip(tr("Clips downloaded at once; changes apply immediately."));
    m_start = new QPushButton(tr("&Make clips"));
    m_start->setObjectName(u"start"_s);
    m_stop = new QPushButton(tr("S&top"));
    m_stop->setObjectName(u"stop"_s);
    m_stop->setToolTip(
        tr("Stop submitting and downloading. Everything submitted is kept and continues later."));

    auto* form = new QFormLayout;
    form->addRow(tr("&Accounts"), m_accounts);
    auto* row1 = new QHBoxLayout;
    row1->addWidget(m_scenes, 2);
    row1->addWidget(new QLabel(tr("Variants")));
    row1->addWidget(m_variants);
    row1->addWidget(new QLabel(tr("Aspect")));
    row1->addWidget(m_aspect);
    row1->addWidget(new QLabel(tr("Resolution")));
    row1->addWidget(m_resolution);
    form->addRow(tr("&Scenes"), row1);
    qobject_cast<QLabel*>(form->labelForField(row1))->setBuddy(m_scenes);
    auto* row2 = new QHBoxLayout;
    row2->addWidget(m_videoModel, 2);
    row2->addWidget(m_upscale);
    row2->addWidget(new QLabel(tr("Parallel downloads")));
    row2->addWidget(m_parallel);
    form->addRow(tr("Video &model"), row2);
    qobject_cast<QLabel*>(form->labelForField(row2))->setBuddy(m_videoModel);
    m_estimate = new QLabel;
    m_estimate->setObjectName(u"estimate"_s);
    m_estimate->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_estimate->setWordWrap(true);
    m_budget = new QDoubleSpinBox;
    m_budget->setObjectName(u"budget"_s);
    m_budget->setRange(0, limits::MaxBudgetUsd);
    m_budget->setDecimals(2);
    m_budget->setPrefix(u"$"_s);
    m_budget->setSpecialValueText(tr("no cap"));
    m_budget->setToolTip(
        tr("The most this project's clips may cost together. Clips that would go over it stay "
           "queued with the reason; raising it goes on."));
    auto* row3 = new QHBoxLayout;
    row3->addWidget(m_estimate, 1);
    row3->addWidget(new QLabel(tr("Project budget")));
    row3->addWidget(m_budget);
    form->addRow(tr("Cost"), row3);

    m_summary = new QLabel;
    m_summary->setObjectName(u"summary"_s);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_spent = new QLabel;
    m_spent->setObjectName(u"spent"_s);
    m_spent->setToolTip(tr("What this project's clips may have cost: every request that may be "
                           "billed, at the price that applied when it was sent."));
    m_filter = new QComboBox;
    m_filter->setObjectName(u"filter"_s);
    m_filter->addItems({tr("All clips"), tr("In progress"), tr("Done"), tr("Failed or unconfirmed"),
                        tr("Queued")});
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addSpacing(12);
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_spent);
    buttons->addWidget(new QLabel(tr("Show")));
    buttons->addWidget(m_filter);

    m_model = new JobTableModel(session, thumbnails, this);
    auto* filter = new StateFilter(this);
    m_proxy = filter;
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(JobTableModel::RawRole);
    m_table = new QTableView;
    m_table->setObjectName(u"table"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(JobTableModel::Scene, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setIconSize(QSize(86, 48));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(54);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setItemDelegateForColumn(JobTableModel::Progress,
                                      new ProgressDelegate(JobTableModel::ProgressRole, this));
    m_table->setColumnWidth(JobTableModel::Thumbnail, 96);
    m_table->setColumnWidth(JobTableModel::Scene, 56);
    m_table->setColumnWidth(JobTableModel::Variant, 60);
    m_table->setColumnWidth(JobTableModel::Account, 110);
    m_table->setColumnWidth(JobTableModel::State, 110);
    m_table->setColumnWidth(JobTableModel::Progress, 260);
    m_table->setColumnWidth(JobTableModel::Size, 80);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);

    connect(m_start, &QPushButton::clicked, this, &VideosPanel::makeClips);
    connect(m_budget, &QDoubleSpinBox::editingFinished, this, [this] {
        if (m_session.isOpen() &&
            m_budget->value() != m_session.store().project().settings.budgetUsd)
            m_session.setProjectBudget(m_budget->value());
    });
    // The estimate follows the form, once its edits settle.
    auto* estimateTimer = new QTimer(this);
    estimateTimer->setSingleShot(true);
    estimateTimer->setInterval(150);
    connect(estimateTimer, &QTimer::timeout, this, &VideosPanel::updateEstimate);
    auto estimateLater = [estimateTimer] { estimateTimer->start(); };
    connect(m_scenes, &QLineEdit::textChanged, estimateTimer, estimateLater);
    connect(m_videoModel, &QLineEdit::textChanged, estimateTimer, estimateLater);
    connect(m_variants, &QSpinBox::valueChanged, estimateTimer, estimateLater);
    connect(m_resolution, &QComboBox::currentIndexChanged, estimateTimer, estimateLater);
    connect(m_accounts, &QListWidget::itemChanged, estimateTimer, estimateLater);
    connect(&session, &ProjectSession::jobsReset, estimateTimer, estimateLater);
    connect(&session, &ProjectSession::scriptReset, estimateTimer, estimateLater);
    connect(&session, &ProjectSession::clipsHeld, this, &VideosPanel::updateState);
    connect(m_stop, &QPushButton::clicked, this, &VideosPanel::stop);
    connect(m_filter, &QComboBox::currentIndexChanged, this,
            [filter](int i) { filter->setMode(i); });
    connect(m_parallel, &QSpinBox::valueChanged, this,
            [this](int n) { m_session.setParallelDownloads(n); });
    connect(m_table, &QTableView::customContextMenuRequested, this, &VideosPanel::showMenu);
    connect(m_table, &QTableView::doubleClicked, this, &VideosPanel::openSelectedClip);
    connect(&session, &ProjectSession::opened, this, [this] {
        reloadAccounts();
        loadFromProject();
        updateState();
        updateEstimate();
    });
    connect(&session, &ProjectSession::closed, this, &VideosPanel::updateState);
    connect(&session, &ProjectSession::clipsIdle, this, &VideosPanel::updateState);
    connect(&session.app().accounts(), &AccountStore::changed, this, &VideosPanel::reloadAccounts);
    connect(m_accounts, &QListWidget::itemChanged, this, &VideosPanel::suggestModels);
    // The summary follows the jobs, at most ten times a second.
    auto* summaryTimer = new QTimer(this);
    summaryTimer->setSingleShot(true);
    summaryTimer->setInterval(100);
    connect(summaryTimer, &QTimer::timeout, this, &VideosPanel::updateState);
    auto later = [summaryTimer] {
        if (!summaryTimer->isActive())
            summaryTimer->start(); // not restarted: a steady stream of changes must not starve it
    };
    connect(&session, &ProjectSession::jobChanged, summaryTimer, later);
    connect(&session, &ProjectSession::jobsReset, summaryTimer, later);
    // The aspect ratio follows the script's until it is changed here.
    connect(&session, &ProjectSession::scriptReset, this, [this] {
        if (m_session.isOpen())
            m_aspect->setCurrentIndex(
                std::max(0, m_aspect->findData(m_session.store().project().script.aspectRatio)));
    });
    reloadAccounts();
    updateState();
}

void VideosPanel::reloadAccounts()
{
    QStringList ticked;
    if (m_session.isOpen())
        ticked = m_session.store().project().settings.videoAccounts;
    for (int i = 0; i < m_accounts->count(); ++i) {
        if (m_accounts->item(i)->checkState() == Qt::Checked &&
            !ticked.contains(m_accounts->item(i)->data(Qt::UserRole).toString()))
            ticked.append(m_accounts->item(i)->data(Qt::UserRole).toString());
    }
    m_accounts->clear();
    for (const Account& a : m_session.app().accounts().videoAccounts()) {
        const QString name = a.label.isEmpty() ? a.id : a.label;
        const QString service = ProviderRegistry::label(a.provider);
        auto* item = new QListWidgetItem(name == service ? name : u"%1 — %2"_s.arg(name, service));
        item->setData(Qt::UserRole, a.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(ticked.contains(a.id) ? Qt::Checked : Qt::Unchecked);
        if (!a.enabled) {
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
            item->setToolTip(a.disabledReason.isEmpty() ? tr("Disabled") : a.disabledReason);
        }
        m_accounts->addItem(item);
    }
    suggestModels();
}

void VideosPanel::suggestModels()
{
    // The ticked accounts' models, or every account's while none is ticked.
    QList<Account> ticked;
    QList<Account> all;
    for (int i = 0; i < m_accounts->count(); ++i) {
        const auto a =
            m_session.app().accounts().find(m_accounts->item(i)->data(Qt::UserRole).toString());
        if (!a)
            continue;
        all.append(*a);
        if (m_accounts->item(i)->checkState() == Qt::Checked)
            ticked.append(*a);
    }
    offerModels(m_videoModel, ticked.isEmpty() ? all : ticked, ModelKind::Video);
}

void VideosPanel::loadFromProject()
{
    if (!m_session.isOpen())
        return;
    const ProjectSettings& s = m_session.store().project().settings;
    m_variants->setValue(s.variants);
    const QString aspect = m_session.store().project().script.aspectRatio;
    m_aspect->setCurrentIndex(std::max(0, m_aspect->findData(aspect)));
    m_resolution->setCurrentIndex(std::max(0, m_resolution->findData(s.resolution)));
    m_budget->setValue(s.budgetUsd);
    m_upscale->setChecked(s.upscale);
    QSignalBlocker block(m_parallel);
    m_parallel->setValue(s.parallelDownloads);
}

void VideosPanel::setScenes(const QString& list)
{
    m_scenes->setText(list);
}

void VideosPanel::setStateFilter(int index)
{
    m_filter->setCurrentIndex(index);
}

void VideosPanel::updateState()
{
    const bool open = m_session.isOpen();
    const bool running = m_session.isMakingClips();
    const Script* script = open ? &m_session.store().project().script : nullptr;
    m_start->setEnabled(open && script && script->writtenCount() > 0);
    m_stop->setEnabled(running);
    if (!open) {
        m_summary->clear();
        m_spent->clear();
        return;
    }
    const JobCounts counts = VideoPipeline::countJobs(m_session.store().project());
    // The total alone, without the per-account and per-day tables: this runs up to ten
    // times a second while clips are made.
    const SpendTotal spent = spendTotals(m_session.store().project().jobs, {}).first;
    m_spent->setText(spent.usd > 0 || spent.unknown > 0 ? tr("Spent %1").arg(spent.text())
                                                        : QString());
    QString text = counts.summary();
    if (const QString held = m_session.heldReason(); !held.isEmpty())
        text += u"\n"_s + tr("Held: %1").arg(held);
    m_summary->setText(text);
}

QStringList VideosPanel::selectedJobs() const
{
    QStringList ids;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows())
        ids.append(i.data(JobTableModel::JobIdRole).toString());
    return ids;
}

bool VideosPanel::readForm(QList<int>* scenes, JobOptions* options, QString* problem) const
{
    const Script& script = m_session.store().project().script;
    if (m_scenes->text().trimmed().isEmpty()) {
        for (const Scene& s : script.scenes) {
            if (s.isWritten())
                scenes->append(s.number);
        }
    } else {
        auto parsed = parseSceneList(m_scenes->text(), script.sceneCount());
        if (!parsed) {
            *problem = parsed.error().message;
            return false;
        }
        *scenes = *parsed;
    }
    for (int i = 0; i < m_accounts->count(); ++i) {
        if (m_accounts->item(i)->checkState() == Qt::Checked)
            options->accounts.append(m_accounts->item(i)->data(Qt::UserRole).toString());
    }
    if (options->accounts.isEmpty()) {
        *problem = tr("Tick at least one video account.");
        return false;
    }
    options->variants = m_variants->value();
    options->resolution = m_resolution->currentData().toString();
    options->aspectRatio = m_aspect->currentData().toString();
    options->upscale = m_upscale->isChecked();
    options->model = m_videoModel->text().trimmed();
    return true;
}

void VideosPanel::updateEstimate()
{
    QList<int> scenes;
    JobOptions options;
    QString problem;
    if (!m_session.isOpen() || !readForm(&scenes, &options, &problem)) {
        m_estimate->setText(problem);
        return;
    }
    const CostEstimate e = m_session.estimateClips(scenes, options);
    int clips = 0;
    for (const CostLine& line : e.lines)
        clips += line.clips;
    if (clips == 0) {
        m_estimate->setText(tr("Every chosen scene already has its clips."));
        return;
    }
    m_estimate->setText(
        e.summary() == u"free"_s
            ? tr("%n clip(s) to make, free (rendered on your own hardware).", "", clips)
            : tr("%n clip(s) to make, estimated %1.", "", clips).arg(e.summary()));
}

bool VideosPanel::confirmCost(const QList<int>& scenes, const JobOptions& options)
{
    const CostEstimate e = m_session.estimateClips(scenes, options);
    const int threshold = m_session.app().settings().confirmCostAboveUsd();
    if (e.unknownClips == 0 && (e.knownDollars == 0.0 || e.knownDollars <= threshold))
        return true;
    QStringList lines;
    for (const CostLine& line : e.lines)
        lines.append(tr("%1 (%2): %n clip(s), %3", "", line.clips)
                         .arg(line.accountId, line.model,
                              line.dollars ? formatUsd(*line.dollars) : tr("unknown price")));
    const QString why = e.unknownClips > 0
                            ? tr("The price of %n clip(s) is unknown.", "", e.unknownClips)
                            : tr("It is above %1, the amount from which runs are confirmed "
                                 "(Settings).")
                                  .arg(formatUsd(threshold));
    QMessageBox box(QMessageBox::Question, tr("Make clips"),
                    tr("These clips are estimated at %1.").arg(e.summary()), QMessageBox::Cancel,
                    this);
    box.setInformativeText(why + u"\n\n"_s + lines.join(u'\n') + u"\n\n"_s +
                           tr("Only successful clips are billed. A project budget (below) stops "
                              "submissions at a cap."));
    QPushButton* go = box.addButton(tr("&Make clips"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == go;
}

void VideosPanel::makeClips()
{
    if (!m_session.isOpen())
        return;
    QList<int> scenes;
    JobOptions options;
    if (QString problem; !readForm(&scenes, &options, &problem)) {
        QMessageBox::warning(this, tr("The clips cannot be made"), problem);
        return;
    }
    if (!confirmCost(scenes, options))
        return;
    if (Status s = m_session.makeClips(scenes, options, m_parallel->value()); !s)
        QMessageBox::warning(this, tr("The clips cannot be made"), s.error().message);
    updateState();
}

void VideosPanel::stop()
{
    m_session.stopClips();
    updateState();
}

void VideosPanel::retrySelected()
{
    const QStringList ids = selectedJobs();
    bool unconfirmed = false;
    for (const QString& id : ids) {
        const VideoJob* job = m_session.store().project().findJob(id);
        unconfirmed = unconfirmed || (job && job->state == JobState::Unconfirmed);
    }
    if (unconfirmed &&
        QMessageBox::question(this, tr("Submit again?"),
                              tr("An unconfirmed job may already exist and be billed. Submitting "
                                 "it again may pay for "
                                 "it twice. Check the provider first. Submit again?")) !=
            QMessageBox::Yes)
        return;
    if (Status s = m_session.retry(ids); !s)
        QMessageBox::warning(this, tr("Retry"), s.error().message);
}

void VideosPanel::renderAgainSelected()
{
    const QStringList ids = selectedJobs();
    if (ids.isEmpty())
        return;
    if (QMessageBox::question(
            this, tr("Render again (paid)?"),
            tr("%n clip(s) will be sent to the service again as new requests. The service may "
               "already have made (and billed) the earlier ones: Retry fetches those instead. "
               "Render again and pay again?",
               nullptr, int(ids.size()))) != QMessageBox::Yes)
        return;
    if (Status s = m_session.renderAgain(ids); !s)
        QMessageBox::warning(this, tr("Render again"), s.error().message);
}

void VideosPanel::useOrphanSelected()
{
    const QStringList ids = selectedJobs();
    if (ids.isEmpty())
        return;
    const Project& p = m_session.store().project();
    bool ok = false;
    const int scene = QInputDialog::getInt(
        this, tr("Use for a scene"),
        tr("Use this clip (made for an earlier scene %1) as a clip of scene:")
            .arg(p.findJob(ids.first()) ? p.findJob(ids.first())->sceneNumber : 0),
        1, 1, std::max(1, p.script.sceneCount()), 1, &ok);
    if (!ok)
        return;
    if (Status s = m_session.useOrphanFor(ids.first(), scene); !s)
        QMessageBox::warning(this, tr("Use for a scene"), s.error().message);
}

void VideosPanel::deleteSelected()
{
    const QStringList ids = selectedJobs();
    if (ids.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Delete clips?"),
                              tr("Delete %n clip(s) and their files (clip, thumbnail, resample)? "
                                 "This cannot be undone.",
                                 nullptr, int(ids.size()))) != QMessageBox::Yes)
        return;
    for (const QString& id : ids) {
        if (Status s = m_session.deleteClip(id); !s) {
            QMessageBox::warning(this, tr("Delete clips"), s.error().message);
            return;
        }
    }
}

void VideosPanel::redownloadSelected()
{
    if (Status s = m_session.redownload(selectedJobs()); !s)
        QMessageBox::warning(this, tr("Download again"), s.error().message);
}

void VideosPanel::cancelSelected()
{
    m_session.cancel(selectedJobs());
}

void VideosPanel::chooseSelected()
{
    for (const QString& id : selectedJobs())
        m_session.chooseVariant(id);
}

void VideosPanel::openSelectedClip()
{
    const QStringList ids = selectedJobs();
    if (ids.isEmpty())
        return;
    const VideoJob* job = m_session.store().project().findJob(ids.first());
    if (!job || job->clipPath.isEmpty())
        return;
    QDesktopServices::openUrl(QUrl::fromLocalFile(m_session.store().absolutePath(job->clipPath)));
}

void VideosPanel::openSelectedFolder()
{
    QDesktopServices::openUrl(
        QUrl::fromLocalFile(QDir(m_session.store().dir()).filePath(u"clips"_s)));
}

void VideosPanel::showMenu(const QPoint& at)
{
    const QStringList ids = selectedJobs();
    if (ids.isEmpty())
        return;
    bool anyFailed = false, anyRemote = false, anyActive = false, anyDone = false;
    bool anyAgain = false, allEnded = true, oneOrphan = false;
    for (const QString& id : ids) {
        const VideoJob* j = m_session.store().project().findJob(id);
        if (!j)
            continue;
        anyFailed = anyFailed || j->state == JobState::Failed ||
                    j->state == JobState::Unconfirmed || j->state == JobState::Cancelled;
        anyAgain = anyAgain || (!j->orphaned && isTerminal(j->state) && j->state != JobState::Done);
        anyRemote = anyRemote || !j->remoteId.isEmpty();
        anyActive = anyActive || (!isTerminal(j->state) && j->state != JobState::Submitting);
        anyDone = anyDone || j->state == JobState::Done;
        allEnded = allEnded && isTerminal(j->state);
        oneOrphan = ids.size() == 1 && j->orphaned;
    }
    QMenu menu(this);
    menu.addAction(tr("&Retry"), this, &VideosPanel::retrySelected)->setEnabled(anyFailed);
    menu.addAction(tr("&Download again"), this, &VideosPanel::redownloadSelected)
        ->setEnabled(anyRemote);
    menu.addAction(tr("&Cancel"), this, &VideosPanel::cancelSelected)->setEnabled(anyActive);
    menu.addAction(tr("Render &again (paid)…"), this, &VideosPanel::renderAgainSelected)
        ->setEnabled(anyAgain);
    menu.addSeparator();
    if (oneOrphan)
        menu.addAction(tr("Use for a &scene…"), this, &VideosPanel::useOrphanSelected)
            ->setEnabled(anyDone);
    else
        menu.addAction(tr("&Use in the film"), this, &VideosPanel::chooseSelected)
            ->setEnabled(anyDone);
    menu.addAction(tr("&Open clip"), this, &VideosPanel::openSelectedClip)->setEnabled(anyDone);
    menu.addAction(tr("Open &folder"), this, &VideosPanel::openSelectedFolder);
    menu.addSeparator();
    menu.addAction(tr("De&lete clip…"), this, &VideosPanel::deleteSelected)->setEnabled(allEnded);
    menu.exec(m_table->viewport()->mapToGlobal(at));
}

} // namespace t2v::ui

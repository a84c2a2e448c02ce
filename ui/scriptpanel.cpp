#include "scriptpanel.h"

#include "appcontext.h"
#include "characterbibledialog.h"
#include "core/limits.h"
#include "modelsuggestions.h"
#include "scenetablemodel.h"
#include "session/projectsession.h"
#include "story/stylepresets.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace t2v::ui {
namespace {

QString humanDuration(int seconds)
{
    if (seconds < 60)
        return QObject::tr("%n second(s)", nullptr, seconds);
    if (seconds < 3600)
        return QObject::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return QObject::tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

QLabel* labelFor(const QString& text, QWidget* buddy)
{
    auto* label = new QLabel(text);
    label->setBuddy(buddy);
    return label;
}

} // namespace

ScriptPanel::ScriptPanel(ProjectSession& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    m_idea = new QPlainTextEdit;
    m_idea->setObjectName(u"idea"_s);
    m_idea->setPlaceholderText(
        tr("Describe the video: what happens, who is in it, how it should feel."));
    m_idea->setTabChangesFocus(true);
    m_idea->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    m_idea->setMaximumHeight(fontMetrics().lineSpacing() * 6);

    m_style = new QComboBox;
    m_style->setObjectName(u"style"_s);
    for (const StylePreset& s : StylePresets::all())
        m_style->addItem(s.name, s.id);
    m_language = new QComboBox;
    m_language->setObjectName(u"language"_s);
    for (const Language& l : StylePresets::languages())
        m_language->addItem(u"%1 (%2)"_s.arg(l.native, l.code), l.code);
    m_duration = new QSpinBox;
    m_duration->setObjectName(u"duration"_s);
    m_duration->setRange(Script::kMinDurationSeconds, Script::kMaxDurationSeconds);
    m_duration->setSuffix(tr(" s"));
    m_duration->setSingleStep(8);
    m_sceneSeconds = new QSpinBox;
    m_sceneSeconds->setObjectName(u"sceneSeconds"_s);
    m_sceneSeconds->setRange(Script::kMinSceneSeconds, Script::kMaxSceneSeconds);
    m_sceneSeconds->setSuffix(tr(" s"));
    m_aspect = new QComboBox;
    m_aspect->setObjectName(u"aspect"_s);
    m_aspect->addItem(tr("16:9 landscape"), u"16:9"_s);
    m_aspect->addItem(tr("9:16 portrait"), u"9:16"_s);
    m_aspect->addItem(tr("1:1 square"), u"1:1"_s);
    m_account = new QComboBox;
    m_account->setObjectName(u"account"_s);
    m_llmModel = new QLineEdit;
    m_llmModel->setObjectName(u"llmModel"_s);
    m_llmModel->setPlaceholderText(tr("account's model"));
    m_batchSize = new QSpinBox;
    m_batchSize->setObjectName(u"batchSize"_s);
    m_batchSize->setRange(limits::BatchSize.min, limits::BatchSize.max);
    m_mode = new QComboBox;
    m_mode->setObjectName(u"mode"_s);
    m_mode->addItem(tr("Batches"), u"batch"_s);
    m_mode->addItem(tr("Rolling"), u"rolling"_s);
    m_mode->addItem(tr("One at a time"), u"sequential"_s);
    m_sceneCount = new QLabel;
    m_sceneCount->setObjectName(u"sceneCount"_s);

    auto* form = new QFormLayout;
    form->addRow(tr("&Idea"), m_idea);
    auto* row1 = new QHBoxLayout;
    row1->addWidget(m_style, 2);
    row1->addWidget(labelFor(tr("&Language"), m_language));
    row1->addWidget(m_language, 1);
    row1->addWidget(labelFor(tr("&Aspect"), m_aspect));
    row1->addWidget(m_aspect, 1);
    form->addRow(tr("&Style"), row1);
    qobject_cast<QLabel*>(form->labelForField(row1))->setBuddy(m_style);
    auto* row2 = new QHBoxLayout;
    row2->addWidget(m_duration);
    row2->addWidget(labelFor(tr("Scene &length"), m_sceneSeconds));
    row2->addWidget(m_sceneSeconds);
    row2->addWidget(m_sceneCount, 1);
    form->addRow(tr("&Duration"), row2);
    qobject_cast<QLabel*>(form->labelForField(row2))->setBuddy(m_duration);
    auto* row3 = new QHBoxLayout;
    row3->addWidget(m_account, 2);
    row3->addWidget(m_llmModel, 2);
    row3->addWidget(labelFor(tr("&Batch"), m_batchSize));
    row3->addWidget(m_batchSize);
    row3->addWidget(m_mode, 1);
    form->addRow(tr("&Writer"), row3);
    qobject_cast<QLabel*>(form->labelForField(row3))->setBuddy(m_account);

    m_generate = new QPushButton(tr("&Generate"));
    m_generate->setObjectName(u"generate"_s);
    m_generate->setToolTip(tr("Write a new script for this idea (Ctrl+Return)"));
    m_generate->setShortcut(QKeySequence(u"Ctrl+Return"_s));
    m_stop = new QPushButton(tr("S&top"));
    m_stop->setObjectName(u"stop"_s);
    m_resume = new QPushButton(tr("&Resume"));
    m_resume->setObjectName(u"resume"_s);
    m_resume->setToolTip(tr("Write only the scenes that are missing"));
    m_regenerate = new QPushButton(tr("Re&write selected"));
    m_regenerate->setObjectName(u"regenerate"_s);
    m_characters = new QPushButton(tr("C&haracters…"));
    m_characters->setObjectName(u"characters"_s);
    m_progress = new QProgressBar;
    m_progress->setObjectName(u"progress"_s);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    m_progressText = new QLabel;
    m_progressText->setObjectName(u"progressText"_s);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_generate);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_resume);
    buttons->addSpacing(12);
    buttons->addWidget(m_regenerate);
    buttons->addWidget(m_characters);
    buttons->addSpacing(12);
    buttons->addWidget(m_progressText, 1);

    m_model = new SceneTableModel(session, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setObjectName(u"proxy"_s);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SceneTableModel::RawRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter = new QLineEdit;
    m_filter->setObjectName(u"filter"_s);
    m_filter->setPlaceholderText(tr("Filter scenes…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_table = new QTableView;
    m_table->setObjectName(u"table"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SceneTableModel::Number, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &ScriptPanel::showMenu);
    m_table->setWordWrap(true);
    m_table->setAlternatingRowColors(true);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 3 + 6);
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    m_table->setColumnWidth(SceneTableModel::Number, 40);
    m_table->setColumnWidth(SceneTableModel::Status, 80);
    m_table->setColumnWidth(SceneTableModel::Beat, 180);
    m_table->setColumnWidth(SceneTableModel::Narration, 300);
    m_table->setColumnWidth(SceneTableModel::VisualPrompt, 320);
    m_table->setColumnWidth(SceneTableModel::Characters, 110);
    m_table->setColumnWidth(SceneTableModel::Camera, 130);
    m_table->setColumnWidth(SceneTableModel::Location, 140);
    m_table->setColumnWidth(SceneTableModel::Duration, 60);

    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(form);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_progress);
    auto* bottom = new QWidget;
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_filter);
    bottomLayout->addWidget(m_table);
    top->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(top);
    layout->addWidget(bottom, 1);

    connect(m_generate, &QPushButton::clicked, this, &ScriptPanel::generate);
    connect(m_stop, &QPushButton::clicked, this, &ScriptPanel::stop);
    connect(m_resume, &QPushButton::clicked, this, &ScriptPanel::resume);
    connect(m_regenerate, &QPushButton::clicked, this, &ScriptPanel::regenerateSelected);
    connect(m_characters, &QPushButton::clicked, this, &ScriptPanel::editCharacters);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ScriptPanel::updateState);
    auto changed = [this] {
        if (!m_loading)
            saveToProject();
        updateState();
    };
    connect(m_idea, &QPlainTextEdit::textChanged, this, changed);
    for (QComboBox* c : {m_style, m_language, m_aspect, m_account, m_mode})
        connect(c, &QComboBox::currentIndexChanged, this, changed);
    connect(m_batchSize, &QSpinBox::valueChanged, this, changed);
    for (QSpinBox* s : {m_duration, m_sceneSeconds}) {
        connect(s, &QSpinBox::valueChanged, this, [this] {
            if (!m_loading)
                applyLayout(false);
            updateState();
        });
        connect(s, &QSpinBox::editingFinished, this, [this] {
            if (!m_loading)
                applyLayout(true);
            updateState();
        });
    }
    connect(m_llmModel, &QLineEdit::editingFinished, this, changed);
    connect(m_account, &QComboBox::currentIndexChanged, this, &ScriptPanel::suggestModels);

    connect(&session, &ProjectSession::opened, this, [this] {
        reloadAccounts();
        loadFromProject();
        updateState();
    });
    connect(&session, &ProjectSession::scriptProgress, this, &ScriptPanel::updateProgress);
    connect(&session, &ProjectSession::planReady, this, &ScriptPanel::updateProgress);
    connect(&session, &ProjectSession::scriptFinished, this, [this] {
        updateState();
        updateProgress();
    });
    connect(&session, &ProjectSession::scriptInterrupted, this, [this](const QString& why) {
        updateState();
        m_progressText->setText(
            tr("Interrupted: %1 — Resume continues with the missing scenes.").arg(why));
    });
    connect(&session, &ProjectSession::scriptFailed, this, [this](const QString& why) {
        updateState();
        showError(tr("The script cannot be written"), why);
    });
    connect(&session, &ProjectSession::closed, this, [this] {
        loadFromProject();
        updateState();
    });
    connect(&session.app().accounts(), &AccountStore::changed, this, &ScriptPanel::reloadAccounts);
    reloadAccounts();
    loadFromProject();
    updateState();
}

void ScriptPanel::reloadAccounts()
{
    const QString current = m_account->currentData().toString();
    m_loading = true;
    m_account->clear();
    for (const Account& a : m_session.app().accounts().scriptAccounts()) {
        if (a.enabled)
            m_account->addItem(a.label.isEmpty() ? a.id : a.label, a.id);
    }
    const int index = m_account->findData(
        m_session.isOpen() ? m_session.store().project().settings.llmAccount : current);
    m_account->setCurrentIndex(std::max(0, index));
    m_loading = false;
    suggestModels();
}

void ScriptPanel::suggestModels()
{
    QList<Account> chosen;
    if (const auto a = m_session.app().accounts().find(m_account->currentData().toString()))
        chosen.append(*a);
    offerModels(m_llmModel, chosen, ModelKind::Text);
}

void ScriptPanel::loadFromProject()
{
    m_loading = true;
    const bool open = m_session.isOpen();
    const Project p = open ? m_session.store().project() : Project{};
    m_idea->setPlainText(p.script.idea);
    m_style->setCurrentIndex(std::max(
        0,
        m_style->findData(p.script.style.isEmpty() ? StylePresets::defaultId() : p.script.style)));
    m_language->setCurrentIndex(std::max(0, m_language->findData(p.script.language)));
    m_duration->setValue(p.script.durationSeconds);
    m_sceneSeconds->setValue(p.script.sceneSeconds);
    m_aspect->setCurrentIndex(std::max(0, m_aspect->findData(p.script.aspectRatio)));
    m_account->setCurrentIndex(std::max(0, m_account->findData(p.settings.llmAccount)));
    m_llmModel->setText(p.settings.llmModel);
    m_batchSize->setValue(p.settings.batchSize);
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(p.settings.mode)));
    m_loading = false;
    updateProgress();
}

void ScriptPanel::saveToProject()
{
    if (!m_session.isOpen() || m_session.isWritingScript())
        return;
    Project& p = m_session.store().project();
    Script& s = p.script;
    // The length and scene length are not saved here: they change the scenes (applyLayout).
    s.idea = m_idea->toPlainText().trimmed();
    s.style = m_style->currentData().toString();
    s.language = m_language->currentData().toString();
    s.aspectRatio = m_aspect->currentData().toString();
    p.settings.llmAccount = m_account->currentData().toString();
    p.settings.llmModel = m_llmModel->text().trimmed();
    p.settings.batchSize = m_batchSize->value();
    p.settings.mode = m_mode->currentData().toString();
    m_session.store().markDirty();
}

bool ScriptPanel::layoutPending() const
{
    if (!m_session.isOpen())
        return false;
    const Script& s = m_session.store().project().script;
    return s.durationSeconds != m_duration->value() || s.sceneSeconds != m_sceneSeconds->value();
}

bool ScriptPanel::applyLayout(bool ask)
{
    if (!layoutPending() || m_session.isWritingScript())
        return true;
    const int duration = m_duration->value();
    const int sceneSeconds = m_sceneSeconds->value();
    if (m_session.layoutChangeLosesWork(duration, sceneSeconds)) {
        if (!ask)
            return true; // asked when the editing is finished, not at every step
        const Project& p = m_session.store().project();
        const int count = sceneCountFor(duration, sceneSeconds);
        int scenes = 0;
        for (const Scene& scene : p.script.scenes)
            scenes += scene.number > count && scene.isWritten() ? 1 : 0;
        int clips = 0;
        for (const VideoJob& job : p.jobs)
            clips += !job.orphaned && job.sceneNumber > count ? 1 : 0;
        const QString text =
            tr("The film will have %n scene(s).", nullptr, count) + u' ' +
            (scenes > 0
                 ? tr("%n written scene(s) at the end will be removed.", nullptr, scenes) + u' '
                 : QString()) +
            (clips > 0 ? tr("Their %n clip(s) are kept apart in the Videos tab, where you can "
                            "still use or delete them.",
                            nullptr, clips)
                       : QString());
        if (QMessageBox::question(this, tr("Change the length of the film?"), text) !=
            QMessageBox::Yes) {
            m_loading = true;
            m_duration->setValue(p.script.durationSeconds);
            m_sceneSeconds->setValue(p.script.sceneSeconds);
            m_loading = false;
            updateState();
            return false;
        }
    }
    if (auto changed = m_session.changeLayout(duration, sceneSeconds); !changed) {
        showError(tr("The length cannot be changed"), changed.error().message);
        return false;
    }
    updateProgress();
    return true;
}

void ScriptPanel::updateState()
{
    const bool open = m_session.isOpen();
    const bool writing = m_session.isWritingScript();
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_idea, m_style, m_language, m_duration, m_sceneSeconds,
                                         m_aspect, m_account, m_llmModel, m_batchSize, m_mode})
        w->setEnabled(open && !writing);
    const Script* script = open ? &m_session.store().project().script : nullptr;
    m_generate->setEnabled(open && !writing);
    m_stop->setEnabled(writing);
    m_resume->setEnabled(open && !writing && script && script->writtenCount() > 0 &&
                         !script->missingScenes().isEmpty());
    m_regenerate->setEnabled(open && !writing && script && script->hasPlan() &&
                             !selectedScenes().isEmpty());
    m_characters->setEnabled(open && !writing);
    const int count = sceneCountFor(m_duration->value(), m_sceneSeconds->value());
    m_sceneCount->setText(
        tr("%n scene(s), %1", nullptr, count).arg(humanDuration(m_duration->value())));
}

void ScriptPanel::updateProgress()
{
    if (!m_session.isOpen()) {
        m_progress->setValue(0);
        m_progressText->clear();
        return;
    }
    const Script& s = m_session.store().project().script;
    const int total = s.sceneCount();
    const int done = s.writtenCount();
    m_progress->setMaximum(std::max(total, 1));
    m_progress->setValue(done);
    const StoryService& story = m_session.story();
    if (story.isRunning()) {
        if (story.batchCount() == 0) {
            m_progressText->setText(tr("Planning the film…"));
            return;
        }
        QString text = tr("Batch %1 of %2 · %3/%4 scenes")
                           .arg(std::min(story.batchesDone() + 1, story.batchCount()))
                           .arg(story.batchCount())
                           .arg(done)
                           .arg(total);
        if (const auto eta = story.etaSeconds())
            text += tr(" · about %1 left").arg(humanDuration(*eta));
        m_progressText->setText(text);
        return;
    }
    m_progressText->setText(done == 0 ? tr("No script yet.")
                                      : tr("%1/%2 scenes written").arg(done).arg(total));
}

QList<int> ScriptPanel::selectedScenes() const
{
    QList<int> out;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows())
        out.append(m_proxy->mapToSource(i).row() + 1);
    std::sort(out.begin(), out.end());
    return out;
}

void ScriptPanel::makeClipsForSelected()
{
    const QList<int> scenes = selectedScenes();
    if (!scenes.isEmpty())
        emit makeClipsRequested(scenes);
}

void ScriptPanel::showMenu(const QPoint& at)
{
    const bool any = !selectedScenes().isEmpty();
    QMenu menu(this);
    menu.addAction(tr("Re&write selected…"), this, &ScriptPanel::regenerateSelected)
        ->setEnabled(any && m_regenerate->isEnabled());
    menu.addAction(tr("Make &clips of the selected scenes"), this,
                   &ScriptPanel::makeClipsForSelected)
        ->setEnabled(any && !m_session.isWritingScript());
    menu.exec(m_table->viewport()->mapToGlobal(at));
}

void ScriptPanel::showError(const QString& what, const QString& message)
{
    QMessageBox::warning(this, what, message);
}

void ScriptPanel::generate()
{
    saveToProject();
    const Project& p = m_session.store().project();
    int clips = 0;
    for (const VideoJob& job : p.jobs)
        clips += job.orphaned ? 0 : 1;
    if (p.script.writtenCount() > 0 || clips > 0) {
        QString text =
            tr("This replaces the %n scene(s) already written.", nullptr, p.script.writtenCount());
        if (clips > 0)
            text += u' ' + tr("Their %n clip(s) are kept apart in the Videos tab.", nullptr, clips);
        if (QMessageBox::question(this, tr("Write a new script?"), text) != QMessageBox::Yes)
            return;
    }
    // Asked above: a new script replaces every scene anyway.
    if (layoutPending()) {
        if (auto changed = m_session.changeLayout(m_duration->value(), m_sceneSeconds->value());
            !changed) {
            showError(tr("The length cannot be changed"), changed.error().message);
            return;
        }
    }
    if (Status st = m_session.writeScript(true); !st)
        showError(tr("The script cannot be written"), st.error().message);
    updateState();
    updateProgress();
}

void ScriptPanel::stop()
{
    m_session.stopScript();
    m_progressText->setText(tr("Stopping…"));
}

void ScriptPanel::resume()
{
    saveToProject();
    if (!applyLayout(true))
        return;
    if (Status st = m_session.writeScript(false); !st)
        showError(tr("The script cannot be resumed"), st.error().message);
    updateState();
}

void ScriptPanel::regenerateSelected()
{
    const QList<int> scenes = selectedScenes();
    if (scenes.isEmpty())
        return;
    bool ok = false;
    const QString note = QInputDialog::getText(
        this, tr("Rewrite scenes"),
        tr("Rewrite %n scene(s). A note for the writer (optional):", nullptr, int(scenes.size())),
        QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    if (Status st = m_session.regenerate(scenes, note); !st)
        showError(tr("The scenes cannot be rewritten"), st.error().message);
    updateState();
}

void ScriptPanel::editCharacters()
{
    if (!m_session.isOpen())
        return;
    CharacterBibleDialog dialog(m_session.store().project().script.characters, &m_session, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_session.store().project().script.characters = dialog.characters();
    m_session.store().markDirty();
}

} // namespace t2v::ui

#include "accounteditdialog.h"

#include "appcontext.h"
#include "core/limits.h"
#include "providers/modelcatalog.h"
#include "providers/providerregistry.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace t2v::ui {

AccountEditDialog::AccountEditDialog(AppContext& context, std::optional<Account> existing,
                                     QWidget* parent)
    : QDialog(parent)
    , m_context(context)
    , m_existing(std::move(existing))
{
    setWindowTitle(m_existing ? tr("Edit account") : tr("Add account"));
    m_id = new QLineEdit;
    m_id->setObjectName(u"id"_s);
    m_id->setPlaceholderText(tr("short id, e.g. gemini-main"));
    m_label = new QLineEdit;
    m_label->setObjectName(u"label"_s);
    m_provider = new QComboBox;
    m_provider->setObjectName(u"provider"_s);
    for (const QString& id : ProviderRegistry::addable())
        m_provider->addItem(ProviderRegistry::label(id), id);
    m_baseUrl = new QLineEdit;
    m_baseUrl->setObjectName(u"baseUrl"_s);
    m_model = new QLineEdit;
    m_model->setObjectName(u"model"_s);
    m_videoModel = new QLineEdit;
    m_videoModel->setObjectName(u"videoModel"_s);
    m_imageModel = new QLineEdit;
    m_imageModel->setObjectName(u"imageModel"_s);
    m_imageModel->setToolTip(tr("The model that draws the characters' reference images"));
    const auto modelButton = [this](QLineEdit* field, bool video, const char* name) {
        auto* button = new QToolButton;
        button->setObjectName(QString::fromLatin1(name));
        button->setText(tr("Models"));
        button->setToolTip(tr("Choose from the models this account's key can use"));
        button->setPopupMode(QToolButton::InstantPopup);
        auto* menu = new QMenu(button);
        connect(menu, &QMenu::aboutToShow, this,
                [this, menu, field, video] { fillModelMenu(menu, field, video); });
        button->setMenu(menu);
        return button;
    };
    m_textModels = modelButton(m_model, false, "textModels");
    m_videoModels = modelButton(m_videoModel, true, "videoModels");
    m_modelNote = new QLabel;
    m_modelNote->setObjectName(u"modelNote"_s);
    m_modelNote->setWordWrap(true);
    m_quotaGroup = new QLineEdit;
    m_quotaGroup->setObjectName(u"quotaGroup"_s);
    m_quotaGroup->setPlaceholderText(tr("optional: the Google Cloud project of the key"));
    m_quotaGroup->setToolTip(
        tr("Accounts with the same quota group share one set of limits: requests per minute, "
           "jobs at once and waits after \"too many requests\". Google counts limits per Cloud "
           "project, so several keys of one project add no quota."));
    auto dollars = [](const char* name, const QString& tip) {
        auto* box = new QDoubleSpinBox;
        box->setObjectName(QString::fromLatin1(name));
        box->setRange(0, limits::MaxBudgetUsd);
        box->setDecimals(2);
        box->setPrefix(u"$"_s);
        box->setSpecialValueText(tr("no cap"));
        box->setToolTip(tip);
        return box;
    };
    m_dailyBudget = dollars("dailyBudget",
                            tr("The most this account may spend per day, over every project. Clips "
                               "that would go over it wait, with the reason, until the next day or "
                               "until it is raised."));
    m_spendWindow = dollars(
        "spendWindow", tr("Dollars per 10 minutes, as Gemini tiers allow (the lowest of a quota "
                          "group applies to the group). Requests are paced to it instead of "
                          "running into \"too many requests\"."));
    m_maxJobs = new QSpinBox;
    m_maxJobs->setObjectName(u"maxJobs"_s);
    m_maxJobs->setRange(limits::MaxConcurrentJobs.min, limits::MaxConcurrentJobs.max);
    m_rpm = new QSpinBox;
    m_rpm->setObjectName(u"rpm"_s);
    m_rpm->setRange(limits::RequestsPerMinute.min, limits::RequestsPerMinute.max);
    m_tokenField = new QComboBox;
    m_tokenField->setObjectName(u"tokenField"_s);
    m_tokenField->addItem(tr("Automatic"), u"auto"_s);
    m_tokenField->addItem(u"max_tokens"_s, u"max_tokens"_s);
    m_tokenField->addItem(u"max_completion_tokens"_s, u"max_completion_tokens"_s);
    m_personGeneration = new QComboBox;
    m_personGeneration->setObjectName(u"personGeneration"_s);
    m_personGeneration->addItem(tr("Not sent"), QString());
    for (const QString& v : {u"allow_all"_s, u"allow_adult"_s, u"dont_allow"_s})
        m_personGeneration->addItem(v, v);
    m_startDeadline = new QSpinBox;
    m_startDeadline->setObjectName(u"startDeadline"_s);
    m_startDeadline->setRange(limits::StartDeadlineSeconds.min, limits::StartDeadlineSeconds.max);
    m_startDeadline->setSpecialValueText(tr("No deadline"));
    m_startDeadline->setSuffix(tr(" s"));
    m_startDeadline->setToolTip(
        tr("How long a request may wait in the service's queue before it is given up, unbilled."));
    m_mediaExpiry = new QSpinBox;
    m_mediaExpiry->setObjectName(u"mediaExpiry"_s);
    m_mediaExpiry->setRange(limits::MediaExpirySeconds.min / 3600,
                            limits::MediaExpirySeconds.max / 3600);
    m_mediaExpiry->setSpecialValueText(tr("The service's default"));
    m_mediaExpiry->setSuffix(tr(" h"));
    m_mediaExpiry->setToolTip(tr("How long the service keeps finished clips for download."));
    m_key = new QLineEdit;
    m_key->setObjectName(u"key"_s);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setClearButtonEnabled(true);
    m_keyState = new QLabel;
    m_keyState->setObjectName(u"keyState"_s);
    m_keychain = new QRadioButton(tr("System keychain"));
    m_keychain->setObjectName(u"keychain"_s);
    m_file = new QRadioButton(tr("Secrets file (owner-only, in the config folder)"));
    m_file->setObjectName(u"file"_s);
    m_keychain->setEnabled(SecretStore::keychainCompiledIn());
    (SecretStore::keychainCompiledIn() ? m_keychain : m_file)->setChecked(true);
    m_error = new QLabel;
    m_error->setObjectName(u"error"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #c62828"_s);

    auto* form = new QFormLayout;
    form->addRow(tr("&Service"), m_provider);
    form->addRow(tr("&Id"), m_id);
    form->addRow(tr("&Name"), m_label);
    form->addRow(tr("Base &URL"), m_baseUrl);
    const auto withButton = [](QWidget* field, QWidget* button) {
        auto* row = new QHBoxLayout;
        row->addWidget(field, 1);
        row->addWidget(button);
        return row;
    };
    form->addRow(tr("Text &model"), withButton(m_model, m_textModels));
    form->addRow(tr("&Video model"), withButton(m_videoModel, m_videoModels));
    form->addRow(tr("&Image model"), m_imageModel);
    form->addRow(QString(), m_modelNote);
    form->addRow(tr("&Quota group"), m_quotaGroup);
    form->addRow(tr("Daily &budget"), m_dailyBudget);
    form->addRow(tr("Spend per 10 m&inutes"), m_spendWindow);
    form->addRow(tr("Max &jobs at once"), m_maxJobs);
    form->addRow(tr("&Requests per minute"), m_rpm);
    form->addRow(tr("&Token limit field"), m_tokenField);
    form->addRow(tr("&Person generation"), m_personGeneration);
    form->addRow(tr("Start &deadline"), m_startDeadline);
    form->addRow(tr("Keep res&ults for"), m_mediaExpiry);
    form->addRow(tr("API &key"), m_key);
    form->addRow(QString(), m_keyState);
    form->addRow(tr("Keep the key in"), m_keychain);
    form->addRow(QString(), m_file);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_provider, &QComboBox::currentIndexChanged, this, &AccountEditDialog::updateFields);

    const Account a = m_existing.value_or(Account{});
    if (m_existing) {
        m_id->setText(a.id);
        m_id->setReadOnly(true);
        m_provider->setCurrentIndex(std::max(0, m_provider->findData(a.provider)));
        m_provider->setEnabled(false);
        // Where the key is, never what it is.
        const QString source = m_context.services().keySource(a);
        const bool stored =
            source != u"missing"_s && source != u"none"_s && source != u"not needed"_s;
        m_keyState->setText(
            stored ? tr("A key is stored (%1). Type a new one to replace it.").arg(source)
                   : tr("No key is stored."));
        m_key->setPlaceholderText(stored ? tr("•••••••• (unchanged)") : tr("paste the key"));
    } else {
        m_key->setPlaceholderText(tr("paste the key"));
    }
    m_label->setText(a.label);
    m_baseUrl->setText(a.baseUrl);
    m_model->setText(a.model);
    m_videoModel->setText(a.videoModel);
    m_imageModel->setText(a.imageModel);
    m_maxJobs->setValue(a.maxConcurrentJobs);
    m_rpm->setValue(a.requestsPerMinute);
    m_tokenField->setCurrentIndex(std::max(0, m_tokenField->findData(a.tokenLimitField)));
    m_personGeneration->setCurrentIndex(
        std::max(0, m_personGeneration->findData(a.personGeneration)));
    m_startDeadline->setValue(a.startDeadlineSeconds);
    m_mediaExpiry->setValue(a.mediaExpirySeconds / 3600);
    m_quotaGroup->setText(a.quotaGroup);
    m_dailyBudget->setValue(a.dailyBudgetUsd);
    m_spendWindow->setValue(a.spendWindowUsd);
    if (m_existing) {
        if (const auto kept = ModelCatalog::cached(a.id); kept && !kept->curated)
            m_modelNote->setText(
                tr("%n model(s) listed by the service on %1.", nullptr, int(kept->models.size()))
                    .arg(QLocale().toString(kept->fetchedAt.toLocalTime(), QLocale::ShortFormat)));
    }
    updateFields();
}

void AccountEditDialog::fillModelMenu(QMenu* menu, QLineEdit* field, bool video)
{
    menu->clear();
    const ProviderRow* row = ProviderRegistry::find(m_provider->currentData().toString());
    if (!row)
        return;
    QAction* automatic = menu->addAction(tr("Automatic (the first preferred model it serves)"));
    automatic->setObjectName(u"automatic"_s);
    connect(automatic, &QAction::triggered, field, &QLineEdit::clear);
    QStringList ids;
    std::optional<ModelList> kept;
    if (m_existing)
        kept = ModelCatalog::cached(m_existing->id);
    if (kept) {
        ids = video ? kept->ids(ModelKind::Video) + kept->ids(ModelKind::Omni)
                    : kept->ids(ModelKind::Text);
    } else {
        ids = video ? row->videoPreferences : row->textPreferences;
    }
    menu->addSection(kept && !kept->curated ? tr("Served to this key")
                                            : tr("Known models (not yet asked)"));
    for (const QString& id : std::as_const(ids)) {
        QAction* action = menu->addAction(id);
        action->setCheckable(true);
        action->setChecked(field->text() == id);
        connect(action, &QAction::triggered, field, [field, id] { field->setText(id); });
    }
    menu->addSeparator();
    if (video && row->editor.videoModelFile) {
        // A ComfyUI workflow of the user's own, exported with Save (API Format).
        QAction* file = menu->addAction(tr("Choose a workflow file..."));
        file->setObjectName(u"workflowFile"_s);
        connect(file, &QAction::triggered, this, [this, field] {
            const QString path =
                QFileDialog::getOpenFileName(this, tr("ComfyUI workflow (API format)"),
                                             QDir::homePath(), tr("Workflows (*.json)"));
            if (!path.isEmpty())
                field->setText(QDir::toNativeSeparators(path));
        });
        menu->addSeparator();
    }
    QAction* refresh = menu->addAction(tr("Ask the service again"));
    refresh->setObjectName(u"refresh"_s);
    refresh->setEnabled(m_existing.has_value());
    if (!m_existing)
        refresh->setToolTip(tr("Save the account with its key first."));
    connect(refresh, &QAction::triggered, this, &AccountEditDialog::refreshModels);
}

void AccountEditDialog::refreshModels()
{
    if (!m_existing)
        return;
    m_modelNote->setText(tr("Asking the service for its models..."));
    m_context.services().refreshModels(m_existing->id, this, [this](const Result<ModelList>& list) {
        if (!list) {
            m_modelNote->setText(
                tr("The models could not be listed: %1").arg(list.error().message));
            return;
        }
        m_modelNote->setText(
            tr("%n model(s) listed by the service just now.", nullptr, int(list->models.size())));
    });
}

void AccountEditDialog::updateFields()
{
    const ProviderRow* row = ProviderRegistry::find(m_provider->currentData().toString());
    if (!row)
        return;
    const EditorFields& f = row->editor;
    m_baseUrl->setEnabled(f.baseUrl);
    m_model->setEnabled(f.textModel);
    m_videoModel->setEnabled(f.videoModel);
    m_tokenField->setEnabled(f.tokenLimitField);
    m_personGeneration->setEnabled(f.personGeneration);
    m_startDeadline->setEnabled(f.startDeadline);
    m_mediaExpiry->setEnabled(f.mediaExpiry);
    m_quotaGroup->setEnabled(f.quotaGroup);
    m_textModels->setEnabled(f.textModel);
    m_videoModels->setEnabled(f.videoModel);
    m_baseUrl->setPlaceholderText(f.baseUrlHint.isEmpty() ? row->publicBaseUrl : f.baseUrlHint);
    m_model->setPlaceholderText(f.textModelHint);
    m_videoModel->setPlaceholderText(f.videoModelHint);
    m_imageModel->setEnabled(bool(row->makeImage));
    m_imageModel->setPlaceholderText(row->defaultImageModel.isEmpty()
                                         ? QString()
                                         : tr("default: %1").arg(row->defaultImageModel));
    if (!m_existing) {
        // A server on the user's own GPU: one job per GPU and no real rate limit.
        m_maxJobs->setValue(row->defaultMaxJobs);
        m_rpm->setValue(row->defaultRequestsPerMinute);
    }
}

Account AccountEditDialog::account() const
{
    Account a = m_existing.value_or(Account{});
    a.id = m_id->text().trimmed();
    a.label = m_label->text().trimmed().isEmpty() ? a.id : m_label->text().trimmed();
    a.provider = m_provider->currentData().toString();
    a.baseUrl = m_baseUrl->text().trimmed();
    a.model = m_model->isEnabled() ? m_model->text().trimmed() : QString();
    a.videoModel = m_videoModel->isEnabled() ? m_videoModel->text().trimmed() : QString();
    a.imageModel = m_imageModel->isEnabled() ? m_imageModel->text().trimmed() : QString();
    a.maxConcurrentJobs = m_maxJobs->value();
    a.requestsPerMinute = m_rpm->value();
    a.tokenLimitField =
        m_tokenField->isEnabled() ? m_tokenField->currentData().toString() : u"auto"_s;
    a.personGeneration =
        m_personGeneration->isEnabled() ? m_personGeneration->currentData().toString() : QString();
    a.startDeadlineSeconds = m_startDeadline->isEnabled() ? m_startDeadline->value() : 0;
    a.mediaExpirySeconds = m_mediaExpiry->isEnabled() ? m_mediaExpiry->value() * 3600 : 0;
    a.quotaGroup = m_quotaGroup->isEnabled() ? m_quotaGroup->text().trimmed() : QString();
    a.dailyBudgetUsd = m_dailyBudget->value();
    a.spendWindowUsd = m_spendWindow->value();
    return a;
}

void AccountEditDialog::done(int result)
{
    if (result != QDialog::Accepted || m_saving) {
        QDialog::done(result);
        return;
    }
    const Account a = account();
    if (const QString why = ProviderRegistry::validate(a); !why.isEmpty()) {
        m_error->setText(why);
        return;
    }
    // A ComfyUI workflow that cannot be filled is refused here, naming what it lacks.
    if (const ProviderRow* row = ProviderRegistry::find(a.provider); row && row->checkVideoModel) {
        if (const QString why = row->checkVideoModel(a); !why.isEmpty()) {
            m_error->setText(why);
            return;
        }
    }
    const QString key = m_key->text().trimmed();
    const QString source = m_existing ? m_context.services().keySource(a) : QString();
    const bool hasStored = !source.isEmpty() && source != u"missing"_s && source != u"none"_s;
    if (key.isEmpty() && ProviderRegistry::needsKey(a) && !hasStored) {
        m_error->setText(tr("This service needs an API key."));
        return;
    }
    const Status saved = m_existing ? m_context.accounts().update(a) : m_context.accounts().add(a);
    if (!saved) {
        m_error->setText(saved.error().message);
        return;
    }
    m_existing = a; // if storing the key fails below, Save again updates instead of adding twice
    if (key.isEmpty()) {
        QDialog::done(result);
        return;
    }
    // The keychain talks over D-Bus: store the key on a worker, then close.
    m_saving = true;
    m_key->clear();
    setEnabled(false);
    const auto where =
        m_keychain->isChecked() ? SecretStore::Backend::Keychain : SecretStore::Backend::File;
    m_context.services().storeKey(a.id, key, where, this, [this, result](const Status& s) {
        m_saving = false;
        setEnabled(true);
        if (!s) {
            m_error->setText(s.error().message);
            return;
        }
        emit m_context.accounts().changed();
        QDialog::done(result);
    });
}

} // namespace t2v::ui

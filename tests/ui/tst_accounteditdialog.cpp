// AccountEditDialog: the services offered and the fields each one gets come from the provider
// registry; what is wrong is said in the dialog, which stays open and saves nothing; a saved
// dialog gives the account that was typed and stores the key through AppServices; editing
// keeps the account's id and service.

#include "accounteditdialog.h"
#include "providers/providerregistry.h"
#include "uifixture.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;
using namespace t2v::ui;

namespace {

void choose(QComboBox* combo, const QString& data)
{
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data));
    combo->setCurrentIndex(index);
}

void save(AccountEditDialog& dialog)
{
    dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
}

} // namespace

class TestAccountEditDialog final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void offersTheServicesPeopleCanAdd();
    void fieldsFollowTheRegistry_data();
    void fieldsFollowTheRegistry();
    void whatIsWrongIsShownAndNothingIsSaved_data();
    void whatIsWrongIsShownAndNothingIsSaved();
    void aSavedDialogGivesTheAccountAndStoresTheKey();
    void aLocalServerNeedsNoKeyAndAnEmptyNameIsTheId();
    void fieldsTheServiceDoesNotOfferAreNotSaved();
    void editingKeepsTheIdAndTheService();
    void theModelsMenuOffersWhatTheKeyServes();
    void aComfyUiAccountTakesAWorkflowAndOneJobPerGpu();

private:
    std::unique_ptr<AccountEditDialog> open(std::optional<Account> existing = std::nullopt);
    std::unique_ptr<UiFixture> m_f;
};

void TestAccountEditDialog::init()
{
    m_f = std::make_unique<UiFixture>();
    QVERIFY(m_f->ok());
}

void TestAccountEditDialog::cleanup()
{
    m_f.reset();
}

std::unique_ptr<AccountEditDialog> TestAccountEditDialog::open(std::optional<Account> existing)
{
    auto dialog = std::make_unique<AccountEditDialog>(m_f->context(), std::move(existing));
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        return nullptr;
    return dialog;
}

void TestAccountEditDialog::offersTheServicesPeopleCanAdd()
{
    auto dialog = open();
    QVERIFY(dialog);
    auto* provider = child<QComboBox>(dialog.get(), "provider");
    QStringList offered;
    for (int i = 0; i < provider->count(); ++i) {
        offered.append(provider->itemData(i).toString());
        QCOMPARE(provider->itemText(i), ProviderRegistry::label(offered.last()));
    }
    QCOMPARE(offered, ProviderRegistry::addable());
    // The built-in offline writer and local renderer always exist: they are not offered.
    QVERIFY(!offered.contains(provider::Offline));
    QVERIFY(!offered.contains(provider::Local));
    QVERIFY(provider->isEnabled());
    QVERIFY(!child<QLineEdit>(dialog.get(), "id")->isReadOnly());
}

void TestAccountEditDialog::fieldsFollowTheRegistry_data()
{
    QTest::addColumn<QString>("providerId");
    // The fields the service needs, as a person adding such an account expects them.
    QTest::addColumn<bool>("baseUrl");
    QTest::addColumn<bool>("textModel");
    QTest::addColumn<bool>("videoModel");
    QTest::addColumn<bool>("tokenField");
    QTest::addColumn<bool>("personGeneration");
    QTest::addColumn<bool>("queueOptions"); // start deadline and media lifetime
    QTest::addColumn<bool>("quotaGroup");   // Gemini: keys of one Cloud project
    QTest::newRow("gemini") << provider::Gemini << true << true << true << false << true << false
                            << true;
    QTest::newRow("openai") << provider::OpenAi << true << true << false << true << false << false
                            << false;
    QTest::newRow("fal") << provider::Fal << true << false << true << false << false << true
                         << false;
    QTest::newRow("comfyui") << provider::ComfyUi << true << false << true << false << false
                             << false << false;
    QTest::newRow("openai-video") << provider::VideoServer << true << false << true << false
                                  << false << false << false;
}

void TestAccountEditDialog::fieldsFollowTheRegistry()
{
    QFETCH(QString, providerId);
    QFETCH(bool, baseUrl);
    QFETCH(bool, textModel);
    QFETCH(bool, videoModel);
    QFETCH(bool, tokenField);
    QFETCH(bool, personGeneration);
    QFETCH(bool, queueOptions);
    QFETCH(bool, quotaGroup);
    const ProviderRow* row = ProviderRegistry::find(providerId);
    QVERIFY(row);
    const EditorFields& f = row->editor;
    // The registry says so ...
    QCOMPARE(f.baseUrl, baseUrl);
    QCOMPARE(f.textModel, textModel);
    QCOMPARE(f.videoModel, videoModel);
    QCOMPARE(f.tokenLimitField, tokenField);
    QCOMPARE(f.personGeneration, personGeneration);
    QCOMPARE(f.startDeadline, queueOptions);
    QCOMPARE(f.mediaExpiry, queueOptions);
    QCOMPARE(f.quotaGroup, quotaGroup);

    // ... and the dialog follows it, whichever service was chosen before.
    auto dialog = open();
    QVERIFY(dialog);
    auto* provider = child<QComboBox>(dialog.get(), "provider");
    for (const QString& before : ProviderRegistry::addable()) {
        choose(provider, before);
        choose(provider, providerId);
        auto* url = child<QLineEdit>(dialog.get(), "baseUrl");
        auto* model = child<QLineEdit>(dialog.get(), "model");
        auto* video = child<QLineEdit>(dialog.get(), "videoModel");
        QCOMPARE(url->isEnabled(), f.baseUrl);
        QCOMPARE(model->isEnabled(), f.textModel);
        QCOMPARE(video->isEnabled(), f.videoModel);
        QCOMPARE(child<QComboBox>(dialog.get(), "tokenField")->isEnabled(), f.tokenLimitField);
        QCOMPARE(child<QComboBox>(dialog.get(), "personGeneration")->isEnabled(),
                 f.personGeneration);
        QCOMPARE(child<QSpinBox>(dialog.get(), "startDeadline")->isEnabled(), f.startDeadline);
        QCOMPARE(child<QSpinBox>(dialog.get(), "mediaExpiry")->isEnabled(), f.mediaExpiry);
        QCOMPARE(child<QLineEdit>(dialog.get(), "quotaGroup")->isEnabled(), f.quotaGroup);
        QCOMPARE(child<QToolButton>(dialog.get(), "videoModels")->isEnabled(), f.videoModel);
        QCOMPARE(child<QToolButton>(dialog.get(), "textModels")->isEnabled(), f.textModel);
        // The hints come from the row too.
        QCOMPARE(url->placeholderText(),
                 f.baseUrlHint.isEmpty() ? row->publicBaseUrl : f.baseUrlHint);
        QCOMPARE(model->placeholderText(), f.textModelHint);
        QCOMPARE(video->placeholderText(), f.videoModelHint);
        // Every service a person can add takes a key, typed masked.
        auto* key = child<QLineEdit>(dialog.get(), "key");
        Account a;
        a.provider = providerId;
        QCOMPARE(key->isEnabled(), ProviderRegistry::usesKey(a));
        QCOMPARE(key->echoMode(), QLineEdit::Password);
    }
}

void TestAccountEditDialog::whatIsWrongIsShownAndNothingIsSaved_data()
{
    QTest::addColumn<QString>("providerId");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("error");
    QTest::newRow("no id") << provider::Gemini << QString() << QString() << QString()
                           << u"AIza-1234567"_s << u"The account id \"\" must be"_s;
    QTest::newRow("an id with spaces")
        << provider::Gemini << u"My Gemini"_s << QString() << QString() << u"AIza-1234567"_s
        << u"must be 1-40 characters of a-z, 0-9"_s;
    QTest::newRow("an ftp address")
        << provider::OpenAi << u"llm"_s << u"ftp://example.com/v1"_s << u"llama3.1"_s << QString()
        << u"is not an http:// or https:// address"_s;
    QTest::newRow("an address without a host")
        << provider::OpenAi << u"llm"_s << u"http://"_s << u"llama3.1"_s << QString()
        << u"is not an http:// or https:// address"_s;
    QTest::newRow("no address at all")
        << provider::Fal << u"fal-2"_s << u"queue.fal.run"_s << QString() << u"fal-1234567"_s
        << u"is not an http:// or https:// address"_s;
    QTest::newRow("openai without a model")
        << provider::OpenAi << u"chat-2"_s << QString() << QString() << u"sk-1234567"_s
        << u"needs a model name"_s;
    QTest::newRow("gemini without a key")
        << provider::Gemini << u"gem-3"_s << QString() << QString() << QString()
        << u"This service needs an API key."_s;
    QTest::newRow("an id that is taken") << provider::OpenAi << u"writer"_s << QString() << u"m"_s
                                         << u"sk-other-123"_s << u"already exists"_s;
}

void TestAccountEditDialog::whatIsWrongIsShownAndNothingIsSaved()
{
    QFETCH(QString, providerId);
    QFETCH(QString, id);
    QFETCH(QString, baseUrl);
    QFETCH(QString, model);
    QFETCH(QString, key);
    QFETCH(QString, error);
    m_f->addChat(u"writer"_s, u"sk-writer-original"_s);
    const QList<Account> before = m_f->accounts->accounts();
    auto dialog = open();
    QVERIFY(dialog);
    QSignalSpy finished(dialog.get(), &QDialog::finished);
    choose(child<QComboBox>(dialog.get(), "provider"), providerId);
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "id"), id);
    child<QLineEdit>(dialog.get(), "baseUrl")->setText(baseUrl);
    child<QLineEdit>(dialog.get(), "model")->setText(model);
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "key"), key);
    save(*dialog);
    QTest::qWait(50); // a key store would answer from a worker

    QVERIFY(dialog->isVisible()); // still open, saying why
    QCOMPARE(finished.count(), 0);
    const QString shown = child<QLabel>(dialog.get(), "error")->text();
    QVERIFY2(shown.contains(error), qPrintable(shown));
    QCOMPARE(m_f->accounts->accounts(), before);
    QCOMPARE(m_f->secrets->read(u"writer"_s)->key, u"sk-writer-original"_s);
    if (!id.isEmpty() && id != u"writer"_s)
        QVERIFY(!m_f->secrets->read(id));
    // The typed key is still there to be saved once the rest is fixed.
    QCOMPARE(child<QLineEdit>(dialog.get(), "key")->text(), key);
}

void TestAccountEditDialog::aSavedDialogGivesTheAccountAndStoresTheKey()
{
    auto dialog = open();
    QVERIFY(dialog);
    QSignalSpy accepted(dialog.get(), &QDialog::accepted);
    QSignalSpy changed(m_f->accounts, &AccountStore::changed);
    choose(child<QComboBox>(dialog.get(), "provider"), provider::Gemini);
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "id"), u"gem-2"_s);
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "label"), u"  Gemini two "_s);
    child<QLineEdit>(dialog.get(), "baseUrl")->setText(m_f->server.baseUrl());
    child<QLineEdit>(dialog.get(), "model")->setText(u"gemini-2.5-pro"_s);
    child<QLineEdit>(dialog.get(), "videoModel")->setText(u"veo-3.1-generate-preview"_s);
    child<QSpinBox>(dialog.get(), "maxJobs")->setValue(3);
    child<QSpinBox>(dialog.get(), "rpm")->setValue(20);
    choose(child<QComboBox>(dialog.get(), "personGeneration"), u"allow_adult"_s);
    child<QLineEdit>(dialog.get(), "quotaGroup")->setText(u" my-project-123 "_s);
    child<QDoubleSpinBox>(dialog.get(), "dailyBudget")->setValue(25);
    child<QDoubleSpinBox>(dialog.get(), "spendWindow")->setValue(2.5);
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "key"), u" AIza-typed-SECRET-42 "_s);
    child<QRadioButton>(dialog.get(), "file")->setChecked(true);
    save(*dialog);
    QTRY_COMPARE(accepted.count(), 1); // after the key is stored on a worker
    QCOMPARE(dialog->result(), int(QDialog::Accepted));

    Account expected;
    expected.id = u"gem-2"_s;
    expected.label = u"Gemini two"_s;
    expected.provider = provider::Gemini;
    expected.baseUrl = m_f->server.baseUrl();
    expected.model = u"gemini-2.5-pro"_s;
    expected.videoModel = u"veo-3.1-generate-preview"_s;
    expected.maxConcurrentJobs = 3;
    expected.requestsPerMinute = 20;
    expected.personGeneration = u"allow_adult"_s;
    expected.quotaGroup = u"my-project-123"_s;
    expected.dailyBudgetUsd = 25;
    expected.spendWindowUsd = 2.5;
    QCOMPARE(dialog->account(), expected);
    QCOMPARE(m_f->accounts->find(u"gem-2"_s), std::optional<Account>(expected));
    QVERIFY(changed.count() >= 1);
    // The key: trimmed, in the owner-only file, never in the dialog again.
    const auto stored = m_f->secrets->read(u"gem-2"_s);
    QVERIFY(stored);
    QCOMPARE(stored->key, u"AIza-typed-SECRET-42"_s);
    QCOMPARE(stored->from, SecretStore::Backend::File);
    QCOMPARE(m_f->app->keySource(expected), u"file"_s);
    QVERIFY(dialog->keyField()->text().isEmpty());
    // And it is the one the account uses.
    QVERIFY(m_f->app->providers().test(u"gem-2"_s).ok());
    QCOMPARE(m_f->server.requests(u"/v1beta/models"_s).value(0).header("x-goog-api-key"),
             QByteArray("AIza-typed-SECRET-42"));
}

void TestAccountEditDialog::aLocalServerNeedsNoKeyAndAnEmptyNameIsTheId()
{
    auto dialog = open();
    QVERIFY(dialog);
    QSignalSpy accepted(dialog.get(), &QDialog::accepted);
    choose(child<QComboBox>(dialog.get(), "provider"), provider::OpenAi);
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "id"), u"ollama"_s);
    child<QLineEdit>(dialog.get(), "baseUrl")->setText(u"http://localhost:11434/v1"_s);
    child<QLineEdit>(dialog.get(), "model")->setText(u"llama3.1"_s);
    choose(child<QComboBox>(dialog.get(), "tokenField"), u"max_tokens"_s);
    save(*dialog);
    QTRY_COMPARE(accepted.count(), 1);
    const auto stored = m_f->accounts->find(u"ollama"_s);
    QVERIFY(stored);
    QCOMPARE(stored->label, u"ollama"_s);
    QCOMPARE(stored->provider, provider::OpenAi);
    QCOMPARE(stored->baseUrl, u"http://localhost:11434/v1"_s);
    QCOMPARE(stored->model, u"llama3.1"_s);
    QCOMPARE(stored->tokenLimitField, u"max_tokens"_s);
    QVERIFY(!m_f->secrets->read(u"ollama"_s));
    QCOMPARE(m_f->app->keySource(*stored), u"none"_s);
}

void TestAccountEditDialog::fieldsTheServiceDoesNotOfferAreNotSaved()
{
    // Typed for one service, then another chosen: what the other does not offer is dropped.
    auto dialog = open();
    QVERIFY(dialog);
    auto* provider = child<QComboBox>(dialog.get(), "provider");
    choose(provider, provider::Gemini);
    QTest::keyClicks(child<QLineEdit>(dialog.get(), "id"), u"fal-3"_s);
    child<QLineEdit>(dialog.get(), "model")->setText(u"gemini-2.5-pro"_s);
    choose(child<QComboBox>(dialog.get(), "personGeneration"), u"allow_all"_s);
    choose(provider, provider::Fal);
    child<QLineEdit>(dialog.get(), "videoModel")->setText(u"fal-ai/veo3"_s);
    child<QSpinBox>(dialog.get(), "startDeadline")->setValue(900);
    child<QSpinBox>(dialog.get(), "mediaExpiry")->setValue(48);
    const Account a = dialog->account();
    QCOMPARE(a.provider, provider::Fal);
    QCOMPARE(a.videoModel, u"fal-ai/veo3"_s);
    QVERIFY(a.model.isEmpty());
    QVERIFY(a.personGeneration.isEmpty());
    QCOMPARE(a.startDeadlineSeconds, 900);
    QCOMPARE(a.mediaExpirySeconds, 48 * 3600);
    // And back: Gemini has no queue options, so none are saved.
    choose(provider, provider::Gemini);
    const Account g = dialog->account();
    QCOMPARE(g.startDeadlineSeconds, 0);
    QCOMPARE(g.mediaExpirySeconds, 0);
}

void TestAccountEditDialog::editingKeepsTheIdAndTheService()
{
    const Account writer = m_f->addChat(u"writer"_s, u"sk-writer-original"_s);
    {
        auto dialog = open(writer);
        QVERIFY(dialog);
        QVERIFY(child<QLineEdit>(dialog.get(), "id")->isReadOnly());
        auto* provider = child<QComboBox>(dialog.get(), "provider");
        QVERIFY(!provider->isEnabled());
        QCOMPARE(provider->currentData().toString(), provider::OpenAi);
        QVERIFY(dialog->keyField()->text().isEmpty()); // a stored key is never shown again
        QVERIFY(child<QLabel>(dialog.get(), "keyState")->text().contains(u"A key is stored"_s));
        QCOMPARE(dialog->account(), writer); // nothing touched, nothing changed
    }

    // An account of a service the dialog does not offer (a second local renderer, written into
    // accounts.json by hand) keeps its service too.
    Account render;
    render.id = u"render-2"_s;
    render.provider = provider::Local;
    QVERIFY(m_f->accounts->add(render).ok());
    auto dialog = open(render);
    QVERIFY(dialog);
    QEXPECT_FAIL("",
                 "AccountEditDialog shows the first service offered for an account whose "
                 "service is not in the list, and saves it as that service",
                 Continue);
    QCOMPARE(dialog->account().provider, provider::Local);
}

void TestAccountEditDialog::theModelsMenuOffersWhatTheKeyServes()
{
    const Account gem = m_f->addVeo(u"gem"_s, u"AIza-menu"_s);
    auto dialog = open(gem);
    QVERIFY(dialog);
    auto* field = child<QLineEdit>(dialog.get(), "videoModel");
    QMenu* menu = child<QToolButton>(dialog.get(), "videoModels")->menu();
    QVERIFY(menu);
    const auto texts = [menu] {
        QStringList out;
        for (QAction* a : menu->actions())
            out.append(a->text());
        return out;
    };
    // Never asked: the provider's preferred models, first of all Veo 3.1 Fast GA.
    emit menu->aboutToShow();
    QVERIFY2(texts().contains(u"veo-3.1-fast-generate-001"_s), qPrintable(texts().join(u'|')));
    QVERIFY(texts().contains(u"gemini-omni-1.1-flash"_s));

    // Asked: what the fake service lists for the key (video and Omni, no text models).
    QAction* refresh = menu->findChild<QAction*>(u"refresh"_s);
    QVERIFY(refresh && refresh->isEnabled());
    refresh->trigger();
    auto* note = child<QLabel>(dialog.get(), "modelNote");
    QTRY_VERIFY2(note->text().contains(u"listed by the service just now"_s),
                 qPrintable(note->text()));
    QCOMPARE(m_f->server.requests(u"/v1beta/models"_s).value(0).header("x-goog-api-key"),
             QByteArray("AIza-menu"));
    emit menu->aboutToShow();
    const QStringList served = texts();
    QVERIFY2(served.contains(u"veo-3.1-fast-generate-preview"_s), qPrintable(served.join(u'|')));
    QVERIFY(served.contains(u"gemini-omni-1.1-flash"_s));
    QVERIFY(!served.contains(u"veo-3.1-fast-generate-001"_s)); // not served to this key
    QVERIFY(!served.contains(u"gemini-2.5-flash"_s));          // a text model
    for (QAction* a : menu->actions()) {
        if (a->text() == u"gemini-omni-1.1-flash"_s)
            a->trigger();
    }
    QCOMPARE(field->text(), u"gemini-omni-1.1-flash"_s);
    menu->findChild<QAction*>(u"automatic"_s)->trigger();
    QVERIFY(field->text().isEmpty());
}

void TestAccountEditDialog::aComfyUiAccountTakesAWorkflowAndOneJobPerGpu()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"no-prompt.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"1": {"class_type": "CLIPTextEncode", "inputs": {"text": "fixed"}},
                   "2": {"class_type": "SaveVideo", "inputs": {"video": ["1", 0]}}})");
    file.close();
    auto dialog = open();
    QVERIFY(dialog);
    QSignalSpy accepted(dialog.get(), &QDialog::accepted);
    choose(child<QComboBox>(dialog.get(), "provider"), provider::ComfyUi);
    // A server on one's own GPU: one clip at a time, no real rate limit.
    QCOMPARE(child<QSpinBox>(dialog.get(), "maxJobs")->value(), 1);
    QCOMPARE(child<QSpinBox>(dialog.get(), "rpm")->value(), 600);
    QMenu* menu = child<QToolButton>(dialog.get(), "videoModels")->menu();
    QVERIFY(menu);
    emit menu->aboutToShow();
    QStringList texts;
    for (QAction* a : menu->actions())
        texts.append(a->text());
    QVERIFY2(texts.contains(u"wan2.1-t2v"_s) && texts.contains(u"wan2.1-i2v"_s),
             qPrintable(texts.join(u'|')));
    QVERIFY(menu->findChild<QAction*>(u"workflowFile"_s));

    QTest::keyClicks(child<QLineEdit>(dialog.get(), "id"), u"comfy"_s);
    child<QLineEdit>(dialog.get(), "baseUrl")->setText(u"http://127.0.0.1:8188"_s);
    child<QLineEdit>(dialog.get(), "videoModel")->setText(path);
    save(*dialog);
    QTest::qWait(50);
    QVERIFY(dialog->isVisible());
    const QString shown = child<QLabel>(dialog.get(), "error")->text();
    QVERIFY2(shown.contains(u"nothing marks where the prompt goes"_s), qPrintable(shown));
    QVERIFY(!m_f->accounts->find(u"comfy"_s));

    child<QLineEdit>(dialog.get(), "videoModel")->setText(u"wan2.1-i2v"_s);
    save(*dialog); // no key: none is needed
    QTRY_COMPARE(accepted.count(), 1);
    const auto stored = m_f->accounts->find(u"comfy"_s);
    QVERIFY(stored);
    QCOMPARE(stored->videoModel, u"wan2.1-i2v"_s);
    QCOMPARE(stored->maxConcurrentJobs, 1);
}

QTEST_MAIN(TestAccountEditDialog)
#include "tst_accounteditdialog.moc"

// VideosPanel, the batch download panel: it follows every job's state from a scripted fake
// server, shows a failed clip with its reason, retries it, applies the parallel downloads
// setting live, filters by state, and opens a clip on double-click.

#include "jobtablemodel.h"
#include "providers/modelcatalog.h"
#include "settings/appsettings.h"
#include "uifixture.h"
#include "videospanel.h"

#include <QApplication>
#include <QCompleter>
#include <QDateTime>
#include <QDesktopServices>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStringListModel>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;
using namespace t2v::ui;

// Receives the URLs the panel asks the desktop to open.
class UrlSink : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public slots:
    void open(const QUrl& url) { urls.append(url); }
};

class TestVideosPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void followsJobStatesIncludingAFailureAndItsRetry();
    void parallelDownloadsApplyWhileRunning();
    void contextMenuOffersWhatTheJobAllows();
    void doubleClickOpensTheClip();
    void startNeedsAnAccount();
    void theModelFieldSuggestsWhatTheTickedAccountsServe();
    void theCostIsEstimatedConfirmedCappedAndShown();

private:
    void openProject(int scenes, const QList<int>& failing = {});
    void tick(const QString& account);
    QString summary() { return child<QLabel>(m_panel, "summary")->text(); }

    std::unique_ptr<PanelFixture<VideosPanel>> m_p;
    UiFixture* m_f = nullptr;
    ProjectSession* m_session = nullptr;
    VideosPanel* m_panel = nullptr;
};

void TestVideosPanel::init()
{
    m_p = std::make_unique<PanelFixture<VideosPanel>>([](ProjectSession& s, ui::AppContext& c) {
        (void)c;
        return std::make_unique<VideosPanel>(s, c.thumbnails());
    });
    m_f = &m_p->fixture;
    m_session = m_p->session.get();
    m_panel = m_p->panel.get();
    QVERIFY(m_f->ok());
    m_f->addVeo(u"veo"_s, u"veo-key-1"_s, 4);
    m_panel->resize(1200, 700);
    QVERIFY(m_p->shown());
}

void TestVideosPanel::cleanup()
{
    m_p.reset();
}

void TestVideosPanel::openProject(int scenes, const QList<int>& failing)
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, scenes, failing));
    QVERIFY(m_session->open(dir).ok());
}

void TestVideosPanel::tick(const QString& account)
{
    auto* list = child<QListWidget>(m_panel, "accounts");
    bool found = false;
    for (int i = 0; i < list->count(); ++i) {
        QListWidgetItem* item = list->item(i);
        const bool mine = item->data(Qt::UserRole).toString() == account;
        item->setCheckState(mine ? Qt::Checked : Qt::Unchecked);
        found = found || mine;
    }
    QVERIFY(found);
}

void TestVideosPanel::followsJobStatesIncludingAFailureAndItsRetry()
{
    openProject(4, {2}); // scene 2's prompt fails to render on the fake service
    tick(u"veo"_s);
    QTableView* table = m_panel->table();

    // Sample what the table shows, as often as a person could look.
    const QStringList order{u"Queued"_s, u"Submitting"_s,  u"Submitted"_s,  u"Rendering"_s,
                            u"Ready"_s,  u"Downloading"_s, u"Downloaded"_s, u"Finishing"_s,
                            u"Done"_s,   u"Failed"_s};
    QHash<int, QStringList> seen;
    QTimer sampler;
    sampler.setInterval(2);
    connect(&sampler, &QTimer::timeout, this, [&] {
        const QAbstractItemModel* m = table->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            const int scene = m->index(r, JobTableModel::Scene).data().toInt();
            const QString state = m->index(r, JobTableModel::State).data().toString();
            QStringList& s = seen[scene];
            if (s.isEmpty() || s.last() != state)
                s.append(state);
        }
    });
    sampler.start();

    QTest::mouseClick(child<QPushButton>(m_panel, "start"), Qt::LeftButton);
    QVERIFY(child<QPushButton>(m_panel, "stop")->isEnabled());
    QVERIFY(waitFor([&] { return summary() == u"3 done · 1 failed"_s; }, 30000));
    QCOMPARE(table->model()->rowCount(), 4);

    auto monotonic = [&](const QStringList& states) {
        qsizetype last = -1;
        for (const QString& s : states) {
            const qsizetype at = order.indexOf(s);
            if (at < last)
                return false;
            last = at;
        }
        return true;
    };
    for (int scene : {1, 3, 4}) {
        const QStringList& s = seen[scene];
        QVERIFY2(s.contains(u"Rendering"_s) && s.last() == u"Done"_s && monotonic(s),
                 qPrintable(s.join(u", "_s)));
    }
    QVERIFY2(seen[2].last() == u"Failed"_s && monotonic(seen[2]),
             qPrintable(seen[2].join(u", "_s)));

    // The failed row says why, and the filter finds it alone.
    m_panel->setStateFilter(3);
    QCOMPARE(table->model()->rowCount(), 1);
    const QModelIndex failed = table->model()->index(0, JobTableModel::Progress);
    QCOMPARE(table->model()->index(0, JobTableModel::Scene).data().toInt(), 2);
    QVERIFY(!failed.data().toString().isEmpty());
    QVERIFY(!failed.data(Qt::ToolTipRole).toString().isEmpty());

    // Fix the scene, select the failed clip, Retry.
    m_session->store().project().script.scenes[1].visualPrompt = u"A paper boat, shot 2"_s;
    table->selectRow(0);
    QCOMPARE(m_panel->selectedJobs(), QStringList{u"s002-v1"_s});
    seen[2].clear();
    m_panel->retrySelected();
    m_panel->setStateFilter(0);
    QVERIFY(waitFor([&] { return summary() == u"4 done"_s; }, 30000));
    sampler.stop();
    QVERIFY2(seen[2].last() == u"Done"_s && monotonic(seen[2]), qPrintable(seen[2].join(u", "_s)));
    // One paid submission per clip, plus the one retry: nothing bought twice.
    QCOMPARE(m_f->routes->operationsCreated(u"veo-key-1"_s), 5);
    for (int r = 0; r < 4; ++r) {
        QCOMPARE(table->model()->index(r, JobTableModel::File).data().toString(),
                 u"clips/s%1-v1.mp4"_s.arg(r + 1, 3, 10, QLatin1Char('0')));
        QTRY_VERIFY(!table->model()
                         ->index(r, JobTableModel::Thumbnail)
                         .data(Qt::DecorationRole)
                         .value<QPixmap>()
                         .isNull());
    }
    QTRY_VERIFY(!child<QPushButton>(m_panel, "stop")->isEnabled());
}

void TestVideosPanel::parallelDownloadsApplyWhileRunning()
{
    m_f->routes->setRenderTime(std::chrono::milliseconds(800));
    openProject(3);
    tick(u"veo"_s);
    auto* parallel = child<QSpinBox>(m_panel, "parallel");
    parallel->setValue(4);
    QTest::mouseClick(child<QPushButton>(m_panel, "start"), Qt::LeftButton);
    QCOMPARE(m_session->activeParallelDownloads(), 4);
    parallel->setValue(2);
    QCOMPARE(m_session->activeParallelDownloads(), 2);
    QCOMPARE(m_session->store().project().settings.parallelDownloads, 2);
    QVERIFY(waitFor([&] { return summary() == u"3 done"_s; }, 30000));
}

void TestVideosPanel::contextMenuOffersWhatTheJobAllows()
{
    openProject(2, {1});
    tick(u"veo"_s);
    QTest::mouseClick(child<QPushButton>(m_panel, "start"), Qt::LeftButton);
    QVERIFY(waitFor([&] { return summary() == u"1 done · 1 failed"_s; }, 30000));
    QTableView* table = m_panel->table();
    QHash<QString, bool> enabled;
    auto readMenu = [&] {
        QTimer::singleShot(50, this, [&] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            QVERIFY(menu);
            for (QAction* a : menu->actions()) {
                if (!a->isSeparator())
                    enabled.insert(a->text().remove(u'&'), a->isEnabled());
            }
            menu->close();
        });
    };
    // Scene 1 failed.
    table->selectRow(0);
    readMenu();
    emit table->customContextMenuRequested(table->visualRect(table->model()->index(0, 1)).center());
    QVERIFY(enabled.value(u"Retry"_s));
    QVERIFY(!enabled.value(u"Use in the film"_s));
    QVERIFY(!enabled.value(u"Open clip"_s));
    // Scene 2 is done.
    enabled.clear();
    table->selectRow(1);
    readMenu();
    emit table->customContextMenuRequested(table->visualRect(table->model()->index(1, 1)).center());
    QVERIFY(!enabled.value(u"Retry"_s));
    QVERIFY(enabled.value(u"Open clip"_s));
    QVERIFY(enabled.value(u"Download again"_s));
    QVERIFY(!enabled.value(u"Cancel"_s));
}

void TestVideosPanel::doubleClickOpensTheClip()
{
    openProject(1);
    tick(u"veo"_s);
    QTest::mouseClick(child<QPushButton>(m_panel, "start"), Qt::LeftButton);
    QVERIFY(waitFor([&] { return summary() == u"1 done"_s; }, 30000));
    UrlSink sink;
    QDesktopServices::setUrlHandler(u"file"_s, &sink, "open");
    QTableView* table = m_panel->table();
    const QPoint at = table->visualRect(table->model()->index(0, JobTableModel::File)).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
    QDesktopServices::unsetUrlHandler(u"file"_s);
    QCOMPARE(sink.urls.size(), 1);
    QCOMPARE(sink.urls.first().toLocalFile(),
             m_session->store().absolutePath(u"clips/s001-v1.mp4"_s));
    QVERIFY(QFileInfo(sink.urls.first().toLocalFile()).size() > 0);
}

void TestVideosPanel::startNeedsAnAccount()
{
    openProject(2);
    auto* list = child<QListWidget>(m_panel, "accounts");
    for (int i = 0; i < list->count(); ++i)
        list->item(i)->setCheckState(Qt::Unchecked);
    QTimer::singleShot(0, this, [] {
        QWidget* box = QApplication::activeModalWidget();
        QVERIFY(box);
        box->close();
    });
    QTest::mouseClick(child<QPushButton>(m_panel, "start"), Qt::LeftButton);
    QVERIFY(m_session->store().project().jobs.isEmpty());
    QCOMPARE(m_f->routes->operationsCreated(), 0);
}

void TestVideosPanel::theModelFieldSuggestsWhatTheTickedAccountsServe()
{
    openProject(2);
    // "veo" has a kept list (as after Models in the account editor); "fal" has none.
    ModelList kept;
    kept.accountId = u"veo"_s;
    kept.fetchedAt = QDateTime::currentDateTimeUtc();
    kept.models = {{u"gemini-2.5-flash"_s, {}, ModelKind::Text},
                   {u"veo-3.1-generate-preview"_s, {}, ModelKind::Video},
                   {u"gemini-omni-1.1-flash"_s, {}, ModelKind::Omni}};
    QVERIFY(ModelCatalog::store(kept).ok());
    m_f->addFal(u"fal"_s, u"fal-key"_s);
    auto* field = child<QLineEdit>(m_panel, "videoModel");
    const auto suggested = [field] {
        auto* model = qobject_cast<QStringListModel*>(field->completer()->model());
        return model ? model->stringList() : QStringList();
    };
    tick(u"veo"_s);
    QCOMPARE(suggested(), (QStringList{u"veo-3.1-generate-preview"_s, u"gemini-omni-1.1-flash"_s}));
    tick(u"fal"_s); // nothing kept: fal's preferred models
    QVERIFY2(suggested().contains(u"fal-ai/veo3.1/fast"_s), qPrintable(suggested().join(u'|')));
    QVERIFY(!suggested().contains(u"gemini-omni-1.1-flash"_s));
}

void TestVideosPanel::theCostIsEstimatedConfirmedCappedAndShown()
{
    // Three 4-second scenes on Veo 3.1 Fast: $0.60 a clip.
    openProject(3);
    tick(u"veo"_s);
    auto* estimate = child<QLabel>(m_panel, "estimate");
    QTRY_COMPARE(estimate->text(), u"3 clips to make, estimated $1.80."_s);
    child<QSpinBox>(m_panel, "variants")->setValue(2);
    QTRY_COMPARE(estimate->text(), u"6 clips to make, estimated $3.60."_s);
    child<QSpinBox>(m_panel, "variants")->setValue(1);

    // Above the amount from which runs are confirmed: asked first; Cancel sends nothing.
    m_session->app().settings().setValue(AppSettings::Key::ConfirmCostAboveUsd, 1);
    QString asked;
    auto answer = [&](bool go) {
        QTimer::singleShot(0, this, [&asked, go] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            asked = box->text() + u'\n' + box->informativeText();
            for (QAbstractButton* b : box->buttons()) {
                if ((box->buttonRole(b) == QMessageBox::AcceptRole) == go) {
                    b->click();
                    return;
                }
            }
        });
    };
    answer(false);
    QTest::mouseClick(child<QPushButton>(m_panel, "start"), Qt::LeftButton);
    QVERIFY2(asked.contains(u"estimated at $1.80"_s), qPrintable(asked));
    QVERIFY(m_session->store().project().jobs.isEmpty());
    QCOMPARE(m_f->routes->operationsCreated(), 0);

    // A project budget of $1.20: two clips are bought, the third waits with the reason.
    auto* budget = child<QDoubleSpinBox>(m_panel, "budget");
    budget->setValue(1.20);
    emit budget->editingFinished();
    QCOMPARE(m_session->store().project().settings.budgetUsd, 1.20);
    answer(true);
    QTest::mouseClick(child<QPushButton>(m_panel, "start"), Qt::LeftButton);
    QVERIFY(waitFor([&] { return summary().startsWith(u"2 done · 1 queued"_s); }, 30000));
    QVERIFY2(summary().contains(u"Held: The project's budget of $1.20"_s), qPrintable(summary()));
    QTRY_COMPARE(child<QLabel>(m_panel, "spent")->text(), u"Spent $1.20"_s);
    QCOMPARE(m_f->routes->operationsCreated(), 2);
    QTableView* table = m_panel->table();
    for (int r = 0; r < 3; ++r) {
        const QString cost = table->model()->index(r, JobTableModel::Cost).data().toString();
        const QString progress =
            table->model()->index(r, JobTableModel::Progress).data().toString();
        QVERIFY2(cost == u"$0.60"_s || progress.contains(u"budget"_s),
                 qPrintable(cost + u" / "_s + progress));
    }
    // Raising it goes on.
    budget->setValue(1.80);
    emit budget->editingFinished();
    QVERIFY(waitFor([&] { return summary() == u"3 done"_s; }, 30000));
    QTRY_COMPARE(child<QLabel>(m_panel, "spent")->text(), u"Spent $1.80"_s);
    QCOMPARE(m_f->routes->operationsCreated(), 3);
}

QTEST_MAIN(TestVideosPanel)
#include "tst_videospanel.moc"

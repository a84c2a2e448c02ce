// FinalPanel: the strip shows the chosen clip of every scene, Assemble makes the film off the
// GUI thread with progress and the exports, and a missing clip is named.

#include "finalpanel.h"
#include "testmedia.h"
#include "uifixture.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;
using namespace t2v::ui;

class TestFinalPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void assemblesTheFilmWithExports();
    void aMissingClipIsNamed();

private:
    void makeClips(int scenes, const QList<int>& which);

    std::unique_ptr<PanelFixture<FinalPanel>> m_p;
    UiFixture* m_f = nullptr;
    ProjectSession* m_session = nullptr;
    FinalPanel* m_panel = nullptr;
};

void TestFinalPanel::init()
{
    m_p = std::make_unique<PanelFixture<FinalPanel>>([](ProjectSession& s, ui::AppContext& c) {
        (void)c;
        return std::make_unique<FinalPanel>(s, c.thumbnails());
    });
    m_f = &m_p->fixture;
    m_session = m_p->session.get();
    m_panel = m_p->panel.get();
    QVERIFY(m_f->ok());

    m_panel->resize(1000, 600);
    QVERIFY(m_p->shown());
}

void TestFinalPanel::cleanup()
{
    m_p.reset();
}

void TestFinalPanel::makeClips(int scenes, const QList<int>& which)
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, scenes));
    QVERIFY(m_session->open(dir).ok());
    JobOptions options;
    options.accounts = {u"local"_s};
    QVERIFY(m_session->makeClips(which, options, 2).ok());
    QVERIFY(waitFor(
        [&] {
            const auto& jobs = m_session->store().project().jobs;
            return std::all_of(jobs.begin(), jobs.end(),
                               [](const VideoJob& j) { return j.state == JobState::Done; });
        },
        60000));
}

void TestFinalPanel::assemblesTheFilmWithExports()
{
    makeClips(2, {1, 2});
    auto* strip = child<QListWidget>(m_panel, "strip");
    QTRY_COMPARE(strip->count(), 2);
    QTRY_COMPARE(strip->item(0)->text(), u"Scene 1 · v1"_s);
    QVERIFY(!strip->item(1)->icon().isNull());

    auto* subtitles = child<QComboBox>(m_panel, "subtitles");
    subtitles->setCurrentIndex(subtitles->findData(u"soft"_s));
    QSignalSpy finished(m_session, &ProjectSession::assemblyFinished);
    QSignalSpy progress(m_session, &ProjectSession::assemblyProgress);
    QTest::mouseClick(child<QPushButton>(m_panel, "assemble"), Qt::LeftButton);
    QVERIFY(m_session->isAssembling());
    QVERIFY(!child<QPushButton>(m_panel, "assemble")->isEnabled());
    QVERIFY(child<QPushButton>(m_panel, "cancel")->isEnabled());
    QVERIFY(finished.wait(60000));
    const QString film = finished.first().at(0).toString();
    QVERIFY(film.startsWith(m_f->path(u"film/final/"_s)));
    QVERIFY(std::abs(probeDuration(film) - 8.0) < 0.2);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(m_panel->lastFilm(), film);
    QVERIFY(child<QLabel>(m_panel, "status")->text().startsWith(u"The film is ready"_s));
    QCOMPARE(child<QProgressBar>(m_panel, "progress")->value(),
             child<QProgressBar>(m_panel, "progress")->maximum());
    QVERIFY(child<QPushButton>(m_panel, "openFilm")->isEnabled());
    QVERIFY(child<QPushButton>(m_panel, "assemble")->isEnabled());
    const QStringList exports = QDir(m_f->path(u"film/exports"_s)).entryList(QDir::Files);
    QCOMPARE(exports.size(), 6); // with the spend CSV
    QCOMPARE(m_session->store().project().settings.subtitles, u"soft"_s);
}

void TestFinalPanel::aMissingClipIsNamed()
{
    makeClips(3, {1, 3});
    QSignalSpy failed(m_session, &ProjectSession::assemblyFailed);
    QTest::mouseClick(child<QPushButton>(m_panel, "assemble"), Qt::LeftButton);
    QVERIFY(failed.wait(60000));
    const QString status = child<QLabel>(m_panel, "status")->text();
    QVERIFY2(status.contains(u"Scene 2"_s), qPrintable(status));
    QVERIFY(!QDir(m_f->path(u"film/final"_s)).entryList({u"*.mp4"_s}, QDir::Files).size());
    // The strip shows the gap too.
    QTRY_COMPARE(child<QListWidget>(m_panel, "strip")->item(1)->text(), u"Scene 2"_s);
}

QTEST_MAIN(TestFinalPanel)
#include "tst_finalpanel.moc"

// FinalPanel: the strip shows the chosen clip of every scene, Assemble makes the film off the
// GUI thread with progress and the exports, and a missing clip is named.

#include "finalpanel.h"
#include "projectcontroller.h"
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
    template <typename T>
    T* child(const char* name)
    {
        T* w = m_panel->findChild<T*>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }
    void makeClips(int scenes, const QList<int>& which);

    std::unique_ptr<UiFixture> m_f;
    std::unique_ptr<ProjectController> m_controller;
    std::unique_ptr<FinalPanel> m_panel;
};

void TestFinalPanel::init()
{
    m_f = std::make_unique<UiFixture>();
    QVERIFY(m_f->ok());
    m_controller = std::make_unique<ProjectController>(m_f->context());
    m_panel = std::make_unique<FinalPanel>(*m_controller);
    m_panel->resize(1000, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestFinalPanel::cleanup()
{
    m_panel.reset();
    m_controller.reset();
    m_f.reset();
}

void TestFinalPanel::makeClips(int scenes, const QList<int>& which)
{
    const QString dir = m_f->path(u"film"_s);
    QVERIFY(m_f->makeWrittenProject(dir, scenes));
    QVERIFY(m_controller->open(dir).ok());
    JobOptions options;
    options.accounts = {u"local"_s};
    QVERIFY(m_controller->makeClips(which, options, 2).ok());
    QVERIFY(waitFor(
        [&] {
            const auto& jobs = m_controller->store().project().jobs;
            return std::all_of(jobs.begin(), jobs.end(),
                               [](const VideoJob& j) { return j.state == JobState::Done; });
        },
        60000));
}

void TestFinalPanel::assemblesTheFilmWithExports()
{
    makeClips(2, {1, 2});
    auto* strip = child<QListWidget>("strip");
    QTRY_COMPARE(strip->count(), 2);
    QTRY_COMPARE(strip->item(0)->text(), u"Scene 1 · v1"_s);
    QVERIFY(!strip->item(1)->icon().isNull());

    auto* subtitles = child<QComboBox>("subtitles");
    subtitles->setCurrentIndex(subtitles->findData(u"soft"_s));
    QSignalSpy finished(m_controller.get(), &ProjectController::assemblyFinished);
    QSignalSpy progress(m_controller.get(), &ProjectController::assemblyProgress);
    QTest::mouseClick(child<QPushButton>("assemble"), Qt::LeftButton);
    QVERIFY(m_controller->isAssembling());
    QVERIFY(!child<QPushButton>("assemble")->isEnabled());
    QVERIFY(child<QPushButton>("cancel")->isEnabled());
    QVERIFY(finished.wait(60000));
    const QString film = finished.first().at(0).toString();
    QVERIFY(film.startsWith(m_f->path(u"film/final/"_s)));
    QVERIFY(std::abs(probeDuration(film) - 8.0) < 0.2);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(m_panel->lastFilm(), film);
    QVERIFY(child<QLabel>("status")->text().startsWith(u"The film is ready"_s));
    QCOMPARE(child<QProgressBar>("progress")->value(), child<QProgressBar>("progress")->maximum());
    QVERIFY(child<QPushButton>("openFilm")->isEnabled());
    QVERIFY(child<QPushButton>("assemble")->isEnabled());
    const QStringList exports = QDir(m_f->path(u"film/exports"_s)).entryList(QDir::Files);
    QCOMPARE(exports.size(), 5);
    QCOMPARE(m_controller->store().project().settings.subtitles, u"soft"_s);
}

void TestFinalPanel::aMissingClipIsNamed()
{
    makeClips(3, {1, 3});
    QSignalSpy failed(m_controller.get(), &ProjectController::assemblyFailed);
    QTest::mouseClick(child<QPushButton>("assemble"), Qt::LeftButton);
    QVERIFY(failed.wait(60000));
    const QString status = child<QLabel>("status")->text();
    QVERIFY2(status.contains(u"Scene 2"_s), qPrintable(status));
    QVERIFY(!QDir(m_f->path(u"film/final"_s)).entryList({u"*.mp4"_s}, QDir::Files).size());
    // The strip shows the gap too.
    QTRY_COMPARE(child<QListWidget>("strip")->item(1)->text(), u"Scene 2"_s);
}

QTEST_MAIN(TestFinalPanel)
#include "tst_finalpanel.moc"

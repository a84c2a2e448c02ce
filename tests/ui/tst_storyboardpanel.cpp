// StoryboardPanel: the grid of scene cards; drawing keyframes with the chosen image account
// puts a picture on each card; "Make clips" asks the window for the selected scenes.

#include "storyboardmodel.h"
#include "storyboardpanel.h"
#include "uifixture.h"

#include <QComboBox>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::ui;

class TestStoryboardPanel : public QObject
{
    Q_OBJECT

private slots:
    void drawsKeyframesAndAsksForClips();
};

void TestStoryboardPanel::drawsKeyframesAndAsksForClips()
{
    test::PanelFixture<StoryboardPanel> f([](ProjectSession& s, AppContext& c) {
        return std::make_unique<StoryboardPanel>(s, c.thumbnails());
    });
    QVERIFY(f.fixture.makeWrittenProject(f.fixture.projectDir(), 4));
    QVERIFY(f.session->open(f.fixture.projectDir()).ok());
    StoryboardPanel& panel = *f.panel;
    QCOMPARE(panel.model()->rowCount(), 4);
    auto* account = test::child<QComboBox>(&panel, "imageAccount");
    QCOMPARE(account->currentData().toString(), u"local"_s);

    // Scenes 2 and 3 selected: their keyframes are drawn (offline cards).
    QListView* view = panel.view();
    view->selectionModel()->select(panel.model()->index(1), QItemSelectionModel::Select);
    view->selectionModel()->select(panel.model()->index(2), QItemSelectionModel::Select);
    QCOMPARE(panel.selectedScenes(), (QList<int>{2, 3}));
    QSignalSpy finished(&f.session->references(), &ReferenceMaker::finished);
    QTest::mouseClick(test::child<QPushButton>(&panel, "drawKeyframes"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    const QList<Scene>& scenes = f.session->project().script.scenes;
    QVERIFY(scenes[0].keyframe.isEmpty());
    QVERIFY(!scenes[1].keyframe.isEmpty());
    QVERIFY(!scenes[2].keyframe.isEmpty());
    QVERIFY(panel.model()
                ->index(1)
                .data(StoryboardModel::ImageRole)
                .toString()
                .endsWith(scenes[1].keyframe));
    // The picture is decoded off the GUI thread, then the card has it.
    QTRY_VERIFY(!panel.model()->index(1).data(Qt::DecorationRole).value<QPixmap>().isNull());

    QSignalSpy asked(&panel, &StoryboardPanel::makeClipsRequested);
    QTest::mouseClick(test::child<QPushButton>(&panel, "makeClips"), Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked[0][0].value<QList<int>>(), (QList<int>{2, 3}));
}

QTEST_MAIN(TestStoryboardPanel)
#include "tst_storyboardpanel.moc"

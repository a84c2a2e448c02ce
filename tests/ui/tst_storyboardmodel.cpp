// StoryboardModel: one card per scene under QAbstractItemModelTester; a card shows the
// scene's keyframe, else its clip's thumbnail, its clip's state and what it cost; a job's
// change repaints its own card only.

#include "storyboardmodel.h"
#include "uifixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::ui;

class TestStoryboardModel : public QObject
{
    Q_OBJECT

private slots:
    void cardsFollowTheScenesAndTheirClips();
};

void TestStoryboardModel::cardsFollowTheScenesAndTheirClips()
{
    test::UiFixture f;
    QVERIFY(f.ok());
    QVERIFY(f.makeWrittenProject(f.projectDir(), 3));
    auto session = f.makeSession();
    StoryboardModel model(*session, f.context().thumbnails());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(session->open(f.projectDir()).ok());
    QCOMPARE(model.rowCount(), 3);
    const QModelIndex second = model.index(1);
    QCOMPARE(second.data(StoryboardModel::NumberRole).toInt(), 2);
    QCOMPARE(second.data(StoryboardModel::BeatRole).toString(), u"Beat 2"_s);
    QCOMPARE(second.data(StoryboardModel::CharactersRole).toStringList(), QStringList{u"Ava"_s});
    QCOMPARE(second.data(StoryboardModel::StateRole).toString(), u"No clip"_s);
    QVERIFY(second.data(StoryboardModel::ImageRole).toString().isEmpty());

    // A clip of scene 2, rendering.
    Project& p = session->store().project();
    VideoJob job;
    job.id = VideoJob::makeId(2, 1);
    job.sceneNumber = 2;
    job.provider = u"veo"_s;
    job.state = JobState::Rendering;
    job.renderProgress = 40;
    job.remoteId = u"models/veo-3.1/operations/op-1"_s; // sent: its charge counts
    job.charges = {Charge{QDateTime::currentDateTimeUtc(), u"veo"_s, u"veo-3.1"_s, 0.8}};
    p.jobs.append(job);
    emit session->jobsReset();
    QCOMPARE(model.index(1).data(StoryboardModel::StateRole).toString(), u"Rendering 40%"_s);
    QCOMPARE(model.index(1).data(StoryboardModel::CostRole).toString(), u"$0.80"_s);
    QVERIFY(model.index(0).data(StoryboardModel::CostRole).toString().isEmpty());

    // It is done: only its card changes.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    p.jobs.last().state = JobState::Done;
    p.jobs.last().thumbPath = u"thumbs/s002-v1.jpg"_s;
    emit session->jobChanged(job.id);
    model.updater().flush();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed[0][0].toModelIndex().row(), 1);
    QCOMPARE(changed[0][1].toModelIndex().row(), 1);
    QCOMPARE(model.index(1).data(StoryboardModel::StateRole).toString(), u"Done"_s);
    QVERIFY(model.index(1)
                .data(StoryboardModel::ImageRole)
                .toString()
                .endsWith(u"/thumbs/s002-v1.jpg"_s));

    // A keyframe is the card's picture; a waiting one is flagged; a chained scene says so.
    p.script.scenes[1].keyframe = u"keyframes/s002-a.png"_s;
    p.script.scenes[1].newKeyframe = u"keyframes/s002-b.png"_s;
    p.script.scenes[2].chained = true;
    emit session->sceneChanged(2);
    model.updater().flush();
    QVERIFY(model.index(1)
                .data(StoryboardModel::ImageRole)
                .toString()
                .endsWith(u"/keyframes/s002-a.png"_s));
    QVERIFY(model.index(1).data(StoryboardModel::NewKeyframeRole).toBool());
    QVERIFY(model.index(2).data(StoryboardModel::ChainedRole).toBool());
    QCOMPARE(model.index(1).data(StoryboardModel::JobsRole).toStringList(), QStringList{job.id});

    session->close();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestStoryboardModel)
#include "tst_storyboardmodel.moc"

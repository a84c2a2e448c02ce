// ReferenceMaker: the characters' reference images made offline and through a Gemini account
// of the fake API, imported (type and size checked), approved and discarded; the files live in
// refs/ and the bible records them. No widgets: it runs under the sanitizers too.

#include "jobfixture.h"
#include "session/projectsession.h"
#include "testmedia.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;

class TestReferenceMaker : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void everyCharacterGetsACardOffline();
    void aGeminiAccountDrawsThemWithItsImageModel();
    void aNewImageWaitsForApproval();
    void importsAreChecked_data();
    void importsAreChecked();
    void anAccountThatMakesNoImagesIsNamed();
    void keyframesAreDrawnWithTheReferencesAndWaitForApproval();

private:
    QString file(const QString& name) const { return QDir(m_f->projectDir()).filePath(name); }
    const Character& character(int i) const { return m_session->project().script.characters.at(i); }
    bool makeAndWait(const QStringList& names, const QString& account, int* made = nullptr);
    std::unique_ptr<JobFixture> m_f;
    std::unique_ptr<ProjectSession> m_session;
};

void TestReferenceMaker::init()
{
    m_f = std::make_unique<JobFixture>();
    QVERIFY(m_f->ok());
    QVERIFY(JobFixture::writeProject(m_f->projectDir(), 2));
    m_session = std::make_unique<ProjectSession>(*m_f->app);
    QVERIFY(m_session->open(m_f->projectDir()).ok());
    Character theo;
    theo.name = u"Theo"_s;
    theo.role = u"ferryman"_s;
    theo.appearance = u"grey beard, blue cap"_s;
    m_session->store().project().script.characters.append(theo);
}

void TestReferenceMaker::cleanup()
{
    m_session.reset();
    m_f.reset();
}

bool TestReferenceMaker::makeAndWait(const QStringList& names, const QString& account, int* made)
{
    QSignalSpy finished(&m_session->references(), &ReferenceMaker::finished);
    if (Status s = m_session->references().make(names, account); !s) {
        qWarning() << s.error().message;
        return false;
    }
    if (!finished.wait(30000))
        return false;
    if (made)
        *made = finished.at(0).at(0).toInt();
    return finished.at(0).at(1).toInt() == 0;
}

void TestReferenceMaker::everyCharacterGetsACardOffline()
{
    int made = 0;
    QVERIFY(makeAndWait({}, u"local"_s, &made));
    QCOMPARE(made, 2);
    for (int i = 0; i < 2; ++i) {
        const Character& c = character(i);
        QCOMPARE(c.references.size(), 1);
        const CharacterRef& r = c.references[0];
        QVERIFY(r.approved); // the first images need no approval
        QCOMPARE(r.source, u"generated"_s);
        QCOMPARE(r.account, u"local"_s);
        QVERIFY2(r.file.startsWith(u"refs/%1-"_s.arg(c.name.toLower())), qPrintable(r.file));
        QFile f(file(r.file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(image::sniffType(f.readAll()), u"image/png"_s);
    }
    QVERIFY(character(0).references[0].file != character(1).references[0].file);
    // On disk with the project.
    QVERIFY(m_session->store().flush().ok());
    m_session->close();
    QVERIFY(m_session->open(m_f->projectDir()).ok());
    QCOMPARE(character(1).references.size(), 1);
    QVERIFY(character(1).references[0].approved);
}

void TestReferenceMaker::aGeminiAccountDrawsThemWithItsImageModel()
{
    m_f->addVeo(u"g"_s, u"g-key"_s);
    QVERIFY(makeAndWait({u"theo"_s}, u"g"_s));
    const auto seen =
        m_f->server.requests(u"/v1beta/models/gemini-2.5-flash-image:generateContent"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].header("x-goog-api-key"), QByteArray("g-key"));
    const QString prompt = QString::fromStdString(
        seen[0].json()["contents"][0]["parts"][0]["text"].get<std::string>());
    QVERIFY2(prompt.contains(u"Theo"_s) && prompt.contains(u"grey beard, blue cap"_s),
             qPrintable(prompt));
    QCOMPARE(character(0).references.size(), 0); // only Theo was asked for
    QCOMPARE(character(1).references.size(), 1);
    QCOMPARE(character(1).references[0].account, u"g"_s);
}

void TestReferenceMaker::aNewImageWaitsForApproval()
{
    QVERIFY(makeAndWait({u"Ava"_s}, u"local"_s));
    const QString first = character(0).references[0].file;
    // A new image while Ava has one: it waits, and the clips keep using the first.
    const QString png = m_f->path(u"ava.png"_s);
    QFile out(png);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(tinyPng(42));
    out.close();
    const auto added = m_session->references().importFile(u"ava"_s, png);
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
    QCOMPARE(added->source, u"imported"_s);
    QVERIFY(!added->approved);
    QCOMPARE(character(0).approvedReferences().size(), 1);
    QCOMPARE(character(0).approvedReferences()[0].file, first);
    // Discarded: the waiting one goes with its file.
    QVERIFY(m_session->references().discard(u"Ava"_s).ok());
    QCOMPARE(character(0).references.size(), 1);
    QVERIFY(!QFile::exists(file(added->file)));
    // Again, then approved: it replaces the first, whose file goes.
    const auto again = m_session->references().importFile(u"Ava"_s, png);
    QVERIFY(again.ok());
    QVERIFY(m_session->references().approve(u"Ava"_s).ok());
    QCOMPARE(character(0).references.size(), 1);
    QCOMPARE(character(0).references[0].file, again->file);
    QVERIFY(character(0).references[0].approved);
    QVERIFY(!QFile::exists(file(first)));
    QVERIFY(QFile::exists(file(again->file)));
    // Nothing waits now.
    const Status none = m_session->references().approve(u"Ava"_s);
    QVERIFY(!none.ok());
    QVERIFY2(none.error().message.contains(u"no new images"_s), qPrintable(none.error().message));
}

void TestReferenceMaker::importsAreChecked_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("text named .png")
        << QByteArray("hello") << u"x.png"_s << u"not a PNG, JPEG or WebP"_s;
    QTest::newRow("empty") << QByteArray() << u"e.png"_s << u"is empty"_s;
    QTest::newRow("too large") << QByteArray(image::kMaxBytes + 1, 'a') << u"big.png"_s
                               << u"at most 16 MB"_s;
    QTest::newRow("missing") << QByteArray() << QString() << u"Cannot read"_s;
}

void TestReferenceMaker::importsAreChecked()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, name);
    QFETCH(QString, message);
    QString path = m_f->path(u"absent.png"_s);
    if (!name.isEmpty()) {
        path = m_f->path(name);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const auto added = m_session->references().importFile(u"Ava"_s, path);
    QVERIFY(!added.ok());
    QVERIFY2(added.error().message.contains(message), qPrintable(added.error().message));
    QCOMPARE(character(0).references.size(), 0);
    QVERIFY(!QDir(file(u"refs"_s)).exists() || QDir(file(u"refs"_s)).isEmpty());
}

void TestReferenceMaker::anAccountThatMakesNoImagesIsNamed()
{
    const Status s = m_session->references().make({}, u"offline"_s);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(u"cannot make images"_s) &&
                 s.error().message.contains(u"Local animatic"_s),
             qPrintable(s.error().message));
    const Status unknown = m_session->references().make({u"Nobody"_s}, u"local"_s);
    QVERIFY(!unknown.ok());
    QVERIFY2(unknown.error().message.contains(u"Ava, Theo"_s), qPrintable(unknown.error().message));
}

void TestReferenceMaker::keyframesAreDrawnWithTheReferencesAndWaitForApproval()
{
    QVERIFY(makeAndWait({u"Ava"_s}, u"local"_s)); // Ava's card, in use
    // Offline keyframes: a card per written scene, at the project's aspect ratio.
    QSignalSpy finished(&m_session->references(), &ReferenceMaker::finished);
    QVERIFY(m_session->references().makeKeyframes({}, u"local"_s).ok());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(0).toInt(), 2);
    const QList<Scene>& scenes = m_session->project().script.scenes;
    for (const Scene& scene : scenes) {
        QVERIFY2(scene.keyframe.startsWith(
                     u"keyframes/s%1-"_s.arg(scene.number, 3, 10, QLatin1Char('0'))),
                 qPrintable(scene.keyframe));
        QCOMPARE(probeSize(file(scene.keyframe)), u"768x432"_s);
        QVERIFY(scene.newKeyframe.isEmpty());
    }
    const QString first = scenes[0].keyframe;

    // Drawn again by a Gemini account: its image model gets the scene's prompt and Ava's card
    // inline; the new keyframe waits.
    m_f->addVeo(u"g"_s, u"g-key"_s);
    finished.clear();
    QVERIFY(m_session->references().makeKeyframes({1}, u"g"_s).ok());
    QVERIFY(finished.wait(30000));
    const auto seen =
        m_f->server.requests(u"/v1beta/models/gemini-2.5-flash-image:generateContent"_s);
    QCOMPARE(seen.size(), 1);
    const json::Json body = seen[0].json();
    const json::Json parts = body["contents"][0]["parts"];
    QCOMPARE(parts.size(), std::size_t(2));
    QFile card(file(character(0).references[0].file));
    QVERIFY(card.open(QIODevice::ReadOnly));
    QCOMPARE(QByteArray::fromBase64(
                 QByteArray::fromStdString(parts[0]["inlineData"]["data"].get<std::string>())),
             card.readAll());
    const QString prompt = QString::fromStdString(parts[1]["text"].get<std::string>());
    QVERIFY2(prompt.contains(u"first frame"_s) && prompt.contains(u"A paper boat, shot 1"_s),
             qPrintable(prompt));
    QCOMPARE(body["generationConfig"]["imageConfig"]["aspectRatio"].get<std::string>(), "16:9");
    QCOMPARE(scenes[0].keyframe, first);
    QVERIFY(!scenes[0].newKeyframe.isEmpty());
    const QString waiting = scenes[0].newKeyframe;

    QVERIFY(m_session->references().approveKeyframe(1).ok());
    QCOMPARE(scenes[0].keyframe, waiting);
    QVERIFY(scenes[0].newKeyframe.isEmpty());
    QVERIFY(!QFile::exists(file(first)));
    QVERIFY(!m_session->references().approveKeyframe(1).ok()); // nothing waits now
    QVERIFY(!m_session->references().discardKeyframe(2).ok());
    // A scene not written yet has nothing to draw.
    m_session->store().project().script.scenes[1].status = SceneStatus::Pending;
    const Status pending = m_session->references().makeKeyframes({2}, u"local"_s);
    QVERIFY(!pending.ok());
    QVERIFY2(pending.error().message.contains(u"not written"_s),
             qPrintable(pending.error().message));
}

QTEST_GUILESS_MAIN(TestReferenceMaker)
#include "tst_referencemaker.moc"

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

QTEST_GUILESS_MAIN(TestReferenceMaker)
#include "tst_referencemaker.moc"

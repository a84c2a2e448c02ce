// CharacterBibleDialog: edits the characters, drops unnamed rows, refuses two characters with
// the same name.

#include "characterbibledialog.h"
#include "testmedia.h"
#include "uifixture.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::ui;

class TestCharacterBibleDialog : public QObject
{
    Q_OBJECT

private slots:
    void editsAddsAndRemoves();
    void refusesDuplicateNames();
    void referenceImagesAreMadeShownAndApproved();
};

void TestCharacterBibleDialog::editsAddsAndRemoves()
{
    const QList<Character> start{{u"Ava"_s, u"lead"_s, u"red coat, short black hair"_s, u"warm"_s},
                                 {u"Arlo"_s, u"friend"_s, u"tall, green scarf"_s, {}}};
    CharacterBibleDialog dialog(start);
    dialog.show();
    QCOMPARE(dialog.characters(), start);
    auto* table = test::child<QTableWidget>(&dialog, "table");
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 2);

    QTest::mouseClick(test::child<QPushButton>(&dialog, "add"), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 3);
    table->item(2, 0)->setText(u"  Mina "_s);
    table->item(2, 2)->setText(u"yellow raincoat"_s);
    QTest::mouseClick(test::child<QPushButton>(&dialog, "add"), Qt::LeftButton); // left unnamed
    table->item(0, 2)->setText(u"red coat, long black hair"_s);
    table->setCurrentCell(1, 0);
    QTest::mouseClick(test::child<QPushButton>(&dialog, "remove"), Qt::LeftButton);

    const QList<Character> expected{
        {u"Ava"_s, u"lead"_s, u"red coat, long black hair"_s, u"warm"_s},
        {u"Mina"_s, {}, u"yellow raincoat"_s, {}}};
    QCOMPARE(dialog.characters(), expected);
    dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestCharacterBibleDialog::refusesDuplicateNames()
{
    CharacterBibleDialog dialog({{u"Ava"_s, {}, {}, {}}, {u"ava"_s, {}, {}, {}}});
    dialog.show();
    QString warning;
    QTimer::singleShot(0, this, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box);
        warning = box->text();
        box->accept();
    });
    dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(warning.contains(u"Two characters are called"_s));
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), 0);
}

void TestCharacterBibleDialog::referenceImagesAreMadeShownAndApproved()
{
    test::UiFixture f;
    QVERIFY(f.ok());
    QVERIFY(f.makeWrittenProject(f.projectDir(), 1)); // one character: Ava
    auto session = f.makeSession();
    QVERIFY(session->open(f.projectDir()).ok());
    CharacterBibleDialog dialog(session->project().script.characters, session.get());
    dialog.show();
    auto* images = test::child<QListWidget>(&dialog, "images");
    auto* state = test::child<QLabel>(&dialog, "imageState");
    auto* account = test::child<QComboBox>(&dialog, "imageAccount");
    QCOMPARE(images->count(), 0);
    QVERIFY2(state->text().contains(u"no reference images"_s), qPrintable(state->text()));
    QCOMPARE(account->currentData().toString(), u"local"_s); // offline cards, free
    QVERIFY(!test::child<QPushButton>(&dialog, "approveImages")->isEnabled());

    QSignalSpy finished(&session->references(), &ReferenceMaker::finished);
    QTest::mouseClick(test::child<QPushButton>(&dialog, "makeImages"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(images->count(), 1);
    QCOMPARE(images->item(0)->text(), u"in use"_s);
    QVERIFY(!images->item(0)->icon().isNull());
    QCOMPARE(state->text(), u"1 in use."_s);

    // An imported image waits; "Use the new images" puts it in use.
    QFile png(f.path(u"ava.png"_s));
    QVERIFY(png.open(QIODevice::WriteOnly));
    png.write(test::tinyPng(77));
    png.close();
    QVERIFY(session->references().importFile(u"Ava"_s, png.fileName()).ok());
    dialog.findChild<QTableWidget*>()->setCurrentCell(0, 1); // any refresh of the row
    QTRY_COMPARE(images->count(), 2);
    QCOMPARE(images->item(1)->text(), u"waiting for approval"_s);
    auto* approve = test::child<QPushButton>(&dialog, "approveImages");
    QVERIFY(approve->isEnabled());
    QTest::mouseClick(approve, Qt::LeftButton);
    QCOMPARE(images->count(), 1);
    QCOMPARE(images->item(0)->text(), u"in use"_s);
    // The text edits keep the images the project has now.
    const QList<Character> edited = dialog.characters();
    QCOMPARE(edited.size(), 1);
    QCOMPARE(edited[0].references, session->project().script.characters[0].references);
    QCOMPARE(edited[0].references.size(), 1);
}

QTEST_MAIN(TestCharacterBibleDialog)
#include "tst_characterbibledialog.moc"

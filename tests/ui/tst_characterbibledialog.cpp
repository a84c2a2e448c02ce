// CharacterBibleDialog: edits the characters, drops unnamed rows, refuses two characters with
// the same name.

#include "characterbibledialog.h"
#include "uifixture.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QMessageBox>
#include <QPushButton>
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

QTEST_MAIN(TestCharacterBibleDialog)
#include "tst_characterbibledialog.moc"

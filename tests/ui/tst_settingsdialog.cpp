// SettingsDialog: shows the settings, checks the FFmpeg path off the GUI thread as soon as it is
// set, refuses a malformed proxy, and writes everything back.

#include "net/httpclient.h"
#include "settings/appsettings.h"
#include "settingsdialog.h"
#include "uifixture.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using namespace t2v::test;
using namespace t2v::ui;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void ffmpegPathIsCheckedWhenSet();
    void proxyProblems_data();
    void proxyProblems();
    void appliesEverySetting();

private:
    std::unique_ptr<UiFixture> m_f;
};

void TestSettingsDialog::init()
{
    m_f = std::make_unique<UiFixture>();
    QVERIFY(m_f->ok());
}

void TestSettingsDialog::cleanup()
{
    HttpClient::setProxy({});
    m_f.reset();
}

void TestSettingsDialog::ffmpegPathIsCheckedWhenSet()
{
    SettingsDialog dialog(*m_f->app);
    dialog.show();
    QSignalSpy checked(&dialog, &SettingsDialog::ffmpegChecked);
    // The check that opening runs finds the ffmpeg on PATH.
    QVERIFY(checked.wait(20000));
    QVERIFY(checked.last().at(0).toBool());
    QVERIFY(dialog.ffmpegStatus()->text().contains(u"FFmpeg"_s));

    // A wrong path, typed and left: checked at once, and said clearly.
    checked.clear();
    QLineEdit* path = dialog.ffmpegEdit();
    path->clear();
    path->setFocus();
    QTest::keyClicks(path, m_f->path(u"no/such/ffmpeg"_s));
    emit path->editingFinished();
    QVERIFY(dialog.ffmpegStatus()->text().startsWith(u"Checking"_s));
    QVERIFY(checked.wait(20000));
    QVERIFY(!checked.last().at(0).toBool());
    QVERIFY(checked.last().at(1).toString().contains(u"not found"_s));
    QVERIFY(dialog.ffmpegStatus()->text().contains(u"not found"_s));

    // The real one, as a path.
    checked.clear();
    path->setText(QStandardPaths::findExecutable(u"ffmpeg"_s));
    dialog.checkFfmpeg();
    QVERIFY(checked.wait(20000));
    QVERIFY(checked.last().at(0).toBool());
}

void TestSettingsDialog::proxyProblems_data()
{
    QTest::addColumn<QString>("proxy");
    QTest::addColumn<bool>("fine");
    QTest::newRow("empty means the environment") << QString() << true;
    QTest::newRow("direct") << u"direct"_s << true;
    QTest::newRow("http") << u"http://proxy.example:3128"_s << true;
    QTest::newRow("host and port") << u"proxy.example:3128"_s << true;
    QTest::newRow("socks5h") << u"socks5h://127.0.0.1:1080"_s << true;
    QTest::newRow("ftp") << u"ftp://proxy.example"_s << false;
    QTest::newRow("no host") << u"http://"_s << false;
    QTest::newRow("spaces") << u"my proxy"_s << false;
}

void TestSettingsDialog::proxyProblems()
{
    QFETCH(QString, proxy);
    QFETCH(bool, fine);
    QCOMPARE(proxyProblem(proxy).isEmpty(), fine);
}

void TestSettingsDialog::appliesEverySetting()
{
    AppSettings& settings = m_f->context().settings();
    SettingsDialog dialog(m_f->context().services());
    child<QComboBox>(&dialog, "theme")->setCurrentIndex(2);
    child<QComboBox>(&dialog, "language")->setCurrentIndex(2);
    child<QLineEdit>(&dialog, "projectFolder")->setText(m_f->path(u"films"_s));
    dialog.proxyEdit()->setText(u"http://127.0.0.1:3128"_s);
    child<QSpinBox>(&dialog, "batchSize")->setValue(7);
    child<QSpinBox>(&dialog, "parallel")->setValue(3);
    child<QSpinBox>(&dialog, "pollInterval")->setValue(20);
    child<QSpinBox>(&dialog, "confirmCost")->setValue(40);
    QVERIFY(dialog.apply());
    QCOMPARE(settings.confirmCostAboveUsd(), 40);
    QCOMPARE(settings.theme(), u"dark"_s);
    QCOMPARE(settings.uiLanguage(), u"vi"_s);
    QCOMPARE(settings.defaultProjectFolder(), m_f->path(u"films"_s));
    QCOMPARE(settings.proxy(), u"http://127.0.0.1:3128"_s);
    QCOMPARE(settings.defaultBatchSize(), 7);
    QCOMPARE(settings.parallelDownloads(), 3);
    QCOMPARE(settings.pollIntervalSeconds(), 20);
    QCOMPARE(HttpClient::proxy(), u"http://127.0.0.1:3128"_s);
    // Saved to disk.
    QVERIFY(settings.save().ok());
    AppSettings again(m_f->configDir());
    QVERIFY(again.load().ok());
    QCOMPARE(again.defaultBatchSize(), 7);
    QCOMPARE(again.proxy(), u"http://127.0.0.1:3128"_s);
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"

// AppSettings: defaults, limits, typed values from settings.json, damaged files, recent
// projects, and saves shortly after a change.

#include "net/httpclient.h"
#include "settings/appsettings.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using Key = AppSettings::Key;

class TestAppSettings : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { HttpClient::setProxy({}); }
    void defaultsWithoutAFile();
    void valuesAreKeptInRange_data();
    void valuesAreKeptInRange();
    void roundTripThroughTheFile();
    void savesSoonAfterAChange();
    void wronglyTypedValuesKeepTheirDefaults();
    void damagedFileGivesDefaultsAndIsKeptAside();
    void recentProjectsAreUniqueNewestFirstAndCapped();
    void proxyReachesTheHttpClient();

private:
    void writeFile(const QByteArray& bytes);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAppSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAppSettings::writeFile(const QByteArray& bytes)
{
    QFile f(m_dir->filePath(u"settings.json"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

void TestAppSettings::defaultsWithoutAFile()
{
    AppSettings s(m_dir->path());
    QVERIFY(s.load().ok());
    QCOMPARE(s.defaultBatchSize(), 5);
    QCOMPARE(s.parallelDownloads(), 5);
    QCOMPARE(s.pollIntervalSeconds(), 8);
    QCOMPARE(s.uiLanguage(), u"system"_s);
    QCOMPARE(s.theme(), u"system"_s);
    QVERIFY(s.ffmpegPath().isEmpty());
    QVERIFY(s.proxy().isEmpty());
    QVERIFY(s.recentProjects().isEmpty());
    QVERIFY(s.defaultProjectFolder().endsWith(u"T2V Projects"_s));
    QVERIFY(!QFile::exists(s.filePath())); // reading writes nothing
}

void TestAppSettings::valuesAreKeptInRange_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<QVariant>("given");
    QTest::addColumn<QVariant>("kept");
    QTest::newRow("batch too big") << int(Key::DefaultBatchSize) << QVariant(40) << QVariant(10);
    QTest::newRow("batch zero") << int(Key::DefaultBatchSize) << QVariant(0) << QVariant(1);
    QTest::newRow("downloads") << int(Key::ParallelDownloads) << QVariant(11) << QVariant(10);
    QTest::newRow("poll too often") << int(Key::PollIntervalSeconds) << QVariant(0) << QVariant(2);
    QTest::newRow("poll rarely") << int(Key::PollIntervalSeconds) << QVariant(500) << QVariant(120);
    QTest::newRow("unknown language")
        << int(Key::UiLanguage) << QVariant(u"xx"_s) << QVariant(u"system"_s);
    QTest::newRow("vietnamese") << int(Key::UiLanguage) << QVariant(u"vi"_s) << QVariant(u"vi"_s);
    QTest::newRow("unknown theme")
        << int(Key::Theme) << QVariant(u"pink"_s) << QVariant(u"system"_s);
    QTest::newRow("dark") << int(Key::Theme) << QVariant(u"dark"_s) << QVariant(u"dark"_s);
}

void TestAppSettings::valuesAreKeptInRange()
{
    QFETCH(int, key);
    QFETCH(QVariant, given);
    QFETCH(QVariant, kept);
    AppSettings s(m_dir->path());
    s.setValue(Key(key), given);
    QCOMPARE(s.value(Key(key)), kept);
}

void TestAppSettings::roundTripThroughTheFile()
{
    {
        AppSettings s(m_dir->path());
        s.setValue(Key::FfmpegPath, u"/opt/ffmpeg/bin/ffmpeg"_s);
        s.setValue(Key::DefaultBatchSize, 8);
        s.setValue(Key::Theme, u"dark"_s);
        s.addRecentProject(m_dir->filePath(u"a"_s));
        QVERIFY(s.save().ok());
    }
    AppSettings again(m_dir->path());
    QVERIFY(again.load().ok());
    QCOMPARE(again.ffmpegPath(), u"/opt/ffmpeg/bin/ffmpeg"_s);
    QCOMPARE(again.defaultBatchSize(), 8);
    QCOMPARE(again.theme(), u"dark"_s);
    QCOMPARE(again.recentProjects(), QStringList{m_dir->filePath(u"a"_s)});
    QCOMPARE(again.parallelDownloads(), 5); // never set: the default
}

void TestAppSettings::savesSoonAfterAChange()
{
    AppSettings s(m_dir->path());
    QSignalSpy changed(&s, &AppSettings::changed);
    s.setValue(Key::ParallelDownloads, 3);
    s.setValue(Key::ParallelDownloads, 3); // no change, no signal
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<Key>(), Key::ParallelDownloads);
    QVERIFY(!QFile::exists(s.filePath()));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(s.filePath()), 3000);
    AppSettings again(m_dir->path());
    QVERIFY(again.load().ok());
    QCOMPARE(again.parallelDownloads(), 3);
}

void TestAppSettings::wronglyTypedValuesKeepTheirDefaults()
{
    writeFile(R"({"version": 1, "default_batch_size": "seven", "parallel_downloads": 4,
                 "theme": 3, "recent_projects": "not a list", "proxy": null,
                 "ffmpeg_path": "/usr/bin/ffmpeg", "unknown_key": true})");
    AppSettings s(m_dir->path());
    QVERIFY(s.load().ok());
    QCOMPARE(s.defaultBatchSize(), 5);
    QCOMPARE(s.parallelDownloads(), 4);
    QCOMPARE(s.theme(), u"system"_s);
    QVERIFY(s.recentProjects().isEmpty());
    QVERIFY(s.proxy().isEmpty());
    QCOMPARE(s.ffmpegPath(), u"/usr/bin/ffmpeg"_s);
}

void TestAppSettings::damagedFileGivesDefaultsAndIsKeptAside()
{
    writeFile("{\"default_batch_size\": 7, ");
    AppSettings s(m_dir->path());
    const Status loaded = s.load();
    QVERIFY(!loaded.ok());
    QVERIFY(loaded.error().message.contains(u"settings.json is damaged"_s));
    QCOMPARE(s.defaultBatchSize(), 5);
    // Nothing is overwritten until there is something to save; then the damaged file is kept.
    QCOMPARE(QDir(m_dir->path()).entryList({u"settings.json*"_s}, QDir::Files).size(), 1);
    s.setValue(Key::DefaultBatchSize, 6);
    QVERIFY(s.save().ok());
    QCOMPARE(QDir(m_dir->path()).entryList({u"settings.json.damaged-*"_s}, QDir::Files).size(), 1);
    AppSettings again(m_dir->path());
    QVERIFY(again.load().ok());
    QCOMPARE(again.defaultBatchSize(), 6);
}

void TestAppSettings::recentProjectsAreUniqueNewestFirstAndCapped()
{
    AppSettings s(m_dir->path());
    for (int i = 0; i < AppSettings::kMaxRecent + 3; ++i)
        s.addRecentProject(m_dir->filePath(u"p%1"_s.arg(i)));
    s.addRecentProject(m_dir->filePath(u"p5/../p5"_s)); // the same folder, spelled differently
    const QStringList recent = s.recentProjects();
    QCOMPARE(recent.size(), AppSettings::kMaxRecent);
    QCOMPARE(recent.first(), m_dir->filePath(u"p5"_s));
    QCOMPARE(recent.at(1), m_dir->filePath(u"p12"_s));
    QCOMPARE(recent.count(m_dir->filePath(u"p5"_s)), 1);
    QVERIFY(!recent.contains(m_dir->filePath(u"p0"_s)));
}

void TestAppSettings::proxyReachesTheHttpClient()
{
    AppSettings s(m_dir->path());
    s.setValue(Key::Proxy, u"http://127.0.0.1:3128"_s);
    QCOMPARE(HttpClient::proxy(), u"http://127.0.0.1:3128"_s);
    writeFile(R"({"proxy": "direct"})");
    AppSettings fromFile(m_dir->path());
    QVERIFY(fromFile.load().ok());
    fromFile.applyToServices();
    QCOMPARE(HttpClient::proxy(), u"direct"_s);
}

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"

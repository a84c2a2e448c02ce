// t2v-bench ui: drives the real main window, offscreen, through a whole film against the fake
// server (a 75-scene script in batches of 5, then every clip with 5 parallel downloads) while a
// probe timer measures how late the GUI thread's event loop runs. A late probe means the window
// froze for that long: nothing the window does may block it.

#include "accounts/secretstore.h"
#include "appcontext.h"
#include "benchcommon.h"
#include "fakeapiserver.h"
#include "i18n.h"
#include "jobfixture.h"
#include "mainwindow.h"
#include "providerroutes.h"
#include "providers/providerregistry.h"
#include "scriptpanel.h"
#include "session/projectsession.h"
#include "videospanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v::bench {
namespace {

// A timer that should fire every `interval`; how late each firing is, is a stall of the loop.
class StallProbe final : public QObject
{
public:
    explicit StallProbe(std::chrono::milliseconds interval)
        : m_interval(double(interval.count()))
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(interval);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const double now = double(m_clock.nsecsElapsed()) / 1e6;
            const double stall = std::max(0.0, now - m_last - m_interval);
            m_stalls.append(stall);
            if (m_debug) {
                const auto [cpu, wait] = schedStat();
                if (stall > m_debugMs)
                    std::fprintf(stderr,
                                 "stall: %.1f ms at %.0f ms (on cpu %.1f ms, runnable %.1f ms)\n",
                                 stall, now, (cpu - m_cpu) / 1e6, (wait - m_wait) / 1e6);
                takeEventLog(stall > m_debugMs);
                m_cpu = cpu;
                m_wait = wait;
            }
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    int events() const { return int(m_stalls.size()); }
    double max() const
    {
        return m_stalls.isEmpty() ? 0 : *std::max_element(m_stalls.begin(), m_stalls.end());
    }
    double percentile(double p) const
    {
        if (m_stalls.isEmpty())
            return 0;
        QList<double> sorted = m_stalls;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size())))];
    }

private:
    // The GUI thread's time on a CPU and time runnable but waiting for one, in ns.
    static std::pair<double, double> schedStat()
    {
        QFile f(u"/proc/thread-self/schedstat"_s);
        if (!f.open(QIODevice::ReadOnly))
            return {0, 0};
        const QList<QByteArray> parts = f.readAll().split(' ');
        return {parts.value(0).toDouble(), parts.value(1).toDouble()};
    }
    double m_cpu = 0;
    double m_wait = 0;
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_interval;
    double m_last = 0;
    QList<double> m_stalls;
    const bool m_debug = qEnvironmentVariableIsSet("T2V_BENCH_DEBUG");
    // T2V_BENCH_DEBUG=12 reports stalls over 12 ms; set but not a number: over 30 ms.
    const double m_debugMs = qEnvironmentVariableIntValue("T2V_BENCH_DEBUG") > 0
                                 ? double(qEnvironmentVariableIntValue("T2V_BENCH_DEBUG"))
                                 : 30.0;
};

bool runUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return true;
}

} // namespace

int runUi(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption scenesOpt(u"scenes"_s, u"Scenes in the film."_s, u"n"_s, u"75"_s);
    const QCommandLineOption latencyOpt(u"latency-ms"_s, u"LLM answer time."_s, u"ms"_s, u"150"_s);
    const QCommandLineOption renderOpt(u"render-ms"_s, u"Time each clip renders."_s, u"ms"_s,
                                       u"1500"_s);
    const QCommandLineOption sizeOpt(u"clip-kb"_s, u"Size of each clip."_s, u"kb"_s, u"1024"_s);
    const QCommandLineOption parallelOpt(u"parallel"_s, u"Parallel downloads."_s, u"n"_s, u"5"_s);
    const QCommandLineOption watchOpt(
        u"watch"_s, u"The tab shown while the clips are made: videos or storyboard."_s, u"tab"_s,
        u"videos"_s);
    p.addOptions({scenesOpt, latencyOpt, renderOpt, sizeOpt, parallelOpt, watchOpt});
    p.process(QStringList{u"t2v-bench ui"_s} + args);
    const int scenes = std::clamp(p.value(scenesOpt).toInt(), 1, 1000);
    const int latency = std::max(0, p.value(latencyOpt).toInt());

    QTemporaryDir tmp;
    qputenv("T2V_CACHE_DIR", tmp.filePath(u"cache"_s).toUtf8());
    ui::installTranslations(*QCoreApplication::instance(), u"en"_s);
    test::FakeApiServer server;
    test::ProviderRoutesOptions routeOptions;
    routeOptions.renderTime = std::chrono::milliseconds(p.value(renderOpt).toInt());
    routeOptions.videoBytes = qint64(p.value(sizeOpt).toInt()) * 1024;
    auto routes = test::installProviderRoutes(server, routeOptions);
    routes->setAnswerDelay(
        [latency](const json::Json&) { return std::chrono::milliseconds(latency); });
    if (!server.start()) {
        QTextStream(stderr) << "the fake server did not start\n";
        return 1;
    }
    // The server stands for a remote service: its sample clip is encoded before the clock starts,
    // so that the encoder does not compete with the window for this machine's two cores.
    (void)routes->clipBody();

    // Accounts as a person would have them: one writer, three video accounts.
    ui::AppContext context(tmp.filePath(u"config"_s));
    Account writer;
    writer.id = u"writer"_s;
    writer.provider = provider::OpenAi;
    writer.baseUrl = server.baseUrl() + u"/v1"_s;
    writer.model = u"bench"_s;
    writer.requestsPerMinute = 6000;
    (void)context.accounts().add(writer);
    (void)context.services().secrets().write(writer.id, u"sk-bench-writer"_s,
                                             SecretStore::Backend::File);
    QStringList videoAccounts;
    for (int i = 1; i <= 3; ++i) {
        Account veo;
        veo.id = u"veo-%1"_s.arg(i);
        veo.provider = provider::Gemini;
        veo.baseUrl = server.baseUrl();
        veo.maxConcurrentJobs = 10;
        veo.requestsPerMinute = 6000;
        (void)context.accounts().add(veo);
        (void)context.services().secrets().write(veo.id, u"veo-bench-key-%1"_s.arg(i),
                                                 SecretStore::Backend::File);
        videoAccounts.append(veo.id);
    }
    context.services().prefetchKeys();
    context.services().prefetchTools();

    ui::MainWindow window(context);
    window.setConfirmOnClose(false);
    window.resize(1280, 800);
    window.show();

    Project project;
    project.script.idea = u"A lighthouse keeper teaches a robot to paint the sea"_s;
    project.script.sceneSeconds = 8;
    project.script.durationSeconds = scenes * 8;
    project.settings.llmAccount = writer.id;
    project.settings.batchSize = 5;
    project.settings.mode = u"batch"_s;
    ProjectSession& controller = window.session();
    // The fake server answers at once: check jobs every few milliseconds.
    controller.setPipelineTuning(test::JobFixture::fastOptions());
    if (Status s = controller.create(tmp.filePath(u"film"_s), project); !s) {
        QTextStream(stderr) << s.error().message << "\n";
        return 1;
    }
    QCoreApplication::processEvents();

    StallProbe probe(5ms);
    probe.start();
    QElapsedTimer clock;
    clock.start();

    // The script: Generate, as a click.
    window.showTab(ui::MainWindow::ScriptTab);
    window.scriptPanel()->generate();
    if (!runUntil([&] { return !controller.isWritingScript(); }, 600000) ||
        controller.store().project().script.writtenCount() != scenes) {
        QTextStream(stderr) << "the script did not finish\n";
        return 1;
    }
    const double scriptSeconds = double(clock.elapsed()) / 1000.0;
    if (qEnvironmentVariableIsSet("T2V_BENCH_DEBUG"))
        std::fprintf(stderr, "script done at %lld ms\n", clock.elapsed());

    // The clips: tick the accounts, choose the parallel downloads, Make clips.
    window.showTab(ui::MainWindow::VideosTab);
    auto* list = window.videosPanel()->findChild<QListWidget*>(u"accounts"_s);
    for (int i = 0; i < list->count(); ++i) {
        QListWidgetItem* item = list->item(i);
        item->setCheckState(videoAccounts.contains(item->data(Qt::UserRole).toString())
                                ? Qt::Checked
                                : Qt::Unchecked);
    }
    window.videosPanel()
        ->findChild<QSpinBox*>(u"parallel"_s)
        ->setValue(p.value(parallelOpt).toInt());
    // A paid run above the confirmation amount asks first: the person answers "Make clips".
    QTimer confirm;
    QObject::connect(&confirm, &QTimer::timeout, &confirm, [&confirm] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            for (QAbstractButton* b : box->buttons()) {
                if (box->buttonRole(b) == QMessageBox::AcceptRole) {
                    confirm.stop();
                    b->click();
                    return;
                }
            }
        }
    });
    confirm.start(20);
    window.videosPanel()->makeClips();
    confirm.stop();
    if (p.value(watchOpt) == u"storyboard"_s)
        window.showTab(ui::MainWindow::StoryboardTab);
    auto allDone = [&] {
        const auto& jobs = controller.store().project().jobs;
        return jobs.size() == scenes &&
               std::all_of(jobs.begin(), jobs.end(),
                           [](const VideoJob& j) { return isTerminal(j.state); });
    };
    if (!runUntil(allDone, 900000)) {
        QTextStream(stderr) << "the clips did not finish\n";
        return 1;
    }
    window.showTab(ui::MainWindow::FinalTab);
    runUntil([] { return false; }, 300); // the strip fills in
    probe.stop();
    const double totalSeconds = double(clock.elapsed()) / 1000.0;
    int done = 0;
    for (const VideoJob& j : controller.store().project().jobs)
        done += j.state == JobState::Done ? 1 : 0;

    printResult({{"scenes", scenes},
                 {"watched", p.value(watchOpt).toStdString()},
                 {"max_stall_ms", round3(probe.max())},
                 {"p99_stall_ms", round3(probe.percentile(0.99))},
                 {"events", probe.events()},
                 {"clips_done", done},
                 {"script_s", round3(scriptSeconds)},
                 {"total_s", round3(totalSeconds)},
                 {"peak_rss_mb", round3(peakRssMb())}});
    controller.close();
    return done == scenes ? 0 : 1;
}

} // namespace t2v::bench

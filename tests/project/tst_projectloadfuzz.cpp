// Fuzz test of the project loader: project.json is untrusted input (projects are shared between
// people and machines). Thousands of seeded mutations of a full project file must each load or
// be refused with a message (never crash or hang), and every file a loaded project would make
// the program write or read must stay inside the project folder.

#include "core/safepath.h"
#include "project/projectpaths.h"
#include "project/projectstore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;

namespace {

Project fullProject()
{
    Project p;
    p.settings.chosenVariants.insert(2, 2);
    p.settings.musicPath = u"music/bed.mp3"_s;
    Script& s = p.script;
    s.idea = u"A lighthouse keeper finds a message in a bottle"_s;
    s.title = u"The Bottle"_s;
    s.durationSeconds = 48;
    s.characters = {{u"Mara"_s, u"keeper"_s, u"grey braid, yellow oilskin"_s, u"low"_s}};
    for (int n = 1; n <= 6; ++n)
        s.outline.append(u"Beat %1"_s.arg(n));
    s.layoutScenes();
    for (Scene& scene : s.scenes) {
        scene.status = SceneStatus::Written;
        scene.narration = u"Narration %1"_s.arg(scene.number);
        scene.visualPrompt = u"Shot %1"_s.arg(scene.number);
        scene.characters = {u"Mara"_s};
        scene.dialogue = {{u"Mara"_s, u"Who wrote this?"_s}};
    }
    const JobState states[] = {JobState::Queued, JobState::Submitted,  JobState::Rendering,
                               JobState::Ready,  JobState::Downloaded, JobState::Done,
                               JobState::Failed, JobState::Cancelled,  JobState::Unconfirmed};
    int n = 0;
    for (JobState state : states) {
        VideoJob j;
        j.sceneNumber = n % 6 + 1;
        j.variant = n / 6 + 1;
        j.id = VideoJob::makeId(j.sceneNumber, j.variant);
        j.provider = n % 2 ? u"fal"_s : u"veo"_s;
        j.accountId = u"acct-%1"_s.arg(n % 3);
        j.state = state;
        j.remoteId = u"models/veo/operations/op-%1"_s.arg(n);
        j.statusUrl = u"https://queue.fal.run/fal-ai/x/requests/r%1/status"_s.arg(n);
        j.videoUrl = u"https://example.com/v/%1.mp4"_s.arg(n);
        j.clipPath = ProjectPaths::clip(j.id);
        j.thumbPath = ProjectPaths::thumbnail(j.id);
        j.upscaledPath = ProjectPaths::upscaled(j.id);
        j.failedStage = JobStage::Download;
        j.error = u"boom"_s;
        j.orphaned = n == 8;
        p.jobs.append(j);
        ++n;
    }
    return p;
}

// Values that have broken loaders elsewhere: paths that climb out, absolute paths, wrong
// types, extremes, deep nesting.
json::Json nastyValue(QRandomGenerator& rng)
{
    static const std::vector<json::Json> values = {
        "../../../../tmp/x",
        "/etc/passwd",
        "clips/../../x",
        "..",
        ".",
        "",
        "a/b",
        "C:\\x",
        "file:///etc/passwd",
        "http://",
        "\x01\x02",
        std::string(5000, 'a'),
        "s001-v1",
        -1,
        0,
        2147483647,
        -2147483648LL,
        9223372036854775807LL,
        1e308,
        -1e308,
        3.5,
        true,
        false,
        nullptr,
        json::Json::array(),
        json::Json::object(),
        json::Json::array({1, "x", nullptr}),
        json::Json::parse(R"({"a":{"b":{"c":{"d":[[[[[]]]]]}}}})")};
    return values[rng.bounded(quint32(values.size()))];
}

// Picks a random value somewhere in `doc` and replaces, removes or duplicates it.
void mutateStructure(json::Json& doc, QRandomGenerator& rng)
{
    json::Json* at = &doc;
    for (int depth = 0; depth < 6; ++depth) {
        if (at->is_object() && !at->empty()) {
            auto it = at->begin();
            std::advance(it, rng.bounded(quint32(at->size())));
            if (rng.bounded(3) == 0) {
                switch (rng.bounded(3)) {
                case 0:
                    *it = nastyValue(rng);
                    break;
                case 1:
                    at->erase(it);
                    break;
                default:
                    (*at)[it.key() + "_copy"] = *it;
                    break;
                }
                return;
            }
            at = &*it;
        } else if (at->is_array() && !at->empty()) {
            const auto i = rng.bounded(quint32(at->size()));
            if (rng.bounded(3) == 0) {
                if (rng.bounded(2) == 0)
                    (*at)[i] = nastyValue(rng);
                else
                    at->push_back((*at)[i]); // a duplicate (of a job: the same id twice)
                return;
            }
            at = &(*at)[i];
        } else {
            break;
        }
    }
    *at = nastyValue(rng);
}

// Flips, drops or inserts bytes of the text.
QByteArray mutateBytes(QByteArray text, QRandomGenerator& rng)
{
    const int edits = 1 + int(rng.bounded(8));
    for (int e = 0; e < edits && !text.isEmpty(); ++e) {
        const auto at = qsizetype(rng.bounded(quint32(text.size())));
        switch (rng.bounded(4)) {
        case 0:
            text[at] = char(rng.bounded(256));
            break;
        case 1:
            text.remove(at, 1 + qsizetype(rng.bounded(16)));
            break;
        case 2:
            text.insert(at, "\"../");
            break;
        default:
            text.insert(at, QByteArray(1, "{}[],:\"\\0"[rng.bounded(9)]));
            break;
        }
    }
    return text;
}

bool inside(const QString& dir, const QString& relative)
{
    const QString absolute = QDir::cleanPath(QDir(dir).filePath(relative));
    return absolute.startsWith(QDir::cleanPath(dir) + u'/');
}

QStringList filesUnder(const QString& dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(it.next());
    out.sort();
    return out;
}

} // namespace

class TestProjectLoadFuzz final : public QObject
{
    Q_OBJECT

private slots:
    void mutatedFilesLoadOrAreRefusedAndStayInside();
};

void TestProjectLoadFuzz::mutatedFilesLoadOrAreRefusedAndStayInside()
{
    const int rounds = qEnvironmentVariableIntValue("T2V_FUZZ_ROUNDS") > 0
                           ? qEnvironmentVariableIntValue("T2V_FUZZ_ROUNDS")
                           : 3000;
    QTemporaryDir root;
    const QString dir = root.filePath(u"project"_s);
    QVERIFY(QDir().mkpath(dir));
    const QString file = QDir(dir).filePath(ProjectStore::kFileName);
    const json::Json base = fullProject();
    const QByteArray baseText = QByteArray::fromStdString(base.dump(1));
    const QStringList outsideBefore = filesUnder(root.path());

    QRandomGenerator rng(20261127);
    int loaded = 0;
    int refused = 0;
    for (int round = 0; round < rounds; ++round) {
        QByteArray text;
        if (round % 2 == 0) {
            json::Json doc = base;
            const int edits = 1 + int(rng.bounded(4));
            for (int e = 0; e < edits; ++e)
                mutateStructure(doc, rng);
            text = QByteArray::fromStdString(json::dump(doc));
        } else {
            text = mutateBytes(baseText, rng);
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();

        const Result<Project> r = ProjectStore::load(file);
        if (!r) {
            ++refused;
            QVERIFY2(!r.error().message.isEmpty(), "a refusal without a reason");
            QVERIFY2(r.error().message.contains(ProjectStore::kFileName),
                     qPrintable(r.error().message));
            continue;
        }
        ++loaded;
        // Everything the program would write or read for each job stays inside the folder.
        for (const VideoJob& j : r->jobs) {
            QVERIFY2(isSafeId(j.id), qPrintable(j.id));
            for (const QString& path :
                 {ProjectPaths::clip(j.id), ProjectPaths::clipPart(j.id),
                  ProjectPaths::clipPartMeta(j.id), ProjectPaths::thumbnail(j.id),
                  ProjectPaths::upscaled(j.id)})
                QVERIFY2(inside(dir, path), qPrintable(path));
            for (const QString& stored : {j.clipPath, j.thumbPath, j.upscaledPath})
                QVERIFY2(stored.isEmpty() || inside(dir, stored), qPrintable(stored));
            QVERIFY2(!j.remoteId.contains(u".."_s), qPrintable(j.remoteId));
            QVERIFY(j.sceneNumber >= 1);
            QVERIFY(j.sceneNumber <= r->script.sceneCount() || j.orphaned);
        }
        QVERIFY2(r->script.scenes.size() == r->script.sceneCount(), text.left(300).constData());
        // What the program writes back loads again.
        json::Json again = r.value();
        QFile back(file);
        QVERIFY(back.open(QIODevice::WriteOnly | QIODevice::Truncate));
        back.write(QByteArray::fromStdString(json::dump(again)));
        back.close();
        const Result<Project> reloaded = ProjectStore::load(file);
        QVERIFY2(reloaded.ok(), qPrintable(reloaded.ok() ? QString() : reloaded.error().message));
    }
    // Nothing was written anywhere but project.json.
    QStringList expected = outsideBefore + QStringList{file};
    expected.sort();
    QCOMPARE(filesUnder(root.path()), expected);
    qInfo("%d mutated files: %d loaded, %d refused with a message", rounds, loaded, refused);
    QVERIFY(loaded > rounds / 20); // the mutations do not only make garbage
    QVERIFY(refused > rounds / 20);
}

QTEST_GUILESS_MAIN(TestProjectLoadFuzz)
#include "tst_projectloadfuzz.moc"

// Tests for ComfyWorkflow: the shipped templates, the marks (placeholders and node titles), the
// refusals that name what is missing, the size and frame-count rules, and the filled graph.

#include "video/comfyworkflow.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace t2v;
using F = ComfyWorkflow::Field;

class TestComfyWorkflow final : public QObject
{
    Q_OBJECT

private slots:
    void theShippedTemplatesLoad();
    void refusals_data();
    void refusals();
    void fillLeavesNoMarkAndPutsEachValue();
    void textMarksMayStandInsideALongerText();
    void titlesMarkNodesWithoutPlaceholders();
    void sizes_data();
    void sizes();
    void frames_data();
    void frames();
    void aFileIsReadAndAMissingOneNamed();
};

namespace {

// A minimal text-to-video graph; `text` is the positive prompt's value.
QByteArray graph(const QString& text, const QString& saveClass = u"SaveVideo"_s)
{
    return uR"({
      "6": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["38", 0], "text": "%1"}},
      "40": {"class_type": "EmptyHunyuanLatentVideo",
             "inputs": {"width": "{{width:832}}", "height": "{{height:480}}",
                        "length": "{{frames}}", "batch_size": 1}},
      "50": {"class_type": "%2", "inputs": {"video": ["49", 0]}}
    })"_s.arg(text, saveClass)
        .toUtf8();
}

} // namespace

void TestComfyWorkflow::theShippedTemplatesLoad()
{
    using Saves = ComfyWorkflow::Saves;
    QCOMPARE(ComfyWorkflow::shippedNames(),
             (QStringList{u"sdxl-t2i"_s, u"wan2.1-i2v"_s, u"wan2.1-t2v"_s}));
    QCOMPARE(ComfyWorkflow::shippedNames(Saves::Videos),
             (QStringList{u"wan2.1-i2v"_s, u"wan2.1-t2v"_s}));
    QCOMPARE(ComfyWorkflow::shippedNames(Saves::Images), QStringList{u"sdxl-t2i"_s});
    // The image template: SaveImage and no frames, its own size marks.
    const auto sdxl = ComfyWorkflow::load(ComfyWorkflow::defaultImageName());
    QVERIFY2(sdxl.ok(), qPrintable(sdxl.ok() ? QString() : sdxl.error().message));
    QVERIFY(sdxl->savesImages());
    for (F f : {F::Prompt, F::NegativePrompt, F::Width, F::Height, F::Seed})
        QVERIFY2(sdxl->maps(f), qPrintable(ComfyWorkflow::fieldName(f)));
    QVERIFY(!sdxl->maps(F::Frames));
    QCOMPARE(sdxl->size(u"1:1"_s, u"720p"_s), QSize(1024, 1024));
    const auto t2v = ComfyWorkflow::load(u"wan2.1-t2v"_s);
    QVERIFY2(t2v.ok(), qPrintable(t2v.ok() ? QString() : t2v.error().message));
    for (F f : {F::Prompt, F::NegativePrompt, F::Width, F::Height, F::Frames, F::Fps, F::Seed})
        QVERIFY2(t2v->maps(f), qPrintable(ComfyWorkflow::fieldName(f)));
    QVERIFY(!t2v->needsFirstFrame());
    QCOMPARE(t2v->fps(), 16.0);
    QCOMPARE(t2v->name(), u"wan2.1-t2v"_s);
    // An empty name is the default workflow.
    QCOMPARE(ComfyWorkflow::load({})->name(), ComfyWorkflow::defaultName());

    const auto i2v = ComfyWorkflow::load(u"wan2.1-i2v"_s);
    QVERIFY(i2v.ok());
    QVERIFY(i2v->needsFirstFrame());
    QCOMPARE(i2v->referenceSlots(), 0);
}

void TestComfyWorkflow::refusals_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("why");
    QTest::newRow("not JSON") << QByteArray("{\"6\": ") << u"not valid JSON"_s;
    QTest::newRow("an array") << QByteArray("[1, 2]") << u"not a JSON object of nodes"_s;
    QTest::newRow("editor format")
        << QByteArray(R"({"nodes": [], "links": [], "version": 0.4})") << u"Save (API Format)"_s;
    QTest::newRow("no class_type") << QByteArray(R"({"6": {"inputs": {"text": "{{prompt}}"}}})")
                                   << u"node \"6\" has no class_type"_s;
    QTest::newRow("no prompt mark")
        << graph(u"a fixed prompt"_s) << u"nothing marks where the prompt goes"_s;
    QTest::newRow("unknown mark") << graph(u"{{colour}}"_s) << u"unknown mark {{colour}}"_s;
    QTest::newRow("a number mark inside text")
        << graph(u"{{prompt}} at {{width}}"_s) << u"{{width}} must be the whole value"_s;
    QTest::newRow("no node saves a video")
        << graph(u"{{prompt}}"_s, u"PreviewImage"_s) << u"no node saves a video"_s;
    QTest::newRow("unknown title")
        << QByteArray(R"({"6": {"class_type": "CLIPTextEncode", "_meta": {"title": "T2V colour"},
                              "inputs": {"text": "x"}}})")
        << u"unknown title \"t2v colour\""_s;
    QTest::newRow("title without its input")
        << QByteArray(R"({"6": {"class_type": "KSampler", "_meta": {"title": "T2V prompt"},
                              "inputs": {"steps": 20}}})")
        << u"titled \"t2v prompt\" but has none of the inputs"_s;
}

void TestComfyWorkflow::refusals()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, why);
    const auto w = ComfyWorkflow::parse(text, u"mine.json"_s);
    QVERIFY(!w.ok());
    QCOMPARE(w.error().kind, ErrorKind::Invalid);
    QVERIFY2(w.error().message.contains(u"\"mine.json\""_s), qPrintable(w.error().message));
    QVERIFY2(w.error().message.contains(why), qPrintable(w.error().message));
}

void TestComfyWorkflow::fillLeavesNoMarkAndPutsEachValue()
{
    const auto w = ComfyWorkflow::load(u"wan2.1-t2v"_s);
    QVERIFY(w.ok());
    ComfyInputs in;
    in.prompt = u"A lighthouse keeper climbs the stairs"_s;
    in.negativePrompt = u"cartoon"_s;
    in.width = 832;
    in.height = 480;
    in.frames = 129;
    in.fps = 16.0;
    in.seed = 123456789012ULL;
    const json::Json g = w->fill(in);
    QVERIFY(json::dump(g).find("{{") == std::string::npos);
    QCOMPARE(g["6"]["inputs"]["text"].get<std::string>(), "A lighthouse keeper climbs the stairs");
    QVERIFY(g["7"]["inputs"]["text"].get<std::string>().starts_with("cartoon, blurry"));
    QCOMPARE(g["40"]["inputs"]["width"].get<int>(), 832);
    QCOMPARE(g["40"]["inputs"]["height"].get<int>(), 480);
    QCOMPARE(g["40"]["inputs"]["length"].get<int>(), 129);
    QCOMPARE(g["49"]["inputs"]["fps"].get<double>(), 16.0);
    QCOMPARE(g["3"]["inputs"]["seed"].get<quint64>(), 123456789012ULL);
    // Links and the rest of the graph are untouched.
    QVERIFY(g["3"]["inputs"]["positive"] == json::Json::array({"6", 0}));
    QCOMPARE(g["50"]["inputs"]["format"].get<std::string>(), "mp4");
}

void TestComfyWorkflow::textMarksMayStandInsideALongerText()
{
    const auto w = ComfyWorkflow::parse(graph(u"cinematic, {{ prompt }}, 35mm film"_s), u"w"_s);
    QVERIFY(w.ok());
    ComfyInputs in;
    in.prompt = u"a fox in snow"_s;
    QCOMPARE(w->fill(in)["6"]["inputs"]["text"].get<std::string>(),
             "cinematic, a fox in snow, 35mm film");
}

void TestComfyWorkflow::titlesMarkNodesWithoutPlaceholders()
{
    // What a user gets by renaming nodes in ComfyUI instead of typing marks.
    const QByteArray text = R"({
      "6": {"class_type": "CLIPTextEncode", "_meta": {"title": "T2V prompt"},
            "inputs": {"clip": ["38", 0], "text": "a cat"}},
      "55": {"class_type": "Wan22ImageToVideoLatent", "_meta": {"title": "T2V size"},
             "inputs": {"vae": ["39", 0], "width": 1280, "height": 704, "length": 121,
                        "batch_size": 1}},
      "3": {"class_type": "KSampler", "_meta": {"title": "t2v seed"},
            "inputs": {"seed": 5, "positive": ["6", 0]}},
      "57": {"class_type": "CreateVideo", "_meta": {"title": "T2V fps"},
             "inputs": {"images": ["8", 0], "fps": 24}},
      "58": {"class_type": "LoadImage", "_meta": {"title": "T2V first frame"},
             "inputs": {"image": "example.png"}},
      "59": {"class_type": "SaveVideo", "inputs": {"video": ["57", 0]}}
    })";
    const auto w = ComfyWorkflow::parse(text, u"wan2.2-ti2v.json"_s);
    QVERIFY2(w.ok(), qPrintable(w.ok() ? QString() : w.error().message));
    for (F f : {F::Prompt, F::Width, F::Height, F::Frames, F::Fps, F::Seed, F::FirstFrame})
        QVERIFY2(w->maps(f), qPrintable(ComfyWorkflow::fieldName(f)));
    QVERIFY(!w->maps(F::NegativePrompt));
    QCOMPARE(w->fps(), 24.0);
    QCOMPARE(w->size(u"16:9"_s, u"720p"_s), QSize(1280, 704)); // the workflow's own size
    QCOMPARE(w->frames(5), 121);
    ComfyInputs in;
    in.prompt = u"a dog"_s;
    in.width = 704;
    in.height = 1280;
    in.frames = 121;
    in.fps = 24;
    in.seed = 9;
    in.firstFrame = u"t2v-abc.png"_s;
    const json::Json g = w->fill(in);
    QCOMPARE(g["6"]["inputs"]["text"].get<std::string>(), "a dog");
    QCOMPARE(g["55"]["inputs"]["width"].get<int>(), 704);
    QCOMPARE(g["3"]["inputs"]["seed"].get<int>(), 9);
    QCOMPARE(g["58"]["inputs"]["image"].get<std::string>(), "t2v-abc.png");
}

void TestComfyWorkflow::sizes_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<QString>("resolution");
    QTest::addColumn<QSize>("expected");
    const QByteArray own = graph(u"{{prompt}}"_s); // 832 x 480
    QByteArray bare = own;
    bare.replace("{{width:832}}", "{{width}}").replace("{{height:480}}", "{{height}}");
    QTest::newRow("own size, same shape") << own << u"16:9"_s << u"720p"_s << QSize(832, 480);
    QTest::newRow("own size, turned") << own << u"9:16"_s << u"720p"_s << QSize(480, 832);
    QTest::newRow("own long side, square") << own << u"1:1"_s << u"720p"_s << QSize(832, 832);
    QTest::newRow("no own size, 720p") << bare << u"16:9"_s << u"720p"_s << QSize(1280, 720);
    QTest::newRow("no own size, 480p portrait")
        << bare << u"9:16"_s << u"480p"_s << QSize(464, 832);
    QTest::newRow("no own size, 1080p") << bare << u"16:9"_s << u"1080p"_s << QSize(1920, 1088);
}

void TestComfyWorkflow::sizes()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, aspect);
    QFETCH(QString, resolution);
    QFETCH(QSize, expected);
    const auto w = ComfyWorkflow::parse(text, u"w"_s);
    QVERIFY(w.ok());
    const QSize s = w->size(aspect, resolution);
    QCOMPARE(s, expected);
    QCOMPARE(s.width() % 16, 0);
    QCOMPARE(s.height() % 16, 0);
}

void TestComfyWorkflow::frames_data()
{
    QTest::addColumn<QString>("mark");
    QTest::addColumn<QString>("fps");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<int>("expected");
    QTest::newRow("Wan default, 8 s") << u"{{frames}}"_s << u"{{fps}}"_s << 8 << 129;
    QTest::newRow("Wan 4n+1, 5 s") << u"{{frames:4n+1}}"_s << u"{{fps:16}}"_s << 5 << 81;
    QTest::newRow("LTX 8n+1 at 24 fps") << u"{{frames:8n+1}}"_s << u"{{fps:24}}"_s << 5 << 121;
    QTest::newRow("any count") << u"{{frames:n}}"_s << u"{{fps:16}}"_s << 8 << 128;
    QTest::newRow("no fps mark: 16") << u"{{frames}}"_s << u"30"_s << 2 << 33;
}

void TestComfyWorkflow::frames()
{
    QFETCH(QString, mark);
    QFETCH(QString, fps);
    QFETCH(int, seconds);
    QFETCH(int, expected);
    QByteArray text = graph(u"{{prompt}}"_s);
    text.replace("\"{{frames}}\"", QByteArray('"' + mark.toUtf8() + '"'));
    text.replace("\"video\": [\"49\", 0]",
                 QByteArray("\"video\": [\"49\", 0], \"fps\": \"" + fps.toUtf8() + '"'));
    const auto w = ComfyWorkflow::parse(text, u"w"_s);
    QVERIFY2(w.ok(), qPrintable(w.ok() ? QString() : w.error().message));
    QCOMPARE(w->frames(seconds), expected);
}

void TestComfyWorkflow::aFileIsReadAndAMissingOneNamed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"my-ltx.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(graph(u"{{prompt}}"_s));
    file.close();
    const auto w = ComfyWorkflow::load(path);
    QVERIFY(w.ok());
    QCOMPARE(w->name(), u"my-ltx.json"_s);

    const auto missing = ComfyWorkflow::load(dir.filePath(u"gone.json"_s));
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().message.contains(u"gone.json"_s) &&
                 missing.error().message.contains(u"wan2.1-t2v"_s),
             qPrintable(missing.error().message));
}

QTEST_GUILESS_MAIN(TestComfyWorkflow)
#include "tst_comfyworkflow.moc"

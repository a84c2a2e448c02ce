#include "comfyworkflow.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <mutex>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

constexpr std::pair<ComfyWorkflow::Field, const char*> kNames[] = {
    {ComfyWorkflow::Field::Prompt, "prompt"},
    {ComfyWorkflow::Field::NegativePrompt, "negative_prompt"},
    {ComfyWorkflow::Field::Width, "width"},
    {ComfyWorkflow::Field::Height, "height"},
    {ComfyWorkflow::Field::Frames, "frames"},
    {ComfyWorkflow::Field::Fps, "fps"},
    {ComfyWorkflow::Field::Seed, "seed"},
    {ComfyWorkflow::Field::FirstFrame, "first_frame"},
    {ComfyWorkflow::Field::Reference1, "reference_1"},
    {ComfyWorkflow::Field::Reference2, "reference_2"},
    {ComfyWorkflow::Field::Reference3, "reference_3"},
};

std::optional<ComfyWorkflow::Field> fieldNamed(const QString& name)
{
    for (const auto& [field, text] : kNames) {
        if (name == QLatin1String(text))
            return field;
    }
    return std::nullopt;
}

QString knownNames()
{
    QStringList names;
    for (const auto& [field, text] : kNames)
        names.append(u"{{"_s + QLatin1String(text) + u"}}"_s);
    return names.join(u", "_s);
}

// Nodes that write a video file, and the keys their outputs use (see ComfyUiProvider).
const QStringList kSaveNodes = {u"SaveVideo"_s,       u"SaveWEBM"_s,         u"SaveAnimatedWEBP"_s,
                                u"SaveAnimatedPNG"_s, u"VHS_VideoCombine"_s, u"SaveVideoWebm"_s};

// Node titles and the inputs each fills, the first that the node has.
struct TitleRule
{
    QString title;
    QList<std::pair<ComfyWorkflow::Field, QStringList>> inputs;
};

const QList<TitleRule>& titleRules()
{
    using F = ComfyWorkflow::Field;
    static const QList<TitleRule> rules = {
        {u"t2v prompt"_s, {{F::Prompt, {u"text"_s, u"prompt"_s, u"positive"_s}}}},
        {u"t2v negative prompt"_s, {{F::NegativePrompt, {u"text"_s, u"prompt"_s, u"negative"_s}}}},
        {u"t2v size"_s,
         {{F::Width, {u"width"_s}},
          {F::Height, {u"height"_s}},
          {F::Frames,
           {u"length"_s, u"num_frames"_s, u"frames"_s, u"frame_count"_s, u"video_length"_s}}}},
        {u"t2v fps"_s, {{F::Fps, {u"fps"_s, u"frame_rate"_s}}}},
        {u"t2v seed"_s, {{F::Seed, {u"seed"_s, u"noise_seed"_s}}}},
        {u"t2v first frame"_s, {{F::FirstFrame, {u"image"_s}}}},
        {u"t2v reference 1"_s, {{F::Reference1, {u"image"_s}}}},
        {u"t2v reference 2"_s, {{F::Reference2, {u"image"_s}}}},
        {u"t2v reference 3"_s, {{F::Reference3, {u"image"_s}}}},
    };
    return rules;
}

QString literalText(const json::Json& value)
{
    if (value.is_number())
        return QString::number(value.get<double>());
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return {};
}

int roundTo(double value, int step)
{
    return std::max(step, int(std::lround(value / step)) * step);
}

} // namespace

QString ComfyWorkflow::fieldName(Field field)
{
    for (const auto& [f, text] : kNames) {
        if (f == field)
            return QLatin1String(text);
    }
    return {};
}

QStringList ComfyWorkflow::shippedNames(Saves saves)
{
    QStringList names;
    const QStringList files =
        QDir(u":/t2v/comfyui"_s).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const QString name = QFileInfo(file).completeBaseName();
        if (saves != Saves::Anything) {
            const Result<ComfyWorkflow> w = load(name);
            if (!w || w->savesImages() != (saves == Saves::Images))
                continue;
        }
        names.append(name);
    }
    return names;
}

Result<ComfyWorkflow> ComfyWorkflow::load(const QString& nameOrPath)
{
    const QString wanted = nameOrPath.trimmed().isEmpty() ? defaultName() : nameOrPath.trimmed();
    const bool shipped = shippedNames().contains(wanted);
    const QString path = shipped ? u":/t2v/comfyui/%1.json"_s.arg(wanted) : wanted;
    // Parsed once per version of the file: the scheduler checks the workflow before each clip
    // and the provider fills it for each clip.
    static std::mutex mutex;
    static QHash<QString, std::pair<QString, ComfyWorkflow>> parsed;
    const QFileInfo info(path);
    const QString version =
        u"%1@%2"_s.arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch());
    {
        std::lock_guard lock(mutex);
        if (const auto it = parsed.constFind(path); it != parsed.cend() && it->first == version)
            return it->second;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::make(ErrorKind::Invalid,
                           u"The ComfyUI workflow \"%1\" is neither a shipped one (%2) nor a file "
                           u"that can be read (%3)."_s.arg(wanted, shippedNames().join(u", "_s),
                                                           file.errorString()));
    }
    constexpr qint64 kMaxBytes = 4 * 1024 * 1024;
    if (file.size() > kMaxBytes)
        return Error::make(
            ErrorKind::Invalid,
            u"The ComfyUI workflow %1 is larger than 4 MB: not a workflow "
            u"exported with Save (API Format)."_s.arg(QDir::toNativeSeparators(path)));
    Result<ComfyWorkflow> workflow =
        parse(file.readAll(), shipped ? wanted : QFileInfo(path).fileName());
    if (workflow) {
        std::lock_guard lock(mutex);
        parsed.insert(path, {version, *workflow});
    }
    return workflow;
}

Result<ComfyWorkflow> ComfyWorkflow::parse(const QByteArray& text, const QString& name)
{
    QString why;
    json::Json doc = json::parse(text, &why);
    auto refuse = [&name](const QString& message) {
        return Error::make(ErrorKind::Invalid,
                           u"The ComfyUI workflow \"%1\" cannot be used: %2"_s.arg(name, message));
    };
    if (!why.isEmpty())
        return refuse(u"it is not valid JSON (%1)."_s.arg(why));
    if (!doc.is_object() || doc.empty())
        return refuse(u"it is not a JSON object of nodes."_s);
    if (doc.contains("nodes") && doc.contains("links"))
        return refuse(u"it is in ComfyUI's editor format. Export it with Workflow > Export "
                      u"(API) or \"Save (API Format)\"."_s);
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        const json::Json& node = it.value();
        if (!node.is_object() || !node.contains("class_type") || !node["class_type"].is_string() ||
            !node.contains("inputs") || !node["inputs"].is_object())
            return refuse(u"node \"%1\" has no class_type and inputs: not the API format "
                          u"(\"Save (API Format)\")."_s.arg(QString::fromStdString(it.key())));
    }
    ComfyWorkflow w;
    w.m_graph = std::move(doc);
    w.m_name = name;
    if (Status found = w.collect(); !found)
        return refuse(found.error().message);
    if (!w.maps(Field::Prompt))
        return refuse(u"nothing marks where the prompt goes. Put {{prompt}} as the text of the "
                      u"positive prompt node, or title that node \"T2V prompt\"."_s);
    bool savesVideo = false;
    bool savesImage = false;
    for (const auto& [id, node] : w.m_graph.items()) {
        const QString type = QString::fromStdString(node["class_type"].get<std::string>());
        savesVideo = savesVideo || kSaveNodes.contains(type);
        savesImage = savesImage || type == u"SaveImage"_s;
    }
    if (!savesVideo && !savesImage)
        return refuse(u"no node saves a video (one of %1) or an image (SaveImage)."_s.arg(
            kSaveNodes.join(u", "_s)));
    w.m_savesImages = !savesVideo;
    return w;
}

Status ComfyWorkflow::collect()
{
    for (auto& [id, node] : m_graph.items()) {
        if (node.contains("_meta") && node["_meta"].is_object()) {
            const QString title = json::optString(node["_meta"], "title").trimmed().toLower();
            if (title.startsWith(u"t2v "_s)) {
                if (Status s = markTitled(id, title); !s)
                    return s;
            }
        }
        for (auto& [input, value] : node["inputs"].items()) {
            if (!value.is_string())
                continue;
            const QString text = QString::fromStdString(value.get<std::string>());
            if (text.contains(u"{{"_s)) {
                if (Status s = markPlaceholder(id, input, text); !s)
                    return s;
            }
        }
    }
    return {};
}

Status ComfyWorkflow::markTitled(const std::string& node, const QString& title)
{
    for (const TitleRule& rule : titleRules()) {
        if (rule.title != title)
            continue;
        json::Json& inputs = m_graph[node]["inputs"];
        bool any = false;
        for (const auto& [field, names] : rule.inputs) {
            for (const QString& name : names) {
                const std::string key = name.toStdString();
                if (!inputs.contains(key) || inputs[key].is_array())
                    continue; // absent, or linked to another node
                setDefault(field, literalText(inputs[key]));
                m_slots.append({node, key, field, false});
                any = true;
                break;
            }
        }
        if (!any)
            return Error::make(
                ErrorKind::Invalid,
                u"the node \"%1\" is titled \"%2\" but has none of the inputs that title fills."_s
                    .arg(QString::fromStdString(node), title));
        return {};
    }
    QStringList titles;
    for (const TitleRule& rule : titleRules())
        titles.append(u"\"%1\""_s.arg(rule.title));
    return Error::make(ErrorKind::Invalid,
                       u"the node \"%1\" has the unknown title \"%2\"; T2V titles are %3."_s.arg(
                           QString::fromStdString(node), title, titles.join(u", "_s)));
}

Status ComfyWorkflow::markPlaceholder(const std::string& node, const std::string& input,
                                      const QString& text)
{
    static const QRegularExpression whole(
        uR"(^\s*\{\{\s*([a-z_0-9]+)\s*(?::\s*([^}]*?))?\s*\}\}\s*$)"_s);
    static const QRegularExpression inside(uR"(\{\{\s*([a-z_0-9]+)\s*\}\})"_s);
    const QString where = u"node \"%1\", input \"%2\""_s.arg(QString::fromStdString(node),
                                                             QString::fromStdString(input));
    if (const auto m = whole.match(text); m.hasMatch()) {
        const auto field = fieldNamed(m.captured(1));
        if (!field)
            return Error::make(ErrorKind::Invalid,
                               u"%1 has the unknown mark {{%2}}; the marks are %3."_s.arg(
                                   where, m.captured(1), knownNames()));
        setDefault(*field, m.captured(2));
        m_slots.append({node, input, *field, false});
        return {};
    }
    // Inside a longer text only the prompts may go ("cinematic, {{prompt}}").
    for (auto it = inside.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const auto field = fieldNamed(m.captured(1));
        if (field != Field::Prompt && field != Field::NegativePrompt)
            return Error::make(
                ErrorKind::Invalid,
                u"%1: only {{prompt}} and {{negative_prompt}} may stand inside a "
                u"longer text; {{%2}} must be the whole value."_s.arg(where, m.captured(1)));
        m_slots.append({node, input, *field, true});
    }
    return {};
}

void ComfyWorkflow::setDefault(Field field, const QString& value)
{
    bool ok = false;
    const double number = value.trimmed().toDouble(&ok);
    switch (field) {
    case Field::Fps:
        if (ok && number >= 1.0 && number <= 120.0)
            m_fps = number;
        break;
    case Field::Width:
        if (ok && number >= 16.0)
            m_size.setWidth(int(number));
        break;
    case Field::Height:
        if (ok && number >= 16.0)
            m_size.setHeight(int(number));
        break;
    case Field::Frames: {
        // "4n+1" (Wan, HunyuanVideo), "8n+1" (LTX-Video), "n" (any count).
        static const QRegularExpression rule(uR"(^\s*(\d*)\s*n\s*(\+\s*1)?\s*$)"_s);
        if (const auto m = rule.match(value); m.hasMatch())
            m_frameStep = m.captured(1).isEmpty() ? 1 : std::clamp(m.captured(1).toInt(), 1, 64);
        break;
    }
    default:
        break;
    }
}

bool ComfyWorkflow::maps(Field field) const
{
    return std::any_of(m_slots.begin(), m_slots.end(),
                       [field](const Slot& s) { return s.field == field; });
}

int ComfyWorkflow::referenceSlots() const
{
    return int(maps(Field::Reference1)) + int(maps(Field::Reference2)) +
           int(maps(Field::Reference3));
}

QSize ComfyWorkflow::size(const QString& aspectRatio, const QString& resolution) const
{
    const QStringList parts = aspectRatio.split(u':');
    double ratio = 16.0 / 9.0;
    if (parts.size() == 2 && parts[0].toDouble() > 0 && parts[1].toDouble() > 0)
        ratio = parts[0].toDouble() / parts[1].toDouble();
    if (m_size.isValid()) {
        const double own = double(m_size.width()) / m_size.height();
        if (std::abs(own - ratio) / ratio < 0.05)
            return m_size;
        if (std::abs(1.0 / own - ratio) / ratio < 0.05)
            return m_size.transposed();
    }
    int longSide = 1280;
    if (m_size.isValid())
        longSide = std::max(m_size.width(), m_size.height());
    else if (resolution.startsWith(u"480"_s))
        longSide = 832;
    else if (resolution.startsWith(u"1080"_s))
        longSide = 1920;
    if (ratio >= 1.0)
        return {roundTo(longSide, 16), roundTo(longSide / ratio, 16)};
    return {roundTo(longSide * ratio, 16), roundTo(longSide, 16)};
}

int ComfyWorkflow::frames(int seconds) const
{
    const double wanted = std::max(1, seconds) * m_fps;
    if (m_frameStep == 1)
        return std::max(1, int(std::lround(wanted)));
    return roundTo(wanted, m_frameStep) + 1;
}

json::Json ComfyWorkflow::fill(const ComfyInputs& in) const
{
    json::Json graph = m_graph;
    for (const Slot& slot : m_slots) {
        json::Json& value = graph[slot.node]["inputs"][slot.input];
        const QString mark = u"{{"_s + fieldName(slot.field) + u"}}"_s;
        switch (slot.field) {
        case Field::Prompt:
        case Field::NegativePrompt: {
            const QString text = slot.field == Field::Prompt ? in.prompt : in.negativePrompt;
            if (slot.inText) {
                QString current = QString::fromStdString(value.get<std::string>());
                static const QRegularExpression spaced(uR"(\{\{\s*([a-z_]+)\s*\}\})"_s);
                current.replace(spaced, u"{{\\1}}"_s);
                value = current.replace(mark, text).toStdString();
            } else {
                value = text.toStdString();
            }
            break;
        }
        case Field::Width:
            value = in.width;
            break;
        case Field::Height:
            value = in.height;
            break;
        case Field::Frames:
            value = in.frames;
            break;
        case Field::Fps:
            value = in.fps;
            break;
        case Field::Seed:
            value = in.seed;
            break;
        case Field::FirstFrame:
            value = in.firstFrame.toStdString();
            break;
        case Field::Reference1:
        case Field::Reference2:
        case Field::Reference3: {
            const int i = int(slot.field) - int(Field::Reference1);
            // A slot without an image of its own repeats the last one given.
            value =
                in.references.isEmpty()
                    ? in.firstFrame.toStdString()
                    : in.references.value(std::min(i, int(in.references.size()) - 1)).toStdString();
            break;
        }
        }
    }
    return graph;
}

} // namespace t2v

#pragma once

// A ComfyUI workflow exported with "Save (API Format)", used as a template for every clip: the
// fields T2V Studio fills are marked in it, either by a placeholder as an input's value
// ("{{prompt}}", "{{width:832}}") or by a node title ("T2V prompt"). The graph is checked when
// it is loaded, so a template that cannot be filled is refused before any request, naming what
// is missing. The README ("Bring your own GPU") documents the marks; resources/comfyui/ holds
// the shipped templates.
//
// API format (ComfyUI server.py post_prompt, execution.py validate_prompt): an object of nodes
// by id, each {"class_type": ..., "inputs": {name: value | [source node id, output index]},
// "_meta": {"title": ...}}.

#include "core/error.h"
#include "core/json.h"

#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>

namespace t2v {

// The values of one clip, ready for ComfyWorkflow::fill().
struct ComfyInputs
{
    QString prompt;
    QString negativePrompt;
    int width = 0;
    int height = 0;
    int frames = 0;
    double fps = 0.0;
    quint64 seed = 0;
    QString firstFrame;     // the name /upload/image gave the first frame
    QStringList references; // the names of the uploaded reference images
};

class ComfyWorkflow
{
public:
    enum class Field {
        Prompt,
        NegativePrompt,
        Width,
        Height,
        Frames,
        Fps,
        Seed,
        FirstFrame,
        Reference1,
        Reference2,
        Reference3,
    };

    // The templates shipped in resources/comfyui/, by name ("wan2.1-t2v", ...): all of them,
    // or those that save videos, or those that save images.
    enum class Saves { Anything, Videos, Images };
    static QStringList shippedNames(Saves saves = Saves::Anything);
    static QString defaultName() { return QStringLiteral("wan2.1-t2v"); }
    static QString defaultImageName() { return QStringLiteral("sdxl-t2i"); }
    // A shipped name or the path of an API-format JSON file.
    static Result<ComfyWorkflow> load(const QString& nameOrPath);
    static Result<ComfyWorkflow> parse(const QByteArray& text, const QString& name);

    QString name() const { return m_name; }
    // True when the graph saves still images (SaveImage) and no video: an image workflow for
    // references and keyframes.
    bool savesImages() const { return m_savesImages; }
    bool maps(Field field) const;
    bool needsFirstFrame() const { return maps(Field::FirstFrame); }
    int referenceSlots() const;
    // The frame rate the workflow renders at (its fps mark's default, else 16: Wan's rate).
    double fps() const { return m_fps; }
    // The size for an aspect ratio ("16:9") and resolution ("720p"): the workflow's own size
    // when the shape matches, else its longer side (or the resolution's) at that ratio, in
    // steps of 16.
    QSize size(const QString& aspectRatio, const QString& resolution) const;
    // Frames for a clip length: a multiple of the workflow's step plus one (Wan: 4n+1).
    int frames(int seconds) const;
    // The graph to send in POST /prompt.
    json::Json fill(const ComfyInputs& inputs) const;

    static QString fieldName(Field field);

private:
    struct Slot
    {
        std::string node;
        std::string input;
        Field field = Field::Prompt;
        bool inText = false; // a text placeholder inside a longer string
    };

    Status collect(); // finds the marks in m_graph
    Status markTitled(const std::string& node, const QString& title);
    Status markPlaceholder(const std::string& node, const std::string& input, const QString& text);
    void setDefault(Field field, const QString& value);

    json::Json m_graph;
    QString m_name;
    QList<Slot> m_slots;
    double m_fps = 16.0;
    bool m_savesImages = false;
    int m_frameStep = 4;
    QSize m_size; // the workflow's own width and height, when it gives them
};

} // namespace t2v

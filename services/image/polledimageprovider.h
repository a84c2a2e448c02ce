#pragma once

// An image made through a queue-style service that a video client already speaks (ComfyUI's
// /prompt and /history with an image workflow, fal.ai's queue with an image model): submit,
// poll until it is done, fetch the file. The interval starts at a second (an image takes
// seconds, not minutes) and grows to the provider's own; a cancel stops the remote job too.

#include "core/clock.h"
#include "image/imageprovider.h"
#include "video/videoprovider.h"

#include <memory>

namespace t2v {

class PolledImageProvider final : public ImageProvider
{
public:
    PolledImageProvider(std::shared_ptr<VideoProvider> queue, bool takesReferences,
                        Clock& clock = Clock::system());

    QString id() const override { return m_queue->id(); }
    QString label() const override { return m_queue->label(); }
    bool isPaid() const override { return m_queue->isPaid(); }
    bool takesReferences() const override { return m_takesReferences; }
    Result<ImageInput> generate(const ImageRequest& request, const CancelToken& cancel) override;

    // The longest an image may take before it is given up (and cancelled remotely).
    static constexpr std::chrono::minutes kDeadline{15};

private:
    std::shared_ptr<VideoProvider> m_queue;
    bool m_takesReferences = false;
    Clock& m_clock;
};

} // namespace t2v

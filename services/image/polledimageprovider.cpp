#include "polledimageprovider.h"

#include "core/videojob.h"
#include "net/httpclient.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {

PolledImageProvider::PolledImageProvider(std::shared_ptr<VideoProvider> queue, bool takesReferences,
                                         Clock& clock)
    : m_queue(std::move(queue))
    , m_takesReferences(takesReferences)
    , m_clock(clock)
{}

Result<ImageInput> PolledImageProvider::generate(const ImageRequest& request,
                                                 const CancelToken& cancel)
{
    VideoRequest asked;
    asked.prompt = request.prompt;
    asked.aspectRatio = request.aspectRatio;
    asked.model = request.model;
    asked.durationSeconds = 1;
    if (m_takesReferences)
        asked.references = request.references;
    Result<SubmitResult> submitted = m_queue->submit(asked, cancel);
    if (!submitted)
        return submitted.error();
    VideoJob job;
    job.remoteId = submitted->remoteId;
    job.statusUrl = submitted->statusUrl;
    job.resultUrl = submitted->resultUrl;
    job.cancelUrl = submitted->cancelUrl;
    job.model = submitted->model;

    const Clock::TimePoint deadline = m_clock.now() + kDeadline;
    std::chrono::milliseconds interval = 1s;
    while (true) {
        if (cancel.isCancelled() || m_clock.now() >= deadline) {
            (void)m_queue->cancel(job, CancelToken());
            if (cancel.isCancelled())
                return Error::make(ErrorKind::Cancelled, u"Cancelled."_s);
            return Error::make(ErrorKind::Timeout,
                               u"%1 did not finish the image in %2 minutes; it was cancelled."_s
                                   .arg(m_queue->label())
                                   .arg(kDeadline.count()));
        }
        Result<PollResult> polled = m_queue->poll(job, cancel);
        if (!polled)
            return polled.error();
        if (polled->state == PollResult::State::Succeeded) {
            if (polled->videoUrls.isEmpty())
                return Error::make(ErrorKind::BadResponse,
                                   u"%1 finished but named no file."_s.arg(m_queue->label()));
            HttpRequest get = m_queue->downloadRequest(job, polled->videoUrls.first());
            Result<HttpResponse> file = HttpClient().send(get, cancel);
            if (!file)
                return file.error();
            return image::check(file->body, u"The image %1 made"_s.arg(m_queue->label()));
        }
        if (polled->state == PollResult::State::Failed ||
            polled->state == PollResult::State::Cancelled)
            return Error::make(ErrorKind::BadResponse,
                               polled->message.isEmpty()
                                   ? u"%1 could not make the image."_s.arg(m_queue->label())
                                   : polled->message);
        if (!m_clock.sleepFor(interval, cancel))
            continue; // cancelled: the top of the loop cancels the remote job
        interval = std::min<std::chrono::milliseconds>(interval * 2, m_queue->pollInterval());
    }
}

} // namespace t2v

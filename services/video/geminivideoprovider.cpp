#include "geminivideoprovider.h"

#include "core/logging.h"
#include "net/httpclient.h"
#include "net/providererror.h"
#include "video/omniprovider.h"
#include "video/veoprovider.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {

QString googleapi::v1betaBase(const QString& baseUrl)
{
    QString base = baseUrl.isEmpty() ? u"https://generativelanguage.googleapis.com"_s : baseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    if (!base.endsWith(u"/v1beta"_s))
        base += u"/v1beta"_s;
    return base;
}

HttpRequest googleapi::keyedGet(const QString& base, const QString& key, const QString& url)
{
    HttpRequest req = HttpRequest::get(url);
    // The official samples send the key and follow redirects (python-genai files.py
    // Files.download); HttpClient drops the key if a redirect leaves Google's host.
    if (isSameServer(url, base))
        req.headers.set("x-goog-api-key", key.toUtf8());
    return req;
}

Error googleapi::modelNotFound(Error classified, const QString& model)
{
    if (classified.kind == ErrorKind::Http && classified.httpStatus == 404)
        classified.message =
            u"The model \"%1\" is not available to this key (retired or unknown): "
            u"%2 Accounts → Models (or \"t2v accounts models\") lists the models it can use."_s.arg(
                model,
                classified.message.endsWith(u'.') ? classified.message : classified.message + u'.');
    return classified;
}

Status googleapi::testKey(const QString& base, const QString& key, const CancelToken& cancel)
{
    HttpRequest req = HttpRequest::get(base + u"/models?pageSize=1"_s);
    req.headers.set("x-goog-api-key", key.toUtf8());
    req.timeout = 30s;
    Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return classifyGoogleError(r.error());
    return {};
}

GeminiVideoProvider::GeminiVideoProvider(QString baseUrl, QString apiKey, QString model,
                                         QString personGeneration, QString inlineDir,
                                         ModelResolver resolve)
    : m_base(std::move(baseUrl))
    , m_key(std::move(apiKey))
    , m_personGeneration(std::move(personGeneration))
    , m_inlineDir(std::move(inlineDir))
    , m_resolve(std::move(resolve))
    , m_model(std::move(model))
{}

bool GeminiVideoProvider::isOmniModel(const QString& model)
{
    QString id = model;
    if (id.startsWith(u"models/"_s))
        id = id.mid(7);
    return id.startsWith(u"gemini-omni"_s);
}

bool GeminiVideoProvider::isOmniJob(const VideoJob& job)
{
    if (!job.remoteId.isEmpty())
        return !job.remoteId.contains(u"/operations/"_s);
    return isOmniModel(job.model);
}

QString GeminiVideoProvider::label() const
{
    QMutexLocker lock(&m_mutex);
    return m_model.isEmpty() ? u"Gemini API video"_s : u"%1 (Gemini API)"_s.arg(m_model);
}

int GeminiVideoProvider::maxSamplesPerRequest() const
{
    QMutexLocker lock(&m_mutex);
    return m_model.isEmpty() || isOmniModel(m_model) ? 1 : 4;
}

Result<QString> GeminiVideoProvider::model(const CancelToken& cancel)
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_model.isEmpty() || !m_resolve)
            return m_model;
    }
    // Outside the lock: resolving may ask the service for the key's model list.
    Result<QString> resolved = m_resolve(cancel);
    if (!resolved)
        return resolved; // asked again with the next clip
    QMutexLocker lock(&m_mutex);
    if (m_model.isEmpty()) {
        m_model = *resolved;
        qCInfo(lcVideo).noquote() << u"Gemini API video model: %1"_s.arg(m_model);
    }
    return m_model;
}

Result<SubmitResult> GeminiVideoProvider::submit(const VideoRequest& request,
                                                 const CancelToken& cancel)
{
    // A model asked for this clip (t2v render --model) wins over the account's.
    Result<QString> resolved = request.model.isEmpty() ? model(cancel) : request.model;
    if (!resolved)
        return resolved.error();
    const QString chosen = *resolved;
    if (isOmniModel(chosen))
        return OmniProvider(m_base, m_key, chosen, m_inlineDir).submit(request, cancel);
    return VeoProvider(m_base, m_key, chosen, m_personGeneration).submit(request, cancel);
}

Result<PollResult> GeminiVideoProvider::poll(const VideoJob& job, const CancelToken& cancel)
{
    if (isOmniJob(job))
        return OmniProvider(m_base, m_key, job.model, m_inlineDir).poll(job, cancel);
    return VeoProvider(m_base, m_key, job.model, m_personGeneration).poll(job, cancel);
}

HttpRequest GeminiVideoProvider::downloadRequest(const VideoJob&, const QString& url) const
{
    return googleapi::keyedGet(googleapi::v1betaBase(m_base), m_key, url);
}

Status GeminiVideoProvider::cancel(const VideoJob& job, const CancelToken& cancel)
{
    if (isOmniJob(job))
        return OmniProvider(m_base, m_key, job.model, m_inlineDir).cancel(job, cancel);
    return VeoProvider(m_base, m_key, job.model, m_personGeneration).cancel(job, cancel);
}

Status GeminiVideoProvider::testConnection(const CancelToken& cancel)
{
    return googleapi::testKey(googleapi::v1betaBase(m_base), m_key, cancel);
}

} // namespace t2v

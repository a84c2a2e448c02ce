#pragma once

// Fake servers for video rendered on the user's own GPU, on the fake API server:
//   ComfyUI under /comfy (ComfyUI serves the same routes at / and /api):
//     POST /comfy/prompt, GET /comfy/history/{id}, GET|POST /comfy/queue, POST /comfy/interrupt,
//     POST /comfy/upload/image (multipart), GET /comfy/view, GET /comfy/system_stats,
//     ws /comfy/ws?clientId= ("status" on connect, then "progress" of the prompt rendering
//     for that client, 20 steps over its render time)
//   An OpenAI-style video server (vLLM-Omni or SGLang flavour):
//     POST /v1/videos, GET /v1/videos/{id}, GET /v1/videos/{id}/content, DELETE /v1/videos/{id}
// Each has one GPU: jobs render one after another, renderTime each. ComfyUI validates the graph
// as ComfyUI does (unknown node classes, missing model files, unfilled {{marks}}, images never
// uploaded) and answers 400 with "error" and "node_errors". A prompt containing "[fail]" fails
// while rendering. restart() forgets every job, as a restarted server does.

#include "fakeapiserver.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QStringList>

#include <chrono>
#include <memory>

namespace t2v::test {

class ProviderRoutes;

// Jobs of one GPU, in order: one renders, the others wait.
class FakeGpu
{
public:
    enum class End { None, Success, Error, Interrupted };
    struct Job
    {
        QString id;
        QString prompt;
        qint64 submittedMs = 0;
        qint64 startMs = -1;
        qint64 endMs = -1;
        End end = End::None;
        int number = 0;
    };

    void setRenderTime(std::chrono::milliseconds t) { m_renderMs = t.count(); }
    Job& submit(const QString& id, const QString& prompt, qint64 now);
    void settle(qint64 now);
    Job* find(const QString& id);
    bool isPending(const QString& id) const { return m_pending.contains(id); }
    QString running() const { return m_running; }
    QStringList pending() const { return m_pending; }
    bool remove(const QString& id);                // a waiting job leaves the queue
    bool interrupt(const QString& id, qint64 now); // the running job stops
    void clear();
    int peakLoad() const { return m_peakLoad; }           // jobs waiting or rendering, at most
    qint64 idleBetweenJobsMs() const { return m_idleMs; } // GPU idle while jobs were known

private:
    QHash<QString, Job> m_jobs;
    QStringList m_pending;
    QString m_running;
    qint64 m_freeAt = 0;
    qint64 m_renderMs = 500;
    int m_peakLoad = 0;
    int m_number = 0;
    qint64 m_idleMs = 0;
};

class LocalGpuRoutes : public std::enable_shared_from_this<LocalGpuRoutes>
{
public:
    enum class Flavour { VllmOmni, SgLang };

    LocalGpuRoutes(FakeApiServer& server, std::shared_ptr<ProviderRoutes> clips);

    void setRenderTime(std::chrono::milliseconds renderTime);
    // Model files ComfyUI has (the shipped templates' by default).
    void setComfyModels(const QStringList& files);
    void setVideoServerFlavour(Flavour flavour);
    // Forgets every job and upload (a restarted server).
    void restart();

    // What arrived: the graphs POST /comfy/prompt accepted, the uploaded image names, the
    // fields of each POST /v1/videos (multipart or JSON, as strings) with "content_type".
    QList<json::Json> comfyGraphs() const;
    QStringList uploads() const;
    QList<QHash<QString, QByteArray>> videoRequests() const;
    int comfyPeakLoad() const;
    QStringList comfySocketClients() const; // the clientId of each /ws connection so far
    int videoServerPeakLoad() const;

    // A multipart/form-data body's parts: name -> value (files: their bytes), plus
    // "<name>.filename" and "<name>.content_type" for files.
    static QHash<QString, QByteArray> formFields(const FakeRequest& request);

private:
    FakeResponse comfyPrompt(const FakeRequest& request);
    FakeResponse comfyHistory(const FakeRequest& request);
    FakeResponse comfyQueue(const FakeRequest& request);
    FakeResponse comfyInterrupt(const FakeRequest& request);
    FakeResponse comfyUpload(const FakeRequest& request);
    FakeResponse comfyView(const FakeRequest& request);
    FakeResponse comfySocket(const FakeRequest& request);
    void pushProgress(QTcpSocket* socket, const QString& clientId, int* lastSent);
    json::Json comfyNodeErrors(const json::Json& graph) const;
    json::Json historyEntry(const FakeGpu::Job& job) const;
    FakeResponse videoCreate(const FakeRequest& request);
    FakeResponse videoGet(const FakeRequest& request);
    FakeResponse videoContent(const FakeRequest& request);
    FakeResponse videoDelete(const FakeRequest& request);
    json::Json videoJob(const FakeGpu::Job& job) const;
    const FakeGpu::Job* videoJobNow(const QString& id); // settled; m_mutex held
    qint64 now() const { return m_clock.elapsed(); }

    std::shared_ptr<ProviderRoutes> m_clips;
    mutable QMutex m_mutex;
    QElapsedTimer m_clock;
    FakeGpu m_comfy;
    FakeGpu m_videoServer;
    QStringList m_models;
    QSet<QString> m_uploads;
    QSet<QString> m_imageJobs; // prompts whose graph saves an image (SaveImage)
    QStringList m_uploadOrder;
    QList<json::Json> m_graphs;
    QHash<QString, QString> m_saveNode; // prompt id -> the node that saves its video
    QHash<QString, QString> m_clientOf; // prompt id -> client_id
    QStringList m_socketClients;
    QList<QHash<QString, QByteArray>> m_videoRequests;
    QHash<QString, QHash<QString, QByteArray>> m_videoFields; // by job id
    Flavour m_flavour = Flavour::VllmOmni;
    qint64 m_renderMs = 500;
};

std::shared_ptr<LocalGpuRoutes> installLocalGpuRoutes(FakeApiServer& server,
                                                      std::shared_ptr<ProviderRoutes> clips,
                                                      std::chrono::milliseconds renderTime);

} // namespace t2v::test

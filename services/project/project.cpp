#include "project.h"

#include "core/limits.h"

#include <QSet>

#include <functional>

using namespace Qt::StringLiterals;

namespace t2v {

VideoJob* Project::findJob(const QString& id)
{
    for (VideoJob& job : jobs) {
        if (job.id == id)
            return &job;
    }
    return nullptr;
}

const VideoJob* Project::findJob(const QString& id) const
{
    return const_cast<Project*>(this)->findJob(id);
}

QList<const VideoJob*> Project::jobsForScene(int sceneNumber) const
{
    QList<const VideoJob*> out;
    for (const VideoJob& job : jobs) {
        if (job.sceneNumber == sceneNumber && !job.orphaned)
            out.append(&job);
    }
    return out;
}

const VideoJob* Project::jobFor(int sceneNumber, int variant) const
{
    for (const VideoJob& job : jobs) {
        if (job.sceneNumber == sceneNumber && job.variant == variant && !job.orphaned)
            return &job;
    }
    return nullptr;
}

QString Project::freeJobId(int sceneNumber, int variant) const
{
    const QString base = VideoJob::makeId(sceneNumber, variant);
    QString id = base;
    for (int n = 2; findJob(id); ++n)
        id = u"%1-r%2"_s.arg(base).arg(n);
    return id;
}

namespace {

// Jobs for which `detach` holds stop belonging to their scene: kept as orphans when they may
// be paid for, dropped when nothing was ever sent.
Project::JobsAfterLayout detachJobs(Project& p, const std::function<bool(const VideoJob&)>& detach)
{
    Project::JobsAfterLayout out;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto it = p.jobs.begin(); it != p.jobs.end();) {
        if (it->orphaned || !detach(*it)) {
            ++it;
            continue;
        }
        if (it->mayBePaid()) {
            it->orphaned = true;
            it->updatedAt = now;
            out.orphaned.append(it->id);
            ++it;
        } else {
            out.removed.append(it->id);
            it = p.jobs.erase(it);
        }
    }
    return out;
}

} // namespace

Project::JobsAfterLayout Project::changeLayout(int durationSeconds, int sceneSeconds)
{
    script.relayout(durationSeconds, sceneSeconds);
    const int count = script.sceneCount();
    for (auto it = settings.chosenVariants.begin(); it != settings.chosenVariants.end();) {
        if (it.key() > count)
            it = settings.chosenVariants.erase(it);
        else
            ++it;
    }
    return detachJobs(*this, [count](const VideoJob& j) { return j.sceneNumber > count; });
}

Project::JobsAfterLayout Project::detachAllJobs()
{
    settings.chosenVariants.clear();
    return detachJobs(*this, [](const VideoJob&) { return true; });
}

int Project::attachOrphan(const QString& jobId, int sceneNumber)
{
    VideoJob* job = findJob(jobId);
    if (!job || !job->orphaned || !script.scene(sceneNumber))
        return 0;
    int variant = 1;
    for (const VideoJob* other : jobsForScene(sceneNumber))
        variant = std::max(variant, other->variant + 1);
    job->orphaned = false;
    job->sceneNumber = sceneNumber;
    job->variant = variant;
    job->updatedAt = QDateTime::currentDateTimeUtc();
    return variant;
}

bool Project::removeJob(const QString& id)
{
    for (auto it = jobs.begin(); it != jobs.end(); ++it) {
        if (it->id == id) {
            jobs.erase(it);
            return true;
        }
    }
    return false;
}

void to_json(json::Json& j, const ProjectSettings& s)
{
    json::Json chosen = json::Json::object();
    for (auto it = s.chosenVariants.cbegin(); it != s.chosenVariants.cend(); ++it)
        chosen[std::to_string(it.key())] = it.value();
    j = json::Json{{"llm_account", s.llmAccount},
                   {"llm_model", s.llmModel},
                   {"batch_size", s.batchSize},
                   {"mode", s.mode},
                   {"context_scenes", s.contextScenes},
                   {"scene_retries", s.sceneRetries},
                   {"video_accounts", json::fromStringList(s.videoAccounts)},
                   {"variants", s.variants},
                   {"resolution", s.resolution},
                   {"upscale", s.upscale},
                   {"parallel_downloads", s.parallelDownloads},
                   {"subtitles", s.subtitles},
                   {"transition", s.transition},
                   {"fade_seconds", s.fadeSeconds},
                   {"music_path", s.musicPath},
                   {"music_volume", s.musicVolume},
                   {"chosen_variants", chosen}};
    if (s.budgetUsd > 0)
        j["budget_usd"] = s.budgetUsd;
    if (s.keyframes)
        j["keyframes"] = true;
    if (s.runBudgetUsd > 0)
        j["run_budget"] = {{"usd", s.runBudgetUsd},
                           {"jobs", json::fromStringList(s.runBudgetJobs)}};
}

void from_json(const json::Json& j, ProjectSettings& s)
{
    const ProjectSettings d;
    s.llmAccount = json::optString(j, "llm_account", d.llmAccount);
    s.llmModel = json::optString(j, "llm_model");
    s.batchSize = json::optInt(j, "batch_size", d.batchSize);
    if (!limits::BatchSize.contains(s.batchSize))
        json::fail(j.at("batch_size"),
                   u"batch size %1 is outside %2"_s.arg(s.batchSize).arg(limits::BatchSize.text()));
    s.mode = json::optString(j, "mode", d.mode);
    if (s.mode != u"batch"_s && s.mode != u"sequential"_s && s.mode != u"rolling"_s)
        json::fail(j.at("mode"), u"unknown mode \"%1\""_s.arg(s.mode.left(40)));
    s.contextScenes = json::optInt(j, "context_scenes", d.contextScenes);
    s.sceneRetries = json::optInt(j, "scene_retries", d.sceneRetries);
    if (j.contains("video_accounts"))
        s.videoAccounts = json::optStringList(j, "video_accounts");
    s.variants = json::optInt(j, "variants", d.variants);
    if (!limits::Variants.contains(s.variants))
        json::fail(
            j.at("variants"),
            u"%1 variants per scene is outside %2"_s.arg(s.variants).arg(limits::Variants.text()));
    s.resolution = json::optString(j, "resolution", d.resolution);
    s.upscale = json::optBool(j, "upscale", d.upscale);
    s.parallelDownloads = json::optInt(j, "parallel_downloads", d.parallelDownloads);
    if (!limits::ParallelDownloads.contains(s.parallelDownloads))
        json::fail(j.at("parallel_downloads"),
                   u"%1 parallel downloads is outside %2"_s.arg(s.parallelDownloads)
                       .arg(limits::ParallelDownloads.text()));
    s.budgetUsd = json::optDouble(j, "budget_usd");
    if (!limits::isBudget(s.budgetUsd))
        json::fail(j.at("budget_usd"),
                   u"a budget is 0 (none) to %1 dollars"_s.arg(limits::MaxBudgetUsd, 0, 'f', 0));
    if (const auto it = j.find("run_budget"); it != j.end() && !it->is_null()) {
        s.runBudgetUsd = json::optDouble(*it, "usd");
        if (!limits::isBudget(s.runBudgetUsd))
            json::fail(it->at("usd"), u"a budget is 0 (none) to %1 dollars"_s.arg(
                                          limits::MaxBudgetUsd, 0, 'f', 0));
        s.runBudgetJobs = json::optStringList(*it, "jobs");
    }
    s.keyframes = json::optBool(j, "keyframes");
    s.subtitles = json::optString(j, "subtitles", d.subtitles);
    s.transition = json::optString(j, "transition", d.transition);
    s.fadeSeconds = json::optDouble(j, "fade_seconds", d.fadeSeconds);
    s.musicPath = json::optString(j, "music_path");
    s.musicVolume = json::optDouble(j, "music_volume", d.musicVolume);
    s.chosenVariants.clear();
    if (const auto it = j.find("chosen_variants"); it != j.end() && !it->is_null()) {
        if (!it->is_object())
            json::fail(*it,
                       u"type must be object, but is %1"_s.arg(QString::fromUtf8(it->type_name())));
        for (auto v = it->begin(); v != it->end(); ++v) {
            bool ok = false;
            const int scene = QString::fromStdString(v.key()).toInt(&ok);
            if (!ok || scene < 1 || !v->is_number_integer())
                json::fail(*v, u"expected scene number -> variant"_s);
            s.chosenVariants.insert(scene, v->get<int>());
        }
    }
}

void to_json(json::Json& j, const Project& p)
{
    json::Json jobs = json::Json::array();
    for (const VideoJob& job : p.jobs)
        jobs.push_back(job);
    j = json::Json{{"schema_version", p.schemaVersion},
                   {"app_version", p.appVersion},
                   {"created_at", json::fromDateTime(p.createdAt)},
                   {"modified_at", json::fromDateTime(p.modifiedAt)},
                   {"settings", p.settings},
                   {"script", p.script},
                   {"jobs", jobs}};
}

void from_json(const json::Json& j, Project& p)
{
    p.schemaVersion = json::reqInt(j, "schema_version");
    p.appVersion = json::optString(j, "app_version");
    p.createdAt = json::optDateTime(j, "created_at");
    p.modifiedAt = json::optDateTime(j, "modified_at");
    p.settings =
        j.contains("settings") ? j.at("settings").get<ProjectSettings>() : ProjectSettings{};
    p.script = j.contains("script") ? j.at("script").get<Script>() : Script{};
    p.script.layoutScenes(); // a file without a script still has its (empty) scene slots
    p.jobs.clear();
    if (const auto it = j.find("jobs"); it != j.end() && !it->is_null()) {
        if (!it->is_array())
            json::fail(*it,
                       u"type must be array, but is %1"_s.arg(QString::fromUtf8(it->type_name())));
        QSet<QString> ids;
        for (const json::Json& item : *it) {
            VideoJob job = item.get<VideoJob>();
            if (ids.contains(job.id))
                json::fail(item, u"two jobs have the id \"%1\""_s.arg(job.id));
            ids.insert(job.id);
            // Earlier versions could leave jobs of scenes the script no longer has: they are
            // orphans, never a reason to refuse the file.
            if (job.sceneNumber > p.script.sceneCount())
                job.orphaned = true;
            p.jobs.append(std::move(job));
        }
    }
}

const QList<Migration>& projectMigrations()
{
    static const QList<Migration> steps;
    return steps;
}

QString migrateProjectDocument(json::Json& doc, int fromVersion, int toVersion,
                               const QList<Migration>& steps)
{
    for (int v = fromVersion; v < toVersion; ++v) {
        const auto step = std::find_if(steps.cbegin(), steps.cend(),
                                       [v](const Migration& m) { return m.fromVersion == v; });
        if (step == steps.cend())
            return u"no upgrade from project format %1 to %2"_s.arg(v).arg(v + 1);
        step->apply(doc);
        doc["schema_version"] = v + 1;
    }
    return {};
}

} // namespace t2v

#pragma once

// The characters' reference images (issue: visual continuity): made from each character's
// fixed appearance by an account's image provider, or imported by the person, stored in the
// project's refs/ folder and recorded in the character bible. A character's first images are
// approved at once (there is nothing to keep); later ones wait for approval, so regenerating
// never replaces an image the person liked before they have seen the new one. Approved images
// travel with the clips the character is in (JobScheduler), at most 3 per clip.
// Main thread; the images are made on the jobs pool.

#include "core/canceltoken.h"
#include "core/character.h"
#include "core/error.h"
#include "image/imageprovider.h"

#include <QObject>

namespace t2v {

class AppServices;
class ProjectStore;
struct Scene;
struct Script;

class ReferenceMaker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReferenceMaker)

public:
    ReferenceMaker(AppServices& app, ProjectStore& store, QObject* parent = nullptr);

    // Makes `count` (1-3) new images for each named character (every character when `names`
    // is empty) with the image provider of `accountId`. finished() tells when all are done.
    Status make(const QStringList& names, const QString& accountId, int count = 1);
    void stop();
    bool isRunning() const { return m_running > 0; }

    // Copies a PNG, JPEG or WebP file (type read from its bytes, at most image::kMaxBytes)
    // into refs/ for the character.
    Result<CharacterRef> importFile(const QString& name, const QString& path);
    // The character's waiting images become its references; the ones they replace are
    // removed with their files.
    Status approve(const QString& name);
    // The character's waiting images are dropped with their files.
    Status discard(const QString& name);

    // Keyframes: a first frame for each of `scenes` (every written scene when empty), drawn
    // from the scene's video prompt with its characters' approved reference images (for
    // services that take them). A scene that has one gets a new one waiting for approval.
    // made() and failed() name the scene "Scene N".
    Status makeKeyframes(const QList<int>& scenes, const QString& accountId);
    Status approveKeyframe(int scene);
    Status discardKeyframe(int scene);

    // What the image service is asked to draw for a character.
    static ImageRequest requestFor(const Character& character, const Script& script);
    // "refs/<name>-<hash>.<ext>": the same image always gets the same name.
    static QString fileNameFor(const QString& characterName, const ImageInput& image);
    // What the image service is asked to draw for a scene's keyframe (without the images).
    static ImageRequest keyframeRequestFor(const Scene& scene, const Script& script);

signals:
    void made(const QString& name, const QString& file);
    void failed(const QString& name, const QString& message);
    void finished(int made, int failed);

private:
    Character* find(const QString& name);
    Result<CharacterRef> store(const QString& name, const ImageInput& image, const QString& source,
                               const QString& account);
    void onMade(const QString& name, const QString& account, bool approve,
                const Result<QString>& file);
    void onKeyframe(int scene, const Result<QString>& file);
    void finishOne();
    Scene* sceneAt(int number);

    AppServices& m_app;
    ProjectStore& m_store;
    CancelToken m_cancel;
    int m_running = 0;
    int m_made = 0;
    int m_failed = 0;
};

} // namespace t2v

#include "referencemaker.h"

#include "core/async.h"
#include "core/logging.h"
#include "core/pools.h"
#include "core/script.h"
#include "project/projectstore.h"
#include "session/appservices.h"
#include "story/promptcomposer.h"
#include "story/stylepresets.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

// Writes the image under the project folder; returns its project-relative name.
Result<QString> writeReference(const QString& projectDir, const QString& file,
                               const QByteArray& data)
{
    const QString folder = file.section(u'/', 0, 0);
    if (!QDir(projectDir).mkpath(folder))
        return Error::make(ErrorKind::Io, u"Cannot create %1."_s.arg(QDir::toNativeSeparators(
                                              QDir(projectDir).filePath(folder))));
    QSaveFile out(QDir(projectDir).filePath(file));
    if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit())
        return Error::make(ErrorKind::Io,
                           u"Cannot write %1: %2"_s.arg(QDir::toNativeSeparators(out.fileName()),
                                                        out.errorString()));
    return file;
}

} // namespace

ReferenceMaker::ReferenceMaker(AppServices& app, ProjectStore& store, QObject* parent)
    : QObject(parent)
    , m_app(app)
    , m_store(store)
{}

Character* ReferenceMaker::find(const QString& name)
{
    for (Character& c : m_store.project().script.characters) {
        if (c.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return &c;
    }
    return nullptr;
}

ImageRequest ReferenceMaker::requestFor(const Character& character, const Script& script)
{
    ImageRequest r;
    const StylePreset style = StylePresets::findOrDefault(script.style);
    QString prompt = u"Character reference sheet of %1"_s.arg(character.name);
    if (!character.role.isEmpty())
        prompt += u", %1"_s.arg(character.role);
    prompt += u". %1. One person, face and full figure clearly visible, neutral pose, plain "
              u"background, even soft light."_s.arg(character.appearance.trimmed());
    if (!script.styleGuide.isEmpty())
        prompt += u" Style: %1"_s.arg(script.styleGuide.trimmed());
    r.prompt = prompt;
    r.aspectRatio = u"1:1"_s;
    r.title = character.name;
    r.subtitle = character.role;
    r.text = character.appearance;
    r.background = style.background;
    r.accent = QString(); // the card renderer gives each character a colour of its own
    return r;
}

QString ReferenceMaker::fileNameFor(const QString& characterName, const ImageInput& image)
{
    QString slug;
    for (const QChar c : characterName.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            slug += c;
        else if (!slug.isEmpty() && !slug.endsWith(u'-'))
            slug += u'-';
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    slug = slug.left(24);
    if (slug.isEmpty())
        slug = u"character"_s;
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(image.data, QCryptographicHash::Sha1).toHex().left(10));
    return u"refs/%1-%2.%3"_s.arg(slug, hash, image::extension(image.mimeType));
}

Status ReferenceMaker::make(const QStringList& names, const QString& accountId, int count)
{
    if (!m_store.isOpen())
        return Error::make(ErrorKind::Invalid, u"No project is open."_s);
    const Script& script = m_store.project().script;
    if (script.characters.isEmpty())
        return Error::make(ErrorKind::Invalid,
                           u"The script has no characters yet: write its plan first."_s);
    QList<const Character*> chosen;
    for (const QString& name : names) {
        const Character* c = script.findCharacter(name);
        if (!c) {
            QStringList known;
            for (const Character& k : script.characters)
                known.append(k.name);
            return Error::make(ErrorKind::Invalid,
                               u"The script has no character \"%1\". Its characters: %2."_s.arg(
                                   name, known.join(u", "_s)));
        }
        chosen.append(c);
    }
    if (names.isEmpty()) {
        for (const Character& c : script.characters)
            chosen.append(&c);
    }
    Result<AppServices::ImageMaker> maker = m_app.imageMaker(accountId);
    if (!maker)
        return maker.error();
    count = std::clamp(count, 1, Character::kMaxReferences);
    m_cancel = CancelToken();
    m_made = m_failed = 0;
    const QString dir = m_store.dir();
    for (const Character* c : chosen) {
        // First images of a character are approved at once; later ones wait for approval.
        const bool approve = c->approvedReferences().isEmpty();
        const ImageRequest request = requestFor(*c, script);
        for (int i = 0; i < count; ++i) {
            ++m_running;
            ImageRequest one = request;
            one.seed = quint64(i + 1);
            runInPool(
                &Pools::jobs(), this,
                [make = *maker, one, cancel = m_cancel, dir, name = c->name]() -> Result<QString> {
                    Result<std::shared_ptr<ImageProvider>> provider = make();
                    if (!provider)
                        return provider.error();
                    Result<ImageInput> image = (*provider)->generate(one, cancel);
                    if (!image)
                        return image.error();
                    return writeReference(dir, fileNameFor(name, *image), image->data);
                },
                [this, name = c->name, accountId, approve](const Result<QString>& file) {
                    onMade(name, accountId, approve, file);
                });
        }
    }
    return {};
}

void ReferenceMaker::onMade(const QString& name, const QString& account, bool approve,
                            const Result<QString>& file)
{
    Character* c = find(name);
    if (!file || !c) {
        ++m_failed;
        const QString why =
            !file ? file.error().message : u"The character is no longer in the script."_s;
        qCWarning(lcStory).noquote() << u"reference image for %1: %2"_s.arg(name, why);
        emit failed(name, why);
    } else {
        bool known = false;
        for (const CharacterRef& r : std::as_const(c->references))
            known = known || r.file == *file;
        if (!known) {
            CharacterRef ref;
            ref.file = *file;
            ref.source = u"generated"_s;
            ref.account = account;
            ref.approved = approve && c->approvedReferences().size() < Character::kMaxReferences;
            ref.createdAt = QDateTime::currentDateTimeUtc();
            c->references.append(ref);
            m_store.markDirty();
        }
        ++m_made;
        emit made(name, *file);
    }
    finishOne();
}

ImageRequest ReferenceMaker::keyframeRequestFor(const Scene& scene, const Script& script)
{
    const StylePreset style = StylePresets::findOrDefault(script.style);
    ImageRequest r;
    // The prompt the clip is made from, as a still: the first frame of the shot.
    r.prompt = u"The first frame of this shot, as a still image: %1"_s.arg(
        PromptComposer::compose(scene, script, style, 4000, true).prompt);
    r.aspectRatio = script.aspectRatio;
    r.title = u"Scene %1"_s.arg(scene.number);
    r.subtitle = scene.characters.join(u", "_s);
    r.text = scene.beat.isEmpty() ? scene.visualPrompt : scene.beat;
    r.badge = QString::number(scene.number);
    r.background = style.background;
    r.accent = style.accent;
    return r;
}

Scene* ReferenceMaker::sceneAt(int number)
{
    QList<Scene>& scenes = m_store.project().script.scenes;
    return number >= 1 && number <= scenes.size() ? &scenes[number - 1] : nullptr;
}

Status ReferenceMaker::makeKeyframes(const QList<int>& scenes, const QString& accountId)
{
    if (!m_store.isOpen())
        return Error::make(ErrorKind::Invalid, u"No project is open."_s);
    const Script& script = m_store.project().script;
    QList<int> chosen = scenes;
    if (chosen.isEmpty()) {
        for (const Scene& s : script.scenes) {
            if (s.isWritten())
                chosen.append(s.number);
        }
    }
    if (chosen.isEmpty())
        return Error::make(ErrorKind::Invalid,
                           u"No scene is written yet: write the script first."_s);
    for (int n : std::as_const(chosen)) {
        const Scene* s = script.scene(n);
        if (!s || !s->isWritten())
            return Error::make(ErrorKind::Invalid,
                               u"Scene %1 is not written yet: it has nothing to draw."_s.arg(n));
    }
    Result<AppServices::ImageMaker> maker = m_app.imageMaker(accountId);
    if (!maker)
        return maker.error();
    m_cancel = CancelToken();
    m_made = m_failed = 0;
    const QString dir = m_store.dir();
    for (int n : std::as_const(chosen)) {
        ++m_running;
        const ImageRequest request = keyframeRequestFor(*script.scene(n), script);
        QStringList references;
        for (const QString& file : script.referencesFor(n))
            references.append(QDir(dir).filePath(file));
        runInPool(
            &Pools::jobs(), this,
            [make = *maker, request, references, cancel = m_cancel, dir, n]() -> Result<QString> {
                Result<std::shared_ptr<ImageProvider>> provider = make();
                if (!provider)
                    return provider.error();
                ImageRequest withImages = request;
                if ((*provider)->takesReferences()) {
                    for (const QString& path : references) {
                        Result<ImageInput> image = image::readFile(path);
                        if (!image)
                            return image.error();
                        withImages.references.append(*image);
                    }
                }
                Result<ImageInput> image = (*provider)->generate(withImages, cancel);
                if (!image)
                    return image.error();
                const QString hash = QString::fromLatin1(
                    QCryptographicHash::hash(image->data, QCryptographicHash::Sha1)
                        .toHex()
                        .left(10));
                return writeReference(dir,
                                      u"keyframes/s%1-%2.%3"_s.arg(n, 3, 10, QLatin1Char('0'))
                                          .arg(hash, image::extension(image->mimeType)),
                                      image->data);
            },
            [this, n](const Result<QString>& file) { onKeyframe(n, file); });
    }
    return {};
}

void ReferenceMaker::onKeyframe(int number, const Result<QString>& file)
{
    const QString name = u"Scene %1"_s.arg(number);
    Scene* scene = sceneAt(number);
    if (!file || !scene) {
        ++m_failed;
        const QString why = !file ? file.error().message : u"The script no longer has it."_s;
        qCWarning(lcStory).noquote() << u"keyframe of scene %1: %2"_s.arg(number).arg(why);
        emit failed(name, why);
    } else {
        if (scene->keyframe.isEmpty()) {
            scene->keyframe = *file; // nothing to keep
        } else if (*file != scene->keyframe) {
            if (!scene->newKeyframe.isEmpty() && scene->newKeyframe != *file)
                QFile::remove(QDir(m_store.dir()).filePath(scene->newKeyframe));
            scene->newKeyframe = *file;
        }
        m_store.markDirty();
        ++m_made;
        emit made(name, *file);
    }
    finishOne();
}

void ReferenceMaker::finishOne()
{
    if (--m_running == 0)
        emit finished(m_made, m_failed);
}

Status ReferenceMaker::approveKeyframe(int number)
{
    Scene* scene = sceneAt(number);
    if (!scene || scene->newKeyframe.isEmpty())
        return Error::make(ErrorKind::Invalid,
                           u"Scene %1 has no new keyframe waiting for approval."_s.arg(number));
    QFile::remove(QDir(m_store.dir()).filePath(scene->keyframe));
    scene->keyframe = scene->newKeyframe;
    scene->newKeyframe.clear();
    m_store.markDirty();
    return {};
}

Status ReferenceMaker::discardKeyframe(int number)
{
    Scene* scene = sceneAt(number);
    if (!scene || scene->newKeyframe.isEmpty())
        return Error::make(ErrorKind::Invalid,
                           u"Scene %1 has no new keyframe waiting for approval."_s.arg(number));
    QFile::remove(QDir(m_store.dir()).filePath(scene->newKeyframe));
    scene->newKeyframe.clear();
    m_store.markDirty();
    return {};
}

void ReferenceMaker::stop()
{
    m_cancel.cancel();
}

Result<CharacterRef> ReferenceMaker::store(const QString& name, const ImageInput& image,
                                           const QString& source, const QString& account)
{
    Character* c = find(name);
    if (!c)
        return Error::make(ErrorKind::Invalid, u"The script has no character \"%1\"."_s.arg(name));
    const QString file = fileNameFor(c->name, image);
    if (Result<QString> written = writeReference(m_store.dir(), file, image.data); !written)
        return written.error();
    for (const CharacterRef& r : std::as_const(c->references)) {
        if (r.file == file)
            return r; // the same image again
    }
    CharacterRef ref;
    ref.file = file;
    ref.source = source;
    ref.account = account;
    ref.approved = c->approvedReferences().isEmpty();
    ref.createdAt = QDateTime::currentDateTimeUtc();
    c->references.append(ref);
    m_store.markDirty();
    return ref;
}

Result<CharacterRef> ReferenceMaker::importFile(const QString& name, const QString& path)
{
    if (!m_store.isOpen())
        return Error::make(ErrorKind::Invalid, u"No project is open."_s);
    Result<ImageInput> image = image::readFile(path);
    if (!image)
        return image.error();
    return store(name, *image, u"imported"_s, {});
}

Status ReferenceMaker::approve(const QString& name)
{
    Character* c = find(name);
    if (!c)
        return Error::make(ErrorKind::Invalid, u"The script has no character \"%1\"."_s.arg(name));
    if (!c->hasPendingReferences())
        return Error::make(ErrorKind::Invalid,
                           u"%1 has no new images waiting for approval."_s.arg(c->name));
    QList<CharacterRef> kept;
    QStringList gone;
    for (CharacterRef r : std::as_const(c->references)) {
        if (r.approved) {
            gone.append(r.file);
            continue;
        }
        r.approved = kept.size() < Character::kMaxReferences;
        kept.append(r);
    }
    c->references = kept;
    m_store.markDirty();
    for (const QString& file : gone)
        QFile::remove(QDir(m_store.dir()).filePath(file));
    return {};
}

Status ReferenceMaker::discard(const QString& name)
{
    Character* c = find(name);
    if (!c)
        return Error::make(ErrorKind::Invalid, u"The script has no character \"%1\"."_s.arg(name));
    QList<CharacterRef> kept;
    for (const CharacterRef& r : std::as_const(c->references)) {
        if (r.approved)
            kept.append(r);
        else
            QFile::remove(QDir(m_store.dir()).filePath(r.file));
    }
    c->references = kept;
    m_store.markDirty();
    return {};
}

} // namespace t2v

#include "safepath.h"

#include <QDir>
#include <QStandardPaths>
#include <QStringList>

namespace t2v {
namespace {

constexpr qsizetype kMaxIdLength = 64;
constexpr qsizetype kMaxPathLength = 512;

bool isIdChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           c == u'_' || c == u'-' || c == u'.';
}

bool isSafeName(const QString& name, qsizetype maxLength)
{
    if (name.isEmpty() || name.size() > maxLength || name == u"." || name == u"..")
        return false;
    if (!name.front().isLetterOrNumber() || name.front().unicode() > 127)
        return false;
    for (QChar c : name) {
        if (!isIdChar(c))
            return false;
    }
    return !name.contains(QStringLiteral(".."));
}

} // namespace

bool isSafeId(const QString& id)
{
    return isSafeName(id, kMaxIdLength);
}

bool isSafeRelativePath(const QString& path)
{
    if (path.isEmpty() || path.size() > kMaxPathLength)
        return false;
    const QStringList parts = path.split(u'/');
    for (const QString& part : parts) {
        if (!isSafeName(part, 255))
            return false;
    }
    return true;
}

QString appCacheDir(const QString& sub)
{
    const QString overridden = qEnvironmentVariable("T2V_CACHE_DIR");
    const QString root =
        !overridden.isEmpty()
            ? overridden
            : QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation))
                  .filePath(QStringLiteral("t2v-studio"));
    return QDir(root).filePath(sub);
}

} // namespace t2v

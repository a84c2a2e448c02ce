#pragma once

// Checks for names and paths read from files that other people or programs may have written
// (a shared project.json is untrusted input): ids become file names, stored paths are opened and
// written, so neither may lead outside the project folder.

#include <QString>

namespace t2v {

// 1-64 characters of A-Z a-z 0-9 _ - ., starting with a letter or digit, never "..": safe as a
// file name on every system and in a URL path segment.
bool isSafeId(const QString& id);

// A relative path with '/' separators whose every part is a safe name: no root, no drive, no
// "..", no empty or "." parts, no backslashes or control characters. It stays inside the folder
// it is taken relative to.
bool isSafeRelativePath(const QString& path);

// `sub` under the application's cache folder: $T2V_CACHE_DIR when set, else the user's cache
// folder's t2v-studio/.
QString appCacheDir(const QString& sub);

} // namespace t2v

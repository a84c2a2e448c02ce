#pragma once

// Checks a finished script as a whole and adds warnings to its scenes: near-duplicate scenes,
// characters missing from the bible, and empty fields. Warnings never stop a run; they are
// shown beside the scene so a person can decide.

#include "core/script.h"

namespace t2v {

class SceneChecks
{
public:
    // Similarity of two texts in [0, 1]: Jaccard overlap of their content words.
    static double similarity(const QString& a, const QString& b);
    // Replaces the warnings these checks own on every scene; keeps the parser's warnings.
    static void apply(Script& script, double duplicateThreshold = 0.8);

    static QString duplicatePrefix() { return QStringLiteral("Nearly the same as scene "); }
};

} // namespace t2v

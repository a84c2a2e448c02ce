#pragma once

// The ranges of the numbers a person chooses, in one place: the settings table, the project
// file's validation, the command line and the window's spin boxes all read them from here.

#include <QString>

#include <algorithm>

namespace t2v {

struct Range
{
    int min;
    int max;
    int fallback; // the default

    constexpr bool contains(int v) const { return v >= min && v <= max; }
    constexpr int clamp(int v) const { return std::clamp(v, min, max); }
    QString text() const { return QString::number(min) + u'-' + QString::number(max); }
};

namespace limits {
inline constexpr Range BatchSize{1, 10, 5};     // scenes written at once
inline constexpr Range ContextScenes{0, 20, 3}; // earlier scenes a request sees in full
inline constexpr Range SceneRetries{0, 10, 2};
inline constexpr Range Variants{1, 5, 1};           // clips per scene
inline constexpr Range ParallelDownloads{1, 10, 5}; // transfers at once
inline constexpr Range PollIntervalSeconds{2, 120, 8};
inline constexpr Range MaxConcurrentJobs{1, 50, 2};    // per account
inline constexpr Range RequestsPerMinute{1, 6000, 10}; // per account
// fal.ai: how long a request may wait to start (0 = no deadline; fal refuses 1 s or less) and
// how long fal keeps the finished media (0 = fal's default; less than an hour risks losing a
// paid clip while the program is closed).
inline constexpr Range StartDeadlineSeconds{0, 86400, 0};
inline constexpr Range MediaExpirySeconds{0, 31536000, 0};
// A paid run estimated above this many dollars is confirmed first (0: every paid run).
inline constexpr Range ConfirmCostAboveUsd{0, 100000, 10};
// Budgets in US dollars (0 = none), per run, project, account and day, or 10 minutes.
inline constexpr double MaxBudgetUsd = 100000.0;
inline bool isBudget(double usd)
{
    return usd >= 0.0 && usd <= MaxBudgetUsd; // false for NaN too
}
} // namespace limits

} // namespace t2v

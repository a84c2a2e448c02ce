#include "jobstate.h"

#include <QCoreApplication>

#include <array>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

struct StateInfo
{
    JobState state;
    const char16_t* name;
    const char* label;
};

constexpr std::array kStates{
    StateInfo{JobState::Queued, u"queued", QT_TRANSLATE_NOOP("JobState", "Queued")},
    StateInfo{JobState::Submitting, u"submitting", QT_TRANSLATE_NOOP("JobState", "Submitting")},
    StateInfo{JobState::Submitted, u"submitted", QT_TRANSLATE_NOOP("JobState", "Submitted")},
    StateInfo{JobState::Rendering, u"rendering", QT_TRANSLATE_NOOP("JobState", "Rendering")},
    StateInfo{JobState::Ready, u"ready", QT_TRANSLATE_NOOP("JobState", "Ready")},
    StateInfo{JobState::Downloading, u"downloading", QT_TRANSLATE_NOOP("JobState", "Downloading")},
    StateInfo{JobState::Downloaded, u"downloaded", QT_TRANSLATE_NOOP("JobState", "Downloaded")},
    StateInfo{JobState::Finishing, u"finishing", QT_TRANSLATE_NOOP("JobState", "Finishing")},
    StateInfo{JobState::Done, u"done", QT_TRANSLATE_NOOP("JobState", "Done")},
    StateInfo{JobState::Failed, u"failed", QT_TRANSLATE_NOOP("JobState", "Failed")},
    StateInfo{JobState::Cancelled, u"cancelled", QT_TRANSLATE_NOOP("JobState", "Cancelled")},
    StateInfo{JobState::Unconfirmed, u"unconfirmed", QT_TRANSLATE_NOOP("JobState", "Unconfirmed")},
};

const StateInfo& info(JobState state)
{
    return kStates[static_cast<std::size_t>(state)];
}

} // namespace

QString jobStateName(JobState state)
{
    return QString::fromUtf16(info(state).name);
}

QString jobStateLabel(JobState state)
{
    return QCoreApplication::translate("JobState", info(state).label);
}

std::optional<JobState> jobStateFromName(const QString& name)
{
    for (const StateInfo& s : kStates) {
        if (name == QString::fromUtf16(s.name))
            return s.state;
    }
    return std::nullopt;
}

namespace {

constexpr std::array kStages{u"", u"submit", u"poll", u"render", u"download", u"finish"};

} // namespace

QString jobStageName(JobStage stage)
{
    return QString::fromUtf16(kStages[static_cast<std::size_t>(stage)]);
}

JobStage jobStageFromName(const QString& name)
{
    for (std::size_t i = 1; i < kStages.size(); ++i) {
        if (name == QString::fromUtf16(kStages[i]))
            return static_cast<JobStage>(i);
    }
    return JobStage::None;
}

bool isTerminal(JobState state)
{
    return state == JobState::Done || state == JobState::Failed || state == JobState::Cancelled ||
           state == JobState::Unconfirmed;
}

bool isRemotePending(JobState state)
{
    return state == JobState::Submitted || state == JobState::Rendering;
}

bool occupiesAccountSlot(JobState state)
{
    return state == JobState::Submitting || state == JobState::Submitted ||
           state == JobState::Rendering;
}

} // namespace t2v

#include "videoprovider.h"

using namespace Qt::StringLiterals;

namespace t2v {

Status VideoProvider::cancel(const VideoJob&, const CancelToken&)
{
    return Error::make(
        ErrorKind::Unsupported,
        u"%1 cannot cancel a job once it is submitted; it will finish and be billed."_s.arg(
            label()));
}

} // namespace t2v

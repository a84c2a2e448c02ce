#pragma once

// The named thread pools of DESIGN.md §2, so one kind of work never starves another:
// llm (scene batch size), poll (2), download (parallel downloads, 1-10) and media (2).

class QThreadPool;

namespace t2v {

class Pools
{
public:
    static QThreadPool& llm();
    static QThreadPool& poll();
    static QThreadPool& download();
    static QThreadPool& media();
};

} // namespace t2v

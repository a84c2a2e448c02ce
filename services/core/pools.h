#pragma once

// The named thread pools of DESIGN.md §2, each named for what it runs, so one kind of work
// never starves another:
//   llm       script requests (the scene batch size)
//   jobs      video job submissions and polls (2)
//   download  clip transfers (parallel downloads, 1-10)
//   media     short FFmpeg work: probing clips, thumbnails (2)
//   render    long FFmpeg work: the whole film, 4K resamples (1)
//   control   what a person waits for: keychain reads and writes, account tests, tool
//             checks (2)

class QThreadPool;

namespace t2v {

class Pools
{
public:
    static QThreadPool& llm();
    static QThreadPool& jobs();
    static QThreadPool& download();
    static QThreadPool& media();
    static QThreadPool& render();
    static QThreadPool& control();
};

} // namespace t2v

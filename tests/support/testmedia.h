#pragma once

// Tiny media made at test time with FFmpeg, so the repository holds no binary fixtures:
// each function prints the exact command it runs into the test log.

#include <QString>

namespace t2v::test {

struct ClipSpec
{
    int width = 320;
    int height = 180;
    int fps = 24;
    double seconds = 2.0;
    bool audio = true;
    int sampleRate = 48000;
};

// Makes (once per test process) a clip with a moving test pattern and a tone; returns its path
// or an empty string when FFmpeg is missing or fails.
QString makeClip(const QString& dir, const QString& name, const ClipSpec& spec = {});

// The bytes of a small valid MP4 (320x180, 1 s), cached per process.
QByteArray smallMp4();

// A valid 1x1 PNG (8 bit RGBA), the image every fake image service answers with; `shade`
// changes its one pixel so that two answers differ.
QByteArray tinyPng(int shade = 0);

// Duration in seconds as ffprobe reports it, -1 on error.
double probeDuration(const QString& file);
// "width x height" of the first video stream, empty on error.
QString probeSize(const QString& file);

} // namespace t2v::test

#pragma once

// Pieces of FFmpeg's drawtext filter shared by the offline renderers (the animatic and the
// reference card): colours, fonts and text wrapped into lines.

#include <QString>

namespace t2v::drawtext {

// "#rrggbb" as FFmpeg's colour syntax ("0xrrggbb").
QString colour(const QString& hex);
// Moves a "#rrggbb" colour towards another by `amount` (0-1).
QString mix(const QString& from, const QString& to, double amount);
// `text` in lines of at most `width` characters; past `maxLines`, the last ends with "…".
QString wrap(const QString& text, int width, int maxLines = 9);
// The font option of drawtext: DejaVu Sans when installed, else fontconfig's "Sans".
QString font(bool bold);

} // namespace t2v::drawtext

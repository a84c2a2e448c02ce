#include "promptcontext.h"

using namespace Qt::StringLiterals;

namespace t2v {

QString promptContextBlock(const json::Json& context)
{
    return QString::fromLatin1(kContextBegin) + u'\n' +
           QString::fromStdString(json::dump(context, 1)) + u'\n' +
           QString::fromLatin1(kContextEnd);
}

json::Json extractPromptContext(const QString& text)
{
    const QString begin = QString::fromLatin1(kContextBegin);
    const QString end = QString::fromLatin1(kContextEnd);
    const qsizetype from = text.lastIndexOf(begin);
    if (from < 0)
        return json::Json(json::Json::value_t::discarded);
    const qsizetype to = text.indexOf(end, from);
    if (to < 0)
        return json::Json(json::Json::value_t::discarded);
    const QString inner = text.mid(from + begin.size(), to - from - begin.size());
    return json::parse(inner.toUtf8(), nullptr);
}

json::Json extractPromptContext(const LlmRequest& request)
{
    for (auto it = request.messages.crbegin(); it != request.messages.crend(); ++it) {
        if (it->role != LlmMessage::Role::User)
            continue;
        json::Json ctx = extractPromptContext(it->text);
        if (!ctx.is_discarded())
            return ctx;
    }
    return json::Json(json::Json::value_t::discarded);
}

QString storyPosition(int number, int count)
{
    if (count <= 1)
        return u"whole story"_s;
    const double f = double(number - 1) / double(count - 1);
    if (f < 0.10)
        return u"opening"_s;
    if (f < 0.25)
        return u"setup"_s;
    if (f < 0.45)
        return u"rising action"_s;
    if (f < 0.55)
        return u"midpoint"_s;
    if (f < 0.75)
        return u"complications"_s;
    if (f < 0.90)
        return u"climax"_s;
    return u"resolution"_s;
}

} // namespace t2v

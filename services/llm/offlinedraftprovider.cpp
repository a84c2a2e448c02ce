#include "offlinedraftprovider.h"

#include "llm/promptcontext.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <array>

using namespace Qt::StringLiterals;

namespace t2v {
namespace {

// A hash that is the same in every run (qHash is seeded per process).
quint64 stableHash(const QString& text)
{
    quint64 h = 1469598103934665603ULL;
    for (const char c : text.toUtf8()) {
        h ^= quint8(c);
        h *= 1099511628211ULL;
    }
    return h;
}

template <std::size_t N>
QString pick(const std::array<const char16_t*, N>& list, quint64 index)
{
    return QString::fromUtf16(list[std::size_t(index % N)]);
}

enum Stage { Opening, Setup, Rising, Midpoint, Complications, Climax, Resolution, StageCount };

Stage stageFor(int number, int count)
{
    const QString p = storyPosition(number, count);
    if (p == u"opening"_s || p == u"whole story"_s)
        return Opening;
    if (p == u"setup"_s)
        return Setup;
    if (p == u"rising action"_s)
        return Rising;
    if (p == u"midpoint"_s)
        return Midpoint;
    if (p == u"complications"_s)
        return Complications;
    if (p == u"climax"_s)
        return Climax;
    return Resolution;
}

// ---- English --------------------------------------------------------------------------------

constexpr std::array kHeroes{u"Mara", u"Elias", u"June", u"Theo", u"Ines",
                             u"Kai",  u"Rosa",  u"Dev",  u"Lena", u"Omar"};
constexpr std::array kAllies{u"Sol",   u"Pia",  u"Arlo",  u"Nadia",
                             u"Felix", u"Yara", u"Jonah", u"Wren"};
constexpr std::array kHair{u"short silver hair",
                           u"a long black braid",
                           u"curly copper hair",
                           u"a shaved head",
                           u"shoulder-length brown hair",
                           u"messy blond hair",
                           u"a grey bob",
                           u"tight dark curls"};
constexpr std::array kEyes{u"green eyes", u"dark brown eyes", u"pale blue eyes", u"amber eyes",
                           u"hazel eyes"};
constexpr std::array kBuild{u"tall and lean", u"short and sturdy", u"broad-shouldered",
                            u"slight and wiry", u"athletic"};
constexpr std::array kClothes{
    u"a yellow raincoat over a navy sweater",   u"a worn brown leather jacket and a red scarf",
    u"a white linen shirt and canvas trousers", u"a green parka with many pockets",
    u"a long charcoal coat and black boots",    u"a faded denim jacket and white sneakers"};
constexpr std::array kVoices{u"calm alto", u"warm baritone", u"quick bright tenor",
                             u"soft low voice", u"raspy mezzo-soprano"};

constexpr std::array kPlaces{u"a fog-covered harbour",
                             u"a narrow market street",
                             u"a rooftop garden",
                             u"an abandoned train station",
                             u"a forest clearing",
                             u"a lighthouse gallery",
                             u"a crowded night bus",
                             u"a quiet library",
                             u"a windswept cliff path",
                             u"a flooded underpass",
                             u"a bright kitchen",
                             u"a mountain pass",
                             u"a neon-lit alley",
                             u"a wheat field",
                             u"a river ferry",
                             u"an empty school gym",
                             u"a hospital corridor",
                             u"a desert road",
                             u"a greenhouse",
                             u"a snowy courtyard",
                             u"a busy train platform",
                             u"a candle-lit chapel",
                             u"a junkyard at the edge of town"};
constexpr std::array kPlacesVi{u"một bến cảng phủ sương",
                               u"một con phố chợ hẹp",
                               u"một khu vườn trên sân thượng",
                               u"một nhà ga bỏ hoang",
                               u"một khoảng rừng trống",
                               u"ban công ngọn hải đăng",
                               u"một chuyến xe buýt đêm",
                               u"một thư viện yên tĩnh",
                               u"một lối mòn lộng gió trên vách đá",
                               u"một đường hầm ngập nước",
                               u"một căn bếp sáng sủa",
                               u"một con đèo",
                               u"một con hẻm ánh đèn neon",
                               u"một cánh đồng lúa mì",
                               u"một chuyến phà qua sông",
                               u"một phòng thể dục vắng",
                               u"một hành lang bệnh viện",
                               u"một con đường sa mạc",
                               u"một nhà kính",
                               u"một sân trong phủ tuyết",
                               u"một sân ga đông người",
                               u"một nhà nguyện thắp nến",
                               u"một bãi phế liệu cuối thị trấn"};
constexpr std::array kShots{u"Wide establishing shot", u"Slow dolly-in",
                            u"Over-the-shoulder shot", u"Low-angle tracking shot",
                            u"Handheld close-up",      u"Aerial drone shot",
                            u"Static medium shot",     u"Crane shot rising",
                            u"Macro close-up",         u"Slow pan",
                            u"Point-of-view shot",     u"Silhouette shot against the light",
                            u"Dutch-angle shot",       u"Steadicam follow shot"};
constexpr std::array kTimes{u"dawn",        u"early morning", u"midday", u"afternoon",
                            u"golden hour", u"dusk",          u"night",  u"blue hour before dawn"};
constexpr std::array kLight{u"soft diffused light", u"hard side light",    u"flickering lamplight",
                            u"cool moonlight",      u"warm backlight",     u"overcast grey light",
                            u"neon reflections",    u"dappled sunlight",   u"candlelight",
                            u"stormy low light",    u"long raking shadows"};

constexpr std::array<std::array<const char16_t*, 3>, StageCount> kMoods{{
    {u"calm", u"curious", u"quiet"},
    {u"hopeful", u"uneasy", u"intrigued"},
    {u"tense", u"determined", u"restless"},
    {u"shocked", u"revelatory", u"stunned"},
    {u"desperate", u"strained", u"fraught"},
    {u"intense", u"thunderous", u"fierce"},
    {u"bittersweet", u"peaceful", u"tender"},
}};

constexpr std::array<std::array<const char16_t*, 5>, StageCount> kActions{{
    {u"{hero} walks through {place} carrying {thing}",
     u"{hero} watches the light change over {place}",
     u"{hero} opens the shutters of {place} and looks out",
     u"{hero} sorts old letters on a table in {place}",
     u"{hero} sketches {thing} in a notebook in {place}"},
    {u"{hero} notices a strange mark on {thing} in {place}",
     u"{hero} meets {ally} for the first time in {place}",
     u"{hero} hears an unfamiliar sound echo across {place}",
     u"{hero} hides {thing} under a coat in {place}",
     u"{ally} hands {hero} a folded map in {place}"},
    {u"{hero} and {ally} hurry across {place}", u"{hero} climbs toward the far side of {place}",
     u"{hero} argues with {ally} in {place}", u"{hero} follows a trail of clues through {place}",
     u"{ally} keeps watch while {hero} searches {place}"},
    {u"{hero} uncovers the truth about {thing} in {place}",
     u"{hero} freezes as {thing} changes in {place}",
     u"{ally} reveals a secret to {hero} in {place}",
     u"{hero} stands alone in {place} holding {thing}",
     u"a sudden storm breaks over {place} as {hero} looks up"},
    {u"{hero} stumbles through {place} as everything goes wrong",
     u"{hero} loses {thing} in the chaos of {place}", u"{ally} turns away from {hero} in {place}",
     u"{hero} runs against the wind across {place}", u"{hero} counts what is left in {place}"},
    {u"{hero} confronts the danger head-on in {place}",
     u"{hero} reaches for {thing} at the edge of {place}",
     u"{hero} and {ally} make a last stand in {place}",
     u"{hero} shouts into the storm over {place}", u"{hero} lifts {thing} high above {place}"},
    {u"{hero} sits quietly in {place} as calm returns",
     u"{hero} and {ally} share a meal in {place}", u"{hero} sets {thing} down gently in {place}",
     u"{hero} walks away from {place} smiling",
     u"the camera lingers on {place}, empty and at peace"},
}};

constexpr std::array<std::array<const char16_t*, 4>, StageCount> kBeats{{
    {u"{Hero}'s ordinary days in {place}, with {thing} never far away.",
     u"A morning in {place}: {hero} before anything changes.",
     u"{Hero} keeps to old habits in {place}.", u"The world of {place} as {hero} knows it."},
    {u"{Hero} finds the first sign that {thing} is not what it seems.",
     u"{Ally} arrives in {place} with a question.",
     u"A small mystery around {thing} pulls {hero} out of {place}.",
     u"{Hero} decides to find out more, despite the risk."},
    {u"{Hero} and {ally} set out for {place}.", u"The search for {thing} leads through {place}.",
     u"Obstacles pile up in {place}; {hero} pushes on.", u"{Hero} learns a new skill in {place}."},
    {u"The truth about {thing} comes out in {place}.",
     u"A revelation in {place} turns the story around.", u"{Hero} sees what {thing} really means.",
     u"Nothing in {place} looks the same after this."},
    {u"{Hero}'s plan falls apart in {place}.", u"{Ally} doubts {hero}; they part ways in {place}.",
     u"{Thing} slips out of reach in {place}.", u"{Hero} is at the lowest point in {place}."},
    {u"{Hero} faces everything in {place} for {thing}.",
     u"The final confrontation breaks out in {place}.", u"{Hero} risks it all in {place}.",
     u"{Ally} returns to {place} just in time."},
    {u"Calm returns to {place}; {hero} understands {thing}.",
     u"{Hero} and {ally} look back from {place}.", u"A new ordinary day begins in {place}.",
     u"{Hero} leaves {place} changed for good."},
}};

constexpr std::array<std::array<const char16_t*, 3>, StageCount> kNarration{{
    {u"Nobody in {place} would have guessed what was coming.",
     u"For now, {place} belonged only to {hero}.", u"Every day in {place} began the same way."},
    {u"It started with something small, the kind of thing you could ignore.",
     u"{Hero} could not stop thinking about {thing}.",
     u"Questions, once asked, refuse to go away."},
    {u"Each step took {hero} further from what was safe.",
     u"The road through {place} was longer than it looked.",
     u"They were close now, closer than they knew."},
    {u"And then, in {place}, everything made sense at once.",
     u"The truth was stranger than any of them had feared.",
     u"There was no going back after {place}."},
    {u"Nothing went as planned.",
     u"Alone in {place}, {hero} wondered whether it had all been for nothing.",
     u"The harder {hero} held on, the faster it slipped away."},
    {u"This was the moment everything had led to.", u"In {place}, {hero} finally stopped running.",
     u"All or nothing, here and now."},
    {u"The storm passed, as storms do.", u"{Place} was quiet again, but {hero} was not the same.",
     u"Some endings are really beginnings."},
}};

constexpr std::array kLines{u"We can't turn back now.",   u"Did you see that?",
                            u"Stay close to me.",         u"I think I finally understand.",
                            u"Trust me, just this once.", u"It was here all along.",
                            u"Then we do it together.",   u"I'm not afraid anymore."};

// ---- Vietnamese ----------------------------------------------------------------------------

constexpr std::array kHeroesVi{u"Minh", u"Lan", u"An", u"Hoa", u"Tuấn", u"Mai", u"Khoa", u"Linh"};
constexpr std::array kAlliesVi{u"Bảo", u"Vy", u"Nam", u"Thảo", u"Phúc", u"Trang"};

constexpr std::array<std::array<const char16_t*, 4>, StageCount> kBeatsVi{{
    {u"Những ngày bình thường của {hero} ở {place}, {thing} luôn ở gần.",
     u"Một buổi sáng ở {place}: {hero} trước khi mọi thứ thay đổi.",
     u"{Hero} vẫn giữ những thói quen cũ ở {place}.", u"Thế giới quen thuộc của {hero} ở {place}."},
    {u"{Hero} thấy dấu hiệu đầu tiên rằng {thing} không như vẻ ngoài.",
     u"{Ally} đến {place} với một câu hỏi.",
     u"Một bí ẩn nhỏ quanh {thing} kéo {hero} rời khỏi {place}.",
     u"{Hero} quyết định tìm hiểu, bất chấp rủi ro."},
    {u"{Hero} và {ally} lên đường tới {place}.", u"Cuộc tìm kiếm {thing} dẫn qua {place}.",
     u"Trở ngại chồng chất ở {place}; {hero} vẫn tiến lên.",
     u"{Hero} học được một điều mới ở {place}."},
    {u"Sự thật về {thing} được hé lộ ở {place}.",
     u"Một phát hiện ở {place} làm câu chuyện rẽ hướng.",
     u"{Hero} hiểu {thing} thật sự có ý nghĩa gì.",
     u"Sau chuyện này, {place} không còn như trước."},
    {u"Kế hoạch của {hero} đổ vỡ ở {place}.",
     u"{Ally} nghi ngờ {hero}; hai người chia tay ở {place}.",
     u"{Thing} vuột khỏi tầm tay ở {place}.", u"{Hero} chạm đáy ở {place}."},
    {u"{Hero} đối mặt với tất cả ở {place} vì {thing}.", u"Cuộc đối đầu cuối cùng nổ ra ở {place}.",
     u"{Hero} liều tất cả ở {place}.", u"{Ally} quay lại {place} vừa kịp lúc."},
    {u"Bình yên trở lại {place}; {hero} đã hiểu {thing}.", u"{Hero} và {ally} nhìn lại từ {place}.",
     u"Một ngày bình thường mới bắt đầu ở {place}.", u"{Hero} rời {place}, đã đổi khác mãi mãi."},
}};

constexpr std::array<std::array<const char16_t*, 3>, StageCount> kNarrationVi{{
    {u"Không ai ở {place} đoán được điều sắp xảy ra.", u"Lúc này, {place} chỉ thuộc về {hero}.",
     u"Ngày nào ở {place} cũng bắt đầu như thế."},
    {u"Mọi chuyện bắt đầu từ một điều rất nhỏ.", u"{Hero} không thể thôi nghĩ về {thing}.",
     u"Câu hỏi một khi đã đặt ra thì không chịu biến mất."},
    {u"Mỗi bước chân đưa {hero} xa hơn khỏi nơi an toàn.",
     u"Con đường qua {place} dài hơn vẻ ngoài.", u"Họ đã đến gần, gần hơn họ tưởng."},
    {u"Và rồi, ở {place}, mọi thứ bỗng sáng tỏ.", u"Sự thật kỳ lạ hơn mọi điều họ lo sợ.",
     u"Sau {place}, không còn đường quay lại."},
    {u"Không điều gì diễn ra như dự tính.",
     u"Một mình ở {place}, {hero} tự hỏi liệu tất cả có vô ích.",
     u"{Hero} càng níu giữ, mọi thứ càng trôi đi nhanh hơn."},
    {u"Đây là khoảnh khắc mà mọi thứ hướng tới.",
     u"Ở {place}, {hero} cuối cùng cũng thôi chạy trốn.",
     u"Được ăn cả, ngã về không, ngay tại đây."},
    {u"Cơn bão đã qua, như mọi cơn bão.", u"{Place} lại yên tĩnh, nhưng {hero} đã khác.",
     u"Có những kết thúc thật ra là khởi đầu."},
}};

constexpr std::array kLinesVi{u"Mình không thể quay lại nữa.",
                              u"Cậu thấy không?",
                              u"Ở gần mình nhé.",
                              u"Mình nghĩ mình hiểu rồi.",
                              u"Tin mình, chỉ lần này thôi.",
                              u"Nó ở đây từ đầu.",
                              u"Vậy thì ta cùng làm.",
                              u"Mình không còn sợ nữa."};

struct Cast
{
    QString hero;
    QString ally;
};

bool isVietnamese(const json::Json& ctx)
{
    return json::optString(ctx, "language") == u"vi"_s;
}

// The most telling words of the idea, to weave into the text.
QString keyThing(const QString& idea, bool vietnamese)
{
    static const QSet<QString> stop{u"about"_s, u"their"_s, u"there"_s,  u"which"_s,
                                    u"where"_s, u"after"_s, u"before"_s, u"through"_s,
                                    u"story"_s, u"video"_s, u"someone"_s};
    static const QRegularExpression split(u"[^\\p{L}\\p{N}'-]+"_s);
    QString best;
    for (const QString& w : idea.split(split, Qt::SkipEmptyParts)) {
        if (w.size() > best.size() && !stop.contains(w.toLower()))
            best = w;
    }
    if (best.isEmpty())
        return vietnamese ? u"điều bí ẩn"_s : u"the secret"_s;
    if (vietnamese)
        return best.toLower();
    return u"the "_s + best.toLower();
}

Cast castFor(const json::Json& ctx)
{
    Cast cast;
    if (const auto it = ctx.find("characters"); it != ctx.end() && it->is_array()) {
        if (it->size() > 0)
            cast.hero = json::optString((*it)[0], "name");
        if (it->size() > 1)
            cast.ally = json::optString((*it)[1], "name");
    }
    const quint64 seed = stableHash(json::optString(ctx, "idea"));
    const bool vi = isVietnamese(ctx);
    if (cast.hero.isEmpty())
        cast.hero = vi ? pick(kHeroesVi, seed) : pick(kHeroes, seed);
    if (cast.ally.isEmpty())
        cast.ally = vi ? pick(kAlliesVi, seed >> 8) : pick(kAllies, seed >> 8);
    return cast;
}

QString capitalized(QString s)
{
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

QString fill(QString text, const Cast& cast, const QString& place, const QString& thing)
{
    text.replace(u"{Hero}"_s, capitalized(cast.hero));
    text.replace(u"{hero}"_s, cast.hero);
    text.replace(u"{Ally}"_s, capitalized(cast.ally));
    text.replace(u"{ally}"_s, cast.ally);
    text.replace(u"{Place}"_s, capitalized(place));
    text.replace(u"{place}"_s, place);
    text.replace(u"{Thing}"_s, capitalized(thing));
    text.replace(u"{thing}"_s, thing);
    return text;
}

// Scene n's place: each place appears again only after all others have been used.
std::size_t placeIndex(int number, quint64 seed)
{
    return std::size_t((quint64(number) * 7 + seed) % kPlaces.size());
}

QString beatFor(int number, int count, quint64 seed, const Cast& cast, const QString& thing,
                bool vi)
{
    const Stage stage = stageFor(number, count);
    const std::size_t place = placeIndex(number, seed);
    const QString text = vi ? QString::fromUtf16(kBeatsVi[stage][std::size_t((number + seed) % 4)])
                            : QString::fromUtf16(kBeats[stage][std::size_t((number + seed) % 4)]);
    return fill(text, cast,
                vi ? QString::fromUtf16(kPlacesVi[place]) : QString::fromUtf16(kPlaces[place]),
                thing);
}

QString titleFrom(const QString& idea)
{
    // The first clause of the idea, at most ten words.
    QString clause = idea.simplified();
    static const QRegularExpression stop(
        u"[,;:!?.]| - | (who|that|which|looking|while|because|until) "_s,
        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = stop.match(clause); m.hasMatch() && m.capturedStart() > 10)
        clause.truncate(m.capturedStart());
    QStringList words = clause.split(u' ', Qt::SkipEmptyParts);
    if (words.size() > 10)
        words = words.mid(0, 10);
    static const QSet<QString> small{u"a"_s,  u"an"_s, u"the"_s, u"of"_s, u"and"_s,
                                     u"in"_s, u"on"_s, u"to"_s,  u"for"_s};
    for (qsizetype i = 0; i < words.size(); ++i) {
        QString& w = words[i];
        while (!w.isEmpty() && !w.back().isLetterOrNumber())
            w.chop(1);
        if (i == 0 || !small.contains(w.toLower()))
            w = capitalized(w);
    }
    const QString title = words.join(u' ');
    return title.isEmpty() ? u"Untitled"_s : title;
}

} // namespace

json::Json OfflineDraftProvider::writePlan(const json::Json& ctx)
{
    const QString idea = json::optString(ctx, "idea");
    const int count = json::optInt(ctx, "scene_count", 1);
    const int first = json::optInt(ctx, "first_beat", 1);
    const int last = json::optInt(ctx, "last_beat", count);
    const bool vi = isVietnamese(ctx);
    const quint64 seed = stableHash(idea);
    const Cast cast = castFor(ctx);
    const QString thing = keyThing(idea, vi);

    json::Json characters = json::Json::array();
    const std::array names{cast.hero, cast.ally};
    const std::array roles{vi ? u"nhân vật chính"_s : u"protagonist"_s,
                           vi ? u"người đồng hành"_s : u"companion"_s};
    for (std::size_t i = 0; i < names.size(); ++i) {
        const quint64 s = seed >> (i * 16);
        characters.push_back({{"name", names[i]},
                              {"role", roles[i]},
                              {"appearance", u"%1, %2, %3, wearing %4"_s.arg(
                                                 pick(kBuild, s), pick(kHair, s >> 3),
                                                 pick(kEyes, s >> 5), pick(kClothes, s >> 7))},
                              {"voice", pick(kVoices, s >> 9)}});
    }
    json::Json outline = json::Json::array();
    for (int n = first; n <= last; ++n)
        outline.push_back({{"scene", n}, {"beat", beatFor(n, count, seed, cast, thing, vi)}});

    const QString styleName = json::optString(ctx, "style_name", u"cinematic"_s);
    return {
        {"title", titleFrom(idea)},
        {"logline", vi ? u"%1 — một câu chuyện %2 cảnh."_s.arg(idea.simplified()).arg(count)
                       : u"%1 — a story in %2 scenes."_s.arg(idea.simplified()).arg(count)},
        {"style_guide", u"%1: %2. Keep %3 and %4 looking the same in every shot."_s.arg(
                            styleName, json::optString(ctx, "style_tags"), cast.hero, cast.ally)},
        {"characters", characters},
        {"outline", outline}};
}

json::Json OfflineDraftProvider::writeOutline(const json::Json& ctx)
{
    json::Json plan = writePlan(ctx);
    return {{"outline", plan["outline"]}};
}

json::Json OfflineDraftProvider::writeScene(const json::Json& ctx)
{
    const int n = json::optInt(ctx, "scene", 1);
    const int count = json::optInt(ctx, "scene_count", 1);
    const QString idea = json::optString(ctx, "idea");
    const bool vi = isVietnamese(ctx);
    const quint64 seed = stableHash(idea);
    const Cast cast = castFor(ctx);
    const QString thingVisual = keyThing(idea, false);
    const QString thing = keyThing(idea, vi);
    const Stage stage = stageFor(n, count);
    const std::size_t place = placeIndex(n, seed);
    const QString placeEn = QString::fromUtf16(kPlaces[place]);
    const QString placeText = vi ? QString::fromUtf16(kPlacesVi[place]) : placeEn;

    const QString shot = pick(kShots, quint64(n) * 5 + seed);
    const QString time = QString::fromUtf16(
        kTimes[std::size_t((n - 1) * int(kTimes.size()) / std::max(count, 1)) % kTimes.size()]);
    const QString light = pick(kLight, quint64(n) * 3 + (seed >> 4));
    const QString mood = QString::fromUtf16(kMoods[stage][std::size_t(n % 3)]);
    const QString action =
        fill(QString::fromUtf16(kActions[stage][std::size_t((quint64(n) * 3 + seed) % 5)]), cast,
             placeEn, thingVisual);

    QString beat = json::optString(ctx, "beat");
    if (beat.isEmpty())
        beat = beatFor(n, count, seed, cast, thing, vi);
    const QString line =
        vi ? QString::fromUtf16(kNarrationVi[stage][std::size_t((n + (seed >> 2)) % 3)])
           : QString::fromUtf16(kNarration[stage][std::size_t((n + (seed >> 2)) % 3)]);
    const QString narration = beat + u' ' + fill(line, cast, placeText, thing);

    json::Json characters = json::Json::array({cast.hero});
    if (action.contains(cast.ally))
        characters.push_back(cast.ally);
    json::Json dialogue = json::Json::array();
    if (n % 3 == 0) {
        const bool allySpeaks = characters.size() > 1 && n % 2 == 0;
        dialogue.push_back(
            {{"speaker", allySpeaks ? cast.ally : cast.hero},
             {"text", vi ? pick(kLinesVi, quint64(n) + seed) : pick(kLines, quint64(n) + seed)}});
    }
    return {{"number", n},
            {"beat", beat},
            {"narration", narration},
            {"dialogue", dialogue},
            {"visual_prompt",
             u"%1: %2 at %3, %4, %5 mood."_s.arg(shot, capitalized(action), time, light, mood)},
            {"camera", shot},
            {"location", placeEn},
            {"time_of_day", time},
            {"mood", mood},
            {"characters", characters}};
}

Result<LlmReply> OfflineDraftProvider::complete(const LlmRequest& request,
                                                const CancelToken& cancel)
{
    if (cancel.isCancelled())
        return Error::make(ErrorKind::Cancelled, u"Stopped."_s);
    const json::Json ctx = extractPromptContext(request);
    if (!ctx.is_object())
        return Error::make(
            ErrorKind::Unsupported,
            u"The offline draft writer only answers T2V Studio's own script requests."_s);
    const QString task = json::optString(ctx, "task");
    json::Json answer;
    if (task == u"plan"_s)
        answer = writePlan(ctx);
    else if (task == u"outline"_s)
        answer = writeOutline(ctx);
    else if (task == u"scene"_s)
        answer = writeScene(ctx);
    else
        return Error::make(ErrorKind::Unsupported,
                           u"The offline draft writer cannot do \"%1\"."_s.arg(task));
    LlmReply reply;
    reply.text = QString::fromStdString(json::dump(answer, 2));
    reply.model = u"offline-draft"_s;
    reply.finishReason = u"stop"_s;
    return reply;
}

} // namespace t2v

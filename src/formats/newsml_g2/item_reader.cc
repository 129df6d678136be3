#include "formats/newsml_g2/item_reader.h"

#include <array>
#include <cctype>

#include "base/strings.h"
#include "base/time.h"
#include "formats/html_sanitizer.h"
#include "formats/newsml_g2/content_body.h"

namespace wirepress::formats::newsml_g2 {
namespace {

using model::Signal;
using model::Story;

// itemClass qcode suffix (ninat:, icls:) → Story::type.
struct TypeName {
  std::string_view item_class;
  std::string_view type;
};
constexpr std::array<TypeName, 7> kTypes = {{
    {"text", "text"},
    {"picture", "picture"},
    {"graphic", "picture"},
    {"video", "video"},
    {"audio", "audio"},
    {"composite", "composite"},
    {"animated", "video"},
}};

// Editorial signal codes: IPTC "sig:" NewsCodes and Reuters' edStat.
struct SignalCode {
  std::string_view qcode;
  Signal signal;
};
constexpr std::array<SignalCode, 7> kSignalCodes = {{
    {"sig:update", Signal::kUpdate},
    {"sig:correction", Signal::kCorrection},
    {"sig:kill", Signal::kKill},
    {"sig:withdraw", Signal::kKill},
    {"edStat:U", Signal::kUpdate},
    {"edStat:C", Signal::kCorrection},
    {"edStat:D", Signal::kKill},
}};

// Agencies named by domain or short code in <provider>/<infoSource>.
struct AgencyName {
  std::string_view key;
  std::string_view credit;
};
constexpr std::array<AgencyName, 12> kAgencies = {{
    {"ap.org", "AP"},
    {"ap", "AP"},
    {"reuters.com", "Reuters"},
    {"reuters", "Reuters"},
    {"afp.com", "AFP"},
    {"afp", "AFP"},
    {"ansa.it", "ANSA"},
    {"ansa", "ANSA"},
    {"dpa.com", "dpa"},
    {"dpa", "dpa"},
    {"stt.fi", "STT"},
    {"stt", "STT"},
}};

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};

std::string_view AfterColon(std::string_view qcode) {
  size_t colon = qcode.find(':');
  return colon == std::string_view::npos ? qcode : qcode.substr(colon + 1);
}

std::string_view BeforeColon(std::string_view qcode) {
  size_t colon = qcode.find(':');
  return colon == std::string_view::npos ? std::string_view() : qcode.substr(0, colon);
}

void Warn(const ItemContext& ctx, pugi::xml_node node, std::string message) {
  if (ctx.warnings != nullptr && ctx.doc != nullptr) {
    ctx.warnings->push_back(ctx.doc->At(node, std::move(message)));
  }
}

bool ContainsDigit(std::string_view s) {
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

bool LooksLikeDate(std::string_view s) {
  if (s.empty() || !ContainsDigit(s)) return false;
  if (std::isdigit(static_cast<unsigned char>(s.front()))) return true;
  for (std::string_view m : kMonths) {
    if (StartsWithIgnoreCase(s, m)) return true;
  }
  return false;
}

// Drops trailing dashes (ASCII, en, em), colons and spaces: "STT–" → "STT".
std::string TrimTrailingDashes(std::string s) {
  for (;;) {
    if (!s.empty() && (s.back() == '-' || s.back() == ' ' || s.back() == ':')) {
      s.pop_back();
    } else if (EndsWith(s, "\u2013") || EndsWith(s, "\u2014")) {
      s.resize(s.size() - 3);
    } else {
      return s;
    }
  }
}

// Removes the last "(x)" from *text and returns x ("" when there is none).
std::string TakeParenthesised(std::string* text) {
  size_t open = text->rfind('(');
  size_t close = open == std::string::npos ? open : text->find(')', open);
  if (close == std::string::npos) return {};
  std::string inner(Trim(std::string_view(*text).substr(open + 1, close - open - 1)));
  *text = CollapseWhitespace(text->substr(0, open) + " " + text->substr(close + 1));
  return inner;
}

std::string NormaliseAgency(std::string_view name) {
  for (const AgencyName& a : kAgencies) {
    if (EqualsIgnoreCase(name, a.key)) return std::string(a.credit);
  }
  return std::string(name);
}

std::optional<Timestamp> ReadTime(pugi::xml_node node, const ItemContext& ctx) {
  std::string text = Text(node);
  if (text.empty()) return std::nullopt;
  bool had_zone = false;
  std::optional<Timestamp> t = ParseIso8601(text, &had_zone);
  if (!t) {
    t = ParseRfc822(text);
    had_zone = t.has_value();
  }
  if (!t) {
    Warn(ctx, node, "unrecognised date \"" + text + "\"; ignored");
  } else if (!had_zone) {
    Warn(ctx, node, "date \"" + text + "\" has no time zone; read as UTC");
  }
  return t;
}

void ReadIdentity(pugi::xml_node item, const ChildIndex& meta, Story* s) {
  s->uri = std::string(Trim(Attr(item, "guid")));
  s->version = std::string(Trim(Attr(item, "version")));
  s->type = LocalName(item) == "packageItem" ? "composite" : "text";
  std::string_view cls = AfterColon(Attr(meta.First("itemClass"), "qcode"));
  for (const TypeName& t : kTypes) {
    if (cls == t.item_class) s->type = std::string(t.type);
  }
}

void ReadPubStatus(pugi::xml_node node, const ItemContext& ctx, Story* s) {
  std::string_view qcode = Trim(Attr(node, "qcode"));
  if (qcode.empty()) return;  // absent: the spec default, usable
  if (std::optional<model::PubStatus> st = model::ParsePubStatus(qcode)) {
    s->pubstatus = *st;
  } else {
    Warn(ctx, node, "unknown pubStatus \"" + std::string(qcode) + "\"; read as usable");
  }
}

void ReadItemMeta(const ChildIndex& meta, const ItemContext& ctx, Story* s) {
  s->versioncreated = ReadTime(meta.First("versionCreated"), ctx);
  s->firstcreated = ReadTime(meta.First("firstCreated"), ctx);
  s->embargoed = ReadTime(meta.First("embargoed"), ctx);
  ReadPubStatus(meta.First("pubStatus"), ctx, s);
  for (const ChildIndex::Entry& c : meta) {
    if (c.local_name == "signal") {
      s->signals = s->signals | SignalFromQcode(Attr(c.node, "qcode"));
    }
  }
}

void ReadUrgency(pugi::xml_node node, const ItemContext& ctx, Story* s) {
  s->urgency = ctx.default_urgency;
  std::string text = Text(node);
  if (text.empty()) return;
  int urgency = 0;
  if (ParseInt(text, &urgency) && urgency >= 1 && urgency <= 9) {
    s->urgency = urgency;
  } else {
    Warn(ctx, node, "urgency \"" + text + "\" is not 1-9; ignored");
  }
}

// The main headline: role-less or role "…main"; else the first one.
std::string ReadHeadline(const ChildIndex& cm) {
  pugi::xml_node first;
  for (const ChildIndex::Entry& e : cm) {
    if (e.local_name != "headline") continue;
    std::string_view role = Attr(e.node, "role");
    if (role.empty() || EndsWith(role, "main")) return Text(e.node);
    if (!first) first = e.node;
  }
  return Text(first);
}

// <by>, else the first <creator> with a <name> (IPTC: the author).
std::string ReadByline(const ChildIndex& cm) {
  std::string by = Text(cm.First("by"));
  if (!by.empty()) return by;
  for (const ChildIndex::Entry& e : cm) {
    if (e.local_name != "creator") continue;
    std::string name = Text(Child(e.node, "name"));
    if (!name.empty()) return name;
  }
  return {};
}

std::string ReadLocated(pugi::xml_node located) {
  std::string name = Text(Child(located, "name"));
  return name.empty() ? std::string(Trim(Attr(located, "literal"))) : name;
}

std::string LocatedCountry(pugi::xml_node located) {
  for (pugi::xml_node b = Child(located, "broader"); b; b = b.next_sibling()) {
    if (LocalName(b) == "broader" && EndsWith(Attr(b, "type"), "country")) {
      return Text(Child(b, "name"));
    }
  }
  return {};
}

// Lower is better; -1 means "not a description for this kind of item".
int DescriptionRank(std::string_view role, bool media) {
  if (FindIgnoreCase(role, "summary") != std::string_view::npos ||
      FindIgnoreCase(role, "abstract") != std::string_view::npos ||
      FindIgnoreCase(role, "intro") != std::string_view::npos) {
    return 0;
  }
  if (FindIgnoreCase(role, "caption") != std::string_view::npos) return media ? 1 : -1;
  if (role.empty()) return 2;
  return media ? 3 : -1;
}

std::string ReadDescription(const ChildIndex& cm, bool media) {
  std::string best;
  int best_rank = 99;
  for (const ChildIndex::Entry& e : cm) {
    if (e.local_name != "description") continue;
    int rank = DescriptionRank(Attr(e.node, "role"), media);
    if (rank < 0 || rank >= best_rank) continue;
    std::string text = Text(e.node);
    if (text.empty()) continue;
    best = std::move(text);
    best_rank = rank;
  }
  return best;
}

// Subjects with a qcode, in document order. Literal-only subjects are
// local labels (dpa's POI "ID0E2E", ANSA's category text), not codes.
void ReadSubjects(const ChildIndex& cm, Story* s) {
  // Agencies send dozens of subjects per item: one allocation, not a
  // reallocation (moving every Subject) each time the vector grows.
  size_t count = 0;
  for (const ChildIndex::Entry& e : cm) count += e.local_name == "subject";
  s->subjects.reserve(s->subjects.size() + count);
  for (const ChildIndex::Entry& e : cm) {
    if (e.local_name != "subject") continue;
    std::string_view qcode = Trim(Attr(e.node, "qcode"));
    if (qcode.empty()) continue;
    s->subjects.push_back(model::Subject{std::string(qcode), Text(Child(e.node, "name")),
                                         std::string(BeforeColon(qcode))});
  }
}

void ReadKeywords(const ChildIndex& cm, Story* s) {
  for (const ChildIndex::Entry& e : cm) {
    if (e.local_name != "keyword") continue;
    std::string k = Text(e.node);
    if (!k.empty()) s->keywords.push_back(std::move(k));
  }
}

// creditline, else the source infoSource, else the provider.
std::string ReadAgency(const ChildIndex& meta, const ChildIndex& cm) {
  std::string credit = TrimTrailingDashes(Text(cm.First("creditline")));
  if (!credit.empty()) return NormaliseAgency(credit);
  for (const ChildIndex::Entry& e : cm) {
    if (e.local_name != "infoSource") continue;
    if (FindIgnoreCase(Attr(e.node, "role"), "source") == std::string_view::npos) continue;
    std::string name = Text(Child(e.node, "name"));
    if (name.empty()) name = std::string(Trim(Attr(e.node, "literal")));
    if (!name.empty()) return NormaliseAgency(name);
  }
  pugi::xml_node provider = meta.First("provider");
  std::string name = Text(Child(provider, "name"));
  if (name.empty()) name = std::string(Trim(Attr(provider, "literal")));
  if (name.empty()) name = std::string(AfterColon(Trim(Attr(provider, "qcode"))));
  return NormaliseAgency(name);
}

void ReadContentMeta(const ChildIndex& cm, const ItemContext& ctx, Story* s) {
  ReadUrgency(cm.First("urgency"), ctx, s);
  s->headline = ReadHeadline(cm);
  s->slugline = Text(cm.First("slugline"));
  s->byline = ReadByline(cm);
  pugi::xml_node located = cm.First("located");
  s->located = ReadLocated(located);
  s->dateline = ParseDatelineText(Text(cm.First("dateline")));
  if (!s->dateline.empty() && s->dateline.country.empty()) {
    s->dateline.country = LocatedCountry(located);
  }
  s->description_text = ReadDescription(cm, s->type != "text" && s->type != "composite");
  ReadSubjects(cm, s);
  ReadKeywords(cm, s);
}

// contentMeta/language, else xml:lang on contentMeta, contentSet, the item.
void ReadLanguage(pugi::xml_node item, const ChildIndex& cm, pugi::xml_node content_set,
                  Story* s) {
  for (const ChildIndex::Entry& e : cm) {
    if (e.local_name == "language" && !Trim(Attr(e.node, "tag")).empty()) {
      s->language = std::string(Trim(Attr(e.node, "tag")));
      return;
    }
  }
  for (pugi::xml_node n : {cm.parent(), content_set, item}) {
    std::string_view lang = Trim(Attr(n, "lang"));
    if (!lang.empty()) {
      s->language = std::string(lang);
      return;
    }
  }
}

Status ReadBody(pugi::xml_node content_set, const ItemContext& ctx, Story* s) {
  ContentBody body = ReadContentBody(content_set, ctx.doc);
  if (body.too_deep) {
    std::string what = "body is nested deeper than " + std::to_string(kMaxBodyDepth) +
                       " elements; refusing to process it";
    return ToStatus(ctx.doc != nullptr ? ctx.doc->At(body.too_deep, what)
                                       : Diagnostic{"", 0, 0, what, {}});
  }
  if (!body.html.empty() || !body.markup.empty()) {
    SanitizeOptions options;
    options.base_url = std::string(ctx.base_url);
    // body.html ends outside any paragraph (see ContentBody), so the two
    // parts sanitize separately exactly as they would together.
    if (!body.html.empty()) s->body_html = SanitizeHtml(body.html, options);
    if (!body.markup.empty()) s->body_html += SanitizeXmlChildren(body.markup, options);
  }
  if (s->headline.empty()) s->headline = std::move(body.headline);
  if (s->byline.empty()) s->byline = std::move(body.byline);
  if (s->description_text.empty()) s->description_text = std::move(body.abstract);
  return Status::Ok();
}

// The largest image rendition with a usable (http/https) href.
void ReadPictures(pugi::xml_node content_set, const ItemContext& ctx, Story* s) {
  model::Picture best;
  long long best_area = -1;
  for (pugi::xml_node c = Child(content_set, "remoteContent"); c; c = c.next_sibling()) {
    if (LocalName(c) != "remoteContent") continue;
    std::string_view type = Trim(Attr(c, "contenttype"));
    if (!StartsWith(type, "image/")) continue;
    std::string href = ResolveUrl(ctx.base_url, Trim(Attr(c, "href")));
    if (href.empty()) continue;
    model::Picture p{std::move(href), {}, {}, std::string(type), 0, 0};
    (void)ParseInt(Trim(Attr(c, "width")), &p.width);
    (void)ParseInt(Trim(Attr(c, "height")), &p.height);
    long long area = static_cast<long long>(p.width) * p.height;
    if (area > best_area) {
      best = std::move(p);
      best_area = area;
    }
  }
  if (best_area < 0) return;
  if (s->type == "picture")
    best.caption = s->description_text.empty() ? s->headline : s->description_text;
  best.credit = s->byline.empty() ? s->agency : s->byline;
  s->pictures.push_back(std::move(best));
}

}  // namespace

model::Dateline ParseDatelineText(std::string_view text) {
  model::Dateline d;
  std::string t = TrimTrailingDashes(CollapseWhitespace(text));
  if (t.empty()) return d;
  std::string last = TakeParenthesised(&t);
  if (!last.empty() && !ContainsDigit(last)) d.agency = std::move(last);
  std::string country = TakeParenthesised(&t);  // "Sochi (Russia), May 15"
  if (!country.empty() && !ContainsDigit(country)) d.country = std::move(country);
  t = TrimTrailingDashes(t);
  if (LooksLikeDate(t)) {
    d.date = std::move(t);
    return d;
  }
  size_t comma = t.find(", ");
  if (comma != std::string::npos && LooksLikeDate(t.substr(comma + 2))) {
    d.date = t.substr(comma + 2);
    t.resize(comma);
  }
  while (!t.empty() && (t.back() == ',' || t.back() == ' ')) t.pop_back();
  d.place = std::move(t);
  return d;
}

Signal SignalFromQcode(std::string_view qcode) {
  qcode = Trim(qcode);
  for (const SignalCode& c : kSignalCodes) {
    if (EqualsIgnoreCase(qcode, c.qcode)) return c.signal;
  }
  return Signal::kNone;
}

Signal SignalFromText(std::string_view slugline, std::string_view headline) {
  Signal s = Signal::kNone;
  if (FindIgnoreCase(slugline, "writethru") != std::string_view::npos) s = s | Signal::kUpdate;
  if (FindIgnoreCase(slugline, "corrected") != std::string_view::npos ||
      FindIgnoreCase(slugline, "correction") != std::string_view::npos ||
      StartsWith(headline, "CORRECTED-") || StartsWith(headline, "CORRECTED ")) {
    s = s | Signal::kCorrection;
  }
  // Reuters: "UPDATE 2-Primeira Liga Results".
  if (StartsWith(headline, "UPDATE ") && headline.size() > 7 &&
      std::isdigit(static_cast<unsigned char>(headline[7]))) {
    s = s | Signal::kUpdate;
  }
  return s;
}

Result<Story> ReadItem(pugi::xml_node item, const ItemContext& ctx) {
  Story s;
  // Each field is looked up by name among these parents' children: index
  // them once rather than walk the tree once per field.
  ChildIndex parts(item);
  ChildIndex meta(parts.First("itemMeta"));
  ChildIndex cm(parts.First("contentMeta"));
  pugi::xml_node content_set = parts.First("contentSet");
  ReadIdentity(item, meta, &s);
  ReadItemMeta(meta, ctx, &s);
  ReadContentMeta(cm, ctx, &s);
  ReadLanguage(item, cm, content_set, &s);
  s.agency = ReadAgency(meta, cm);
  WP_RETURN_IF_ERROR(ReadBody(content_set, ctx, &s));
  if (s.headline.empty()) s.headline = Text(meta.First("title"));
  ReadPictures(content_set, ctx, &s);
  s.signals = s.signals | SignalFromText(s.slugline, s.headline);
  return s;
}

}  // namespace wirepress::formats::newsml_g2

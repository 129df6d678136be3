#include "formats/newsml_g2/item_reader.h"

#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// --- Reading the tree --------------------------------------------------
//
// pugixml's accessors are out-of-line calls (Debian ships a static
// library), and an item has ~40 fields under three parents. So each parent's
// children are visited once, dispatching on the local name; an element's
// attributes are read in one walk when several are needed; and a field's
// text is read in place when Text() would return it unchanged.

// Calls f(local_name, child) for each child element of `parent`, in order.
template <typename F>
void ForEachChildElement(pugi::xml_node parent, F&& f) {
  for (pugi::xml_node c = parent.first_child();; c = c.next_sibling()) {
    pugi::xml_node_type type = c.type();
    if (type == pugi::node_null) return;
    if (type == pugi::node_element) f(LocalNameOf(c.name()), c);
  }
}

// The next sibling element after `node` with this local name, or none.
pugi::xml_node NextNamed(pugi::xml_node node, std::string_view local_name) {
  for (pugi::xml_node c = node.next_sibling();; c = c.next_sibling()) {
    pugi::xml_node_type type = c.type();
    if (type == pugi::node_null) return {};
    if (type == pugi::node_element && LocalNameIs(c.name(), local_name)) return c;
  }
}

// Several attributes in one walk: (*values)[i] is the value of the first
// attribute whose local name is names[i] ("" when absent), as Attr() gives.
// The names are distinct, so the walk stops once each has been found (a
// rendition has a dozen attributes; the four read come early in most).
template <size_t N>
void ReadAttrs(pugi::xml_node node, const std::array<std::string_view, N>& names,
               std::array<std::string_view, N>* values) {
  std::array<bool, N> found{};
  size_t missing = N;
  for (pugi::xml_attribute a = node.first_attribute();; a = a.next_attribute()) {
    const char* qname = a.name();
    if (*qname == '\0') {  // the end, or a nameless attribute (see Attr in xml_reader.cc)
      if (!a) return;
      continue;
    }
    std::string_view name = LocalNameOf(qname);
    for (size_t i = 0; i < N; ++i) {
      if (!found[i] && name == names[i]) {
        (*values)[i] = a.value();
        found[i] = true;
        if (--missing == 0) return;
        break;
      }
    }
  }
}

#if defined(__SSE2__)
// IsFoldedPlain over the 16 bytes of b: false on a byte below 0x20, '&' or
// 0xC2, or on a space after a space (*after_space: whether the byte before
// b is one; updated for the next block).
bool IsFoldedPlainBits(__m128i b, unsigned* after_space) {
  const __m128i controls = _mm_set1_epi8(0x1F);
  // max(b, 0x1F) == 0x1F exactly for the bytes 0x00-0x1F (unsigned).
  __m128i odd =
      _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(b, controls), controls),
                   _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('&')),
                                _mm_cmpeq_epi8(b, _mm_set1_epi8(static_cast<char>(0xC2)))));
  unsigned spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_set1_epi8(' '))));
  if (_mm_movemask_epi8(odd) != 0 || (spaces & ((spaces << 1) | *after_space)) != 0) return false;
  *after_space = spaces >> 15;
  return true;
}

// The same over the 16 bytes at p.
bool IsFoldedPlainBlock(const char* p, unsigned* after_space) {
  return IsFoldedPlainBits(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), after_space);
}
#endif

// True when Text() of a lone text node holding `s` is `s` itself: no '&'
// (nothing to decode) and no whitespace but single ASCII spaces between
// other characters (nothing to fold). Bytes below 0x20 and 0xC2 (the lead
// byte of U+00A0, which folds too) answer false even where folding would
// keep them, so the answer is only ever a safe "read it in place".
bool IsFoldedPlain(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() == ' ' || s.back() == ' ') return false;
#if defined(__SSE2__)
  // Sixteen bytes per step: most fields are headlines, dates and names of
  // 15-100 bytes, and this check replaces folding them byte by byte.
  if (s.size() >= 16) {
    unsigned after_space = 0;
    size_t i = 0;
    for (; i + 16 <= s.size(); i += 16) {
      if (!IsFoldedPlainBlock(s.data() + i, &after_space)) return false;
    }
    if (i == s.size()) return true;
    // The rest as the last 16 bytes, some of them checked already: a double
    // space among them is one in s, and the pair across their start lies
    // within the blocks before.
    after_space = 0;
    return IsFoldedPlainBlock(s.data() + s.size() - 16, &after_space);
  }
  if (s.size() >= 8) {
    // Most names and codes: the first and the last 8 bytes as one block
    // (they overlap below 16 bytes), so every byte and every adjacent pair
    // of s is in it. The one pair that is not, across the middle of the
    // block, can only make the answer a (safe) false.
    __m128i first = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(s.data()));
    __m128i last = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(s.data() + s.size() - 8));
    unsigned after_space = 0;
    return IsFoldedPlainBits(_mm_unpacklo_epi64(first, last), &after_space);
  }
#endif
  bool after_space = false;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == '&' || c == 0xC2) return false;
    bool is_space = c == ' ';
    if (is_space && after_space) return false;
    after_space = is_space;
  }
  return true;
}

// Text(node) when it is the node's lone text child as written (see
// IsFoldedPlain), read in place; nullopt when Text() must build it.
// REQUIRES: node is an element or empty.
std::optional<std::string_view> InPlaceText(pugi::xml_node node) {
  // Most absent fields (no dateline, no embargo, ...) end here, without a
  // call: Text() of an empty node is "".
  if (IsNull(node)) return std::string_view();
  pugi::xml_node only = node.first_child();
  pugi::xml_node_type type = only.type();  // node_null when there is none
  if (type == pugi::node_null) return std::string_view();  // Text() of a childless element is ""
  if (type != pugi::node_pcdata && type != pugi::node_cdata) return std::nullopt;
  if (!IsNull(only.next_sibling())) return std::nullopt;
  std::string_view text = only.value();
  if (!IsFoldedPlain(text)) return std::nullopt;
  return text;
}

// Text(node), as a view of the document when it can be (InPlaceText), else
// of *scratch, which then holds Text(node).
std::string_view TextView(pugi::xml_node node, std::string* scratch) {
  if (std::optional<std::string_view> text = InPlaceText(node)) return *text;
  *scratch = Text(node);
  return *scratch;
}

// Text(node), copied straight from the document when it can be.
std::string FieldText(pugi::xml_node node) {
  if (std::optional<std::string_view> text = InPlaceText(node)) return std::string(*text);
  return Text(node);
}

bool ContainsIgnoreCase(std::string_view s, std::string_view word) {
  return FindIgnoreCase(s, word) != std::string_view::npos;
}

// Whether s[i, i + word.size()) is `word` (lower-case ASCII letters) in
// any case, compared as FindIgnoreCase does.
bool WordAtIgnoreCase(std::string_view s, size_t i, std::string_view word) {
  if (i > s.size() || s.size() - i < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if ((static_cast<unsigned char>(s[i + k]) | 0x20) != word[k]) return false;
  }
  return true;
}

// The signals a slugline names in words: "writethru" (AP "1st
// Ld-Writethru") an update, "corrected" or "correction" a correction, in
// any case. One pass, comparing only where a 'w' or 'c' starts (the same
// answers as a FindIgnoreCase search per word).
Signal SignalFromSlugline(std::string_view slugline) {
  Signal s = Signal::kNone;
  for (size_t i = 0; i < slugline.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(slugline[i]) | 0x20;
    if (c == 'w' && WordAtIgnoreCase(slugline, i, "writethru")) {
      s = s | Signal::kUpdate;
    } else if (c == 'c' && WordAtIgnoreCase(slugline, i, "correct") &&
               (WordAtIgnoreCase(slugline, i + 7, "ed") ||
                WordAtIgnoreCase(slugline, i + 7, "ion"))) {
      s = s | Signal::kCorrection;
    }
  }
  return s;
}

// --- Field helpers -----------------------------------------------------

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
std::string_view TrimTrailingDashes(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.back() == '-' || s.back() == ' ' || s.back() == ':')) {
      s.remove_suffix(1);
    } else if (EndsWith(s, "\u2013") || EndsWith(s, "\u2014")) {
      s.remove_suffix(3);
    } else {
      return s;
    }
  }
}

// The same in place (it only ever cuts the end).
void DropTrailingDashes(std::string* s) { s->resize(TrimTrailingDashes(*s).size()); }

// Removes the last "(x)" from *text and returns x ("" when there is none).
std::string TakeParenthesised(std::string* text) {
  size_t open = text->rfind('(');
  size_t close = open == std::string::npos ? open : text->find(')', open);
  if (close == std::string::npos) return {};
  std::string inner(Trim(std::string_view(*text).substr(open + 1, close - open - 1)));
  *text = CollapseWhitespace(text->substr(0, open) + " " + text->substr(close + 1));
  return inner;
}

// ParseDatelineText of text whose whitespace is folded already (as Text()
// returns it: CollapseWhitespace would give it back unchanged).
model::Dateline DatelineFromFolded(std::string t) {
  model::Dateline d;
  DropTrailingDashes(&t);
  if (t.empty()) return d;
  std::string last = TakeParenthesised(&t);
  if (!last.empty() && !ContainsDigit(last)) d.agency = std::move(last);
  std::string country = TakeParenthesised(&t);  // "Sochi (Russia), May 15"
  if (!country.empty() && !ContainsDigit(country)) d.country = std::move(country);
  DropTrailingDashes(&t);
  if (LooksLikeDate(t)) {
    d.date = std::move(t);
    return d;
  }
  size_t comma = t.find(", ");
  if (comma != std::string::npos && LooksLikeDate(std::string_view(t).substr(comma + 2))) {
    d.date = t.substr(comma + 2);
    t.resize(comma);
  }
  while (!t.empty() && (t.back() == ',' || t.back() == ' ')) t.pop_back();
  d.place = std::move(t);
  return d;
}

std::string NormaliseAgency(std::string_view name) {
  for (const AgencyName& a : kAgencies) {
    if (EqualsIgnoreCase(name, a.key)) return std::string(a.credit);
  }
  return std::string(name);
}

std::optional<Timestamp> ReadTime(pugi::xml_node node, const ItemContext& ctx) {
  std::string scratch;
  std::string_view text = TextView(node, &scratch);
  if (text.empty()) return std::nullopt;
  bool had_zone = false;
  std::optional<Timestamp> t = ParseIso8601(text, &had_zone);
  if (!t) {
    t = ParseRfc822(text);
    had_zone = t.has_value();
  }
  if (!t) {
    Warn(ctx, node, "unrecognised date \"" + std::string(text) + "\"; ignored");
  } else if (!had_zone) {
    Warn(ctx, node, "date \"" + std::string(text) + "\" has no time zone; read as UTC");
  }
  return t;
}

void SetFirst(pugi::xml_node* slot, pugi::xml_node node) {
  if (IsNull(*slot)) *slot = node;
}

// The parts of an item (the first of each).
struct ItemParts {
  pugi::xml_node item_meta;
  pugi::xml_node content_meta;
  pugi::xml_node content_set;
};

ItemParts FindParts(pugi::xml_node item) {
  ItemParts p;
  ForEachChildElement(item, [&p](std::string_view name, pugi::xml_node c) {
    if (name == "itemMeta") {
      SetFirst(&p.item_meta, c);
    } else if (name == "contentMeta") {
      SetFirst(&p.content_meta, c);
    } else if (name == "contentSet") {
      SetFirst(&p.content_set, c);
    }
  });
  return p;
}

// The item's own attributes, read in one walk.
struct ItemAttrs {
  static constexpr std::array<std::string_view, 3> kNames = {"guid", "version", "lang"};
  std::array<std::string_view, 3> values{};
  std::string_view guid() const { return values[0]; }
  std::string_view version() const { return values[1]; }
  std::string_view lang() const { return values[2]; }  // xml:lang
};

// The children of <itemMeta> that ReadItem uses (the first of each), and
// the signals of all its <signal> children.
struct ItemMetaNodes {
  pugi::xml_node item_class;
  pugi::xml_node version_created;
  pugi::xml_node first_created;
  pugi::xml_node embargoed;
  pugi::xml_node pub_status;
  pugi::xml_node title;
  pugi::xml_node provider;
  Signal signals = Signal::kNone;
};

ItemMetaNodes FindItemMeta(pugi::xml_node item_meta) {
  ItemMetaNodes m;
  ForEachChildElement(item_meta, [&m](std::string_view name, pugi::xml_node c) {
    if (name == "signal") {
      m.signals = m.signals | SignalFromQcode(Attr(c, "qcode"));
    } else if (name == "itemClass") {
      SetFirst(&m.item_class, c);
    } else if (name == "versionCreated") {
      SetFirst(&m.version_created, c);
    } else if (name == "firstCreated") {
      SetFirst(&m.first_created, c);
    } else if (name == "embargoed") {
      SetFirst(&m.embargoed, c);
    } else if (name == "pubStatus") {
      SetFirst(&m.pub_status, c);
    } else if (name == "title") {
      SetFirst(&m.title, c);
    } else if (name == "provider") {
      SetFirst(&m.provider, c);
    }
  });
  return m;
}

void ReadIdentity(pugi::xml_node item, const ItemAttrs& attrs, const ItemMetaNodes& meta,
                  Story* s) {
  s->uri.assign(Trim(attrs.guid()));
  s->version.assign(Trim(attrs.version()));
  s->type = LocalName(item) == "packageItem" ? "composite" : "text";
  std::string_view cls = AfterColon(Attr(meta.item_class, "qcode"));
  for (const TypeName& t : kTypes) {
    if (cls == t.item_class) s->type.assign(t.type);
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

// In this order, which is the order of their warnings.
void ReadItemMeta(const ItemMetaNodes& meta, const ItemContext& ctx, Story* s) {
  s->versioncreated = ReadTime(meta.version_created, ctx);
  s->firstcreated = ReadTime(meta.first_created, ctx);
  s->embargoed = ReadTime(meta.embargoed, ctx);
  ReadPubStatus(meta.pub_status, ctx, s);
  s->signals = s->signals | meta.signals;
}

void ReadUrgency(pugi::xml_node node, const ItemContext& ctx, Story* s) {
  s->urgency = ctx.default_urgency;
  std::string scratch;
  std::string_view text = TextView(node, &scratch);
  if (text.empty()) return;
  int urgency = 0;
  if (ParseInt(text, &urgency) && urgency >= 1 && urgency <= 9) {
    s->urgency = urgency;
  } else {
    Warn(ctx, node, "urgency \"" + std::string(text) + "\" is not 1-9; ignored");
  }
}

// Lower is better; -1 means "not a description for this kind of item".
int DescriptionRank(std::string_view role, bool media) {
  if (ContainsIgnoreCase(role, "summary") || ContainsIgnoreCase(role, "abstract") ||
      ContainsIgnoreCase(role, "intro")) {
    return 0;
  }
  if (ContainsIgnoreCase(role, "caption")) return media ? 1 : -1;
  if (role.empty()) return 2;
  return media ? 3 : -1;
}

// The children of <contentMeta> read after its walk: the first of each
// name unless said otherwise.
struct ContentMetaNodes {
  pugi::xml_node urgency;
  pugi::xml_node headline;  // the first role-less or "…main" one, else the first
  pugi::xml_node slugline;
  pugi::xml_node by;
  pugi::xml_node located;
  pugi::xml_node dateline;
  pugi::xml_node creditline;
  // All of them, in document order. Agencies send dozens of subjects, so
  // they are kept rather than found again among the other children.
  std::vector<pugi::xml_node> subjects;
  // The first and how many there are: ReadByline and ReadAgency go back
  // to them (rarely), stopping at the last one.
  pugi::xml_node creator;
  size_t creators = 0;
  pugi::xml_node info_source;
  size_t info_sources = 0;
  bool has_language = false;  // a <language> with a tag set Story::language
};

// <by>, else the first <creator> with a <name> (IPTC: the author).
void ReadByline(const ContentMetaNodes& cm, Story* s) {
  s->byline = FieldText(cm.by);
  if (!s->byline.empty()) return;
  std::string scratch;
  pugi::xml_node c = cm.creator;
  for (size_t i = 0; i < cm.creators; ++i) {
    if (i > 0) c = NextNamed(c, "creator");
    std::string_view name = TextView(Child(c, "name"), &scratch);
    if (!name.empty()) {
      s->byline.assign(name);
      return;
    }
  }
}

void ReadLocated(pugi::xml_node located, Story* s) {
  s->located = FieldText(Child(located, "name"));
  if (s->located.empty()) s->located.assign(Trim(Attr(located, "literal")));
}

std::string LocatedCountry(pugi::xml_node located) {
  for (pugi::xml_node b = Child(located, "broader"); b; b = NextNamed(b, "broader")) {
    if (EndsWith(Attr(b, "type"), "country")) return FieldText(Child(b, "name"));
  }
  return {};
}

// Subjects with a qcode, in document order. Literal-only subjects are
// local labels (dpa's POI "ID0E2E", ANSA's category text), not codes.
void ReadSubjects(const ContentMetaNodes& cm, Story* s) {
  // Agencies send dozens of subjects per item: one allocation, not a
  // reallocation (moving every Subject) each time the vector grows.
  s->subjects.reserve(s->subjects.size() + cm.subjects.size());
  for (pugi::xml_node c : cm.subjects) {
    std::string_view qcode = Trim(Attr(c, "qcode"));
    if (qcode.empty()) continue;
    s->subjects.push_back(model::Subject{std::string(qcode), FieldText(Child(c, "name")),
                                         std::string(BeforeColon(qcode))});
  }
}

// Reads <contentMeta> in one walk: fields that are read in document order
// (descriptions, keywords, language) as they come, the others afterwards
// from the nodes returned.
ContentMetaNodes ReadContentMeta(pugi::xml_node content_meta, const ItemContext& ctx, Story* s) {
  ContentMetaNodes cm;
  bool main_headline = false;
  const bool media = s->type != "text" && s->type != "composite";
  int description_rank = 99;
  std::string scratch;
  ForEachChildElement(content_meta, [&](std::string_view name, pugi::xml_node c) {
    if (name == "subject") {
      if (cm.subjects.empty()) cm.subjects.reserve(32);
      cm.subjects.push_back(c);
    } else if (name == "headline") {
      if (main_headline) return;
      std::string_view role = Attr(c, "role");
      if (role.empty() || EndsWith(role, "main")) {
        cm.headline = c;
        main_headline = true;
      } else {
        SetFirst(&cm.headline, c);
      }
    } else if (name == "description") {
      // The best-ranked non-empty one; the first among equals.
      int rank = DescriptionRank(Attr(c, "role"), media);
      if (rank < 0 || rank >= description_rank) return;
      std::string_view text = TextView(c, &scratch);
      if (text.empty()) return;
      s->description_text.assign(text);
      description_rank = rank;
    } else if (name == "keyword") {
      std::string_view text = TextView(c, &scratch);
      if (!text.empty()) s->keywords.emplace_back(text);
    } else if (name == "language") {
      if (cm.has_language) return;
      std::string_view tag = Trim(Attr(c, "tag"));
      if (tag.empty()) return;
      s->language.assign(tag);
      cm.has_language = true;
    } else if (name == "urgency") {
      SetFirst(&cm.urgency, c);
    } else if (name == "slugline") {
      SetFirst(&cm.slugline, c);
    } else if (name == "by") {
      SetFirst(&cm.by, c);
    } else if (name == "creator") {
      if (cm.creators++ == 0) cm.creator = c;
    } else if (name == "located") {
      SetFirst(&cm.located, c);
    } else if (name == "dateline") {
      SetFirst(&cm.dateline, c);
    } else if (name == "creditline") {
      SetFirst(&cm.creditline, c);
    } else if (name == "infoSource") {
      if (cm.info_sources++ == 0) cm.info_source = c;
    }
  });
  ReadUrgency(cm.urgency, ctx, s);
  s->headline = FieldText(cm.headline);
  s->slugline = FieldText(cm.slugline);
  ReadByline(cm, s);
  ReadLocated(cm.located, s);
  s->dateline = DatelineFromFolded(std::string(TextView(cm.dateline, &scratch)));
  if (!s->dateline.empty() && s->dateline.country.empty()) {
    s->dateline.country = LocatedCountry(cm.located);
  }
  ReadSubjects(cm, s);
  return cm;
}

// Without a contentMeta/language: xml:lang on contentMeta, contentSet, the
// item.
void ReadXmlLang(pugi::xml_node content_meta, pugi::xml_node content_set,
                 std::string_view item_lang, Story* s) {
  std::string_view lang = Trim(Attr(content_meta, "lang"));
  if (lang.empty()) lang = Trim(Attr(content_set, "lang"));
  if (lang.empty()) lang = Trim(item_lang);
  if (!lang.empty()) s->language.assign(lang);
}

// creditline, else the source infoSource, else the provider.
std::string ReadAgency(const ItemMetaNodes& meta, const ContentMetaNodes& cm) {
  std::string scratch;
  std::string_view credit = TrimTrailingDashes(TextView(cm.creditline, &scratch));
  if (!credit.empty()) return NormaliseAgency(credit);
  pugi::xml_node c = cm.info_source;
  for (size_t i = 0; i < cm.info_sources; ++i) {
    if (i > 0) c = NextNamed(c, "infoSource");
    if (!ContainsIgnoreCase(Attr(c, "role"), "source")) continue;
    std::string_view name = TextView(Child(c, "name"), &scratch);
    if (name.empty()) name = Trim(Attr(c, "literal"));
    if (!name.empty()) return NormaliseAgency(name);
  }
  std::string_view name = TextView(Child(meta.provider, "name"), &scratch);
  if (name.empty()) name = Trim(Attr(meta.provider, "literal"));
  if (name.empty()) name = AfterColon(Trim(Attr(meta.provider, "qcode")));
  return NormaliseAgency(name);
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
    if (!body.markup.empty()) {
      // Most bodies are markup alone: the sanitized text is moved in, not
      // copied into a new allocation (a whole body per item).
      std::string markup = SanitizeXmlChildren(body.markup, options);
      if (s->body_html.empty()) {
        s->body_html = std::move(markup);
      } else {
        s->body_html += markup;
      }
    }
  }
  if (s->headline.empty()) s->headline = std::move(body.headline);
  if (s->byline.empty()) s->byline = std::move(body.byline);
  if (s->description_text.empty()) s->description_text = std::move(body.abstract);
  return Status::Ok();
}

// The largest image rendition with a usable (http/https) href.
void ReadPictures(pugi::xml_node content_set, const ItemContext& ctx, Story* s) {
  static constexpr std::array<std::string_view, 4> kNames = {"contenttype", "href", "width",
                                                             "height"};
  model::Picture best;
  long long best_area = -1;
  for (pugi::xml_node c = Child(content_set, "remoteContent"); c;
       c = NextNamed(c, "remoteContent")) {
    std::array<std::string_view, 4> attrs{};
    ReadAttrs(c, kNames, &attrs);
    std::string_view type = Trim(attrs[0]);
    if (!StartsWith(type, "image/")) continue;
    std::string href = ResolveUrl(ctx.base_url, Trim(attrs[1]));
    if (href.empty()) continue;
    model::Picture p{std::move(href), {}, {}, std::string(type), 0, 0};
    (void)ParseInt(Trim(attrs[2]), &p.width);
    (void)ParseInt(Trim(attrs[3]), &p.height);
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
  return DatelineFromFolded(CollapseWhitespace(text));
}

Signal SignalFromQcode(std::string_view qcode) {
  qcode = Trim(qcode);
  for (const SignalCode& c : kSignalCodes) {
    if (EqualsIgnoreCase(qcode, c.qcode)) return c.signal;
  }
  return Signal::kNone;
}

Signal SignalFromText(std::string_view slugline, std::string_view headline) {
  Signal s = SignalFromSlugline(slugline);
  if (StartsWith(headline, "CORRECTED-") || StartsWith(headline, "CORRECTED ")) {
    s = s | Signal::kCorrection;
  }
  // Reuters: "UPDATE 2-Primeira Liga Results".
  if (StartsWith(headline, "UPDATE ") && headline.size() > 7 &&
      std::isdigit(static_cast<unsigned char>(headline[7]))) {
    s = s | Signal::kUpdate;
  }
  return s;
}

Status ReadItem(pugi::xml_node item, const ItemContext& ctx, Story* s) {
  ItemParts parts = FindParts(item);
  ItemAttrs attrs;
  ReadAttrs(item, ItemAttrs::kNames, &attrs.values);
  ItemMetaNodes meta = FindItemMeta(parts.item_meta);
  ReadIdentity(item, attrs, meta, s);
  ReadItemMeta(meta, ctx, s);
  ContentMetaNodes cm = ReadContentMeta(parts.content_meta, ctx, s);
  if (!cm.has_language) ReadXmlLang(parts.content_meta, parts.content_set, attrs.lang(), s);
  s->agency = ReadAgency(meta, cm);
  WP_RETURN_IF_ERROR(ReadBody(parts.content_set, ctx, s));
  if (s->headline.empty()) s->headline = FieldText(meta.title);
  ReadPictures(parts.content_set, ctx, s);
  s->signals = s->signals | SignalFromText(s->slugline, s->headline);
  return Status::Ok();
}

Result<Story> ReadItem(pugi::xml_node item, const ItemContext& ctx) {
  Story s;
  WP_RETURN_IF_ERROR(ReadItem(item, ctx, &s));
  return s;
}

}  // namespace wirepress::formats::newsml_g2

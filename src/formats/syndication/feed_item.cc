#include "formats/syndication/feed_item.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "base/strings.h"
#include "formats/html_sanitizer.h"
#include "formats/text.h"

namespace wirepress::formats::syndication {
namespace {

constexpr std::string_view kMediaRssNs = "http://search.yahoo.com/mrss/";

bool IsMediaRss(pugi::xml_node node, std::string_view local) {
  return LocalName(node) == local && NamespaceOf(node) == kMediaRssNs;
}

bool LooksLikeImageUrl(std::string_view url) {
  std::string_view path = url.substr(0, url.find('?'));
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".gif", ".webp"}) {
    if (path.size() >= ext.size() && EqualsIgnoreCase(path.substr(path.size() - ext.size()), ext)) {
      return true;
    }
  }
  return false;
}

bool HasPicture(const model::Story& story, std::string_view href) {
  return std::any_of(story.pictures.begin(), story.pictures.end(),
                     [&](const model::Picture& p) { return p.href == href; });
}

// Resolves `url` against `base`; an absolute URL stays as it is. "" when
// the URL is not http(s) (javascript:, data:...).
std::string Resolve(std::string_view base, std::string_view url) {
  url = Trim(url);
  if (url.empty()) return {};
  if (StartsWithIgnoreCase(url, "http://") || StartsWithIgnoreCase(url, "https://")) {
    return std::string(url);
  }
  return base.empty() ? std::string() : ResolveUrl(base, url);
}

model::Picture MediaPicture(pugi::xml_node media, std::string_view base) {
  model::Picture p;
  p.href = Resolve(base, Attr(media, "url"));
  p.mime_type = std::string(Attr(media, "type"));
  (void)ParseInt(Attr(media, "width"), &p.width);
  (void)ParseInt(Attr(media, "height"), &p.height);
  for (pugi::xml_node c = media.first_child(); c; c = c.next_sibling()) {
    if (IsMediaRss(c, "description") && p.caption.empty()) p.caption = HtmlToText(Text(c));
    if (IsMediaRss(c, "title") && p.caption.empty()) p.caption = Text(c);
    if (IsMediaRss(c, "credit") && p.credit.empty()) p.credit = Text(c);
  }
  return p;
}

bool IsImageContent(pugi::xml_node media) {
  std::string_view medium = Attr(media, "medium");
  std::string_view type = Attr(media, "type");
  if (!medium.empty()) return medium == "image";
  if (!type.empty()) return StartsWith(type, "image/");
  return LooksLikeImageUrl(Attr(media, "url"));
}

bool IsMediaRss(const ChildIndex& parent, const ChildIndex::Entry& e, std::string_view local) {
  return e.local_name == local && parent.NamespaceOf(e) == kMediaRssNs;
}

// media:group nests one level (item > group > content), never deeper.
// Only elements can match, so walking the parent's element children is the
// same as walking all of them.
void CollectMedia(const ChildIndex& parent, std::string_view base, bool in_group,
                  std::vector<model::Picture>* full, std::vector<model::Picture>* thumbs) {
  for (const ChildIndex::Entry& e : parent) {
    if (IsMediaRss(parent, e, "content") && IsImageContent(e.node)) {
      full->push_back(MediaPicture(e.node, base));
    } else if (IsMediaRss(parent, e, "thumbnail")) {
      thumbs->push_back(MediaPicture(e.node, base));
    } else if (IsMediaRss(parent, e, "group") && !in_group) {
      CollectMedia(ChildIndex(e.node), base, /*in_group=*/true, full, thumbs);
    }
  }
}

// Tags that show the author wrote paragraphs in markup, so newlines in
// the HTML are just formatting. Compares each tag name without case in
// place rather than lower-casing a copy of the whole body first.
bool HasParagraphMarkup(std::string_view html) {
  static constexpr std::array<std::string_view, 14> kBlocks = {
      "p", "div", "br", "ul", "ol", "table", "blockquote", "pre",
      "h1", "h2", "h3", "h4", "h5", "h6"};
  for (size_t pos = html.find('<'); pos != std::string_view::npos; pos = html.find('<', pos + 1)) {
    std::string_view rest = html.substr(pos + 1);
    std::string_view name = rest.substr(0, rest.find_first_of(" \t\r\n/>"));
    for (std::string_view block : kBlocks) {
      if (block.size() == name.size() && EqualsIgnoreCase(name, block)) return true;
    }
  }
  return false;
}

bool IsLineBreak(char c) { return c == '\n' || c == '\r'; }

// Appends one paragraph chunk: as it is when it is a block element,
// otherwise wrapped in <p>.
void AppendChunk(std::string_view chunk, std::string* out) {
  bool block = StartsWithIgnoreCase(chunk, "<hr") || StartsWithIgnoreCase(chunk, "<figure") ||
               StartsWithIgnoreCase(chunk, "<iframe");
  if (block) {
    out->append(chunk);
    return;
  }
  out->append("<p>");
  out->append(chunk);
  out->append("</p>");
}

// WordPress-style "autop": blank lines (or, without any, single lines)
// separate paragraphs; a chunk that is a block element stays as it is.
// CR and LF both end a line (CR alone, LF alone, CRLF as an empty line
// between: the same as turning every CR into LF first). The lines of a
// chunk are trimmed and never blank, so a chunk is empty or not blank.
std::string AutoParagraphs(std::string_view html) {
  // Most bodies end their lines with LF alone: then memchr finds the lines
  // and the blank ones, instead of a test of every byte against both.
  bool lf_only = html.find('\r') == std::string_view::npos;
  bool blank_lines = false;
  if (lf_only) {
    blank_lines = html.find("\n\n") != std::string_view::npos;
  } else {
    for (size_t i = 0; i + 1 < html.size() && !blank_lines; ++i) {
      blank_lines = IsLineBreak(html[i]) && IsLineBreak(html[i + 1]);
    }
  }
  std::string out;
  out.reserve(html.size() + 16);
  std::string current;
  size_t start = 0;
  while (start <= html.size()) {
    size_t end = start;
    if (lf_only) {
      end = std::min(html.find('\n', start), html.size());
    } else {
      while (end < html.size() && !IsLineBreak(html[end])) ++end;
    }
    std::string_view line = Trim(html.substr(start, end - start));
    start = end + 1;
    if (line.empty() || !blank_lines) {
      if (!current.empty()) AppendChunk(current, &out);
      current.clear();
      if (line.empty()) continue;
    }
    // "<br/>", not "<br>": the chunk stays well-formed XML, so the sanitizer
    // can take its XML fast path instead of the much slower HTML5 parser.
    if (!current.empty()) current.append("<br/>");
    current.append(line);
  }
  if (!current.empty()) AppendChunk(current, &out);
  return out;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// What TextIsTrimmedRaw needs to know of a byte, one table load per byte.
enum ByteClass : uint8_t { kPlain, kSpace, kOtherSpace, kSlowPath };
constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> classes{};
  for (char c : {'\t', '\n', '\r', '\f', '\v'}) classes[static_cast<unsigned char>(c)] = kOtherSpace;
  classes[' '] = kSpace;
  classes['&'] = kSlowPath;
  classes[0xC2] = kSlowPath;
  return classes;
}
constexpr std::array<uint8_t, 256> kByteClasses = MakeByteClasses();

// The first position in [i, e) from which TextIsTrimmedRaw's byte loop has
// to look, skipping 16 bytes at a time while each is plain or a ' ' not
// followed by a space (SSE2, the x86-64 baseline; elsewhere the byte loop
// does it all). A block is skipped only when its 16 bytes and the byte
// after it lie in [i, e), so it reads nothing outside and decides each
// byte as the byte loop would.
size_t SkipPlainBlocks(const char* text, size_t i, size_t e) {
#if defined(__SSE2__)
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i four = _mm_set1_epi8(4);
  // \t \n \v \f \r are 9..13: (byte - 9) as unsigned is at most 4.
  auto other_space = [&](__m128i v) {
    __m128i d = _mm_sub_epi8(v, tab);
    return _mm_cmpeq_epi8(_mm_min_epu8(d, four), d);
  };
  for (; i + 17 <= e; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i + 1));
    __m128i next_space = _mm_or_si128(_mm_cmpeq_epi8(next, space), other_space(next));
    __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, c2)),
                               _mm_or_si128(other_space(v),
                                            _mm_and_si128(_mm_cmpeq_epi8(v, space), next_space)));
    if (_mm_movemask_epi8(bad) != 0) break;
  }
#endif
  return i;
}

// Whether Text would return `raw` (one text node's value) only trimmed of
// ASCII whitespace: no '&' (entities to decode), no 0xC2 byte (a
// no-break space, which CollapseWhitespace and Trim treat as space; any
// other character with that lead byte just takes the slow path), and
// inside the trimmed text no whitespace other than single ' '. Sets
// *trimmed to that text.
// Always inlined: TextView runs for nearly every field, and with two
// callers GCC would make this a call (+450 instructions per corpus pass).
[[gnu::always_inline]] inline bool TextIsTrimmedRaw(std::string_view raw,
                                                  std::string_view* trimmed) {
  auto cls = [](char c) { return kByteClasses[static_cast<unsigned char>(c)]; };
  size_t b = 0, e = raw.size();
  while (b < e && IsAsciiSpace(raw[b])) ++b;
  while (e > b && IsAsciiSpace(raw[e - 1])) --e;
  for (size_t i = SkipPlainBlocks(raw.data(), b, e); i < e; ++i) {
    uint8_t c = cls(raw[i]);
    if (c == kPlain) continue;
    if (c != kSpace) return false;  // '&', 0xC2, or whitespace but ' '
    // raw[e - 1] is not a space, so raw[i + 1] exists here.
    if (cls(raw[i + 1]) == kSpace || cls(raw[i + 1]) == kOtherSpace) return false;
  }
  *trimmed = raw.substr(b, e - b);
  return true;
}

// CollapseWhitespace(text), as a view of `text` when that is just `text`
// trimmed (TextIsTrimmedRaw: no whitespace but single ' ' inside, no
// 0xC2 that could start a no-break space), else built in *storage.
std::string_view CollapsedView(std::string_view text, std::string* storage) {
  std::string_view trimmed;
  if (TextIsTrimmedRaw(text, &trimmed)) return trimmed;
  *storage = CollapseWhitespace(text);
  return *storage;
}

bool IsTextNode(pugi::xml_node node) {
  pugi::xml_node_type type = node.type();
  return type == pugi::node_pcdata || type == pugi::node_cdata;
}

// Whether attribute `name` declares the namespace of the prefix
// ("xmlns:prefix"), or the default namespace ("xmlns") when there is none.
bool DeclaresPrefix(std::string_view name, bool has_prefix, std::string_view prefix) {
  if (!has_prefix) return name == "xmlns";
  return name.size() == prefix.size() + 6 && StartsWith(name, "xmlns:") &&
         name.substr(6) == prefix;
}

// The first declaration of the prefix on `node` itself, like
// node.attribute("xmlns:prefix") without building the name.
bool FindDeclaration(pugi::xml_node node, bool has_prefix, std::string_view prefix,
                     std::string_view* uri) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (DeclaresPrefix(a.name(), has_prefix, prefix)) {
      *uri = a.value();
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view NamespaceOf(pugi::xml_node node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  std::string attr = colon == name.npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node n = node; n; n = n.parent()) {
    if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
  }
  return {};
}

namespace {

// (has_prefix, prefix) of an element's qualified name: the part before the
// first ':', as NamespaceOf reads it. A byte loop up to that ':' rather
// than strlen over the whole name and then memchr: prefixes are a few
// bytes.
std::string_view PrefixOf(const char* qname, bool* has_prefix) {
  const char* p = qname;
  while (*p != '\0' && *p != ':') ++p;
  *has_prefix = *p == ':';
  return *has_prefix ? std::string_view(qname, static_cast<size_t>(p - qname))
                     : std::string_view();
}

bool DeclaresAnyPrefix(pugi::xml_node node) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (StartsWith(a.name(), "xmlns")) return true;
  }
  return false;
}

}  // namespace

void NamespaceScope::SetScope(pugi::xml_node scope) {
  if (scope == scope_) return;
  scope_ = scope;
  known_.clear();
  known_read_ = false;
  last_match_ = 0;
}

std::string_view NamespaceScope::InScope(bool has_prefix, std::string_view prefix) {
  // Every declaration in effect at scope_, read in one walk up the first
  // time: nearest node first, and on a node in attribute order, so the
  // first match is the declaration NamespaceOf would find.
  if (!known_read_) {
    known_read_ = true;
    for (pugi::xml_node n = scope_; n; n = n.parent()) {
      for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
        std::string_view name = a.name();
        if (name == "xmlns") {
          known_.push_back({false, {}, a.value()});
        } else if (StartsWith(name, "xmlns:")) {
          known_.push_back({true, name.substr(6), a.value()});
        }
      }
    }
  }
  // Compared byte by byte in place: prefixes are a few bytes ("dc", "wp"),
  // shorter than the call to memcmp that == makes.
  auto matches = [&](const Known& k) {
    if (k.has_prefix != has_prefix || k.prefix.size() != prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      if (k.prefix[i] != prefix[i]) return false;
    }
    return true;
  };
  // Children of one item mostly share a prefix ("wp:", "dc:"): try the
  // last answer first. It is the first match for its prefix (found by the
  // scan below), so it is the one the scan would find again.
  if (last_match_ < known_.size() && matches(known_[last_match_])) {
    return known_[last_match_].uri;
  }
  for (size_t i = 0; i < known_.size(); ++i) {
    if (matches(known_[i])) {
      last_match_ = i;
      return known_[i].uri;
    }
  }
  return {};  // undeclared
}

void NamespaceScope::Enter(pugi::xml_node item) {
  SetScope(item.parent());
  item_ = item;
  item_declares_ = DeclaresAnyPrefix(item);
}

std::string_view NamespaceScope::OfChild(pugi::xml_node child, bool* from_scope) {
  // Without any attribute on the child and without a declaration on the
  // item, the answer is the one in effect above the item.
  const bool declared_below = item_declares_ || child.first_attribute();
  if (from_scope != nullptr) *from_scope = !declared_below;
  if (declared_below) return Of(child, item_);
  bool has_prefix;
  std::string_view prefix = PrefixOf(child.name(), &has_prefix);
  return InScope(has_prefix, prefix);
}

std::string_view NamespaceScope::Of(pugi::xml_node element, pugi::xml_node item) {
  bool has_prefix;
  std::string_view prefix = PrefixOf(element.name(), &has_prefix);
  std::string_view uri;
  for (pugi::xml_node n = element;; n = n.parent()) {
    if (FindDeclaration(n, has_prefix, prefix, &uri)) return uri;
    if (n == item) break;
  }
  SetScope(item.parent());
  return InScope(has_prefix, prefix);
}

// Every pugixml accessor is an out-of-line call, so null nodes are told by
// their type (node_null) rather than by another call to operator!.
std::string_view TextView(pugi::xml_node node, std::string* storage) {
  const pugi::xml_node_type type = node.type();
  if (type == pugi::node_null) return {};
  if (type == pugi::node_element) {
    pugi::xml_node only = node.first_child();
    const pugi::xml_node_type only_type = only.type();
    if (only_type == pugi::node_null) return {};
    std::string_view trimmed;
    if ((only_type == pugi::node_pcdata || only_type == pugi::node_cdata) &&
        only.next_sibling().type() == pugi::node_null &&
        TextIsTrimmedRaw(only.value(), &trimmed)) {
      return trimmed;
    }
  }
  *storage = Text(node);
  return *storage;
}

std::string FastText(pugi::xml_node node) {
  std::string storage;
  std::string_view text = TextView(node, &storage);
  if (!storage.empty() && text.data() == storage.data()) return storage;
  return std::string(text);
}

std::string_view RawTextView(pugi::xml_node node, std::string* storage) {
  pugi::xml_node first = node.first_child();
  if (first.type() == pugi::node_null) return {};
  if (first.next_sibling().type() == pugi::node_null) {
    return IsTextNode(first) ? std::string_view(first.value()) : "";
  }
  *storage = RawText(node);
  return *storage;
}

std::optional<Timestamp> FeedDate(const FeedItemContext& ctx, pugi::xml_node node) {
  std::string storage;
  std::string_view text = TextView(node, &storage);
  if (text.empty()) return std::nullopt;
  std::optional<Timestamp> t = ParseAnyDate(text);
  if (!t && ctx.warnings != nullptr) {
    ctx.warnings->push_back(ctx.doc->At(node, "unknown date form \"" + std::string(text) +
                                                  "\" in <" + std::string(node.name()) +
                                                  ">; ignored"));
  }
  return t;
}

std::string RawText(pugi::xml_node node) {
  std::string out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  }
  return out;
}

std::string XmlBaseBelow(std::string_view parent_base, pugi::xml_node node) {
  if (pugi::xml_attribute a = node.attribute("xml:base")) {
    std::string resolved = Resolve(parent_base, a.value());
    if (!resolved.empty()) return resolved;
  }
  return std::string(parent_base);
}

std::string XmlBaseFor(pugi::xml_node node, std::string_view fallback) {
  std::vector<std::string_view> bases;
  for (pugi::xml_node n = node; n; n = n.parent()) {
    if (pugi::xml_attribute a = n.attribute("xml:base")) bases.push_back(a.value());
  }
  std::string base(fallback);
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) {
    std::string resolved = Resolve(base, *it);
    if (!resolved.empty()) base = resolved;
  }
  return base;
}

std::string FeedHtmlToBody(std::string_view html, std::string_view base) {
  if (Trim(html).empty()) return {};
  SanitizeOptions options;
  options.base_url = std::string(base);
  if (HasParagraphMarkup(html)) return SanitizeHtml(html, options);
  return SanitizeHtml(AutoParagraphs(html), options);
}

void AddCategory(std::string_view term, std::string_view label, std::string_view scheme,
                 model::Story* story) {
  term = Trim(term);
  std::string storage;
  std::string_view name = CollapsedView(label.empty() ? term : label, &storage);
  if (term.empty() && name.empty()) return;
  bool is_tag = scheme.empty() || scheme == "post_tag" || scheme == "tag";
  if (is_tag) {
    if (std::find(story->keywords.begin(), story->keywords.end(), name) == story->keywords.end()) {
      story->keywords.emplace_back(name);
    }
    return;
  }
  model::Subject sub{std::string(term.empty() ? name : term), std::string(name),
                     std::string(scheme)};
  if (std::find(story->subjects.begin(), story->subjects.end(), sub) == story->subjects.end()) {
    story->subjects.push_back(std::move(sub));
  }
}

void AddMediaPictures(const ChildIndex& item, std::string_view base, model::Story* story) {
  std::vector<model::Picture> full, thumbs;
  CollectMedia(item, base, /*in_group=*/false, &full, &thumbs);
  for (model::Picture& p : full.empty() ? thumbs : full) {
    if (!p.href.empty() && !HasPicture(*story, p.href)) story->pictures.push_back(std::move(p));
  }
}

void AddEnclosure(std::string_view url, std::string_view type, std::string_view base,
                  model::Story* story) {
  bool image = type.empty() ? LooksLikeImageUrl(url) : StartsWith(type, "image/");
  std::string href = Resolve(base, url);
  if (!image || href.empty() || HasPicture(*story, href)) return;
  model::Picture p;
  p.href = std::move(href);
  p.mime_type = std::string(type);
  story->pictures.push_back(std::move(p));
}

std::string AuthorName(std::string_view text) {
  text = Trim(text);
  size_t open = text.find('(');
  if (text.find('@') != text.npos && open != text.npos && text.back() == ')') {
    return CollapseWhitespace(text.substr(open + 1, text.size() - open - 2));
  }
  return CollapseWhitespace(text);
}

std::optional<Diagnostic> Unusable(const FeedItemContext& ctx, pugi::xml_node item,
                                   const model::Story& story) {
  if (!story.headline.empty() || !story.body_html.empty()) return std::nullopt;
  std::string what = story.uri.empty() ? "" : " (" + story.uri + ")";
  return ctx.doc->At(item, "<" + std::string(LocalName(item)) + ">" + what +
                               " has no title and no content");
}

void KeepIfUsable(const FeedItemContext& ctx, pugi::xml_node item, ParseResult* out) {
  std::optional<Diagnostic> d = Unusable(ctx, item, out->stories.back());
  if (!d) return;
  out->stories.pop_back();
  if (ctx.first_unusable != nullptr && !ctx.first_unusable->has_value()) *ctx.first_unusable = *d;
  d->message += "; skipped";
  out->warnings.push_back(std::move(*d));
}

}  // namespace wirepress::formats::syndication

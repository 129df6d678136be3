#include "formats/html_sanitizer.h"

#include <gumbo.h>

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <cstddef>
#include <memory>
#include <memory_resource>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/strings.h"
#include "formats/text.h"
#include "formats/xml_reader.h"

namespace wirepress::formats {
namespace {

enum class Policy { kKeep, kDrop, kUnwrap };

// Everything the writer needs to know about an element name.
struct TagInfo {
  std::string_view name;
  Policy policy;
  bool block = false;    // starts a block: inline runs around it are wrapped in <p>
  bool is_void = false;  // written without content or end tag
  std::array<std::string_view, 5> attrs = {};  // allowed attribute names
  // Filled in by kTags: "<name>" and "</name>" as written (h1 as h2: the
  // page owns h1), so that each is one append.
  std::array<char, 16> start = {};
  std::array<char, 16> end = {};
  unsigned char start_size = 0, end_size = 0;
  std::string_view start_tag() const { return {start.data(), start_size}; }
  std::string_view end_tag() const { return {end.data(), end_size}; }
};

constexpr TagInfo kTagList[] = {
    // Kept, with their attributes.
    {"a", Policy::kKeep, false, false, {"href", "title"}},
    {"abbr", Policy::kKeep, false, false, {"title"}},
    {"b", Policy::kKeep},
    {"blockquote", Policy::kKeep, true},
    {"br", Policy::kKeep, false, true},
    {"caption", Policy::kKeep},
    {"cite", Policy::kKeep},
    {"code", Policy::kKeep},
    {"dd", Policy::kKeep},
    {"dl", Policy::kKeep, true},
    {"dt", Policy::kKeep},
    {"em", Policy::kKeep},
    {"figcaption", Policy::kKeep},
    {"figure", Policy::kKeep, true},
    {"h1", Policy::kKeep, true},
    {"h2", Policy::kKeep, true},
    {"h3", Policy::kKeep, true},
    {"h4", Policy::kKeep, true},
    {"h5", Policy::kKeep, true},
    {"h6", Policy::kKeep, true},
    {"hr", Policy::kKeep, true, true},
    {"i", Policy::kKeep},
    {"img", Policy::kKeep, false, true, {"src", "alt", "title", "width", "height"}},
    {"li", Policy::kKeep},
    {"mark", Policy::kKeep},
    {"ol", Policy::kKeep, true, false, {"start"}},
    {"p", Policy::kKeep, true},
    {"pre", Policy::kKeep, true},
    {"q", Policy::kKeep},
    {"s", Policy::kKeep},
    {"small", Policy::kKeep},
    {"strong", Policy::kKeep},
    {"sub", Policy::kKeep},
    {"sup", Policy::kKeep},
    {"table", Policy::kKeep, true},
    {"tbody", Policy::kKeep},
    {"td", Policy::kKeep, false, false, {"colspan", "rowspan"}},
    {"tfoot", Policy::kKeep},
    {"th", Policy::kKeep, false, false, {"colspan", "rowspan"}},
    {"thead", Policy::kKeep},
    {"tr", Policy::kKeep},
    {"u", Policy::kKeep},
    {"ul", Policy::kKeep, true},
    // Dropped with their content.
    {"applet", Policy::kDrop}, {"audio", Policy::kDrop}, {"base", Policy::kDrop},
    {"button", Policy::kDrop}, {"canvas", Policy::kDrop}, {"embed", Policy::kDrop},
    {"form", Policy::kDrop}, {"frame", Policy::kDrop}, {"frameset", Policy::kDrop},
    {"head", Policy::kDrop}, {"iframe", Policy::kDrop}, {"input", Policy::kDrop},
    {"link", Policy::kDrop}, {"math", Policy::kDrop}, {"meta", Policy::kDrop},
    {"noembed", Policy::kDrop}, {"noframes", Policy::kDrop}, {"noscript", Policy::kDrop},
    {"object", Policy::kDrop}, {"param", Policy::kDrop}, {"plaintext", Policy::kDrop},
    {"script", Policy::kDrop}, {"select", Policy::kDrop}, {"source", Policy::kDrop},
    {"style", Policy::kDrop}, {"svg", Policy::kDrop}, {"template", Policy::kDrop},
    {"textarea", Policy::kDrop}, {"title", Policy::kDrop}, {"track", Policy::kDrop},
    {"video", Policy::kDrop}, {"xmp", Policy::kDrop},
    // Any other name is unwrapped (its children kept).
};
constexpr size_t kTagCount = std::size(kTagList);

// A name of at most 15 bytes packed into two integers, its length in the
// last byte (so "p" and "p\0" differ), first byte most significant (so keys
// order like the names). Every element of every body is looked up: this
// hashes and compares as integers, without memcmp calls.
struct NameKey {
  std::uint64_t hi = 0, lo = 0;
  friend constexpr auto operator<=>(const NameKey&, const NameKey&) = default;
};
constexpr size_t kMaxKeyedName = 15;

constexpr char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
// std::isalpha, std::isalnum and std::isspace in the "C" locale (the
// program never sets another), without a library call per byte.
constexpr bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }
constexpr bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// REQUIRES: name.size() <= kMaxKeyedName. ASCII letters are lower-cased.
constexpr NameKey LowerKeyOf(std::string_view name) {
  NameKey k;
  for (size_t i = 0; i < name.size(); ++i) {
    std::uint64_t byte = static_cast<unsigned char>(LowerAscii(name[i]));
    if (i < 8) {
      k.hi |= byte << (56 - 8 * i);
    } else {
      k.lo |= byte << (56 - 8 * (i - 8));
    }
  }
  k.lo |= name.size();
  return k;
}

// kTagList sorted by key (to find duplicates), with the keys alongside and
// the tags' text.
struct TagTable {
  std::array<NameKey, kTagCount> keys;
  std::array<TagInfo, kTagCount> tags;
};
constexpr TagTable kTags = [] {
  TagTable t{};
  for (size_t i = 0; i < kTagCount; ++i) t.tags[i] = kTagList[i];
  std::sort(t.tags.begin(), t.tags.end(), [](const TagInfo& a, const TagInfo& b) {
    return LowerKeyOf(a.name) < LowerKeyOf(b.name);
  });
  for (size_t i = 0; i < kTagCount; ++i) {
    TagInfo& tag = t.tags[i];
    t.keys[i] = LowerKeyOf(tag.name);
    std::string_view written = tag.name == "h1" ? "h2" : tag.name;
    auto put = [](std::string_view part, std::array<char, 16>* to, unsigned char* size) {
      for (char c : part) (*to)[(*size)++] = c;
    };
    put("<", &tag.start, &tag.start_size);
    put(written, &tag.start, &tag.start_size);
    put(">", &tag.start, &tag.start_size);
    put("</", &tag.end, &tag.end_size);
    put(written, &tag.end, &tag.end_size);
    put(">", &tag.end, &tag.end_size);
  }
  return t;
}();
static_assert(std::adjacent_find(kTags.keys.begin(), kTags.keys.end()) == kTags.keys.end(),
              "a tag is listed twice");

// A lookup is one probe (a binary search took ~100 instructions per
// element): a multiplier found at compile time sends every listed key to
// a slot of its own.
constexpr int kSlotBits = 10;
constexpr size_t kSlotCount = size_t{1} << kSlotBits;
constexpr size_t SlotOf(const NameKey& k, std::uint64_t mul) {
  return static_cast<size_t>(((k.hi ^ (k.lo * 0x9E3779B97F4A7C15ull)) * mul) >> (64 - kSlotBits));
}
struct TagSlots {
  std::uint64_t mul = 0;
  std::array<unsigned char, kSlotCount> index = {};  // 1 + position in kTags; 0: none
};
static_assert(kTagCount < 255);
constexpr TagSlots kTagSlots = [] {
  for (std::uint64_t mul = 0x9E3779B97F4A7C15ull;; mul += 0x2545F4914F6CDD1Eull) {  // stays odd
    TagSlots s;
    s.mul = mul;
    bool distinct = true;
    for (size_t i = 0; i < kTagCount && distinct; ++i) {
      unsigned char& slot = s.index[SlotOf(kTags.keys[i], mul)];
      distinct = slot == 0;
      slot = static_cast<unsigned char>(i + 1);
    }
    if (distinct) return s;
  }
}();

// The entry for an element name (ASCII case ignored), or nullptr for a name
// that is neither kept nor dropped (the element is unwrapped).
const TagInfo* FindTag(std::string_view name) {
  if (name.size() > kMaxKeyedName) return nullptr;  // longer than any listed name
  NameKey key = LowerKeyOf(name);
  unsigned char i = kTagSlots.index[SlotOf(key, kTagSlots.mul)];
  if (i == 0 || kTags.keys[i - 1] != key) return nullptr;
  return &kTags.tags[i - 1];
}

// Elements that start a block; inline runs between them at the top level
// are wrapped in <p>.
bool IsBlock(std::string_view n) {
  const TagInfo* tag = FindTag(n);
  return tag != nullptr && tag->block;
}

bool AttrAllowed(const TagInfo& tag, std::string_view name) {
  for (std::string_view a : tag.attrs) {
    if (a.empty()) break;
    if (name == a) return true;
  }
  return false;
}

// The scheme of a URL as a browser would see it: entities decoded, ASCII
// whitespace and control characters removed, lower-cased.
std::string EffectiveScheme(std::string_view url) {
  // Decoding changes nothing before the first '&' and removing bytes
  // <= 0x20 reorders nothing, so when one of ":/?#" comes first the answer
  // is read off `url` itself (a ':' there ends the scheme; "/?#" mean none).
  size_t end = url.find_first_of(":/?#&");
  if (end == std::string_view::npos) return {};
  if (url[end] != '&') {
    if (url[end] != ':') return {};
    std::string scheme;
    for (char c : url.substr(0, end)) {
      if (static_cast<unsigned char>(c) > 0x20) scheme.push_back(LowerAscii(c));
    }
    return scheme;
  }
  std::string clean;
  for (char c : DecodeHtmlEntities(url)) {
    if (static_cast<unsigned char>(c) > 0x20) clean.push_back(c);
  }
  size_t colon = clean.find(':');
  size_t stop = clean.find_first_of("/?#");
  if (colon == std::string::npos || (stop != std::string::npos && stop < colon)) return {};
  return AsciiLower(clean.substr(0, colon));
}

enum class UrlScheme { kNone, kSafe, kUnsafe };  // kSafe: http, https, mailto

UrlScheme ClassifyScheme(std::string_view scheme) {
  if (scheme.empty()) return UrlScheme::kNone;
  return scheme == "http" || scheme == "https" || scheme == "mailto" ? UrlScheme::kSafe
                                                                     : UrlScheme::kUnsafe;
}

// ClassifyScheme(EffectiveScheme(url)), without EffectiveScheme's copies
// in the usual case. Entity decoding leaves every byte before the first
// '&' as it is, so when a ':' (the scheme's end) or one of "/?#" (a path
// before any scheme) comes before any '&', the answer can be read off
// `url` itself: removing bytes <= 0x20 does not reorder those characters.
UrlScheme SchemeOf(std::string_view url) {
  size_t end = url.find_first_of(":/?#&");
  if (end == std::string_view::npos) return UrlScheme::kNone;  // no ':', no reference
  if (url[end] == '&') return ClassifyScheme(EffectiveScheme(url));
  if (url[end] != ':') return UrlScheme::kNone;
  char scheme[6];  // as long as "mailto"; a longer scheme is none of the three
  size_t n = 0;
  for (char c : url.substr(0, end)) {
    if (static_cast<unsigned char>(c) <= 0x20) continue;
    if (n == sizeof(scheme)) return UrlScheme::kUnsafe;
    scheme[n++] = LowerAscii(c);
  }
  return ClassifyScheme(std::string_view(scheme, n));
}

// Whether a name is still read as one by pugixml once InnerXml has dropped
// its prefix: it must start like an XML name ("a:1b" would not).
bool StartsLikeXmlName(std::string_view local) {
  if (local.empty()) return false;
  unsigned char c = static_cast<unsigned char>(local[0]);
  return IsAsciiAlpha(local[0]) || c == '_' || c >= 0x80;
}

// Deeper than any real story body; beyond it, FlattenToParagraphs.
constexpr size_t kMaxDepth = 512;

// The two trees the writer walks: gumbo's HTML5 tree for arbitrary HTML,
// and pugixml's for input that is already well-formed XML (bodies that
// adapters serialised from XHTML/NITF, parsed XHTML), which skips the much
// slower HTML5 parse. Both expose: KindOf, Text (of a text node), Tag (the
// element's entry, nullptr for an unknown name), AppendText, AttrValue,
// Children and Attributes; pugixml's also what SanitizeXmlChildren needs
// to know whether a parsed tree can be written directly (its Check*).
enum class Kind { kText, kCdata, kElement, kOther };

struct GumboTree {
  using Node = const GumboNode*;
  static Kind KindOf(Node n) {
    switch (n->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE: return Kind::kText;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: return Kind::kElement;
      default: return Kind::kOther;
    }
  }
  static std::string_view Text(Node n) { return n->v.text.text; }
  static const TagInfo* Tag(Node n, bool* /*writable*/) {
    if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return FindTag("svg");  // dropped
    if (n->v.element.tag == GUMBO_TAG_UNKNOWN) return nullptr;
    return FindTag(gumbo_normalized_tagname(n->v.element.tag));
  }
  // gumbo has decoded character references already.
  static void AppendText(std::string_view text, std::string* out) { AppendHtmlEscaped(out, text); }
  static std::string_view AttrValue(std::string_view raw, std::string* /*storage*/) { return raw; }
  template <typename F>
  static void Children(Node n, F f) {
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) f(static_cast<Node>(kids.data[i]));
  }
  template <typename F>
  static void Attributes(Node n, bool* /*writable*/, F f) {
    const GumboVector& attrs = n->v.element.attributes;
    for (unsigned i = 0; i < attrs.length; ++i) {
      const GumboAttribute* a = static_cast<const GumboAttribute*>(attrs.data[i]);
      f(std::string_view(a->name), std::string_view(a->value));
    }
  }
  static bool CheckAttributes(Node) { return true; }
  static bool CheckSubtree(Node, size_t) { return true; }
};

struct PugiTree {
  using Node = pugi::xml_node;
  static Kind KindOf(Node n) {
    switch (n.type()) {
      case pugi::node_pcdata: return Kind::kText;
      case pugi::node_cdata: return Kind::kCdata;
      case pugi::node_element: return Kind::kElement;
      default: return Kind::kOther;
    }
  }
  static std::string_view Text(Node n) { return n.value(); }
  // Also clears *writable when the local name would not survive InnerXml.
  static const TagInfo* Tag(Node n, bool* writable) {
    std::string_view local = LocalName(n);
    if (!StartsLikeXmlName(local)) *writable = false;
    return FindTag(local);
  }
  // pugixml decodes only XML's own entities; HTML ones (&nbsp;) stay as text.
  // Decoding changes nothing before the first '&', so only the rest is
  // decoded (into a copy); the escaping scan finds that '&'.
  static void AppendText(std::string_view text, std::string* out) {
    size_t amp = AppendHtmlEscapedBeforeAmpersand(out, text);
    if (amp != text.size()) AppendHtmlEscaped(out, DecodeHtmlEntities(text.substr(amp)));
  }
  // `raw` itself when it holds no reference, else the decoded copy in
  // *storage.
  static std::string_view AttrValue(std::string_view raw, std::string* storage) {
    if (raw.find('&') == std::string_view::npos) return raw;
    *storage = DecodeHtmlEntities(raw);
    return *storage;
  }
  template <typename F>
  static void Children(Node n, F f) {
    for (Node c = n.first_child(); c; c = c.next_sibling()) f(c);
  }
  // Names are lower-cased into a buffer: no allowed attribute name is
  // longer than it, so longer ones are skipped unseen. Also clears
  // *writable when a name would not survive InnerXml.
  template <typename F>
  static void Attributes(Node n, bool* writable, F f) {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      std::string_view name = a.name();
      if (StartsWith(name, "xmlns")) continue;  // "xmlns:href" is no href
      std::string_view local = LocalName(name);
      if (!StartsLikeXmlName(local)) *writable = false;
      char lower[16];
      if (local.size() > sizeof(lower)) continue;
      for (size_t i = 0; i < local.size(); ++i) lower[i] = LowerAscii(local[i]);
      f(std::string_view(lower, local.size()), std::string_view(a.value()));
    }
  }
  // Whether every attribute name of `n` survives InnerXml.
  static bool CheckAttributes(Node n) {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      std::string_view name = a.name();
      if (!StartsWith(name, "xmlns") && !StartsLikeXmlName(LocalName(name))) return false;
    }
    return true;
  }
  // Whether the descendants of `parent`, which is `depth` levels below the
  // top, can be written from the tree (see Writer::writable()). Iterative.
  static bool CheckSubtree(Node parent, size_t depth) {
    Node n = parent;
    for (;;) {
      if (Node child = n.first_child()) {
        n = child;
        ++depth;
      } else {
        while (n != parent && !n.next_sibling()) {
          n = n.parent();
          --depth;
        }
        if (n == parent) return true;
        n = n.next_sibling();
      }
      pugi::xml_node_type type = n.type();
      if (type == pugi::node_cdata) return false;
      if (type != pugi::node_element) continue;
      if (depth > kMaxDepth || !StartsLikeXmlName(LocalName(n)) || !CheckAttributes(n)) {
        return false;
      }
    }
  }
};

// Writes a tree as sanitized HTML. A writer made with check_writable also
// finds out, while it writes, whether writing from the tree gives what
// serialising it (InnerXml) and sanitizing that text would: no CDATA (HTML
// carried as text, which needs the HTML parser), every element and
// attribute name survives losing its prefix, and nothing is deeper than
// kMaxDepth. When it does not, writable() is false and the output is
// meaningless; subtrees the writer skips (dropped elements, children of
// void ones) are checked without being written.
template <typename Tree>
class Writer {
 public:
  using Node = typename Tree::Node;
  Writer(const SanitizeOptions& o, size_t reserve, bool check_writable = false)
      : options_(o), check_(check_writable) {
    out_.reserve(reserve);
  }

  // Writes the children of `parent` as a sequence of blocks: block
  // elements as they are, runs of inline content wrapped in <p>, unknown
  // wrappers (div, span at the top) flattened into the same sequence.
  void TopLevel(Node parent) {
    ++depth_;
    Tree::Children(parent, [&](Node c) { TopLevelChild(c); });
    --depth_;
  }

  bool writable() const { return writable_; }

  std::string Finish() {
    CloseParagraph();
    return std::move(out_);
  }

 private:
  void TopLevelChild(Node c) {
    switch (Tree::KindOf(c)) {
      case Kind::kOther:
        return;
      case Kind::kCdata:
        if (check_) writable_ = false;
        [[fallthrough]];
      case Kind::kText: {
        std::string_view text = Tree::Text(c);
        if (Trim(text).empty()) {
          if (in_p_) out_ += ' ';
          return;
        }
        OpenParagraph();
        Tree::AppendText(text, &out_);
        return;
      }
      case Kind::kElement:
        break;
    }
    if (TooDeep()) return;
    const TagInfo* tag = ElementTag(c);
    if (tag == nullptr) {
      if (check_ && !Tree::CheckAttributes(c)) writable_ = false;
      return TopLevel(c);
    }
    if (tag->policy == Policy::kDrop) return Skip(c);
    if (tag->name == "br") {
      Skip(c);
      return CloseParagraph();
    }
    if (tag->block) {
      CloseParagraph();
    } else {
      OpenParagraph();
    }
    Element(c, tag);
  }

  void OpenParagraph() {
    if (!in_p_) out_ += "<p>";
    in_p_ = true;
  }
  void CloseParagraph() {
    if (in_p_) out_ += "</p>";
    in_p_ = false;
  }

  // An element this deep is not written from the tree (the caller takes
  // another path), and the recursion stops at it.
  bool TooDeep() {
    if (!check_ || depth_ <= kMaxDepth) return false;
    writable_ = false;
    return true;
  }

  // The element's entry (nullptr: unknown), checking its name.
  const TagInfo* ElementTag(Node n) {
    bool name_ok = true;
    const TagInfo* tag = Tree::Tag(n, &name_ok);
    if (check_ && !name_ok) writable_ = false;
    return tag;
  }

  // For a subtree that is not written: whether it could have been.
  void Skip(Node n) {
    if (check_ && !(Tree::CheckAttributes(n) && Tree::CheckSubtree(n, depth_))) writable_ = false;
  }

  void Any(Node n) {
    switch (Tree::KindOf(n)) {
      case Kind::kCdata:
        if (check_) writable_ = false;
        [[fallthrough]];
      case Kind::kText:
        Tree::AppendText(Tree::Text(n), &out_);
        break;
      case Kind::kElement:
        if (!TooDeep()) Element(n, ElementTag(n));
        break;
      case Kind::kOther:
        break;  // comments, processing instructions
    }
  }

  void Element(Node n, const TagInfo* tag) {
    if (tag == nullptr) {  // unknown: unwrapped
      if (check_ && !Tree::CheckAttributes(n)) writable_ = false;
      ++depth_;
      Tree::Children(n, [&](Node c) { Any(c); });
      --depth_;
      return;
    }
    if (tag->policy == Policy::kDrop) return Skip(n);
    out_ += tag->start_tag();
    Attributes(n, *tag);  // reopens the start tag if it writes any
    if (tag->is_void) {
      if (check_ && !Tree::CheckSubtree(n, depth_)) writable_ = false;
      return;
    }
    ++depth_;
    Tree::Children(n, [&](Node c) { Any(c); });
    --depth_;
    out_ += tag->end_tag();
  }

  // Writes the allowed attributes of `n` into the start tag just written
  // ("<name>", one append): most elements have none, so the '>' is taken
  // back only for those that do.
  void Attributes(Node n, const TagInfo& tag) {
    bool is_link = false;
    bool names_ok = true;
    bool reopened = false;
    auto reopen = [&] {
      if (!reopened) out_.pop_back();  // the start tag's '>'
      reopened = true;
    };
    Tree::Attributes(n, &names_ok, [&](std::string_view name, std::string_view raw) {
      if (!AttrAllowed(tag, name)) return;
      std::string decoded, resolved;
      std::string_view value = Tree::AttrValue(raw, &decoded);
      bool href = name == "href";
      if (href || name == "src") {
        value = SafeUrl(value, &resolved);
        if (value.empty()) return;
        is_link = is_link || href;
      }
      reopen();
      out_ += ' ';
      out_ += name;
      out_ += "=\"";
      AppendHtmlEscaped(&out_, value);
      out_ += '"';
    });
    if (check_ && !names_ok) writable_ = false;
    if (is_link && options_.nofollow_links) {
      reopen();
      out_ += " rel=\"nofollow noopener\"";
    }
    if (reopened) out_ += '>';
  }

  // The URL to write ("" drops the attribute): http(s) and mailto as they
  // are, relative ones resolved against the base (a copy in *storage),
  // anything else "".
  std::string_view SafeUrl(std::string_view value, std::string* storage) {
    std::string_view url = Trim(value);
    switch (SchemeOf(url)) {
      case UrlScheme::kSafe: return url;
      case UrlScheme::kUnsafe: return {};
      case UrlScheme::kNone: break;
    }
    if (options_.base_url.empty()) return url;
    *storage = ResolveUrl(options_.base_url, url);
    return *storage;
  }

  const SanitizeOptions& options_;
  const bool check_;
  std::string out_;
  bool in_p_ = false;
  bool writable_ = true;
  size_t depth_ = 0;  // of the children being written; the parents' are 1
};

const GumboNode* FindBody(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return nullptr;
  if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_BODY) return n;
  const GumboVector& kids =
      n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    if (const GumboNode* b = FindBody(static_cast<const GumboNode*>(kids.data[i]))) return b;
  }
  return nullptr;
}

std::string WriteGumboBody(const GumboOutput* out, const SanitizeOptions& options,
                           size_t reserve) {
  const GumboNode* body = FindBody(out->document);
  if (body == nullptr) return {};
  Writer<GumboTree> w(options, reserve);
  w.TopLevel(body);
  return w.Finish();
}

// HTML5 parses of bodies up to this size allocate from an arena, which
// holds every block gumbo ever allocated during the parse (a few times
// the input); larger ones use malloc and free as gumbo does by default, so
// that memory stays bounded by what gumbo itself keeps.
constexpr size_t kMaxArenaHtml = 64 * 1024;
// The arena's first block, on the stack: enough for a few KB of tag soup.
constexpr size_t kGumboArenaInitial = 16 * 1024;

bool IsVoidElementName(std::string_view n) {
  static constexpr std::string_view kVoid[] = {"area",  "base", "br",   "col",   "embed",
                                               "hr",    "img",  "input", "link", "meta",
                                               "param", "source", "track", "wbr"};
  char lower[6];  // the names above are 2 to 6 bytes long
  if (n.size() < 2 || n.size() > sizeof(lower)) return false;
  for (size_t i = 0; i < n.size(); ++i) lower[i] = LowerAscii(n[i]);
  std::string_view l(lower, n.size());
  for (std::string_view v : kVoid) {
    if (v == l) return true;
  }
  return false;
}

// Appends `html` with HTML void elements written the HTML way (<br>,
// <img src="x">) closed the XML way (<br/>), so that feed HTML that is
// otherwise well-formed still takes the XML path. A void element never has
// content in HTML, so this changes no tree; "<br></br>" becomes ill-formed
// and goes to the HTML5 parser as before.
void AppendWithVoidsClosed(std::string_view html, std::string* out) {
  size_t run = 0;
  for (size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    size_t name_end = lt + 1;
    while (name_end < html.size() && IsAsciiAlnum(html[name_end])) ++name_end;
    if (name_end >= html.size() || !IsVoidElementName(html.substr(lt + 1, name_end - lt - 1))) {
      continue;
    }
    char after = html[name_end];
    if (after != '>' && after != '/' && !IsAsciiSpace(after)) continue;
    size_t gt = name_end;
    for (char quote = 0; gt < html.size(); ++gt) {
      char c = html[gt];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    if (gt >= html.size()) break;
    if (html[gt - 1] != '/') {
      out->append(html.substr(run, gt - run));
      out->append("/>");
      run = gt + 1;
    }
    lt = gt;
  }
  out->append(html.substr(run));
}

// The fast path: `html` is a well-formed XML fragment once void elements
// are closed (every other tag closed). Returns false to fall back to the
// HTML5 parser. REQUIRES: no "<!" or "<?" in `html` (DOCTYPE, comments and
// CDATA: the HTML5 parser decides what they mean).
bool SanitizeAsXml(std::string_view html, const SanitizeOptions& options, std::string* out) {
  std::string wrapped;
  wrapped.reserve(html.size() + 64);
  wrapped += "<r>";
  AppendWithVoidsClosed(html, &wrapped);
  wrapped += "</r>";
  pugi::xml_document doc;
  if (!doc.load_buffer_inplace(wrapped.data(), wrapped.size(),
                               pugi::parse_default | pugi::parse_ws_pcdata,
                               pugi::encoding_utf8)) {
    return false;
  }
  Writer<PugiTree> w(options, html.size());
  w.TopLevel(doc.document_element());
  *out = w.Finish();
  return true;
}

// What one pass over the tags of `html` finds out.
struct TagScan {
  // An upper bound on how deep `html` nests elements: every start tag that
  // is not void or self-closed opens a level, and an end tag closes one
  // only when it names the innermost level still open. A stray end tag
  // closes nothing (counting it let "<div></i>" x 20,000 pass as depth 1
  // into the quadratic HTML5 parse); unclosed <p> and <li> over-count,
  // which is the safe direction.
  size_t max_depth = 0;
  // Whether "<!" or "<?" occurs anywhere.
  bool has_declaration = false;
};

TagScan ScanTags(std::string_view html) {
  TagScan scan;
  std::vector<std::string_view> open;  // names of the levels still open
  // Visits every '<' up to the first start tag without a '>'.
  for (size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    if (lt + 1 >= html.size()) break;
    char c = html[lt + 1];
    if (c == '!' || c == '?') {
      scan.has_declaration = true;
      continue;
    }
    if (c == '/') {
      size_t end = lt + 2;
      while (end < html.size() && IsAsciiAlnum(html[end])) ++end;
      if (!open.empty() && EqualsIgnoreCase(open.back(), html.substr(lt + 2, end - lt - 2))) {
        open.pop_back();
      }
      continue;
    }
    if (!IsAsciiAlpha(c)) continue;
    size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos) {
      // No more tags for the depth; a declaration may still follow.
      scan.has_declaration = scan.has_declaration ||
                             html.find("<!", lt) != std::string_view::npos ||
                             html.find("<?", lt) != std::string_view::npos;
      break;
    }
    size_t name_end = lt + 1;
    while (name_end < gt && !IsAsciiSpace(html[name_end]) && html[name_end] != '/') ++name_end;
    std::string_view name = html.substr(lt + 1, name_end - lt - 1);
    const TagInfo* tag = FindTag(name);
    if (html[gt - 1] == '/' || (tag != nullptr && tag->is_void)) continue;
    open.push_back(name);
    scan.max_depth = std::max(scan.max_depth, open.size());
  }
  return scan;
}

// Hostile or broken input nested thousands deep makes HTML5 tree building
// quadratic (20,000 nested divs took 2.2 s). Such input is kept as text:
// block-level tags become paragraph breaks, every other tag is dropped.
std::string FlattenToParagraphs(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  for (size_t i = 0; i < html.size(); ++i) {
    if (html[i] != '<') {
      text.push_back(html[i]);
      continue;
    }
    size_t gt = html.find('>', i);
    if (gt == std::string_view::npos) break;
    std::string tag = AsciiLower(html.substr(i + 1, std::min<size_t>(gt - i - 1, 12)));
    if (!tag.empty() && tag[0] == '/') tag.erase(0, 1);
    std::string_view name = std::string_view(tag).substr(0, tag.find_first_of(" \t\n/"));
    bool block = IsBlock(name) || name == "br" || name == "div" || name == "li" ||
                 name == "tr" || name == "section" || name == "article";
    text += block ? "\n\n" : " ";
    i = gt;
  }
  return TextToParagraphs(DecodeHtmlEntities(text));
}

// Whether `out`, written from a tree pugixml parsed from valid UTF-8, can
// be anything but valid UTF-8; false proves it valid without decoding
// every sequence (the full check was 14% of SanitizeXmlChildren).
//
// Why: pugixml (with the flags XmlDocument uses) changes the bytes it
// keeps only by normalising line ends and attribute whitespace (ASCII for
// ASCII), by decoding the five XML entities (to ASCII) and by writing
// numeric references as UTF-8. Its encoder (pugixml 1.13, utf8_writer)
// writes a number below 0x800 validly; below 0x10000 as three bytes, which
// are invalid only for a surrogate (lead byte 0xED); anything larger as
// four bytes whose lead byte is 0xF0 | (n >> 18) cut to 8 bits, i.e. 0xF0
// to 0xFF. The writer adds only ASCII, cuts text at ASCII bytes or at the
// ends of whole characters (Trim, LocalName, a NUL from "&#0;"), and
// DecodeHtmlEntities writes only valid UTF-8 (U+FFFD for a surrogate). So
// with no byte >= 0xED in `out` (and a valid base URL) every sequence is
// valid. Such bytes also occur in valid text (Hangul, emoji, U+E000 and
// up): then IsValidUtf8 decides.
// HtmlSanitizer.InvalidReferencesInParsedXhtmlTakeTheTextPath checks the
// encoder's side of this against the installed pugixml.
bool MayHoldInvalidUtf8FromReference(std::string_view out, std::string_view base_url) {
  if (!IsValidUtf8(base_url)) return true;
  const char* p = out.data();
  const char* end = p + out.size();
  unsigned char max = 0;
#if defined(__SSE2__)
  // The largest byte, 16 lanes at a time; 64 bytes a step into four
  // maxima (one instruction each), so the loop's own compare and branch
  // are paid once per 64 bytes.
  __m128i m = _mm_setzero_si128();
  __m128i m1 = m, m2 = m, m3 = m;
  auto load = [](const char* at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); };
  for (; end - p >= 64; p += 64) {
    m = _mm_max_epu8(m, load(p));
    m1 = _mm_max_epu8(m1, load(p + 16));
    m2 = _mm_max_epu8(m2, load(p + 32));
    m3 = _mm_max_epu8(m3, load(p + 48));
  }
  m = _mm_max_epu8(_mm_max_epu8(m, m1), _mm_max_epu8(m2, m3));
  for (; end - p >= 16; p += 16) m = _mm_max_epu8(m, load(p));
  alignas(16) unsigned char lanes[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(lanes), m);
  for (unsigned char lane : lanes) max = std::max(max, lane);
#endif
  for (; p != end; ++p) max = std::max(max, static_cast<unsigned char>(*p));
  return max >= 0xED;
}

}  // namespace

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  switch (SchemeOf(ref)) {  // ClassifyScheme(EffectiveScheme(ref)), mostly without copies
    case UrlScheme::kSafe: return std::string(ref);
    case UrlScheme::kUnsafe: return {};
    case UrlScheme::kNone: break;
  }
  std::string bscheme = EffectiveScheme(base);
  if (bscheme != "http" && bscheme != "https") return "";
  size_t host_start = base.find("//");
  if (host_start == std::string_view::npos) return "";
  if (StartsWith(ref, "//")) return bscheme + ":" + std::string(ref);
  size_t path_start = base.find('/', host_start + 2);
  std::string origin(base.substr(0, path_start));
  if (StartsWith(ref, "/")) return origin + std::string(ref);
  std::string dir = path_start == std::string_view::npos
                        ? "/"
                        : std::string(base.substr(path_start, base.rfind('/') - path_start + 1));
  std::string_view r = ref;
  while (StartsWith(r, "../") || StartsWith(r, "./")) {
    if (StartsWith(r, "./")) {
      r.remove_prefix(2);
      continue;
    }
    r.remove_prefix(3);
    if (dir.size() > 1) dir = dir.substr(0, dir.rfind('/', dir.size() - 2) + 1);
  }
  return origin + dir + std::string(r);
}

std::string SanitizeXmlChildren(const std::vector<pugi::xml_node>& parents,
                                const SanitizeOptions& options) {
  Writer<PugiTree> w(options, 4096, /*check_writable=*/true);
  for (pugi::xml_node p : parents) w.TopLevel(p);
  if (w.writable()) {
    std::string out = w.Finish();
    if (!MayHoldInvalidUtf8FromReference(out, options.base_url) || IsValidUtf8(out)) return out;
    // A numeric reference to a surrogate (&#xD800;) decodes to bytes that
    // are not UTF-8; the text path replaces them before parsing.
  }
  std::string html;
  for (pugi::xml_node p : parents) html += InnerXml(p);
  return SanitizeHtml(html, options);
}

std::string SanitizeHtml(std::string_view html, const SanitizeOptions& options) {
  // The XML fast path copies bytes through unchecked, so invalid UTF-8 is
  // replaced first (gumbo would do the same on its path).
  if (!IsValidUtf8(html)) {
    std::string clean = SanitizeUtf8(html);
    return SanitizeHtml(clean, options);
  }
  TagScan scan = ScanTags(html);
  if (scan.max_depth > kMaxDepth) return FlattenToParagraphs(html);
  std::string fast;
  if (!scan.has_declaration && SanitizeAsXml(html, options, &fast)) return fast;
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.max_errors = 0;  // we only want the tree, not the error list
  if (html.size() > kMaxArenaHtml) {
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
        gumbo_parse_with_options(&gopts, html.data(), html.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    return WriteGumboBody(out.get(), options, html.size());
  }
  // gumbo makes hundreds of small allocations per body and frees them one
  // by one (gumbo_destroy_output walks the whole tree): in an arena they
  // are bump allocations, and the whole tree goes at once with the arena.
  // gumbo 0.10 allocates and frees only through these two options (it
  // never reallocates: a growing vector or string buffer takes a new block
  // and frees the old one), so the output is the same.
  alignas(std::max_align_t) std::byte initial[kGumboArenaInitial];
  std::pmr::monotonic_buffer_resource arena(initial, sizeof(initial));
  gopts.userdata = &arena;
  gopts.allocator = [](void* arena, size_t size) noexcept -> void* {
    return static_cast<std::pmr::memory_resource*>(arena)->allocate(
        std::max<size_t>(size, 1), alignof(std::max_align_t));
  };
  gopts.deallocator = [](void* /*arena*/, void* /*block*/) noexcept {};
  // Not destroyed with gumbo_destroy_output: the arena frees it.
  GumboOutput* out = gumbo_parse_with_options(&gopts, html.data(), html.size());
  return WriteGumboBody(out, options, html.size());
}

}  // namespace wirepress::formats

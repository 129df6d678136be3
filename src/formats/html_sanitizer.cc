#include "formats/html_sanitizer.h"

#include <gumbo.h>

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

#include "base/strings.h"
#include "formats/text.h"
#include "formats/xml_reader.h"

namespace wirepress::formats {
namespace {

enum class Policy { kKeep, kDrop, kUnwrap };

struct TagRule {
  std::string_view name;
  const char* attrs[6];  // allowed attribute names, nullptr-terminated
};

// Sorted by name for binary search.
constexpr TagRule kAllowed[] = {
    {"a", {"href", "title"}}, {"abbr", {"title"}}, {"b", {}}, {"blockquote", {}},
    {"br", {}}, {"caption", {}}, {"cite", {}}, {"code", {}}, {"dd", {}}, {"dl", {}},
    {"dt", {}}, {"em", {}}, {"figcaption", {}}, {"figure", {}}, {"h1", {}}, {"h2", {}},
    {"h3", {}}, {"h4", {}}, {"h5", {}}, {"h6", {}}, {"hr", {}}, {"i", {}},
    {"img", {"src", "alt", "title", "width", "height"}}, {"li", {}}, {"mark", {}},
    {"ol", {"start"}}, {"p", {}}, {"pre", {}}, {"q", {}}, {"s", {}}, {"small", {}},
    {"strong", {}}, {"sub", {}}, {"sup", {}}, {"table", {}}, {"tbody", {}},
    {"td", {"colspan", "rowspan"}}, {"tfoot", {}}, {"th", {"colspan", "rowspan"}},
    {"thead", {}}, {"tr", {}}, {"u", {}}, {"ul", {}},
};

constexpr std::string_view kDropped[] = {
    "applet", "audio", "base", "button", "canvas", "embed", "form", "frame", "frameset",
    "head", "iframe", "input", "link", "math", "meta", "noembed", "noframes", "noscript",
    "object", "param", "plaintext", "script", "select", "source", "style", "svg",
    "template", "textarea", "title", "track", "video", "xmp",
};

const TagRule* FindRule(std::string_view name) {
  auto it = std::lower_bound(std::begin(kAllowed), std::end(kAllowed), name,
                             [](const TagRule& r, std::string_view n) { return r.name < n; });
  return it != std::end(kAllowed) && it->name == name ? &*it : nullptr;
}

// What the writer does with an element, and for kept ones their rule.
struct TagPolicy {
  Policy policy;
  const TagRule* rule;  // set for kKeep
};

// One lookup per element (the writer met every body element three times:
// dropped list, then the allowed list twice). Allowed names first: they
// are most of what bodies hold, and the two lists do not overlap.
TagPolicy LookupTag(std::string_view name) {
  if (const TagRule* rule = FindRule(name)) return {Policy::kKeep, rule};
  for (std::string_view d : kDropped) {
    if (d == name) return {Policy::kDrop, nullptr};
  }
  return {Policy::kUnwrap, nullptr};
}

bool IsVoid(std::string_view n) { return n == "br" || n == "hr" || n == "img"; }

// Elements that start a block; inline runs between them at the top level
// are wrapped in <p>.
bool IsBlock(std::string_view n) {
  static constexpr std::string_view kBlocks[] = {"blockquote", "dl", "figure", "h1", "h2",
                                                 "h3", "h4", "h5", "h6", "hr", "ol", "p",
                                                 "pre", "table", "ul"};
  for (std::string_view b : kBlocks) {
    if (b == n) return true;
  }
  return false;
}

bool AttrAllowed(const TagRule& rule, std::string_view name) {
  for (const char* a : rule.attrs) {
    if (a == nullptr) break;
    if (name == a) return true;
  }
  return false;
}

// The scheme of a URL as a browser would see it: entities decoded, ASCII
// whitespace and control characters removed, lower-cased.
std::string EffectiveScheme(std::string_view url) {
  std::string clean;
  for (char c : DecodeHtmlEntities(url)) {
    if (static_cast<unsigned char>(c) > 0x20) clean.push_back(c);
  }
  size_t colon = clean.find(':');
  size_t stop = clean.find_first_of("/?#");
  if (colon == std::string::npos || (stop != std::string::npos && stop < colon)) return {};
  return AsciiLower(clean.substr(0, colon));
}

// The two trees the writer walks: gumbo's HTML5 tree for arbitrary HTML,
// and pugixml's for input that is already well-formed XML (bodies that
// adapters serialised from XHTML/NITF), which skips the much slower HTML5
// parse. Both expose: Kind, Name (lower-case local name, "" for unknown
// namespaces), Text, Children and Attributes.
enum class Kind { kText, kBlankText, kElement, kOther };

struct GumboTree {
  using Node = const GumboNode*;
  static Kind KindOf(Node n) {
    switch (n->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        return Trim(n->v.text.text).empty() ? Kind::kBlankText : Kind::kText;
      case GUMBO_NODE_WHITESPACE: return Kind::kBlankText;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: return Kind::kElement;
      default: return Kind::kOther;
    }
  }
  static std::string Name(Node n) {
    if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return "svg";  // dropped
    if (n->v.element.tag == GUMBO_TAG_UNKNOWN) return "unknown";
    return gumbo_normalized_tagname(n->v.element.tag);
  }
  static void AppendText(Node n, std::string* out) { AppendHtmlEscaped(out, n->v.text.text); }
  // gumbo has decoded character references already.
  static std::string AttrValue(std::string_view raw) { return std::string(raw); }
  template <typename F>
  static void Children(Node n, F f) {
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) f(static_cast<Node>(kids.data[i]));
  }
  template <typename F>
  static void Attributes(Node n, F f) {
    const GumboVector& attrs = n->v.element.attributes;
    for (unsigned i = 0; i < attrs.length; ++i) {
      const GumboAttribute* a = static_cast<const GumboAttribute*>(attrs.data[i]);
      f(std::string_view(a->name), std::string_view(a->value));
    }
  }
};

struct PugiTree {
  using Node = pugi::xml_node;
  static Kind KindOf(Node n) {
    switch (n.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        return Trim(n.value()).empty() ? Kind::kBlankText : Kind::kText;
      case pugi::node_element: return Kind::kElement;
      default: return Kind::kOther;
    }
  }
  static std::string Name(Node n) { return AsciiLower(LocalName(n)); }
  // pugixml decodes only XML's own entities; HTML ones (&nbsp;) stay as text.
  static void AppendText(Node n, std::string* out) {
    std::string_view v = n.value();
    if (v.find('&') == std::string_view::npos) return AppendHtmlEscaped(out, v);
    AppendHtmlEscaped(out, DecodeHtmlEntities(v));
  }
  template <typename F>
  static void Children(Node n, F f) {
    for (Node c = n.first_child(); c; c = c.next_sibling()) f(c);
  }
  static std::string AttrValue(std::string_view raw) { return DecodeHtmlEntities(raw); }
  // Names are lower-cased into a buffer: no allowed attribute name is
  // longer than it, so longer ones are skipped unseen.
  template <typename F>
  static void Attributes(Node n, F f) {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      std::string_view name = a.name();
      if (StartsWith(name, "xmlns")) continue;  // "xmlns:href" is no href
      std::string_view local = LocalName(name);
      char lower[16];
      if (local.size() > sizeof(lower)) continue;
      for (size_t i = 0; i < local.size(); ++i) {
        char c = local[i];
        lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
      }
      f(std::string_view(lower, local.size()), std::string_view(a.value()));
    }
  }
};

template <typename Tree>
class Writer {
 public:
  using Node = typename Tree::Node;
  Writer(const SanitizeOptions& o, size_t reserve) : options_(o) { out_.reserve(reserve); }

  // Writes the children of `parent` as a sequence of blocks: block
  // elements as they are, runs of inline content wrapped in <p>, unknown
  // wrappers (div, span at the top) flattened into the same sequence.
  void TopLevel(Node parent) {
    Tree::Children(parent, [&](Node c) { TopLevelChild(c); });
  }

  std::string Finish() {
    CloseParagraph();
    return std::move(out_);
  }

 private:
  void TopLevelChild(Node c) {
    Kind k = Tree::KindOf(c);
    if (k == Kind::kOther) return;
    if (k == Kind::kBlankText) {
      if (in_p_) out_ += ' ';
      return;
    }
    if (k == Kind::kElement) {
      std::string name = Tree::Name(c);
      TagPolicy tag = LookupTag(name);
      if (tag.policy == Policy::kDrop) return;
      if (tag.policy == Policy::kUnwrap) return TopLevel(c);
      if (name == "br") return CloseParagraph();
      bool block = IsBlock(name);
      if (block) CloseParagraph();
      if (!block) OpenParagraph();
      return Element(c, std::move(name), tag);
    }
    OpenParagraph();
    Any(c);
  }

  void OpenParagraph() {
    if (!in_p_) out_ += "<p>";
    in_p_ = true;
  }
  void CloseParagraph() {
    if (in_p_) out_ += "</p>";
    in_p_ = false;
  }

  void Any(Node n) {
    switch (Tree::KindOf(n)) {
      case Kind::kText:
      case Kind::kBlankText:
        Tree::AppendText(n, &out_);
        break;
      case Kind::kElement: {
        std::string name = Tree::Name(n);
        TagPolicy tag = LookupTag(name);
        Element(n, std::move(name), tag);
        break;
      }
      case Kind::kOther:
        break;  // comments, processing instructions
    }
  }

  void Element(Node n, std::string name, TagPolicy tag) {
    if (tag.policy == Policy::kDrop) return;
    if (tag.policy == Policy::kUnwrap) {
      Tree::Children(n, [&](Node c) { Any(c); });
      return;
    }
    if (name == "h1") {
      name = "h2";  // the page owns h1
      tag.rule = FindRule(name);
    }
    out_ += '<';
    out_ += name;
    Attributes(n, *tag.rule);
    out_ += '>';
    if (IsVoid(name)) return;
    Tree::Children(n, [&](Node c) { Any(c); });
    out_ += "</";
    out_ += name;
    out_ += '>';
  }

  void Attributes(Node n, const TagRule& rule) {
    bool is_link = false;
    Tree::Attributes(n, [&](std::string_view name, std::string_view raw) {
      if (!AttrAllowed(rule, name)) return;
      std::string value = Tree::AttrValue(raw);
      if (name == "href" || name == "src") {
        value = SafeUrl(value);
        if (value.empty()) return;
        is_link = is_link || name == "href";
      }
      out_ += ' ';
      out_ += name;
      out_ += "=\"";
      AppendHtmlEscaped(&out_, value);
      out_ += '"';
    });
    if (is_link && options_.nofollow_links) out_ += " rel=\"nofollow noopener\"";
  }

  std::string SafeUrl(std::string_view raw) {
    std::string url(Trim(raw));
    std::string scheme = EffectiveScheme(url);
    if (!scheme.empty()) {
      return (scheme == "http" || scheme == "https" || scheme == "mailto") ? url : "";
    }
    if (options_.base_url.empty()) return url;
    return ResolveUrl(options_.base_url, url);
  }

  const SanitizeOptions& options_;
  std::string out_;
  bool in_p_ = false;
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

bool IsVoidElementName(std::string_view n) {
  static constexpr std::string_view kVoid[] = {"area",  "base", "br",   "col",   "embed",
                                               "hr",    "img",  "input", "link", "meta",
                                               "param", "source", "track", "wbr"};
  for (std::string_view v : kVoid) {
    if (EqualsIgnoreCase(v, n)) return true;
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
    while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) {
      ++name_end;
    }
    if (name_end >= html.size() || !IsVoidElementName(html.substr(lt + 1, name_end - lt - 1))) {
      continue;
    }
    char after = html[name_end];
    if (after != '>' && after != '/' && !std::isspace(static_cast<unsigned char>(after))) continue;
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
// are closed (no DOCTYPE, every other tag closed). Returns false to fall
// back to the HTML5 parser.
bool SanitizeAsXml(std::string_view html, const SanitizeOptions& options, std::string* out) {
  if (html.find("<!") != std::string_view::npos || html.find("<?") != std::string_view::npos) {
    return false;  // DOCTYPE, comments and CDATA: let the HTML5 parser decide
  }
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

// An upper bound on how deep `html` nests elements: every start tag that is
// not void or self-closed opens a level, every end tag closes one. Unclosed
// <p> and <li> over-count, which is the safe direction.
size_t ApproxMaxDepth(std::string_view html) {
  size_t depth = 0, max_depth = 0;
  for (size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    if (lt + 1 >= html.size()) break;
    char c = html[lt + 1];
    if (c == '/') {
      if (depth > 0) --depth;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) continue;
    size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos) break;
    size_t name_end = lt + 1;
    while (name_end < gt && !std::isspace(static_cast<unsigned char>(html[name_end])) &&
           html[name_end] != '/') {
      ++name_end;
    }
    std::string_view name = html.substr(lt + 1, name_end - lt - 1);
    if (html[gt - 1] == '/' || IsVoid(AsciiLower(name))) continue;
    max_depth = std::max(max_depth, ++depth);
  }
  return max_depth;
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

// Deeper than any real story body; beyond it, FlattenToParagraphs.
constexpr size_t kMaxDepth = 512;

// Whether InnerXml would keep this (element or attribute) name readable by
// pugixml: the local name must start like an XML name ("a:1b" would not).
bool LocalNameReparses(std::string_view qname) {
  std::string_view local = LocalName(qname);
  if (local.empty()) return false;
  unsigned char c = static_cast<unsigned char>(local[0]);
  return std::isalpha(c) || c == '_' || c >= 0x80;
}

// True when writing the children of `parent` straight from the tree gives
// what serialising them (InnerXml) and sanitizing that text would: no
// CDATA (HTML carried as text, which needs the HTML parser), every name
// survives losing its prefix, and no deeper than kMaxDepth. Iterative.
bool WritableFromTree(pugi::xml_node parent) {
  size_t depth = 0;
  pugi::xml_node n = parent;
  for (;;) {
    if (pugi::xml_node child = n.first_child()) {
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
    if (n.type() == pugi::node_cdata) return false;
    if (n.type() != pugi::node_element) continue;
    if (depth > kMaxDepth || !LocalNameReparses(n.name())) return false;
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      if (!StartsWith(a.name(), "xmlns") && !LocalNameReparses(a.name())) return false;
    }
  }
}

}  // namespace

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  std::string scheme = EffectiveScheme(ref);
  if (!scheme.empty()) {
    return (scheme == "http" || scheme == "https" || scheme == "mailto") ? std::string(ref) : "";
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
  bool direct = true;
  for (pugi::xml_node p : parents) direct = direct && WritableFromTree(p);
  if (!direct) {
    std::string html;
    for (pugi::xml_node p : parents) html += InnerXml(p);
    return SanitizeHtml(html, options);
  }
  Writer<PugiTree> w(options, 4096);
  for (pugi::xml_node p : parents) w.TopLevel(p);
  std::string out = w.Finish();
  if (IsValidUtf8(out)) return out;
  // A numeric reference to a surrogate (&#xD800;) decodes to bytes that are
  // not UTF-8; the text path replaces them before parsing.
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
  if (ApproxMaxDepth(html) > kMaxDepth) return FlattenToParagraphs(html);
  std::string fast;
  if (SanitizeAsXml(html, options, &fast)) return fast;
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.max_errors = 0;  // we only want the tree, not the error list
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
      gumbo_parse_with_options(&gopts, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  const GumboNode* body = FindBody(out->document);
  if (body == nullptr) return {};
  Writer<GumboTree> w(options, html.size());
  w.TopLevel(body);
  return w.Finish();
}

}  // namespace wirepress::formats

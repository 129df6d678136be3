#include "formats/html_sanitizer.h"

#include <gumbo.h>

#include <cstring>
#include <memory>

#include "base/strings.h"
#include "formats/text.h"

namespace wirepress::formats {
namespace {

enum class Policy { kKeep, kDrop, kUnwrap };

struct TagRule {
  GumboTag tag;
  const char* attrs[6];  // allowed attribute names, nullptr-terminated
};

constexpr TagRule kAllowed[] = {
    {GUMBO_TAG_P, {}}, {GUMBO_TAG_BR, {}}, {GUMBO_TAG_HR, {}},
    {GUMBO_TAG_H2, {}}, {GUMBO_TAG_H3, {}}, {GUMBO_TAG_H4, {}}, {GUMBO_TAG_H5, {}},
    {GUMBO_TAG_H6, {}}, {GUMBO_TAG_B, {}}, {GUMBO_TAG_STRONG, {}}, {GUMBO_TAG_I, {}},
    {GUMBO_TAG_EM, {}}, {GUMBO_TAG_U, {}}, {GUMBO_TAG_S, {}}, {GUMBO_TAG_SUB, {}},
    {GUMBO_TAG_SUP, {}}, {GUMBO_TAG_SMALL, {}}, {GUMBO_TAG_MARK, {}},
    {GUMBO_TAG_ABBR, {"title"}}, {GUMBO_TAG_Q, {}}, {GUMBO_TAG_CITE, {}},
    {GUMBO_TAG_BLOCKQUOTE, {}}, {GUMBO_TAG_PRE, {}}, {GUMBO_TAG_CODE, {}},
    {GUMBO_TAG_UL, {}}, {GUMBO_TAG_OL, {"start"}}, {GUMBO_TAG_LI, {}}, {GUMBO_TAG_DL, {}},
    {GUMBO_TAG_DT, {}}, {GUMBO_TAG_DD, {}}, {GUMBO_TAG_TABLE, {}}, {GUMBO_TAG_CAPTION, {}},
    {GUMBO_TAG_THEAD, {}}, {GUMBO_TAG_TBODY, {}}, {GUMBO_TAG_TFOOT, {}}, {GUMBO_TAG_TR, {}},
    {GUMBO_TAG_TH, {"colspan", "rowspan"}}, {GUMBO_TAG_TD, {"colspan", "rowspan"}},
    {GUMBO_TAG_FIGURE, {}}, {GUMBO_TAG_FIGCAPTION, {}},
    {GUMBO_TAG_A, {"href", "title"}},
    {GUMBO_TAG_IMG, {"src", "alt", "title", "width", "height"}},
};

constexpr GumboTag kDropped[] = {
    GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_IFRAME, GUMBO_TAG_FRAME, GUMBO_TAG_FRAMESET,
    GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED, GUMBO_TAG_APPLET, GUMBO_TAG_NOSCRIPT,
    GUMBO_TAG_TEMPLATE, GUMBO_TAG_SVG, GUMBO_TAG_MATH, GUMBO_TAG_FORM, GUMBO_TAG_INPUT,
    GUMBO_TAG_BUTTON, GUMBO_TAG_SELECT, GUMBO_TAG_TEXTAREA, GUMBO_TAG_LINK, GUMBO_TAG_META,
    GUMBO_TAG_HEAD, GUMBO_TAG_TITLE, GUMBO_TAG_BASE, GUMBO_TAG_AUDIO, GUMBO_TAG_VIDEO,
    GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK, GUMBO_TAG_CANVAS, GUMBO_TAG_PARAM, GUMBO_TAG_XMP,
    GUMBO_TAG_PLAINTEXT, GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES,
};

bool IsVoid(GumboTag t) { return t == GUMBO_TAG_BR || t == GUMBO_TAG_HR || t == GUMBO_TAG_IMG; }

// Elements that start a block; inline runs between them at the top level
// are wrapped in <p>.
bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_DL: case GUMBO_TAG_TABLE: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_HR:
      return true;
    default:
      return false;
  }
}

const TagRule* FindRule(GumboTag t) {
  for (const TagRule& r : kAllowed) {
    if (r.tag == t) return &r;
  }
  return nullptr;
}

Policy PolicyFor(const GumboNode* n) {
  if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return Policy::kDrop;
  GumboTag t = n->v.element.tag;
  for (GumboTag d : kDropped) {
    if (d == t) return Policy::kDrop;
  }
  if (t == GUMBO_TAG_H1 || FindRule(t)) return Policy::kKeep;
  return Policy::kUnwrap;
}

bool AttrAllowed(const TagRule& rule, const char* name) {
  for (const char* a : rule.attrs) {
    if (a == nullptr) break;
    if (std::strcmp(a, name) == 0) return true;
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

class Writer {
 public:
  explicit Writer(const SanitizeOptions& o) : options_(o) {}

  // Writes the children of `parent` as a sequence of blocks: block
  // elements as they are, runs of inline content wrapped in <p>, unknown
  // wrappers (div, span at the top) flattened into the same sequence.
  void TopLevel(const GumboNode* parent) {
    const GumboVector& kids = parent->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const GumboNode* c = static_cast<const GumboNode*>(kids.data[i]);
      if (c->type == GUMBO_NODE_ELEMENT) {
        Policy p = PolicyFor(c);
        GumboTag t = c->v.element.tag;
        if (p == Policy::kDrop) continue;
        if (p == Policy::kUnwrap) {
          TopLevel(c);
          continue;
        }
        if (t == GUMBO_TAG_BR) {
          CloseParagraph();
          continue;
        }
        if (IsBlock(t) || t == GUMBO_TAG_H1) {
          CloseParagraph();
          Node(c);
          continue;
        }
      } else if (IsBlankText(c)) {
        if (in_p_ && c->type != GUMBO_NODE_COMMENT) out_ += ' ';
        continue;
      }
      OpenParagraph();
      Node(c);
    }
  }

  std::string Finish() {
    CloseParagraph();
    return std::move(out_);
  }

 private:
  static bool IsBlankText(const GumboNode* n) {
    return (n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_COMMENT) ||
           (n->type == GUMBO_NODE_TEXT && Trim(n->v.text.text).empty());
  }
  void OpenParagraph() {
    if (!in_p_) out_ += "<p>";
    in_p_ = true;
  }
  void CloseParagraph() {
    if (in_p_) out_ += "</p>";
    in_p_ = false;
  }

  void Node(const GumboNode* n) {
    switch (n->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        AppendHtmlEscaped(&out_, n->v.text.text);
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        Element(n);
        break;
      default:
        break;  // comments and the document node
    }
  }

  void Children(const GumboNode* n) {
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) Node(static_cast<const GumboNode*>(kids.data[i]));
  }

  void Element(const GumboNode* n) {
    Policy p = PolicyFor(n);
    if (p == Policy::kDrop) return;
    if (p == Policy::kUnwrap) {
      Children(n);
      return;
    }
    GumboTag tag = n->v.element.tag == GUMBO_TAG_H1 ? GUMBO_TAG_H2 : n->v.element.tag;
    const char* name = gumbo_normalized_tagname(tag);
    out_ += '<';
    out_ += name;
    Attributes(n, *FindRule(tag));
    out_ += '>';
    if (IsVoid(tag)) return;
    Children(n);
    out_ += "</";
    out_ += name;
    out_ += '>';
  }

  void Attributes(const GumboNode* n, const TagRule& rule) {
    const GumboVector& attrs = n->v.element.attributes;
    bool is_link = false;
    for (unsigned i = 0; i < attrs.length; ++i) {
      const GumboAttribute* a = static_cast<const GumboAttribute*>(attrs.data[i]);
      if (!AttrAllowed(rule, a->name)) continue;
      std::string value = a->value;
      if (std::strcmp(a->name, "href") == 0 || std::strcmp(a->name, "src") == 0) {
        value = SafeUrl(value);
        if (value.empty()) continue;
        is_link = std::strcmp(a->name, "href") == 0;
      }
      out_ += ' ';
      out_ += a->name;
      out_ += "=\"";
      AppendHtmlEscaped(&out_, value);
      out_ += '"';
    }
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

std::string SanitizeHtml(std::string_view html, const SanitizeOptions& options) {
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.max_errors = 0;  // we only want the tree, not the error list
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
      gumbo_parse_with_options(&gopts, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  const GumboNode* body = FindBody(out->document);
  if (body == nullptr) return {};
  Writer w(options);
  w.TopLevel(body);
  return w.Finish();
}

}  // namespace wirepress::formats

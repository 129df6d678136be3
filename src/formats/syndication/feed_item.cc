#include "formats/syndication/feed_item.h"

#include <algorithm>
#include <array>

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
  std::string lower = AsciiLower(url.substr(0, url.find('?')));
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".gif", ".webp"}) {
    if (EndsWith(lower, ext)) return true;
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
// the HTML are just formatting.
bool HasParagraphMarkup(std::string_view html) {
  static constexpr std::array<std::string_view, 14> kBlocks = {
      "p", "div", "br", "ul", "ol", "table", "blockquote", "pre",
      "h1", "h2", "h3", "h4", "h5", "h6"};
  std::string lower = AsciiLower(html);
  for (size_t pos = lower.find('<'); pos != std::string::npos; pos = lower.find('<', pos + 1)) {
    std::string_view rest = std::string_view(lower).substr(pos + 1);
    std::string_view name = rest.substr(0, rest.find_first_of(" \t\r\n/>"));
    if (std::find(kBlocks.begin(), kBlocks.end(), name) != kBlocks.end()) return true;
  }
  return false;
}

// WordPress-style "autop": blank lines (or, without any, single lines)
// separate paragraphs; a chunk that is a block element stays as it is.
std::string AutoParagraphs(std::string_view html) {
  std::string text(html);
  std::replace(text.begin(), text.end(), '\r', '\n');
  bool blank_lines = text.find("\n\n") != std::string::npos;
  std::vector<std::string> chunks;
  std::string current;
  for (std::string_view line : Split(text, '\n')) {
    if (Trim(line).empty() || !blank_lines) {
      if (!Trim(current).empty()) chunks.push_back(current);
      current.clear();
      if (Trim(line).empty()) continue;
    }
    // "<br/>", not "<br>": the chunk stays well-formed XML, so the sanitizer
    // can take its XML fast path instead of the much slower HTML5 parser.
    current += current.empty() ? std::string(Trim(line)) : "<br/>" + std::string(Trim(line));
  }
  if (!Trim(current).empty()) chunks.push_back(current);
  std::string out;
  for (const std::string& c : chunks) {
    bool block = StartsWithIgnoreCase(c, "<hr") || StartsWithIgnoreCase(c, "<figure") ||
                 StartsWithIgnoreCase(c, "<iframe");
    out += block ? c : "<p>" + c + "</p>";
  }
  return out;
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

pugi::xml_node ChildInNs(pugi::xml_node parent, std::string_view ns, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local &&
        StartsWith(NamespaceOf(c), ns)) {
      return c;
    }
  }
  return {};
}

pugi::xml_node ChildInNs(const ChildIndex& parent, std::string_view ns, std::string_view local) {
  for (const ChildIndex::Entry& e : parent) {
    if (e.local_name == local && StartsWith(parent.NamespaceOf(e), ns)) return e.node;
  }
  return {};
}

std::vector<pugi::xml_node> ChildrenInNs(const ChildIndex& parent, std::string_view ns,
                                         std::string_view local) {
  std::vector<pugi::xml_node> out;
  for (const ChildIndex::Entry& e : parent) {
    if (e.local_name == local && StartsWith(parent.NamespaceOf(e), ns)) out.push_back(e.node);
  }
  return out;
}

std::optional<Timestamp> FeedDate(const FeedItemContext& ctx, pugi::xml_node node) {
  std::string text = Text(node);
  if (text.empty()) return std::nullopt;
  std::optional<Timestamp> t = ParseAnyDate(text);
  if (!t && ctx.warnings != nullptr) {
    ctx.warnings->push_back(ctx.doc->At(
        node, "unknown date form \"" + text + "\" in <" + std::string(node.name()) +
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
  std::string prepared = HasParagraphMarkup(html) ? std::string(html) : AutoParagraphs(html);
  return SanitizeHtml(prepared, options);
}

void AddCategory(std::string_view term, std::string_view label, std::string_view scheme,
                 model::Story* story) {
  term = Trim(term);
  std::string name = CollapseWhitespace(label.empty() ? term : label);
  if (term.empty() && name.empty()) return;
  bool is_tag = scheme.empty() || scheme == "post_tag" || scheme == "tag";
  if (is_tag) {
    if (std::find(story->keywords.begin(), story->keywords.end(), name) == story->keywords.end()) {
      story->keywords.push_back(name);
    }
    return;
  }
  model::Subject sub{std::string(term.empty() ? name : term), name, std::string(scheme)};
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

void AddIfUsable(const FeedItemContext& ctx, pugi::xml_node item, model::Story story,
                 ParseResult* out) {
  if (std::optional<Diagnostic> d = Unusable(ctx, item, story)) {
    if (ctx.first_unusable != nullptr && !ctx.first_unusable->has_value()) *ctx.first_unusable = *d;
    d->message += "; skipped";
    out->warnings.push_back(std::move(*d));
    return;
  }
  out->stories.push_back(std::move(story));
}

}  // namespace wirepress::formats::syndication

#include "formats/nitf/nitf_body.h"

#include "base/strings.h"
#include "formats/html_sanitizer.h"
#include "formats/text.h"
#include "formats/xml_reader.h"

namespace wirepress::formats::nitf {
namespace {

// NITF elements that have an HTML equivalent under another name. Anything
// not listed keeps its name; the sanitizer then keeps HTML tags and
// unwraps NITF-only ones (block, person, org, chron, ...).
struct Rename {
  std::string_view nitf;
  std::string_view html;
};
constexpr Rename kRenames[] = {
    {"hl1", "h2"},   {"hl2", "h2"},         {"bq", "blockquote"},  {"credit", "cite"},
    {"fn", "small"}, {"pronounce", "span"}, {"nitf-table", "div"},
};

std::string_view HtmlName(std::string_view nitf_name) {
  for (const Rename& r : kRenames) {
    if (r.nitf == nitf_name) return r.html;
  }
  return nitf_name;
}

bool IsVoid(std::string_view html_name) {
  return html_name == "br" || html_name == "hr" || html_name == "img" || html_name == "wbr";
}

void AppendAttribute(std::string* out, std::string_view name, std::string_view value) {
  out->push_back(' ');
  out->append(name);
  out->append("=\"");
  AppendHtmlEscaped(out, value);
  out->push_back('"');
}

// The resolved URL, or `ref` itself when there is no base to resolve
// against (the sanitizer keeps relative URLs relative).
std::string Resolve(std::string_view base_url, std::string_view ref) {
  if (base_url.empty() || ref.empty()) return std::string(ref);
  return ResolveUrl(base_url, ref);
}

void AppendFigure(const model::Picture& p, std::string_view alt, std::string* out) {
  out->append("<figure><img");
  AppendAttribute(out, "src", p.href);
  if (!alt.empty()) AppendAttribute(out, "alt", alt);
  if (p.width > 0) AppendAttribute(out, "width", std::to_string(p.width));
  if (p.height > 0) AppendAttribute(out, "height", std::to_string(p.height));
  out->push_back('>');
  if (!p.caption.empty() || !p.credit.empty()) {
    out->append("<figcaption>");
    AppendHtmlEscaped(out, p.caption);
    if (!p.credit.empty()) {
      if (!p.caption.empty()) out->push_back(' ');
      out->append("<cite>");
      AppendHtmlEscaped(out, p.credit);
      out->append("</cite>");
    }
    out->append("</figcaption>");
  }
  out->append("</figure>");
}

void AppendNodes(pugi::xml_node parent, std::string_view base_url, NitfBody* body,
                 std::string* out);

void AppendElement(pugi::xml_node e, std::string_view base_url, NitfBody* body, std::string* out) {
  std::string_view name = LocalName(e);
  if (name == "media") {
    model::Picture p = ReadMedia(e, base_url);
    if (p.href.empty()) return;  // audio, video or a broken reference
    AppendFigure(p, Attr(Child(e, "media-reference"), "alternate-text"), out);
    body->pictures.push_back(std::move(p));
    return;
  }
  std::string_view html = HtmlName(name);
  out->push_back('<');
  out->append(html);
  for (pugi::xml_attribute a = e.first_attribute(); a; a = a.next_attribute()) {
    std::string_view an = LocalName(a.name());
    if (an == "href" || an == "src") {
      AppendAttribute(out, an, Resolve(base_url, a.value()));
    } else if (!StartsWith(a.name(), "xmlns")) {
      AppendAttribute(out, an, a.value());
    }
  }
  out->push_back('>');
  // "<br></br>" would read as two line breaks in HTML.
  if (IsVoid(html)) return;
  AppendNodes(e, base_url, body, out);
  out->append("</");
  out->append(html);
  out->push_back('>');
}

void AppendNodes(pugi::xml_node parent, std::string_view base_url, NitfBody* body,
                 std::string* out) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    switch (c.type()) {
      case pugi::node_pcdata:
        AppendHtmlEscaped(out, DecodeHtmlEntities(c.value()));
        break;
      case pugi::node_cdata:
        out->append(c.value());  // CDATA in a NITF body is HTML as text
        break;
      case pugi::node_element:
        AppendElement(c, base_url, body, out);
        break;
      default:
        break;
    }
  }
}

int IntAttr(pugi::xml_node node, std::string_view name) {
  int v = 0;
  return ParseInt(Trim(Attr(node, name)), &v) && v > 0 ? v : 0;
}

}  // namespace

model::Picture ReadMedia(pugi::xml_node media, std::string_view base_url) {
  model::Picture p;
  std::string_view type = Attr(media, "media-type");
  if (!type.empty() && !EqualsIgnoreCase(type, "image") && !EqualsIgnoreCase(type, "photo")) {
    return p;
  }
  pugi::xml_node ref = Child(media, "media-reference");
  std::string_view src = Attr(ref, "source");
  if (src.empty()) src = Attr(ref, "data");
  p.href = Resolve(base_url, Trim(src));
  p.mime_type = std::string(Attr(ref, "mime-type"));
  p.width = IntAttr(ref, "width");
  p.height = IntAttr(ref, "height");
  p.caption = Text(Child(media, "media-caption"));
  p.credit = Text(Child(media, "media-producer"));
  return p;
}

NitfBody ConvertBody(pugi::xml_node content, std::string_view base_url) {
  NitfBody body;
  if (!content) return body;
  std::string html;
  AppendNodes(content, base_url, &body, &html);
  SanitizeOptions options;
  options.base_url = std::string(base_url);
  body.html = SanitizeHtml(html, options);
  // AAP separates paragraphs with empty <p/> elements.
  RemoveBlankParagraphs(&body.html);
  if (Trim(HtmlToText(body.html)).empty() && body.pictures.empty()) body.html.clear();
  return body;
}

}  // namespace wirepress::formats::nitf

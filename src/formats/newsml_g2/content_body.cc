#include "formats/newsml_g2/content_body.h"

#include <cctype>

#include "base/strings.h"
#include "formats/text.h"
#include "formats/xml_reader.h"

namespace wirepress::formats::newsml_g2 {
namespace {

void AppendElement(std::string* html, std::string_view tag, std::string_view text) {
  if (text.empty()) return;
  html->append("<").append(tag).append(">");
  AppendHtmlEscaped(html, text);
  html->append("</").append(tag).append(">");
}

// <hedline>/<headline> holds hl1 and optional hl2s.
void AppendNitfHedline(pugi::xml_node hedline, ContentBody* out) {
  for (pugi::xml_node c = hedline.first_child(); !IsNull(c); c = c.next_sibling()) {
    std::string_view name = LocalName(c);
    if (name == "hl1") {
      std::string text = Text(c);
      if (out->headline.empty()) out->headline = text;
      AppendElement(&out->html, "h2", text);
    } else if (name == "hl2") {
      AppendElement(&out->html, "h3", Text(c));
    }
  }
}

// body.head: headline, byline and dateline are shown as the agency sent
// them; the abstract becomes the description, not body text.
void AppendNitfHead(pugi::xml_node head, ContentBody* out) {
  for (pugi::xml_node c = head.first_child(); !IsNull(c); c = c.next_sibling()) {
    std::string_view name = LocalName(c);
    if (name == "hedline" || name == "headline") {
      AppendNitfHedline(c, out);
    } else if (name == "byline") {
      std::string text = Text(c);  // "By<person>X</person>" reads "By X"
      if (out->byline.empty()) out->byline = text;
      AppendElement(&out->html, "p", text);
    } else if (name == "dateline") {
      AppendElement(&out->html, "p", Text(c));
    } else if (name == "abstract") {
      out->abstract = Text(c);
    }
  }
}

// Concatenated text and CDATA children of <inlineData>.
std::string InlineDataText(pugi::xml_node data) {
  std::string text;
  for (pugi::xml_node c = data.first_child(); !IsNull(c); c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) text.append(c.value());
  }
  return text;
}

bool IsParagraphTag(std::string_view tag) {
  std::string_view name = tag.substr(tag.find_first_not_of("</"));
  name = name.substr(0, name.find_first_of(" \t\r\n/>"));
  return EqualsIgnoreCase(name, "p") || EqualsIgnoreCase(name, "br") ||
         EqualsIgnoreCase(name, "div");
}

// Text labelled text/plain that still wraps its lines in <p> (ANSA): tags
// are dropped, paragraph tags become blank lines, so that the wire's own
// layout (indented first lines) decides the paragraphs.
std::string UntagPlainText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    size_t end = text[i] == '<' ? text.find('>', i) : std::string_view::npos;
    if (end == std::string_view::npos) {
      out.push_back(text[i]);
      continue;
    }
    if (IsParagraphTag(text.substr(i, end - i + 1))) out.append("\n\n");
    i = end;
  }
  return DecodeHtmlEntities(out);
}

ContentBody ReadInlineData(pugi::xml_node data) {
  ContentBody out;
  std::string text = InlineDataText(data);
  if (Trim(text).empty()) return out;
  if (FindIgnoreCase(Attr(data, "contenttype"), "html") != std::string_view::npos) {
    out.html = std::move(text);
  } else if (StartsWith(Trim(text), "<")) {
    out.html = TextToParagraphs(UntagPlainText(text));
  } else {
    out.html = TextToParagraphs(text);
  }
  return out;
}

// A body made of the children of `parent`, kept as parsed markup.
ContentBody Markup(pugi::xml_node parent) {
  ContentBody out;
  out.markup.push_back(parent);
  return out;
}

ContentBody ReadXhtml(pugi::xml_node html) {
  pugi::xml_node body = LocalName(html) == "body" ? html : Child(html, "body");
  return Markup(body ? body : html);
}

ContentBody ReadInlineXml(pugi::xml_node inline_xml, const XmlDocument* doc) {
  pugi::xml_node deep =
      doc == nullptr || doc->SubtreeCouldNestDeeperThan(inline_xml, kMaxBodyDepth)
          ? NodeNestedDeeperThan(inline_xml, kMaxBodyDepth, NestingCount::kElementsOnly)
          : pugi::xml_node();
  if (deep) {
    ContentBody out;
    out.too_deep = deep;
    return out;
  }
  pugi::xml_node first =
      inline_xml.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; });
  if (IsNull(first)) return Markup(inline_xml);
  std::string_view name = LocalName(first);
  if (name == "nitf") return NitfToHtml(first);
  if (name == "html" || name == "body") return ReadXhtml(first);
  return Markup(inline_xml);
}

// True when some character outside a tag is not whitespace. Cheaper than
// HtmlToText: this runs for every rendition of every item.
bool HtmlHasText(std::string_view html) {
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>') {
      in_tag = false;
    } else if (!in_tag && !std::isspace(static_cast<unsigned char>(c))) {
      return true;
    }
  }
  return false;
}

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The same over a parsed subtree: text (with HTML entities decoded, as the
// sanitizer will) or CDATA (HTML as text) with something to show.
bool MarkupHasText(pugi::xml_node parent) {
  for (pugi::xml_node n = parent.first_child(); n;) {
    if (n.type() == pugi::node_cdata && HtmlHasText(n.value())) return true;
    if (n.type() == pugi::node_pcdata) {
      std::string_view v = n.value();
      if (!IsBlank(v.find('&') == v.npos ? v : std::string_view(DecodeHtmlEntities(v)))) {
        return true;
      }
    }
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n != parent && !n.next_sibling()) n = n.parent();
    if (n == parent) break;
    n = n.next_sibling();
  }
  return false;
}

bool HasText(const ContentBody& b) {
  if (b.too_deep || HtmlHasText(b.html)) return true;
  for (pugi::xml_node m : b.markup) {
    if (MarkupHasText(m)) return true;
  }
  return false;
}

}  // namespace

ContentBody NitfToHtml(pugi::xml_node nitf) {
  ContentBody out;
  pugi::xml_node body = LocalName(nitf) == "body" ? nitf : Child(nitf, "body");
  // A head after content (never seen) is kept in document order, as text.
  bool serialised = false;
  for (pugi::xml_node c = body.first_child(); !IsNull(c); c = c.next_sibling()) {
    std::string_view name = LocalName(c);
    if (name == "body.head") {
      if (!out.markup.empty() && !serialised) {
        for (pugi::xml_node m : out.markup) out.html += InnerXml(m);
        out.markup.clear();
        serialised = true;
      }
      AppendNitfHead(c, &out);
    } else if (name == "body.content" || name == "body.end") {
      if (serialised) {
        out.html += InnerXml(c);
      } else {
        out.markup.push_back(c);
      }
    }
  }
  if (out.headline.empty()) out.headline = Text(Path(nitf, {"head", "title"}));
  return out;
}

ContentBody ReadContentBody(pugi::xml_node content_set, const XmlDocument* doc) {
  // One walk tries the inlineXML renditions and notes the first inlineData,
  // which is only read when no inlineXML has text.
  pugi::xml_node data;
  for (pugi::xml_node c = content_set.first_child(); !IsNull(c); c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c);
    if (name == "inlineXML") {
      ContentBody body = ReadInlineXml(c, doc);
      if (HasText(body)) return body;
    } else if (name == "inlineData" && !data) {
      data = c;
    }
  }
  for (; data; data = data.next_sibling()) {
    if (LocalName(data) != "inlineData") continue;
    ContentBody body = ReadInlineData(data);
    if (HasText(body)) return body;
  }
  return {};
}

}  // namespace wirepress::formats::newsml_g2

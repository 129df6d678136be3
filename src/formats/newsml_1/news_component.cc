#include "formats/newsml_1/news_component.h"

#include "base/strings.h"
#include "formats/html_sanitizer.h"
#include "formats/text.h"
#include "formats/xml_reader.h"

namespace wirepress::formats::newsml_1 {
namespace {

constexpr std::string_view kPhotoRoles[] = {"Photo", "Picture", "Image"};
// Media that is neither text nor a picture we show (logos are the
// sender's branding, not the story's image).
constexpr std::string_view kOtherMediaRoles[] = {"Logo",    "Video",     "Audio",
                                                 "Graphic", "Thumbnail", "Preview"};
constexpr std::string_view kBodyRoles[] = {"Body", "Main", "Text", "Content"};
// Text components that are not the body (Business Wire's split release).
constexpr std::string_view kNotBodyRoles[] = {"StyleSheet", "HeadLine", "SubHeadLine",
                                              "Contact",    "Caption",  "Abstract"};

template <size_t N>
bool RoleIn(pugi::xml_node component, const std::string_view (&roles)[N]) {
  std::string_view role = Trim(Attr(Child(component, "Role"), "FormalName"));
  for (std::string_view r : roles) {
    if (EqualsIgnoreCase(role, r)) return true;
  }
  return false;
}

void Collect(pugi::xml_node parent, ComponentTree* tree) {
  for (pugi::xml_node c : Children(parent, "NewsComponent")) {
    if (RoleIn(c, kPhotoRoles)) {
      tree->photos.push_back(c);
    } else if (!RoleIn(c, kOtherMediaRoles)) {
      tree->text.push_back(c);
      Collect(c, tree);
    }
  }
}

std::string_view Property(pugi::xml_node parent, std::string_view formal_name) {
  for (pugi::xml_node p : Children(parent, "Property")) {
    if (EqualsIgnoreCase(Attr(p, "FormalName"), formal_name)) return Trim(Attr(p, "Value"));
  }
  return {};
}

bool IsTextContent(pugi::xml_node item) {
  if (!Child(item, "DataContent")) return false;
  std::string_view media = Attr(Child(item, "MediaType"), "FormalName");
  std::string_view mime = Attr(Child(item, "MimeType"), "FormalName");
  std::string_view format = Attr(Child(item, "Format"), "FormalName");
  if (!media.empty() && !EqualsIgnoreCase(media, "Text")) return false;
  return !EqualsIgnoreCase(mime, "text/css") && !EqualsIgnoreCase(format, "CSS");
}

std::string ComponentBody(pugi::xml_node component, std::string_view base_url) {
  std::string html;
  for (pugi::xml_node item : Children(component, "ContentItem")) {
    if (IsTextContent(item)) html += DataContentToHtml(Child(item, "DataContent"), base_url);
  }
  return html;
}

// The text of the pcdata and CDATA children (character-data bodies).
std::string CharacterData(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) text += c.value();
  }
  return text;
}

int IntProperty(pugi::xml_node item, std::string_view name) {
  int v = 0;
  return ParseInt(Property(Child(item, "Characteristics"), name), &v) && v > 0 ? v : 0;
}

// Renditions wider than this are print originals, too heavy for a page.
constexpr int kMaxWebWidth = 2048;

bool IsImageWithHref(pugi::xml_node item) {
  std::string_view mime = Attr(Child(item, "MimeType"), "FormalName");
  return !Trim(Attr(item, "Href")).empty() &&
         (mime.empty() || StartsWithIgnoreCase(mime, "image/"));
}

// The rendition to show: the widest no wider than kMaxWebWidth, else the
// narrowest (Business Wire sends Thumbnail, Viewimage, Lowres, Highres).
pugi::xml_node PickRendition(pugi::xml_node component) {
  pugi::xml_node best, narrowest;
  for (pugi::xml_node item : Children(component, "ContentItem")) {
    if (!IsImageWithHref(item)) continue;
    int width = IntProperty(item, "PixelWidth");
    if (!narrowest || width < IntProperty(narrowest, "PixelWidth")) narrowest = item;
    if (width <= kMaxWebWidth && (!best || width > IntProperty(best, "PixelWidth"))) best = item;
  }
  return best ? best : narrowest;
}

// InnerXml writes "<br/>" as "<br></br>", which HTML reads as two breaks;
// void elements can have no content, so their end tags are dropped.
void DropVoidEndTags(std::string* html) {
  for (std::string_view tag : {"</br>", "</hr>", "</img>", "</wbr>"}) {
    for (size_t p = html->find(tag); p != std::string::npos; p = html->find(tag, p)) {
      html->erase(p, tag.size());
    }
  }
}

std::string Resolve(std::string_view base_url, std::string_view ref) {
  if (base_url.empty() || ref.empty()) return std::string(ref);
  return ResolveUrl(base_url, ref);
}

}  // namespace

ComponentTree CollectComponents(pugi::xml_node item) {
  ComponentTree tree;
  Collect(item, &tree);
  return tree;
}

std::string FirstNewsLine(const ComponentTree& tree, std::string_view line) {
  for (pugi::xml_node c : tree.text) {
    for (pugi::xml_node l : Children(Child(c, "NewsLines"), line)) {
      std::string text = Text(l);
      if (!text.empty()) return text;
    }
  }
  return {};
}

pugi::xml_node FirstMetadataWith(const ComponentTree& tree, std::string_view child) {
  for (pugi::xml_node c : tree.text) {
    pugi::xml_node meta = Child(c, "DescriptiveMetadata");
    if (Child(meta, child)) return meta;
  }
  return {};
}

std::string ReadBody(const ComponentTree& tree, std::string_view base_url) {
  for (pugi::xml_node c : tree.text) {
    if (!RoleIn(c, kBodyRoles)) continue;
    std::string html = ComponentBody(c, base_url);
    if (!html.empty()) return html;
  }
  for (pugi::xml_node c : tree.text) {
    if (RoleIn(c, kNotBodyRoles)) continue;
    std::string html = ComponentBody(c, base_url);
    if (!html.empty()) return html;
  }
  return {};
}

std::vector<model::Picture> ReadPictures(const ComponentTree& tree, std::string_view base_url) {
  std::vector<model::Picture> pictures;
  for (pugi::xml_node c : tree.photos) {
    pugi::xml_node item = PickRendition(c);
    if (!item) continue;
    model::Picture p;
    p.href = Resolve(base_url, Trim(Attr(item, "Href")));
    if (p.href.empty()) continue;
    p.mime_type = std::string(Attr(Child(item, "MimeType"), "FormalName"));
    p.width = IntProperty(item, "PixelWidth");
    p.height = IntProperty(item, "PixelHeight");
    pugi::xml_node lines = Child(c, "NewsLines");
    p.caption = Text(Child(lines, "HeadLine"));
    if (p.caption.empty()) p.caption = Text(Child(lines, "Caption"));
    p.credit = Text(Child(lines, "CreditLine"));
    pictures.push_back(std::move(p));
  }
  return pictures;
}

std::string DataContentToHtml(pugi::xml_node data_content, std::string_view base_url) {
  pugi::xml_node inner =
      data_content.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; });
  std::string html;
  if (!inner) {
    std::string text = CharacterData(data_content);
    bool markup = text.find('<') != std::string::npos && text.find('>') != std::string::npos;
    html = markup ? text : TextToParagraphs(text);
  } else if (LocalName(inner) == "nitf") {
    pugi::xml_node content = Descendant(inner, "body.content");
    html = InnerXml(content ? content : inner);
  } else if (LocalName(inner) == "html") {
    pugi::xml_node body = Child(inner, "body");
    html = InnerXml(body ? body : inner);
  } else {
    html = InnerXml(data_content);
  }
  DropVoidEndTags(&html);
  SanitizeOptions options;
  options.base_url = std::string(base_url);
  std::string clean = SanitizeHtml(html, options);
  // Business Wire ends sections with "<p> </p>".
  RemoveBlankParagraphs(&clean);
  return Trim(HtmlToText(clean)).empty() ? std::string() : clean;
}

}  // namespace wirepress::formats::newsml_1

#include "formats/newsml_g2/newsml_g2_parser.h"

#include <string>
#include <vector>

#include "base/strings.h"
#include "formats/newsml_g2/item_reader.h"
#include "formats/xml_reader.h"

namespace wirepress::formats::newsml_g2 {
namespace {

constexpr std::string_view kFormatName = "newsml-g2";
constexpr std::string_view kIptcNamespace = "iptc.org/std/nar/2006-10-01";

bool IsItem(std::string_view local_name) {
  return local_name == "newsItem" || local_name == "packageItem";
}

// Other NewsML-G2 roots: valid G2, but they hold no story.
bool IsOtherG2Root(std::string_view local_name) {
  return local_name == "conceptItem" || local_name == "knowledgeItem" ||
         local_name == "planningItem" || local_name == "catalog";
}

// Skips the BOM, XML declaration, comments, processing instructions and
// DOCTYPE; returns the root element's qualified name, or "" when the
// prefix does not reach one.
std::string_view RootElementName(std::string_view b) {
  size_t i = StartsWith(b, "\xEF\xBB\xBF") ? 3 : 0;
  while (i < b.size()) {
    i = b.find_first_not_of(" \t\r\n", i);
    if (i == std::string_view::npos || b[i] != '<' || i + 1 >= b.size()) return {};
    size_t end = std::string_view::npos;
    if (b.compare(i, 4, "<!--") == 0) {
      end = b.find("-->", i + 4);
      if (end != std::string_view::npos) end += 3;
    } else if (b[i + 1] == '?' || b[i + 1] == '!') {
      size_t gt = b.find('>', i);
      size_t bracket = b.find('[', i);
      bool subset = b[i + 1] == '!' && bracket != std::string_view::npos && bracket < gt;
      end = subset ? b.find("]>", bracket) : gt;
      if (end != std::string_view::npos) end += subset ? 2 : 1;
    } else {
      size_t name_end = b.find_first_of(" \t\r\n/>", i + 1);
      if (name_end == std::string_view::npos) return {};
      return b.substr(i + 1, name_end - i - 1);
    }
    if (end == std::string_view::npos) return {};
    i = end;
  }
  return {};
}

// Scoop writes <Header><Priority>; the spec writes <header><priority>.
pugi::xml_node ChildIgnoreCase(pugi::xml_node parent, std::string_view local_name) {
  for (pugi::xml_node c = parent.first_child(); !IsNull(c); c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c);
    // The size first: most children differ in it, and the compare is a call.
    if (name.size() == local_name.size() && EqualsIgnoreCase(name, local_name)) return c;
  }
  return {};
}

int HeaderPriority(pugi::xml_node root) {
  pugi::xml_node node = ChildIgnoreCase(ChildIgnoreCase(root, "header"), "priority");
  if (IsNull(node)) return 0;  // most documents are a lone item, without a header
  int priority = 0;
  std::string text = Text(node);
  return ParseInt(text, &priority) && priority >= 1 && priority <= 9 ? priority : 0;
}

Result<std::vector<pugi::xml_node>> CollectItems(const XmlDocument& doc) {
  pugi::xml_node root = doc.root();
  std::string_view name = LocalName(root);
  if (IsItem(name)) return std::vector<pugi::xml_node>{root};
  if (name != "newsMessage") {
    return ToStatus(doc.At(root,
                           "expected a NewsML-G2 newsMessage, newsItem or packageItem, "
                           "found <" +
                               std::string(root.name()) + ">"));
  }
  std::vector<pugi::xml_node> items;
  for (pugi::xml_node set = Child(root, "itemSet"); set; set = set.next_sibling()) {
    if (LocalName(set) != "itemSet") continue;
    for (pugi::xml_node c = set.first_child(); !IsNull(c); c = c.next_sibling()) {
      if (c.type() == pugi::node_element && IsItem(LocalName(c))) items.push_back(c);
    }
  }
  if (items.empty()) {
    return ToStatus(doc.At(root, "newsMessage has no newsItem or packageItem in an itemSet"));
  }
  return items;
}

bool HasHeadlineOrBody(const model::Story& s) {
  return !s.headline.empty() || !s.body_html.empty();
}

std::string Unusable(pugi::xml_node item, const model::Story& s) {
  return std::string(LocalName(item)) + " \"" + s.uri +
         "\" has neither a headline (contentMeta/headline) nor a body (contentSet)";
}

// The stories a package's itemRefs point at, in the order of the refs (the
// package's own, then each group's); a story named twice is listed twice.
std::vector<size_t> PackagedStories(pugi::xml_node package,
                                    const std::vector<model::Story>& stories) {
  std::vector<size_t> found;
  auto add_ref = [&](pugi::xml_node ref) {
    std::string_view id = Trim(Attr(ref, "residref"));
    if (id.empty()) return;
    for (size_t i = 0; i < stories.size(); ++i) {
      if (stories[i].uri == id) found.push_back(i);
    }
  };
  auto add_refs_of = [&](pugi::xml_node parent) {
    for (pugi::xml_node r = Child(parent, "itemRef"); r; r = r.next_sibling()) {
      if (r.type() == pugi::node_element && LocalName(r) == "itemRef") add_ref(r);
    }
  };
  add_refs_of(package);
  for (pugi::xml_node g = Child(Child(package, "groupSet"), "group"); g; g = g.next_sibling()) {
    if (g.type() == pugi::node_element && LocalName(g) == "group") add_refs_of(g);
  }
  return found;
}

// A picture item packaged with a text item illustrates it.
void AttachPackagedPictures(const std::vector<pugi::xml_node>& items,
                            std::vector<model::Story>* stories) {
  for (size_t k = 0; k < items.size(); ++k) {
    if (LocalName(items[k]) != "packageItem") continue;
    std::vector<size_t> members = PackagedStories(items[k], *stories);
    for (size_t t : members) {
      if ((*stories)[t].type != "text") continue;
      for (size_t p : members) {
        if ((*stories)[p].type != "picture") continue;
        for (const model::Picture& pic : (*stories)[p].pictures) {
          (*stories)[t].pictures.push_back(pic);
        }
      }
    }
  }
}

// UTF-16 input (with a BOM) is narrowed to its ASCII bytes for sniffing;
// markup names are ASCII, so that is all the root element check needs.
std::string NarrowUtf16(std::string_view b) {
  bool little = b[0] == '\xFF';
  std::string out;
  out.reserve(b.size() / 2);
  for (size_t i = 2; i + 1 < b.size(); i += 2) {
    char lo = little ? b[i] : b[i + 1];
    char hi = little ? b[i + 1] : b[i];
    out.push_back(hi == 0 ? lo : '?');
  }
  return out;
}

bool HasUtf16Bom(std::string_view b) {
  return StartsWith(b, "\xFF\xFE") || StartsWith(b, "\xFE\xFF");
}

class NewsmlG2Parser final : public FeedParser {
 public:
  std::string_view name() const override { return kFormatName; }

  Confidence Sniff(std::string_view bytes) const override {
    if (HasUtf16Bom(bytes)) return Sniff(NarrowUtf16(bytes));
    std::string_view local = LocalName(RootElementName(bytes));
    if (IsItem(local) || local == "newsMessage") return Confidence::kCertain;
    if (IsOtherG2Root(local) && bytes.find(kIptcNamespace) != std::string_view::npos) {
      return Confidence::kMaybe;
    }
    return Confidence::kNo;
  }

  Result<ParseResult> Parse(const Input& input) const override {
    if (input.bytes.size() > kMaxInputBytes) {
      return ToStatus(Diagnostic{std::string(input.source),
                                 0,
                                 0,
                                 "input is " + std::to_string(input.bytes.size()) +
                                     " bytes; NewsML-G2 input is limited to " +
                                     std::to_string(kMaxInputBytes) + " bytes",
                                 {}});
    }
    ParseResult result;
    WP_ASSIGN_OR_RETURN(std::unique_ptr<XmlDocument> doc,
                        XmlDocument::Parse(input.source, input.bytes, &result.warnings));
    WP_ASSIGN_OR_RETURN(std::vector<pugi::xml_node> items, CollectItems(*doc));
    ItemContext ctx{doc.get(), input.base_url, HeaderPriority(doc->root()), &result.warnings};
    WP_RETURN_IF_ERROR(ReadItems(*doc, items, ctx, input.source, &result));
    return result;
  }

 private:
  Status ReadItems(const XmlDocument& doc, const std::vector<pugi::xml_node>& items,
                   const ItemContext& ctx, std::string_view source, ParseResult* result) const {
    bool lone = items.size() == 1 && items[0] == doc.root();
    std::vector<pugi::xml_node> kept;
    kept.reserve(items.size());
    // Each story is read where it stays: a Story is ~25 members, and moving
    // it out of ReadItem and into a growing vector was 2% of a parse.
    result->stories.reserve(result->stories.size() + items.size());
    for (pugi::xml_node item : items) {
      if (Trim(Attr(item, "guid")).empty()) {
        std::string what = std::string(LocalName(item)) + " has no guid attribute";
        if (lone) return ToStatus(doc.At(item, what));
        result->warnings.push_back(doc.At(item, what + "; skipped"));
        continue;
      }
      model::Story& story = result->stories.emplace_back();
      WP_RETURN_IF_ERROR(ReadItem(item, ctx, &story));
      if (!HasHeadlineOrBody(story) && story.type == "text") {
        if (lone) return ToStatus(doc.At(item, Unusable(item, story)));
        result->warnings.push_back(doc.At(item, Unusable(item, story)));
      }
      story.source = std::string(source);
      story.format = std::string(kFormatName);
      kept.push_back(item);
    }
    if (result->stories.empty()) {
      return ToStatus(doc.At(doc.root(), "newsMessage has no newsItem or packageItem with a guid"));
    }
    AttachPackagedPictures(kept, &result->stories);
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<FeedParser> NewNewsmlG2Parser() { return std::make_unique<NewsmlG2Parser>(); }

}  // namespace wirepress::formats::newsml_g2

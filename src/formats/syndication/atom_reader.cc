#include "formats/syndication/atom_reader.h"

#include <string>
#include <vector>

#include "base/strings.h"
#include "formats/syndication/feed_item.h"
#include "formats/text.h"

namespace wirepress::formats::syndication {
namespace {

// The href of the first <link> with this rel ("alternate" also matches a
// link without rel, as RFC 4287 says).
std::string LinkHref(const ChildIndex& parent, std::string_view rel) {
  for (const ChildIndex::Entry& e : parent) {
    if (e.local_name != "link") continue;
    std::string_view r = Attr(e.node, "rel");
    if (r == rel || (r.empty() && rel == "alternate")) return std::string(Attr(e.node, "href"));
  }
  return {};
}

std::vector<std::string> AuthorNames(const ChildIndex& parent) {
  std::vector<std::string> names;
  for (const ChildIndex::Entry& e : parent) {
    if (e.local_name != "author") continue;
    if (std::string n = Text(Child(e.node, "name")); !n.empty()) names.push_back(n);
  }
  return names;
}

// Builds the Stories of one feed. Atom 0.3 differs in element names for
// dates and in how content is typed (mode="escaped|xml|base64").
class AtomReader {
 public:
  AtomReader(FeedItemContext ctx, bool atom03) : ctx_(std::move(ctx)), atom03_(atom03) {}

  void Read(pugi::xml_node feed, ParseResult* out) {
    std::vector<pugi::xml_node> entries = Children(feed, "entry");
    // Growing the vector moved every Story built so far.
    out->stories.reserve(out->stories.size() + entries.size());
    for (pugi::xml_node entry : entries) {
      // An entry's fields are looked up by name among its children: index
      // them once rather than walk them once per field.
      AddIfUsable(ctx_, entry, ParseEntry(ChildIndex(entry)), out);
    }
  }

 private:
  void Warn(pugi::xml_node node, std::string message) {
    ctx_.warnings->push_back(ctx_.doc->At(node, std::move(message)));
  }

  model::Story ParseEntry(const ChildIndex& entry) {
    model::Story s;
    std::string base = XmlBaseFor(entry.parent(), ctx_.base_url);
    ParseIdentity(entry, &s);
    ParseTimes(entry, &s);
    for (const ChildIndex::Entry& e : entry) {
      if (e.local_name != "category") continue;
      AddCategory(Attr(e.node, "term"), Attr(e.node, "label"), Attr(e.node, "scheme"), &s);
    }
    s.description_text = HtmlToText(ContentHtml(entry.First("summary")));
    pugi::xml_node content = entry.First("content");
    s.body_html = FeedHtmlToBody(ContentHtml(content), XmlBaseFor(content, base));
    for (const ChildIndex::Entry& e : entry) {
      if (e.local_name != "link" || Attr(e.node, "rel") != "enclosure") continue;
      AddEnclosure(Attr(e.node, "href"), Attr(e.node, "type"), base, &s);
    }
    AddMediaPictures(entry, base, &s);
    ApplyWennNewsManagement(entry.First("NewsManagement"), &s);
    ApplyWennContentMetadata(entry.First("ContentMetadata"), &s);
    return s;
  }

  void ParseIdentity(const ChildIndex& entry, model::Story* s) {
    s->uri = Text(entry.First("id"));
    if (s->uri.empty()) s->uri = LinkHref(entry, "alternate");
    s->headline = TextConstruct(entry.First("title"));
    std::vector<std::string> names = AuthorNames(entry);
    s->byline = names.empty() ? ctx_.byline : Join(names, ", ");
    s->language = std::string(Attr(entry.parent(), "lang"));
    if (s->language.empty()) s->language = ctx_.language;
    s->agency = ctx_.agency;
  }

  void ParseTimes(const ChildIndex& entry, model::Story* s) {
    pugi::xml_node published = entry.First(atom03_ ? "issued" : "published");
    if (atom03_ && entry.First("created")) published = entry.First("created");
    pugi::xml_node updated = entry.First(atom03_ ? "modified" : "updated");
    s->firstcreated = FeedDate(ctx_, published);
    s->versioncreated = FeedDate(ctx_, updated);
    if (!s->versioncreated) s->versioncreated = s->firstcreated;
  }

  // A title or other text construct as plain text.
  std::string TextConstruct(pugi::xml_node node) {
    std::string type = AsciiLower(Attr(node, "type"));
    if (type == "html" || Attr(node, "mode") == "escaped") return HtmlToText(RawText(node));
    return Text(node);
  }

  // content / summary as HTML (not yet sanitized).
  std::string ContentHtml(pugi::xml_node node) {
    if (!node) return {};
    if (!Attr(node, "src").empty()) {
      Warn(node, "out-of-line content (src) is not fetched");
      return {};
    }
    std::string type = AsciiLower(Attr(node, "type"));
    std::string_view mode = Attr(node, "mode");
    if (mode == "base64") {
      Warn(node, "base64 content is not supported; ignored");
      return {};
    }
    if (mode == "escaped" || type == "html" || (type == "text/html" && !atom03_)) {
      return RawText(node);
    }
    if (type == "xhtml" || type == "application/xhtml+xml" || type == "text/html") {
      pugi::xml_node div = Child(node, "div");
      return InnerXml(div ? div : node);
    }
    if (type.empty() || type == "text" || StartsWith(type, "text/")) {
      return TextToParagraphs(RawText(node));
    }
    Warn(node, "content of type \"" + type + "\" is not text; ignored");
    return {};
  }

  // WENN's article id is the key its updates share; the Atom id changes
  // with every feed instance.
  void ApplyWennNewsManagement(pugi::xml_node nm, model::Story* s) {
    if (!nm) return;
    if (std::string id = Text(Child(nm, "original_article_id")); !id.empty()) s->uri = id;
    if (auto t = FeedDate(ctx_, Child(nm, "published"))) s->firstcreated = t;
    if (auto t = FeedDate(ctx_, Child(nm, "updated"))) s->versioncreated = t;
  }

  void ApplyWennContentMetadata(pugi::xml_node cm, model::Story* s) {
    if (!cm) return;
    std::string first_line = Text(Child(cm, "first_line"));
    if (!first_line.empty()) s->description_text = first_line;
    if (s->headline.empty()) s->headline = Text(Child(cm, "title"));
    if (std::string_view lang = Attr(cm, "lang"); !lang.empty()) s->language = std::string(lang);
    for (pugi::xml_node tag : Children(Child(cm, "tags"), "tag")) {
      AddCategory(Attr(tag, "value"), {}, {}, s);
    }
    if (s->body_html.empty()) {
      s->body_html = FeedHtmlToBody(
          TextToParagraphs(first_line + "\n\n" + RawText(Child(cm, "body"))), {});
    }
  }

  FeedItemContext ctx_;
  bool atom03_;
};

}  // namespace

Status ReadAtom(const XmlDocument& doc, const Input& input, ParseResult* out,
                std::optional<Diagnostic>* first_unusable) {
  pugi::xml_node feed = doc.root();
  FeedItemContext ctx;
  ctx.doc = &doc;
  ctx.warnings = &out->warnings;
  ctx.first_unusable = first_unusable;
  ChildIndex feed_children(feed);
  std::string link = LinkHref(feed_children, "alternate");
  bool absolute = StartsWithIgnoreCase(link, "http://") || StartsWithIgnoreCase(link, "https://");
  ctx.base_url = XmlBaseFor(feed, absolute ? link : std::string(input.base_url));
  ctx.language = std::string(Attr(feed, "lang"));
  ctx.agency = Text(Child(feed, "title"));
  ctx.byline = Join(AuthorNames(feed_children), ", ");
  AtomReader(std::move(ctx), NamespaceOf(feed) == ns::kAtom03).Read(feed, out);
  return Status::Ok();
}

}  // namespace wirepress::formats::syndication

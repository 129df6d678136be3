#include "formats/syndication/atom_reader.h"

#include <cstdint>
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
    // Every entry's base starts from the feed's: work that out once.
    feed_base_ = XmlBaseFor(feed, ctx_.base_url);
    // Growing the vector moved every Story built so far.
    out->stories.reserve(out->stories.size() + entries.size());
    for (pugi::xml_node entry : entries) {
      // An entry's fields are looked up by name among its children: index
      // them once rather than walk them once per field. The Story is built
      // where it is kept.
      out->stories.emplace_back();
      ParseEntry(ChildIndex(entry), &out->stories.back());
      KeepIfUsable(ctx_, entry, out);
    }
  }

 private:
  void Warn(pugi::xml_node node, std::string message) {
    ctx_.warnings->push_back(ctx_.doc->At(node, std::move(message)));
  }

  // The single fields of an entry: the first child element of each name.
  enum Slot : uint8_t {
    kId,
    kTitle,
    kPublished,  // Atom 0.3: issued
    kCreated,    // Atom 0.3 only
    kUpdated,    // Atom 0.3: modified
    kSummary,
    kContent,
    kNewsManagement,   // WENN
    kContentMetadata,  // WENN
    kSlots
  };
  struct EntryFields {
    pugi::xml_node node[kSlots];
    pugi::xml_node operator[](Slot slot) const { return node[slot]; }
  };

  // Which slot a child's local name fills; kSlots for none.
  Slot SlotOf(std::string_view local) const {
    switch (local.size()) {
      case 2: return local == "id" ? kId : kSlots;
      case 5: return local == "title" ? kTitle : kSlots;
      case 6: return atom03_ && local == "issued" ? kPublished : kSlots;
      case 7:
        if (local == "summary") return kSummary;
        if (local == "content") return kContent;
        if (atom03_ && local == "created") return kCreated;
        if (!atom03_ && local == "updated") return kUpdated;
        return kSlots;
      case 8: return atom03_ && local == "modified" ? kUpdated : kSlots;
      case 9: return !atom03_ && local == "published" ? kPublished : kSlots;
      case 14: return local == "NewsManagement" ? kNewsManagement : kSlots;
      case 15: return local == "ContentMetadata" ? kContentMetadata : kSlots;
      default: return kSlots;
    }
  }

  // entry.First(name) for every slot, in one pass over the entry's
  // children instead of one scan per field.
  EntryFields ReadFields(const ChildIndex& entry) const {
    EntryFields f;
    uint32_t seen = 0;
    for (const ChildIndex::Entry& e : entry) {
      Slot slot = SlotOf(e.local_name);
      if (slot == kSlots || (seen & (1u << slot)) != 0) continue;
      seen |= 1u << slot;
      f.node[slot] = e.node;
    }
    return f;
  }

  void ParseEntry(const ChildIndex& entry, model::Story* s) {
    // XmlBaseFor(entry, ctx_.base_url), from the feed's part.
    std::string base = XmlBaseBelow(feed_base_, entry.parent());
    const EntryFields fields = ReadFields(entry);
    ParseIdentity(entry, fields, s);
    ParseTimes(fields, s);
    for (const ChildIndex::Entry& e : entry) {
      if (e.local_name != "category") continue;
      AddCategory(Attr(e.node, "term"), Attr(e.node, "label"), Attr(e.node, "scheme"), s);
    }
    // The summary is read here (its warnings come first) but made plain
    // text only if WENN's first line does not replace it.
    std::string summary = ContentHtml(fields[kSummary]);
    pugi::xml_node content = fields[kContent];
    s->body_html = FeedHtmlToBody(ContentHtml(content), XmlBaseBelow(base, content));
    for (const ChildIndex::Entry& e : entry) {
      if (e.local_name != "link" || Attr(e.node, "rel") != "enclosure") continue;
      AddEnclosure(Attr(e.node, "href"), Attr(e.node, "type"), base, s);
    }
    AddMediaPictures(entry, base, s);
    ApplyWennNewsManagement(fields[kNewsManagement], s);
    if (!ApplyWennContentMetadata(fields[kContentMetadata], s)) {
      s->description_text = HtmlToText(summary);
    }
  }

  void ParseIdentity(const ChildIndex& entry, const EntryFields& fields, model::Story* s) {
    s->uri = FastText(fields[kId]);
    if (s->uri.empty()) s->uri = LinkHref(entry, "alternate");
    s->headline = TextConstruct(fields[kTitle]);
    std::vector<std::string> names = AuthorNames(entry);
    s->byline = names.empty() ? ctx_.byline : Join(names, ", ");
    s->language = std::string(Attr(entry.parent(), "lang"));
    if (s->language.empty()) s->language = ctx_.language;
    s->agency = ctx_.agency;
  }

  void ParseTimes(const EntryFields& fields, model::Story* s) {
    pugi::xml_node published = fields[kPublished];
    if (atom03_ && fields[kCreated]) published = fields[kCreated];
    pugi::xml_node updated = fields[kUpdated];
    s->firstcreated = FeedDate(ctx_, published);
    s->versioncreated = FeedDate(ctx_, updated);
    if (!s->versioncreated) s->versioncreated = s->firstcreated;
  }

  // A title or other text construct as plain text.
  std::string TextConstruct(pugi::xml_node node) {
    if (EqualsIgnoreCase(Attr(node, "type"), "html") || Attr(node, "mode") == "escaped") {
      return HtmlToText(RawText(node));
    }
    return FastText(node);
  }

  // content / summary as HTML (not yet sanitized).
  std::string ContentHtml(pugi::xml_node node) {
    if (!node) return {};
    if (!Attr(node, "src").empty()) {
      Warn(node, "out-of-line content (src) is not fetched");
      return {};
    }
    // The type is compared without case, in place (no lower-cased copy).
    std::string_view type = Attr(node, "type");
    auto is = [type](std::string_view t) { return EqualsIgnoreCase(type, t); };
    std::string_view mode = Attr(node, "mode");
    if (mode == "base64") {
      Warn(node, "base64 content is not supported; ignored");
      return {};
    }
    if (mode == "escaped" || is("html") || (is("text/html") && !atom03_)) {
      return RawText(node);
    }
    if (is("xhtml") || is("application/xhtml+xml") || is("text/html")) {
      pugi::xml_node div = Child(node, "div");
      return InnerXml(div ? div : node);
    }
    if (type.empty() || is("text") || StartsWithIgnoreCase(type, "text/")) {
      return TextToParagraphs(RawText(node));
    }
    Warn(node, "content of type \"" + AsciiLower(type) + "\" is not text; ignored");
    return {};
  }

  // WENN's article id is the key its updates share; the Atom id changes
  // with every feed instance. One walk of the block's children.
  void ApplyWennNewsManagement(pugi::xml_node nm, model::Story* s) {
    if (!nm) return;
    pugi::xml_node id, published, updated;
    for (pugi::xml_node c = nm.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view local = LocalName(c);
      if (local == "original_article_id") {
        if (!id) id = c;
      } else if (local == "published") {
        if (!published) published = c;
      } else if (local == "updated") {
        if (!updated) updated = c;
      }
    }
    if (std::string text = FastText(id); !text.empty()) s->uri = std::move(text);
    if (auto t = FeedDate(ctx_, published)) s->firstcreated = t;
    if (auto t = FeedDate(ctx_, updated)) s->versioncreated = t;
  }

  // Returns whether it set the description (WENN's first line).
  bool ApplyWennContentMetadata(pugi::xml_node cm, model::Story* s) {
    if (!cm) return false;
    pugi::xml_node first_line_node, title, tags, body;
    for (pugi::xml_node c = cm.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view local = LocalName(c);
      if (local == "first_line") {
        if (!first_line_node) first_line_node = c;
      } else if (local == "title") {
        if (!title) title = c;
      } else if (local == "tags") {
        if (!tags) tags = c;
      } else if (local == "body") {
        if (!body) body = c;
      }
    }
    std::string first_line = FastText(first_line_node);
    bool described = !first_line.empty();
    if (described) s->description_text = first_line;
    if (s->headline.empty()) s->headline = Text(title);
    if (std::string_view lang = Attr(cm, "lang"); !lang.empty()) s->language = std::string(lang);
    for (pugi::xml_node tag = tags.first_child(); tag; tag = tag.next_sibling()) {
      if (tag.type() != pugi::node_element || LocalName(tag) != "tag") continue;
      AddCategory(Attr(tag, "value"), {}, {}, s);
    }
    if (s->body_html.empty()) {
      s->body_html =
          FeedHtmlToBody(TextToParagraphs(first_line + "\n\n" + RawText(body)), {});
    }
    return described;
  }

  FeedItemContext ctx_;
  bool atom03_;
  std::string feed_base_;  // XmlBaseFor(feed, ctx_.base_url)
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
  // The document's base; Read applies the feed's xml:base to it once.
  ctx.base_url = absolute ? link : std::string(input.base_url);
  ctx.language = std::string(Attr(feed, "lang"));
  ctx.agency = Text(Child(feed, "title"));
  ctx.byline = Join(AuthorNames(feed_children), ", ");
  AtomReader(std::move(ctx), NamespaceOf(feed) == ns::kAtom03).Read(feed, out);
  return Status::Ok();
}

}  // namespace wirepress::formats::syndication

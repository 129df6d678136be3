#include "formats/syndication/rss_reader.h"

#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "base/strings.h"
#include "formats/syndication/feed_item.h"
#include "formats/text.h"

namespace wirepress::formats::syndication {
namespace {

bool IsHttpUrl(std::string_view s) {
  return StartsWithIgnoreCase(s, "http://") || StartsWithIgnoreCase(s, "https://");
}

// Text of a child that RSS allows to hold escaped HTML (title).
std::string PlainText(pugi::xml_node node) {
  std::string text = FastText(node);
  return text.find('<') == std::string::npos ? text : HtmlToText(text);
}

constexpr std::string_view kMediaRss = "http://search.yahoo.com/mrss/";

// Which field of an item a child element is. RSS 2.0 elements are matched
// by local name in any namespace (feeds put them in none, the default
// one, or a prefixed copy), module elements by local name and namespace:
// ns::kDublinCore, ns::kContent and ns::kWordPress are URI prefixes (the
// Dublin Core elements and terms, the WXR versions, excerpt:encoded),
// Media RSS is one exact URI.
enum class Field : uint8_t {
  kNone,
  // The first one counts.
  kTitle,
  kGuid,
  kLink,
  kAuthor,
  kPubDate,
  kDescription,
  kDcLanguage,
  kDcDate,
  kDcModified,
  kDcCreated,
  kContentEncoded,
  kWpEncoded,
  kWpPostType,
  kWpStatus,
  kWpPostId,
  kWpPostDateGmt,
  kWpAttachmentUrl,
  kFirstCount,  // the fields above are single; the ones below repeat
  // Every one counts, in document order.
  kCategory,
  kEnclosure,
  kDcCreator,
  kDcSubject,
  kWpPostmeta,
  kMedia,  // media:content, media:thumbnail, media:group (AddMediaPictures)
};

// How a child element is recognised: by local name alone (RSS 2.0
// elements), or by local name and namespace (modules). The namespace is
// looked up only for children whose local name is a module's.
struct FieldName {
  std::string_view local;
  std::string_view ns;  // "": any namespace
  bool exact;           // ns is the whole URI, not a prefix of it
  Field field;
};
// Grouped by the length of the name (FieldsNamed relies on it).
constexpr FieldName kFieldNames[] = {
    {"guid", {}, false, Field::kGuid},
    {"link", {}, false, Field::kLink},
    {"date", ns::kDublinCore, false, Field::kDcDate},
    {"title", {}, false, Field::kTitle},
    {"group", kMediaRss, true, Field::kMedia},
    {"author", {}, false, Field::kAuthor},
    {"status", ns::kWordPress, false, Field::kWpStatus},
    {"pubDate", {}, false, Field::kPubDate},
    {"created", ns::kDublinCore, false, Field::kDcCreated},
    {"creator", ns::kDublinCore, false, Field::kDcCreator},
    {"subject", ns::kDublinCore, false, Field::kDcSubject},
    {"encoded", ns::kContent, false, Field::kContentEncoded},
    {"encoded", ns::kWordPress, false, Field::kWpEncoded},
    {"post_id", ns::kWordPress, false, Field::kWpPostId},
    {"content", kMediaRss, true, Field::kMedia},
    {"category", {}, false, Field::kCategory},
    {"language", ns::kDublinCore, false, Field::kDcLanguage},
    {"modified", ns::kDublinCore, false, Field::kDcModified},
    {"postmeta", ns::kWordPress, false, Field::kWpPostmeta},
    {"enclosure", {}, false, Field::kEnclosure},
    {"post_type", ns::kWordPress, false, Field::kWpPostType},
    {"thumbnail", kMediaRss, true, Field::kMedia},
    {"description", {}, false, Field::kDescription},
    {"post_date_gmt", ns::kWordPress, false, Field::kWpPostDateGmt},
    {"attachment_url", ns::kWordPress, false, Field::kWpAttachmentUrl},
};

// Where the names of each length are in kFieldNames: every child of every
// item is matched, most of them against nothing (WXR's wp:comment_status,
// wp:ping_status...), so only the few names of its length are compared.
constexpr size_t kMaxFieldName = 15;
struct FieldNameIndex {
  uint8_t begin[kMaxFieldName + 1] = {};
  uint8_t end[kMaxFieldName + 1] = {};
};
constexpr bool FieldNamesGroupedByLength() {
  for (size_t i = 0; i < std::size(kFieldNames); ++i) {
    size_t n = kFieldNames[i].local.size();
    if (n == 0 || n > kMaxFieldName) return false;
    for (size_t j = i + 2; j < std::size(kFieldNames); ++j) {
      if (kFieldNames[j].local.size() == n && kFieldNames[j - 1].local.size() != n) return false;
    }
  }
  return true;
}
static_assert(FieldNamesGroupedByLength(), "kFieldNames: group the names by length");

constexpr FieldNameIndex MakeFieldNameIndex() {
  FieldNameIndex index;
  for (size_t i = 0; i < std::size(kFieldNames); ++i) {
    size_t n = kFieldNames[i].local.size();
    if (index.end[n] == 0) index.begin[n] = static_cast<uint8_t>(i);
    index.end[n] = static_cast<uint8_t>(i + 1);
  }
  return index;
}
constexpr FieldNameIndex kFieldNameIndex = MakeFieldNameIndex();

constexpr size_t kSingleFields = static_cast<size_t>(Field::kFirstCount);
static_assert(kSingleFields <= 32, "ItemFields::seen has a bit per single field");

// An element child of an item that repeats (categories, creators...).
struct Repeated {
  Field field;
  pugi::xml_node node;
};

// One <item>, read in one walk of its children: the first child of each
// single field, and the range of its repeated fields in RssReader's list.
struct ItemFields {
  pugi::xml_node item;
  pugi::xml_node single[kSingleFields];
  // Bit f set once single[f] holds a node: tested in place rather than
  // through pugixml's out-of-line operator!, for every matched child.
  uint32_t seen = 0;
  size_t repeated_begin = 0;
  size_t repeated_end = 0;

  pugi::xml_node operator[](Field f) const { return single[static_cast<size_t>(f)]; }
};

// The value of <wp:meta_key> or <wp:meta_value> (any WordPress namespace
// version) under `meta`, or "".
std::string_view WpMetaField(NamespaceScope& ns, pugi::xml_node item, pugi::xml_node meta,
                             std::string_view local, std::string* storage) {
  for (pugi::xml_node c = meta.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local &&
        StartsWith(ns.Of(c, item), ns::kWordPress)) {
      return TextView(c, storage);
    }
  }
  return {};
}

// Builds the Stories of one channel; WXR attachments are looked up by
// post id for thumbnails.
class RssReader {
 public:
  // `namespaces` outlives the reader.
  RssReader(const XmlDocument& doc, FeedItemContext ctx, NamespaceScope* namespaces)
      : doc_(doc), ctx_(std::move(ctx)), namespaces_(*namespaces) {}

  void Read(const std::vector<pugi::xml_node>& items, ParseResult* out) {
    // Every field of an item is read in one walk of its children; the
    // attachments must all be known before the first post is built.
    std::vector<ItemFields> fields(items.size());
    // One allocation each for most feeds rather than one per doubling:
    // items have up to ~30 children, a few of them repeated (categories,
    // WXR postmeta).
    repeated_.reserve(items.size() * 8);
    previous_.reserve(32);
    current_.reserve(32);
    for (size_t i = 0; i < items.size(); ++i) ReadFields(items[i], &fields[i]);
    IndexAttachments(fields);
    // Growing the vector moved every Story built so far.
    out->stories.reserve(out->stories.size() + items.size());
    for (const ItemFields& item : fields) {
      std::string status;
      if (!IsStoryItem(item, &status, out)) continue;
      out->stories.emplace_back();
      ParseItem(item, status, &out->stories.back());
      KeepIfUsable(ctx_, item.item, out);
    }
  }

 private:
  void ReadFields(pugi::xml_node item, ItemFields* f) {
    f->item = item;
    f->repeated_begin = repeated_.size();
    namespaces_.Enter(item);
    if (pugi::xml_node parent = item.parent(); parent != known_parent_) {
      known_parent_ = parent;
      previous_.clear();
    }
    const bool item_declares = namespaces_.ItemDeclares();
    current_.clear();
    // The end of the children is told by the type the loop reads anyway
    // (node_null), sparing a call to pugixml's out-of-line operator bool
    // per child.
    for (pugi::xml_node c = item.first_child();; c = c.next_sibling()) {
      const pugi::xml_node_type type = c.type();
      if (type == pugi::node_null) break;
      if (type != pugi::node_element) continue;
      const char* qname = c.name();
      const size_t pos = current_.size();
      KnownChild known;
      if (pos < previous_.size() && previous_[pos].reusable &&
          std::strcmp(previous_[pos].qname, qname) == 0 &&
          (!previous_[pos].uses_namespace || (!item_declares && !c.first_attribute()))) {
        known = previous_[pos];
      } else {
        bool looked_up = false, from_scope = false;
        known.field = FieldOf(c, qname, &looked_up, &from_scope);
        known.uses_namespace = looked_up;
        known.reusable = !looked_up || from_scope;
      }
      known.qname = qname;
      current_.push_back(known);
      const Field field = known.field;
      if (field == Field::kNone) continue;
      if (field < Field::kFirstCount) {
        const uint32_t bit = uint32_t{1} << static_cast<size_t>(field);
        if ((f->seen & bit) == 0) {
          f->seen |= bit;
          f->single[static_cast<size_t>(field)] = c;
        }
      } else {
        repeated_.push_back({field, c});
      }
    }
    f->repeated_end = repeated_.size();
    previous_.swap(current_);
  }

  // Which field the child `c` (named `qname`) of the entered item is.
  // Sets *looked_up to whether the answer depended on the child's
  // namespace, and then *from_scope to whether that namespace was the one
  // in effect above the item (NamespaceScope::OfChild).
  Field FieldOf(pugi::xml_node c, const char* qname, bool* looked_up, bool* from_scope) {
    std::string_view local = LocalNameOf(qname);
    if (local.size() > kMaxFieldName) return Field::kNone;
    std::string_view uri;
    for (size_t i = kFieldNameIndex.begin[local.size()]; i < kFieldNameIndex.end[local.size()];
         ++i) {
      const FieldName& f = kFieldNames[i];
      // The first byte first: most names differ there, and it spares the
      // memcmp call of a full comparison.
      if (f.local[0] != local[0] || f.local != local) continue;
      if (f.ns.empty()) return f.field;
      if (!*looked_up) {
        uri = namespaces_.OfChild(c, from_scope);
        *looked_up = true;
      }
      if (f.exact ? uri == f.ns : StartsWith(uri, f.ns)) return f.field;
    }
    return Field::kNone;
  }

  // The repeated children of one field, in document order.
  template <typename Fn>
  void ForEach(const ItemFields& item, Field field, Fn fn) const {
    for (size_t i = item.repeated_begin; i < item.repeated_end; ++i) {
      if (repeated_[i].field == field) fn(repeated_[i].node);
    }
  }

  bool Has(const ItemFields& item, Field field) const {
    for (size_t i = item.repeated_begin; i < item.repeated_end; ++i) {
      if (repeated_[i].field == field) return true;
    }
    return false;
  }

  void IndexAttachments(const std::vector<ItemFields>& items) {
    std::string storage;
    for (const ItemFields& item : items) {
      if (TextView(item[Field::kWpPostType], &storage) != "attachment") continue;
      std::string url = FastText(item[Field::kWpAttachmentUrl]);
      if (!url.empty()) {
        attachments_[FastText(item[Field::kWpPostId])] = {url, PlainText(item[Field::kTitle])};
      }
    }
  }

  // WXR exports hold attachments, menus and drafts next to posts. Sets
  // *status to the item's wp:status.
  bool IsStoryItem(const ItemFields& item, std::string* status, ParseResult* out) {
    std::string storage;
    std::string_view type = TextView(item[Field::kWpPostType], &storage);
    if (!type.empty() && type != "post" && type != "page") return false;
    *status = FastText(item[Field::kWpStatus]);
    for (std::string_view hidden : {"draft", "pending", "private", "trash", "auto-draft"}) {
      if (*status == hidden) {
        out->warnings.push_back(doc_.At(item.item, "WordPress " + *status + " \"" +
                                                       PlainText(item[Field::kTitle]) +
                                                       "\" is not published; skipped"));
        return false;
      }
    }
    return true;
  }

  // The base URL of an item: the one above the items (the same for all
  // items of one parent, worked out once) with the item's own xml:base.
  std::string BaseFor(pugi::xml_node item) {
    pugi::xml_node parent = item.parent();
    if (parent != base_parent_) {
      base_parent_ = parent;
      parent_base_ = XmlBaseFor(parent, ctx_.base_url);
    }
    return XmlBaseBelow(parent_base_, item);
  }

  void ParseItem(const ItemFields& item, const std::string& status, model::Story* s) {
    std::string base = BaseFor(item.item);
    ParseIdentity(item, status, s);
    ParseByline(item, s);
    ParseTimes(item, s);
    ParseCategories(item, s);
    ParseBody(item, base, s);
    ParsePictures(item, base, s);
  }

  void ParseIdentity(const ItemFields& item, const std::string& status, model::Story* s) {
    s->uri = FastText(item[Field::kGuid]);
    if (s->uri.empty()) s->uri = FastText(item[Field::kLink]);
    if (s->uri.empty()) s->uri = std::string(Attr(item.item, "about"));  // RSS 1.0 rdf:about
    s->headline = PlainText(item[Field::kTitle]);
    s->language = FastText(item[Field::kDcLanguage]);
    if (s->language.empty()) s->language = ctx_.language;
    s->agency = ctx_.agency;
    if (status == "future") s->embargoed = ParseIso8601(Text(item[Field::kWpPostDateGmt]));
  }

  void ParseByline(const ItemFields& item, model::Story* s) {
    std::string names;
    ForEach(item, Field::kDcCreator, [&](pugi::xml_node c) {
      std::string storage;
      std::string_view n = TextView(c, &storage);
      if (n.empty()) return;
      if (!names.empty()) names += ", ";
      names += n;
    });
    if (names.empty()) names = AuthorName(Text(item[Field::kAuthor]));
    s->byline = names.empty() ? ctx_.byline : std::move(names);
  }

  // pubDate / dc:date say when this version went out; WordPress also
  // gives the post's creation time in GMT.
  void ParseTimes(const ItemFields& item, model::Story* s) {
    pugi::xml_node date = item[Field::kPubDate];
    if (!date) date = item[Field::kDcDate];
    if (!date) date = item[Field::kDcModified];
    s->versioncreated = FeedDate(ctx_, date);
    if (pugi::xml_node created = item[Field::kWpPostDateGmt]) {
      s->firstcreated = FeedDate(ctx_, created);  // "2017-08-30 15:09:47", GMT by name
    } else if (pugi::xml_node dc = item[Field::kDcCreated]) {
      s->firstcreated = FeedDate(ctx_, dc);
    }
  }

  void ParseCategories(const ItemFields& item, model::Story* s) {
    ForEach(item, Field::kCategory, [&](pugi::xml_node c) {
      std::string_view nicename = Attr(c, "nicename");
      std::string storage;
      std::string_view text = TextView(c, &storage);
      AddCategory(nicename.empty() ? text : nicename, text, Attr(c, "domain"), s);
    });
    ForEach(item, Field::kDcSubject, [&](pugi::xml_node c) {
      std::string storage;
      AddCategory(TextView(c, &storage), {}, {}, s);
    });
  }

  // content:encoded is the story; description is its summary, or the
  // story itself when there is nothing else.
  void ParseBody(const ItemFields& item, const std::string& base, model::Story* s) {
    std::string content_storage, description_storage;
    std::string_view content = RawTextView(item[Field::kContentEncoded], &content_storage);
    std::string_view description = RawTextView(item[Field::kDescription], &description_storage);
    if (Trim(description).empty()) {
      description = RawTextView(item[Field::kWpEncoded], &description_storage);
    }
    if (Trim(content).empty()) {
      s->body_html = FeedHtmlToBody(description, base);
      return;
    }
    s->body_html = FeedHtmlToBody(content, base);
    s->description_text = HtmlToText(description);
  }

  void ParsePictures(const ItemFields& item, const std::string& base, model::Story* s) {
    if (auto it = attachments_.find(ThumbnailId(item)); it != attachments_.end()) {
      size_t before = s->pictures.size();
      AddEnclosure(it->second.url, {}, base, s);
      if (s->pictures.size() > before) s->pictures.back().caption = it->second.title;
    }
    std::string storage;
    if (std::string_view url = TextView(item[Field::kWpAttachmentUrl], &storage); !url.empty()) {
      AddEnclosure(url, {}, base, s);
    }
    ForEach(item, Field::kEnclosure, [&](pugi::xml_node e) {
      AddEnclosure(Attr(e, "url"), Attr(e, "type"), base, s);
    });
    // Without any media:* child AddMediaPictures finds nothing: skip the
    // index it would build.
    if (Has(item, Field::kMedia)) AddMediaPictures(ChildIndex(item.item), base, s);
  }

  // WXR post meta value for "_thumbnail_id", or "".
  std::string ThumbnailId(const ItemFields& item) {
    std::string storage;
    for (size_t i = item.repeated_begin; i < item.repeated_end; ++i) {
      if (repeated_[i].field != Field::kWpPostmeta) continue;
      pugi::xml_node meta = repeated_[i].node;
      if (WpMetaField(namespaces_, item.item, meta, "meta_key", &storage) == "_thumbnail_id") {
        return std::string(WpMetaField(namespaces_, item.item, meta, "meta_value", &storage));
      }
    }
    return {};
  }

  struct Attachment {
    std::string url;
    std::string title;
  };

  // FieldOf's answer for one element child of an item.
  struct KnownChild {
    const char* qname = nullptr;
    Field field = Field::kNone;
    bool uses_namespace = false;  // it depended on the child's namespace
    bool reusable = true;  // false: that namespace was declared on the item or the child
  };

  const XmlDocument& doc_;
  FeedItemContext ctx_;
  // FieldOf's answers for the element children of the previous item of
  // known_parent_, in order, and of the current one. Feeds repeat the same
  // children in the same order in every item (WXR: ~20 of them), so the
  // child at the same position is first compared with the previous item's:
  // one strcmp instead of naming it, matching its local name and looking
  // up its namespace. The answer is the same when the qualified name is
  // the same and, if it depended on the namespace, that namespace again
  // comes from above the item (no declaration on the item or the child;
  // the same parent, hence the same scope).
  std::vector<KnownChild> previous_, current_;
  pugi::xml_node known_parent_;
  NamespaceScope& namespaces_;  // shared with ChannelContext: the same scope
  std::vector<Repeated> repeated_;  // of every item, in item order
  std::map<std::string, Attachment> attachments_;  // by wp:post_id
  pugi::xml_node base_parent_;  // the items' parent parent_base_ is for
  std::string parent_base_;
};

// The channel's own fields, read in one walk of its children (which also
// hold every item); `items` gets the channel's <item>s.
FeedItemContext ChannelContext(const XmlDocument& doc, pugi::xml_node channel,
                               const Input& input, std::vector<Diagnostic>* warnings,
                               NamespaceScope* namespaces, std::vector<pugi::xml_node>* items) {
  pugi::xml_node link, language, dc_language, title, dc_creator;
  for (pugi::xml_node c = channel.first_child();; c = c.next_sibling()) {
    const pugi::xml_node_type type = c.type();  // node_null ends the walk (see ReadFields)
    if (type == pugi::node_null) break;
    if (type != pugi::node_element) continue;
    std::string_view local = LocalName(c);
    if (local == "item") {
      items->push_back(c);
    } else if (local == "link") {
      if (!link) link = c;
    } else if (local == "title") {
      if (!title) title = c;
    } else if (local == "language") {
      if (!language) language = c;
      if (!dc_language && StartsWith(namespaces->Of(c, c), ns::kDublinCore)) dc_language = c;
    } else if (local == "creator") {
      if (!dc_creator && StartsWith(namespaces->Of(c, c), ns::kDublinCore)) dc_creator = c;
    }
  }
  FeedItemContext ctx;
  ctx.doc = &doc;
  ctx.warnings = warnings;
  std::string link_text = Text(link);
  // The document's base; the xml:base attributes above an item are
  // applied once, in BaseFor (applying them here too resolved a relative
  // one twice: "news/" gave .../news/news/).
  ctx.base_url = IsHttpUrl(link_text) ? link_text : std::string(input.base_url);
  ctx.language = Text(language);
  if (ctx.language.empty()) ctx.language = Text(dc_language);
  ctx.agency = PlainText(title);
  ctx.byline = Text(dc_creator);
  return ctx;
}

}  // namespace

Status ReadRss(const XmlDocument& doc, const Input& input, ParseResult* out,
               std::optional<Diagnostic>* first_unusable) {
  pugi::xml_node root = doc.root();
  pugi::xml_node channel = Child(root, "channel");
  bool rdf = LocalName(root) == "RDF";
  if (!channel && !rdf) {
    return ToStatus(doc.At(root, "<" + std::string(root.name()) + "> has no <channel>"));
  }
  std::vector<pugi::xml_node> items;
  // The channel's children and its items' children see the same scope.
  NamespaceScope namespaces;
  FeedItemContext ctx = ChannelContext(doc, channel, input, &out->warnings, &namespaces, &items);
  ctx.first_unusable = first_unusable;
  // RSS 1.0 puts <item>s beside <channel>; some 0.9x feeds do too.
  for (pugi::xml_node item : Children(root, "item")) items.push_back(item);
  RssReader(doc, std::move(ctx), &namespaces).Read(items, out);
  return Status::Ok();
}

}  // namespace wirepress::formats::syndication

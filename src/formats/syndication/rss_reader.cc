#include "formats/syndication/rss_reader.h"

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
  std::string text = Text(node);
  return text.find('<') == std::string::npos ? text : HtmlToText(text);
}

// `Parent` is a pugi::xml_node or a ChildIndex (ChildInNs takes both).
template <typename Parent>
std::string WpField(const Parent& item, std::string_view local) {
  return Text(ChildInNs(item, ns::kWordPress, local));
}

// WXR post meta value for `key` ("_thumbnail_id"), or "".
std::string WpMeta(const ChildIndex& item, std::string_view key) {
  for (pugi::xml_node meta : ChildrenInNs(item, ns::kWordPress, "postmeta")) {
    if (WpField(meta, "meta_key") == key) return WpField(meta, "meta_value");
  }
  return {};
}

// Builds the Stories of one channel; WXR attachments are looked up by
// post id for thumbnails.
class RssReader {
 public:
  RssReader(const XmlDocument& doc, FeedItemContext ctx) : doc_(doc), ctx_(std::move(ctx)) {}

  void Read(const std::vector<pugi::xml_node>& items, ParseResult* out) {
    // Every field of an item is looked up by name among its children:
    // index them once per item rather than walk them once per field.
    std::vector<ChildIndex> indexes;
    indexes.reserve(items.size());
    for (pugi::xml_node item : items) indexes.emplace_back(item);
    IndexAttachments(indexes);
    // Growing the vector moved every Story built so far.
    out->stories.reserve(out->stories.size() + items.size());
    for (const ChildIndex& item : indexes) {
      if (!IsStoryItem(item, out)) continue;
      AddIfUsable(ctx_, item.parent(), ParseItem(item), out);
    }
  }

 private:
  void IndexAttachments(const std::vector<ChildIndex>& items) {
    for (const ChildIndex& item : items) {
      if (WpField(item, "post_type") != "attachment") continue;
      std::string url = WpField(item, "attachment_url");
      if (!url.empty()) attachments_[WpField(item, "post_id")] = {url, PlainText(item.First("title"))};
    }
  }

  // WXR exports hold attachments, menus and drafts next to posts.
  bool IsStoryItem(const ChildIndex& item, ParseResult* out) {
    std::string type = WpField(item, "post_type");
    if (!type.empty() && type != "post" && type != "page") return false;
    std::string status = WpField(item, "status");
    for (std::string_view hidden : {"draft", "pending", "private", "trash", "auto-draft"}) {
      if (status == hidden) {
        out->warnings.push_back(doc_.At(item.parent(), "WordPress " + status + " \"" +
                                                  PlainText(item.First("title")) +
                                                  "\" is not published; skipped"));
        return false;
      }
    }
    return true;
  }

  model::Story ParseItem(const ChildIndex& item) {
    model::Story s;
    std::string base = XmlBaseFor(item.parent(), ctx_.base_url);
    ParseIdentity(item, &s);
    ParseByline(item, &s);
    ParseTimes(item, &s);
    ParseCategories(item, &s);
    ParseBody(item, base, &s);
    ParsePictures(item, base, &s);
    return s;
  }

  void ParseIdentity(const ChildIndex& item, model::Story* s) {
    s->uri = Text(item.First("guid"));
    if (s->uri.empty()) s->uri = Text(item.First("link"));
    if (s->uri.empty()) s->uri = std::string(Attr(item.parent(), "about"));  // RSS 1.0 rdf:about
    s->headline = PlainText(item.First("title"));
    s->language = Text(ChildInNs(item, ns::kDublinCore, "language"));
    if (s->language.empty()) s->language = ctx_.language;
    s->agency = ctx_.agency;
    if (WpField(item, "status") == "future") {
      s->embargoed = ParseIso8601(WpField(item, "post_date_gmt"));
    }
  }

  void ParseByline(const ChildIndex& item, model::Story* s) {
    std::vector<std::string> names;
    for (pugi::xml_node c : ChildrenInNs(item, ns::kDublinCore, "creator")) {
      if (std::string n = Text(c); !n.empty()) names.push_back(n);
    }
    if (names.empty()) {
      if (std::string a = AuthorName(Text(item.First("author"))); !a.empty()) names.push_back(a);
    }
    s->byline = names.empty() ? ctx_.byline : Join(names, ", ");
  }

  // pubDate / dc:date say when this version went out; WordPress also
  // gives the post's creation time in GMT.
  void ParseTimes(const ChildIndex& item, model::Story* s) {
    pugi::xml_node date = item.First("pubDate");
    if (!date) date = ChildInNs(item, ns::kDublinCore, "date");
    if (!date) date = ChildInNs(item, ns::kDublinCore, "modified");
    s->versioncreated = FeedDate(ctx_, date);
    if (pugi::xml_node created = ChildInNs(item, ns::kWordPress, "post_date_gmt")) {
      s->firstcreated = FeedDate(ctx_, created);  // "2017-08-30 15:09:47", GMT by name
    } else if (pugi::xml_node dc = ChildInNs(item, ns::kDublinCore, "created")) {
      s->firstcreated = FeedDate(ctx_, dc);
    }
  }

  void ParseCategories(const ChildIndex& item, model::Story* s) {
    for (const ChildIndex::Entry& e : item) {
      if (e.local_name != "category") continue;
      pugi::xml_node c = e.node;
      std::string_view nicename = Attr(c, "nicename");
      std::string text = Text(c);
      AddCategory(nicename.empty() ? std::string_view(text) : nicename, text, Attr(c, "domain"),
                  s);
    }
    for (pugi::xml_node c : ChildrenInNs(item, ns::kDublinCore, "subject")) {
      AddCategory(Text(c), {}, {}, s);
    }
  }

  // content:encoded is the story; description is its summary, or the
  // story itself when there is nothing else.
  void ParseBody(const ChildIndex& item, const std::string& base, model::Story* s) {
    std::string content = RawText(ChildInNs(item, ns::kContent, "encoded"));
    std::string description = RawText(item.First("description"));
    if (Trim(description).empty()) description = RawText(ChildInNs(item, ns::kWordPress, "encoded"));
    if (Trim(content).empty()) {
      s->body_html = FeedHtmlToBody(description, base);
      return;
    }
    s->body_html = FeedHtmlToBody(content, base);
    s->description_text = HtmlToText(description);
  }

  void ParsePictures(const ChildIndex& item, const std::string& base, model::Story* s) {
    if (auto it = attachments_.find(WpMeta(item, "_thumbnail_id")); it != attachments_.end()) {
      size_t before = s->pictures.size();
      AddEnclosure(it->second.url, {}, base, s);
      if (s->pictures.size() > before) s->pictures.back().caption = it->second.title;
    }
    if (std::string url = WpField(item, "attachment_url"); !url.empty()) {
      AddEnclosure(url, {}, base, s);
    }
    for (const ChildIndex::Entry& e : item) {
      if (e.local_name == "enclosure") AddEnclosure(Attr(e.node, "url"), Attr(e.node, "type"), base, s);
    }
    AddMediaPictures(item, base, s);
  }

  struct Attachment {
    std::string url;
    std::string title;
  };

  const XmlDocument& doc_;
  FeedItemContext ctx_;
  std::map<std::string, Attachment> attachments_;  // by wp:post_id
};

FeedItemContext ChannelContext(const XmlDocument& doc, pugi::xml_node channel,
                               const Input& input, std::vector<Diagnostic>* warnings) {
  FeedItemContext ctx;
  ctx.doc = &doc;
  ctx.warnings = warnings;
  std::string link = Text(Child(channel, "link"));
  ctx.base_url = XmlBaseFor(channel, IsHttpUrl(link) ? link : std::string(input.base_url));
  ctx.language = Text(Child(channel, "language"));
  if (ctx.language.empty()) ctx.language = Text(ChildInNs(channel, ns::kDublinCore, "language"));
  ctx.agency = PlainText(Child(channel, "title"));
  ctx.byline = Text(ChildInNs(channel, ns::kDublinCore, "creator"));
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
  FeedItemContext ctx = ChannelContext(doc, channel, input, &out->warnings);
  ctx.first_unusable = first_unusable;
  // RSS 1.0 puts <item>s beside <channel>; some 0.9x feeds do too.
  std::vector<pugi::xml_node> items = Children(channel, "item");
  for (pugi::xml_node item : Children(root, "item")) items.push_back(item);
  RssReader(doc, std::move(ctx)).Read(items, out);
  return Status::Ok();
}

}  // namespace wirepress::formats::syndication

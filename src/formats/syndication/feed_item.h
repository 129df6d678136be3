// FeedItemContext and the helpers the RSS and Atom readers share: dates
// with a warning instead of a failure, bodies resolved against the right
// base URL and sanitized, categories split into keywords and subjects,
// media:* pictures, and the "nothing usable" rule.
//
// Thread-safety: a context belongs to one Parse call; helpers are pure
// apart from appending to the context's warnings.
#ifndef WIREPRESS_FORMATS_SYNDICATION_FEED_ITEM_H_
#define WIREPRESS_FORMATS_SYNDICATION_FEED_ITEM_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "formats/format.h"
#include "formats/xml_reader.h"
#include "model/story.h"

namespace wirepress::formats::syndication {

// What every item of one feed shares. The pointers are owned by Parse.
struct FeedItemContext {
  const XmlDocument* doc = nullptr;
  std::vector<Diagnostic>* warnings = nullptr;
  // The document's base: the feed's absolute link, else Input.base_url.
  // The xml:base attributes of the feed's elements apply below it.
  std::string base_url;
  std::string language;  // feed-level language ("" when not given)
  std::string agency;    // feed title, used as the credit line
  std::string byline;    // feed-level author, for items without one
  // Set by KeepIfUsable to the first item that had nothing usable, so Parse
  // can fail when no item at all was usable. May be null.
  std::optional<Diagnostic>* first_unusable = nullptr;
};

// The namespace URI of the element's prefix (or the default namespace);
// "" when undeclared.
std::string_view NamespaceOf(pugi::xml_node node);

// NamespaceOf for the children of many items under one parent (a
// channel's <item>s, a feed's <entry>s). What a prefix means above an item
// is the same for every item of that parent, so it is looked up once per
// feed and prefix instead of once per item and field (a walk to the root
// comparing every xmlns attribute there). Gives NamespaceOf's answers.
// Belongs to one Parse call (it keeps views into the document).
class NamespaceScope {
 public:
  // Starts on the children of `item` (not the document node).
  void Enter(pugi::xml_node item);
  // NamespaceOf(child) for an element child of the entered item. When
  // `from_scope` is not null, sets it to whether the answer is the one in
  // effect above the item (neither the item nor the child declares a
  // namespace), which is the same for every child of the same name of
  // every item of the same parent.
  std::string_view OfChild(pugi::xml_node child, bool* from_scope = nullptr);
  // Whether the entered item has an xmlns or xmlns:* attribute.
  bool ItemDeclares() const { return item_declares_; }
  // NamespaceOf(element). REQUIRES: `item` is `element` or an ancestor of
  // it, and not the document node.
  std::string_view Of(pugi::xml_node element, pugi::xml_node item);

 private:
  struct Known {
    bool has_prefix;
    std::string_view prefix;
    std::string_view uri;
  };
  // What the prefix means at scope_ (declarations on scope_ and above);
  // "" when undeclared.
  std::string_view InScope(bool has_prefix, std::string_view prefix);
  void SetScope(pugi::xml_node scope);

  pugi::xml_node scope_;  // the items' parent known_ holds answers for
  std::vector<Known> known_;  // declarations in effect at scope_, nearest first
  bool known_read_ = false;
  size_t last_match_ = 0;  // index in known_ of InScope's last answer
  pugi::xml_node item_;
  bool item_declares_ = false;  // item_ has an xmlns or xmlns:* attribute
};


// Text(node) without building a string in the common case: the node holds
// one text node that Text would return only trimmed (no '&' to decode, no
// whitespace run to collapse). Otherwise Text(node) is stored in *storage
// and a view of it returned. The view lives as long as the document and
// *storage.
std::string_view TextView(pugi::xml_node node, std::string* storage);

// Text(node), through TextView: one copy of the field and no
// CollapseWhitespace pass in the common case.
std::string FastText(pugi::xml_node node);

// RawText(node), as a view of the document when the node holds a single
// text or CDATA node (the usual case); otherwise built in *storage.
std::string_view RawTextView(pugi::xml_node node, std::string* storage);

namespace ns {
inline constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view kDublinCore = "http://purl.org/dc/";  // elements/1.1 and terms
inline constexpr std::string_view kWordPress = "http://wordpress.org/export/";  // wp: and excerpt:
inline constexpr std::string_view kAtom10 = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view kAtom03 = "http://purl.org/atom/ns#";
}  // namespace ns

// Parses the node's text with ParseAnyDate. Empty text: nullopt. Unknown
// form: nullopt plus a warning pointing at the node.
std::optional<Timestamp> FeedDate(const FeedItemContext& ctx, pugi::xml_node node);

// The node's character data as written (CDATA and text, not collapsed):
// the HTML of content:encoded, description, Atom html content.
std::string RawText(pugi::xml_node node);

// The base for relative URLs inside `node`: xml:base attributes from the
// root down, resolved against `fallback`. Returns `fallback` when none.
std::string XmlBaseFor(pugi::xml_node node, std::string_view fallback);
// XmlBaseFor(node, fallback) given `parent_base`, XmlBaseFor(node.parent(),
// fallback): only the node's own xml:base is left to apply. Lets readers
// work out the base above their items once per feed.
std::string XmlBaseBelow(std::string_view parent_base, pugi::xml_node node);

// HTML from a feed as a Story body: paragraphs made from blank lines when
// the HTML has no block markup (WordPress stores posts that way), then
// sanitized with relative URLs resolved against `base`.
std::string FeedHtmlToBody(std::string_view html, std::string_view base);

// A category with a scheme/domain becomes a Subject (code as written);
// one without, or a tag scheme, becomes a keyword. Duplicates are dropped.
void AddCategory(std::string_view term, std::string_view label, std::string_view scheme,
                 model::Story* story);

// Media RSS (media:content, media:group, media:thumbnail) children of
// `item` that are images, in document order; thumbnails only when there
// is no full-size image. Relative URLs are resolved against `base`.
void AddMediaPictures(const ChildIndex& item, std::string_view base, model::Story* story);

// An RSS enclosure / Atom rel="enclosure" link, kept when `type` is an
// image type (or empty and the URL looks like an image). Duplicate hrefs
// are dropped.
void AddEnclosure(std::string_view url, std::string_view type, std::string_view base,
                  model::Story* story);

// "jane@example.com (Jane Doe)" → "Jane Doe"; anything else collapsed.
std::string AuthorName(std::string_view text);

// nullopt when the story has a headline or a body; otherwise a diagnostic
// at the item's node naming the missing fields. Feeds skip such items with
// a warning and fail only when no item at all is usable.
std::optional<Diagnostic> Unusable(const FeedItemContext& ctx, pugi::xml_node item,
                                   const model::Story& story);

// For a story built in place as out->stories.back(): keeps it when it is
// usable, else removes it again and appends its Unusable diagnostic to the
// warnings (building in place saves moving every Story).
// REQUIRES: !out->stories.empty().
void KeepIfUsable(const FeedItemContext& ctx, pugi::xml_node item, ParseResult* out);

}  // namespace wirepress::formats::syndication

#endif  // WIREPRESS_FORMATS_SYNDICATION_FEED_ITEM_H_

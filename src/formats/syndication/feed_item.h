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
  std::string base_url;  // feed-level base: xml:base, else the feed link, else Input.base_url
  std::string language;  // feed-level language ("" when not given)
  std::string agency;    // feed title, used as the credit line
  std::string byline;    // feed-level author, for items without one
  // Set by AddIfUsable to the first item that had nothing usable, so Parse
  // can fail when no item at all was usable. May be null.
  std::optional<Diagnostic>* first_unusable = nullptr;
};

// The first child element with this local name whose namespace URI starts
// with `ns` (prefixes vary between feeds; content:encoded and
// excerpt:encoded share a local name). Empty node when absent.
pugi::xml_node ChildInNs(pugi::xml_node parent, std::string_view ns, std::string_view local);
// The namespace URI of the element's prefix (or the default namespace);
// "" when undeclared.
std::string_view NamespaceOf(pugi::xml_node node);

// The same over an index of the parent's children, for readers that look
// up many fields of one item (one walk of its children instead of one per
// field).
pugi::xml_node ChildInNs(const ChildIndex& parent, std::string_view ns, std::string_view local);
std::vector<pugi::xml_node> ChildrenInNs(const ChildIndex& parent, std::string_view ns,
                                         std::string_view local);

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

// Appends `story` to `out`, or its Unusable diagnostic to the warnings.
void AddIfUsable(const FeedItemContext& ctx, pugi::xml_node item, model::Story story,
                 ParseResult* out);

}  // namespace wirepress::formats::syndication

#endif  // WIREPRESS_FORMATS_SYNDICATION_FEED_ITEM_H_

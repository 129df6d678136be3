#include "formats/syndication/rss_atom_parser.h"

#include <optional>
#include <string>

#include "base/strings.h"
#include "formats/encoding.h"
#include "formats/syndication/atom_reader.h"
#include "formats/syndication/feed_item.h"
#include "formats/syndication/rss_reader.h"
#include "formats/xml_reader.h"

namespace wirepress::formats::syndication {
namespace {

// Big news sites' full-text feeds are a few MiB; WXR exports of a whole
// site can be larger, but beyond this a DOM would cost more than it is worth.
constexpr size_t kMaxInputBytes = 256u << 20;

// The start tag of the root element in the head of an XML document
// ("<rss version="2.0" ...>" up to '>'), skipping the declaration,
// comments, processing instructions and a DOCTYPE; "" when not found.
std::string_view RootStartTag(std::string_view head) {
  size_t i = 0;
  while ((i = head.find('<', i)) != head.npos && i + 1 < head.size()) {
    std::string_view rest = head.substr(i);
    if (StartsWith(rest, "<!--")) {
      size_t end = rest.find("-->");
      if (end == rest.npos) return {};
      i += end + 3;
    } else if (rest[1] == '?' || rest[1] == '!') {
      size_t end = rest.find('>');
      if (end == rest.npos) return {};
      i += end + 1;
    } else {
      size_t end = rest.find('>');
      return end == rest.npos ? rest : rest.substr(0, end + 1);
    }
  }
  return {};
}

std::string_view TagName(std::string_view tag) {
  tag.remove_prefix(1);
  return tag.substr(0, tag.find_first_of(" \t\r\n/>"));
}

// UTF-16 feeds exist (old Windows CMSs); sniff their decoded head.
std::string HeadAsUtf8(std::string_view bytes) {
  if (StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF")) {
    return DecodeToUtf8(bytes.substr(0, bytes.size() & ~size_t{1})).text;
  }
  return std::string(bytes);
}

class RssAtomParser : public FeedParser {
 public:
  std::string_view name() const override { return "rss-atom"; }

  Confidence Sniff(std::string_view bytes) const override {
    std::string head = HeadAsUtf8(bytes);
    std::string_view tag = RootStartTag(head);
    if (tag.empty()) return Confidence::kNo;
    std::string_view local = LocalName(TagName(tag));
    if (local == "rss") return Confidence::kCertain;
    if (local == "RDF") {
      bool rss = tag.find("purl.org/rss/1.0") != tag.npos ||
                 tag.find("my.netscape.com/rdf/simple") != tag.npos;
      return rss ? Confidence::kCertain : Confidence::kMaybe;
    }
    if (local == "feed") {
      bool atom = tag.find(ns::kAtom10) != tag.npos || tag.find(ns::kAtom03) != tag.npos;
      return atom ? Confidence::kCertain : Confidence::kMaybe;
    }
    return Confidence::kNo;
  }

  Result<ParseResult> Parse(const Input& input) const override {
    if (input.bytes.size() > kMaxInputBytes) {
      return Status::InvalidInput(std::string(input.source),
                                  "feed is " + std::to_string(input.bytes.size()) +
                                      " bytes; the limit is " + std::to_string(kMaxInputBytes));
    }
    ParseResult out;
    WP_ASSIGN_OR_RETURN(auto doc, XmlDocument::Parse(input.source, input.bytes, &out.warnings));
    std::optional<Diagnostic> first_unusable;
    WP_RETURN_IF_ERROR(ReadFeed(*doc, input, &out, &first_unusable));
    if (out.stories.empty() && first_unusable) return ToStatus(*first_unusable);
    return out;
  }

 private:
  static Status ReadFeed(const XmlDocument& doc, const Input& input, ParseResult* out,
                         std::optional<Diagnostic>* first_unusable) {
    std::string_view root = LocalName(doc.root());
    if (root == "rss" || root == "RDF") return ReadRss(doc, input, out, first_unusable);
    if (root == "feed") return ReadAtom(doc, input, out, first_unusable);
    return ToStatus(doc.At(doc.root(), "root element <" + std::string(doc.root().name()) +
                                           "> is not an RSS channel or an Atom feed"));
  }
};

}  // namespace

std::unique_ptr<FeedParser> NewRssAtomParser() { return std::make_unique<RssAtomParser>(); }

}  // namespace wirepress::formats::syndication

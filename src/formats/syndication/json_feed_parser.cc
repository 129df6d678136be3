#include "formats/syndication/json_feed_parser.h"

#include <optional>
#include <string>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "formats/encoding.h"
#include "formats/json_reader_nlohmann.h"
#include "formats/syndication/feed_item.h"
#include "formats/text.h"

namespace wirepress::formats::syndication {
namespace {

// A JSON Feed nests four levels.
constexpr JsonLimits kLimits{
    .max_bytes = 256u << 20,
    .max_depth = 256,
    .too_large = [](size_t bytes, size_t limit) {
      return "feed is " + std::to_string(bytes) + " bytes; the limit is " +
             std::to_string(limit);
    }};

bool IsHttpUrl(std::string_view s) {
  return StartsWithIgnoreCase(s, "http://") || StartsWithIgnoreCase(s, "https://");
}

// 1.1 "authors": [{name}], 1.0 "author": {name}.
std::string AuthorNames(const Json& obj) {
  std::vector<std::string> names;
  for (const Json& a : Array(obj, "authors")) {
    if (std::string n = CollapseWhitespace(Str(a, "name")); !n.empty()) names.push_back(n);
  }
  if (const Json* a = Member(obj, "author"); names.empty() && a != nullptr) {
    if (std::string n = CollapseWhitespace(Str(*a, "name")); !n.empty()) names.push_back(n);
  }
  return Join(names, ", ");
}

struct FeedInfo {
  std::string source;
  std::string base_url;
  std::string language;
  std::string agency;
  std::string byline;
};

class ItemMapper {
 public:
  ItemMapper(const FeedInfo& feed, std::vector<Diagnostic>* warnings)
      : feed_(feed), warnings_(warnings) {}

  model::Story Map(const Json& item) {
    model::Story s;
    s.uri = Str(item, "id");
    if (s.uri.empty()) s.uri = Str(item, "url");
    s.headline = CollapseWhitespace(HtmlToText(Str(item, "title")));
    s.byline = AuthorNames(item);
    if (s.byline.empty()) s.byline = feed_.byline;
    s.language = Str(item, "language");
    if (s.language.empty()) s.language = feed_.language;
    s.agency = feed_.agency;
    ParseTimes(item, &s);
    ParseBody(item, &s);
    ParsePictures(item, &s);
    for (const Json& t : Array(item, "tags")) {
      if (t.is_string()) AddCategory(t.get<std::string>(), {}, {}, &s);
    }
    return s;
  }

 private:
  std::optional<Timestamp> Time(const Json& item, std::string_view key) {
    std::string text = Str(item, key);
    if (text.empty()) return std::nullopt;
    std::optional<Timestamp> t = ParseAnyDate(text);
    if (!t) {
      warnings_->push_back(Diagnostic{feed_.source, 0, 0,
                                      "item \"" + Str(item, "id") + "\": unknown date form \"" +
                                          text + "\" in " + std::string(key) + "; ignored",
                                      {}});
    }
    return t;
  }

  void ParseTimes(const Json& item, model::Story* s) {
    s->firstcreated = Time(item, "date_published");
    s->versioncreated = Time(item, "date_modified");
    if (!s->versioncreated) s->versioncreated = s->firstcreated;
  }

  void ParseBody(const Json& item, model::Story* s) {
    std::string base = Str(item, "url");
    if (!IsHttpUrl(base)) base = feed_.base_url;
    std::string html = Str(item, "content_html");
    if (Trim(html).empty()) html = TextToParagraphs(Str(item, "content_text"));
    s->body_html = FeedHtmlToBody(html, base);
    s->description_text = CollapseWhitespace(HtmlToText(Str(item, "summary")));
  }

  void ParsePictures(const Json& item, model::Story* s) {
    AddEnclosure(Str(item, "image"), {}, feed_.base_url, s);
    AddEnclosure(Str(item, "banner_image"), {}, feed_.base_url, s);
    for (const Json& a : Array(item, "attachments")) {
      std::string type = Str(a, "mime_type");
      if (!StartsWith(type, "image/")) continue;
      size_t before = s->pictures.size();
      AddEnclosure(Str(a, "url"), type, feed_.base_url, s);
      if (s->pictures.size() > before) {
        s->pictures.back().caption = CollapseWhitespace(Str(a, "title"));
      }
    }
  }

  const FeedInfo& feed_;
  std::vector<Diagnostic>* warnings_;
};

FeedInfo InfoOf(const Json& feed, const Input& input) {
  FeedInfo info;
  info.source = std::string(input.source);
  info.base_url = Str(feed, "home_page_url");
  if (!IsHttpUrl(info.base_url)) info.base_url = std::string(input.base_url);
  info.language = Str(feed, "language");
  info.agency = CollapseWhitespace(Str(feed, "title"));
  info.byline = AuthorNames(feed);
  return info;
}

class JsonFeedParser : public FeedParser {
 public:
  std::string_view name() const override { return "json-feed"; }

  Confidence Sniff(std::string_view bytes) const override {
    size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == bytes.npos || bytes[first] != '{') return Confidence::kNo;
    return bytes.find("jsonfeed.org/version/") != bytes.npos ? Confidence::kCertain
                                                             : Confidence::kNo;
  }

  Result<ParseResult> Parse(const Input& input) const override {
    std::string text = DecodeToUtf8(input.bytes, "UTF-8").text;
    WP_ASSIGN_OR_RETURN(Json feed, LoadJson(input, text, kLimits));
    const Json* items = Member(feed, "items");
    if (items == nullptr || !items->is_array()) {
      return ToStatus(DiagnosticAt(input.source, text, FirstJsonTokenOffset(text),
                                   "expected a JSON Feed object with an \"items\" array"));
    }
    ParseResult out;
    FeedInfo info = InfoOf(feed, input);
    ItemMapper mapper(info, &out.warnings);
    std::optional<std::string> first_unusable;
    for (const Json& item : *items) {
      model::Story s = mapper.Map(item);
      if (s.headline.empty() && s.body_html.empty()) {
        std::string why = "item \"" + s.uri + "\" has no title and no content";
        if (!first_unusable) first_unusable = why;
        out.warnings.push_back(Diagnostic{info.source, 0, 0, why + "; skipped", {}});
        continue;
      }
      out.stories.push_back(std::move(s));
    }
    if (out.stories.empty() && first_unusable) {
      return Status::InvalidInput(info.source, *first_unusable);
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<FeedParser> NewJsonFeedParser() { return std::make_unique<JsonFeedParser>(); }

}  // namespace wirepress::formats::syndication

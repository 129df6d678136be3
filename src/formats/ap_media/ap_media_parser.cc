#include "formats/ap_media/ap_media_parser.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "formats/encoding.h"
#include "formats/html_sanitizer.h"
#include "formats/json_reader_nlohmann.h"
#include "formats/text.h"

namespace wirepress::formats::ap_media {
namespace {

// A feed page of 100 items is well under a MiB. AP items nest about six
// levels.
constexpr JsonLimits kLimits{
    .max_bytes = 64u << 20,
    .max_depth = 256,
    .too_large = [](size_t bytes, size_t limit) {
      return "file is " + std::to_string(bytes) + " bytes; AP Media input is limited to " +
             std::to_string(limit) + " bytes";
    }};

std::string FirstNonEmpty(std::initializer_list<std::string> candidates) {
  for (const std::string& c : candidates) {
    if (!Trim(c).empty()) return CollapseWhitespace(c);
  }
  return {};
}

// Maps one AP item object to a Story; oddities become warnings.
class ItemMapper {
 public:
  ItemMapper(std::string_view source, std::vector<Diagnostic>* warnings)
      : source_(source), warnings_(warnings) {}

  model::Story Map(const Json& item) {
    model::Story s;
    ParseIdentity(item, &s);
    ParseSignals(item, &s);
    ParseHeadline(item, &s);
    ParseByline(item, &s);
    ParseDateline(item, &s);
    ParseTimes(item, &s);
    ParseSubjects(item, &s);
    ParseText(item, &s);
    ParsePictures(item, &s);
    return s;
  }

 private:
  void Warn(std::string message) {
    warnings_->push_back(Diagnostic{std::string(source_), 0, 0, std::move(message), {}});
  }

  // uri carries a per-request token (?qt=...); altids.itemid is stable.
  void ParseIdentity(const Json& item, model::Story* s) {
    s->uri = Str(Object(item, "altids"), "itemid");
    if (s->uri.empty()) s->uri = Str(item, "uri");
    s->version = Str(item, "version");
    std::string type = AsciiLower(Str(item, "type"));
    s->type = type == "picture" || type == "graphic" ? "picture"
              : type == "video"                      ? "video"
              : type == "composite"                  ? "composite"
                                                     : "text";
    s->language = Str(item, "language");
    s->slugline = Str(item, "slugline");
    s->agency = FirstNonEmpty({Str(item, "provider"), "AP"});
    if (std::string u = Str(item, "urgency"); !u.empty() && !ParseInt(u, &s->urgency)) {
      Warn("urgency \"" + u + "\" is not a number; ignored");
    }
    if (std::string p = Str(item, "pubstatus"); !p.empty()) {
      if (auto status = model::ParsePubStatus(p)) {
        s->pubstatus = *status;
      } else {
        Warn("unknown pubstatus \"" + p + "\"; taken as usable");
      }
    }
  }

  // AP says what a version does in editorialtypes: "Correction",
  // "Writethru", "Lead", "Kill", "Elimination", "Withhold".
  void ParseSignals(const Json& item, model::Story* s) {
    for (const Json& e : Array(item, "editorialtypes")) {
      std::string t = e.is_string() ? AsciiLower(e.get<std::string>()) : std::string();
      if (t == "correction") s->signals = s->signals | model::Signal::kCorrection;
      if (t == "writethru" || t == "lead" || t == "update" || t == "add") {
        s->signals = s->signals | model::Signal::kUpdate;
      }
      if (t == "kill" || t == "elimination" || t == "withhold") {
        s->signals = s->signals | model::Signal::kKill;
      }
    }
    if (s->pubstatus == model::PubStatus::kCanceled) {
      s->signals = s->signals | model::Signal::kKill;
    }
  }

  void ParseHeadline(const Json& item, model::Story* s) {
    s->headline = FirstNonEmpty({Str(item, "headline"), Str(item, "title")});
  }

  void ParseByline(const Json& item, model::Story* s) {
    std::vector<std::string> names;
    for (const Json& b : Array(item, "bylines")) {
      if (std::string by = CollapseWhitespace(Str(b, "by")); !by.empty()) names.push_back(by);
    }
    s->byline = names.empty() ? CollapseWhitespace(Str(Object(item, "photographer"), "name"))
                              : Join(names, ", ");
  }

  void ParseDateline(const Json& item, model::Story* s) {
    const Json& loc = Object(item, "datelinelocation");
    s->dateline.place = Str(loc, "city");
    s->dateline.country = FirstNonEmpty({Str(loc, "countryname"), Str(loc, "countrycode")});
    if (!s->dateline.place.empty()) s->dateline.agency = "AP";
    s->located = s->dateline.place;
  }

  std::optional<Timestamp> Time(const Json& item, std::string_view key) {
    return IsoTimeMember(item, key, KeyMatch::kExact, source_, warnings_);
  }

  void ParseTimes(const Json& item, model::Story* s) {
    s->firstcreated = Time(item, "firstcreated");
    s->versioncreated = Time(item, "versioncreated");
    s->embargoed = Time(item, "embargoed");
  }

  void ParseSubjects(const Json& item, model::Story* s) {
    for (const Json& e : Array(item, "subject")) {
      model::Subject sub{Str(e, "code"), Str(e, "name"), Str(e, "scheme")};
      if (sub.code.empty()) continue;
      if (sub.scheme.empty()) sub.scheme = "apcategory";  // AP category letters: a, ent...
      s->subjects.push_back(std::move(sub));
    }
    for (const Json& k : Array(item, "keywords")) {
      if (k.is_string() && !Trim(k.get<std::string>()).empty()) {
        s->keywords.emplace_back(Trim(k.get<std::string>()));
      }
    }
  }

  // The API carries text bodies as separate NITF/ANPA renditions; the JSON
  // holds the summary (text) or caption (pictures).
  void ParseText(const Json& item, model::Story* s) {
    s->description_text = FirstNonEmpty(
        {Str(item, "description_summary"), Str(item, "description_caption")});
    std::string body = Str(item, "body_html");
    if (!body.empty()) s->body_html = SanitizeHtml(body);
  }

  void ParsePictures(const Json& item, model::Story* s) {
    if (s->type != "picture") return;
    const Json& renditions = Object(item, "renditions");
    for (std::string_view name : {"main", "preview", "thumbnail"}) {
      const Json& r = Object(renditions, name);
      if (Str(r, "href").empty()) continue;
      model::Picture p;
      p.href = Str(r, "href");
      p.mime_type = Str(r, "mimetype");
      (void)ParseInt(Str(r, "width"), &p.width);
      (void)ParseInt(Str(r, "height"), &p.height);
      p.caption = CollapseWhitespace(Str(item, "description_caption"));
      p.credit = CollapseWhitespace(Str(item, "description_creditline"));
      s->pictures.push_back(std::move(p));
      return;
    }
  }

  std::string_view source_;
  std::vector<Diagnostic>* warnings_;
};

// The item objects of a response: data.item, or data.items[].item.
std::vector<const Json*> ItemsOf(const Json& doc, bool* is_page) {
  const Json& data = Object(doc, "data");
  std::vector<const Json*> items;
  *is_page = Member(data, "items") != nullptr;
  if (const Json* item = Member(data, "item"); item != nullptr && item->is_object()) {
    items.push_back(item);
  }
  for (const Json& e : Array(data, "items")) {
    if (const Json* item = Member(e, "item"); item != nullptr && item->is_object()) {
      items.push_back(item);
    }
  }
  if (items.empty() && !*is_page && Member(doc, "altids") != nullptr) items.push_back(&doc);
  return items;
}

class ApMediaParser : public FeedParser {
 public:
  std::string_view name() const override { return "ap-media-json"; }

  Confidence Sniff(std::string_view bytes) const override {
    std::string_view head = SkipJsonSpace(bytes);
    if (head.empty() || head.front() != '{') return Confidence::kNo;
    if (HasJsonKey(head, "api_version") && HasJsonKey(head, "data")) return Confidence::kCertain;
    return HasJsonKey(head, "altids") ? Confidence::kLikely : Confidence::kNo;
  }

  Result<ParseResult> Parse(const Input& input) const override {
    std::string text = DecodeToUtf8(input.bytes, "UTF-8").text;
    WP_ASSIGN_OR_RETURN(Json doc, LoadJson(input, text, kLimits));
    bool is_page = false;
    std::vector<const Json*> items = ItemsOf(doc, &is_page);
    if (items.empty() && !is_page) {
      return ToStatus(DiagnosticAt(input.source, text, FirstJsonTokenOffset(text),
                                   "expected an AP Media API response with data.item or "
                                   "data.items"));
    }
    return MapItems(input, items, is_page);
  }

 private:
  static Result<ParseResult> MapItems(const Input& input, const std::vector<const Json*>& items,
                                      bool is_page) {
    ParseResult out;
    ItemMapper mapper(input.source, &out.warnings);
    for (const Json* item : items) {
      model::Story s = mapper.Map(*item);
      if (s.headline.empty() && s.body_html.empty()) {
        std::string why = "AP item \"" + s.uri + "\" has no headline and no body";
        if (!is_page) return Status::InvalidInput(std::string(input.source), why);
        out.warnings.push_back(
            Diagnostic{std::string(input.source), 0, 0, why + "; skipped", {}});
        continue;
      }
      out.stories.push_back(std::move(s));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<FeedParser> NewApMediaParser() { return std::make_unique<ApMediaParser>(); }

}  // namespace wirepress::formats::ap_media

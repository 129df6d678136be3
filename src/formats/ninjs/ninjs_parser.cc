#include "formats/ninjs/ninjs_parser.h"

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
#include "formats/xml_reader.h"

namespace wirepress::formats::ninjs {
namespace {

// A ninjs item is a few KiB; a page of them a few MiB. Anything far larger
// is not a wire item and would only cost memory. Real ninjs nests about five
// levels deep.
constexpr JsonLimits kLimits{
    .max_bytes = 64u << 20,
    .max_depth = 256,
    .too_large = [](size_t bytes, size_t limit) {
      return "file is " + std::to_string(bytes) + " bytes; ninjs input is limited to " +
             std::to_string(limit) + " bytes";
    }};

bool LooksLikeBbcEnvelope(std::string_view head) {
  return HasJsonKey(head, "item") && HasJsonKey(head, "total") && HasJsonKey(head, "offset");
}

bool LooksLikeOtherJson(std::string_view head) {
  return HasJsonKey(head, "api_version") || head.find("jsonfeed.org/version") != head.npos;
}

int NinjsKeyCount(std::string_view head) {
  static constexpr std::array<std::string_view, 10> kKeys = {
      "uri",      "guid",     "versioncreated", "versionCreated", "headline",
      "headlines", "body_html", "bodies",        "pubstatus",      "byline"};
  int n = 0;
  for (std::string_view k : kKeys) n += HasJsonKey(head, k) ? 1 : 0;
  return n;
}

// Member lookups ignore case: ninjs 3.0 spells versionCreated, pubStatus,
// contentType where 1.x has versioncreated, pubstatus...
const Json* Member(const Json& obj, std::string_view key) {
  return formats::Member(obj, key, KeyMatch::kIgnoreCase);
}
std::string Str(const Json& obj, std::string_view key) {
  return formats::Str(obj, key, KeyMatch::kIgnoreCase);
}
const Json& Array(const Json& obj, std::string_view key) {
  return formats::Array(obj, key, KeyMatch::kIgnoreCase);
}

// The value of the first entry of a 2.x/3.x role array
// (headlines[], descriptions[]) whose role is one of `roles`; with no
// roles, the first entry.
std::string ByRole(const Json& obj, std::string_view key,
                   std::initializer_list<std::string_view> roles) {
  const Json& list = Array(obj, key);
  for (const Json& e : list) {
    std::string role = Str(e, "role");
    for (std::string_view r : roles) {
      if (EqualsIgnoreCase(role, r)) return Str(e, "value");
    }
  }
  return roles.size() == 0 && !list.empty() ? Str(list.front(), "value") : std::string();
}

std::string NormaliseType(std::string_view type) {
  static constexpr std::array<std::string_view, 4> kKnown = {"text", "picture", "video",
                                                             "composite"};
  for (std::string_view k : kKnown) {
    if (EqualsIgnoreCase(type, k)) return std::string(k);
  }
  if (EqualsIgnoreCase(type, "graphic")) return "picture";
  return "text";
}

std::string SchemeOf(std::string_view code, std::string_view uri) {
  if (uri.empty()) uri = code;
  if (uri.find("/newscodes/mediatopic/") != uri.npos) return "medtop";
  if (uri.find("/newscodes/subjectcode/") != uri.npos) return "subj";
  size_t colon = code.find(':');
  if (colon == code.npos || colon == 0 || code.substr(colon).starts_with("://")) return {};
  return std::string(code.substr(0, colon));  // "medtop:123", "category:x"
}

// Maps one ninjs object to a Story. Recoverable oddities become warnings.
class ItemMapper {
 public:
  ItemMapper(std::string_view source, std::vector<Diagnostic>* warnings)
      : source_(source), warnings_(warnings) {}

  model::Story Map(const Json& item) {
    model::Story s;
    ParseIdentity(item, &s);
    ParseHeadline(item, &s);
    ParseByline(item, &s);
    ParseTimes(item, &s);
    ParseSubjects(item, &s);
    ParseDescription(item, &s);
    ParseBody(item, &s);
    ParsePictures(item, &s);
    return s;
  }

 private:
  void Warn(std::string message) {
    warnings_->push_back(Diagnostic{std::string(source_), 0, 0, std::move(message), {}});
  }

  void ParseIdentity(const Json& item, model::Story* s) {
    s->uri = Str(item, "guid");
    if (s->uri.empty()) s->uri = Str(item, "uri");
    s->version = Str(item, "version");
    s->type = NormaliseType(Str(item, "type"));
    s->language = Str(item, "language");
    s->slugline = Str(item, "slugline");
    s->agency = Str(item, "source");
    if (s->agency.empty()) s->agency = Str(item, "copyrightholder");
    if (std::string u = Str(item, "urgency"); !u.empty() && !ParseInt(u, &s->urgency)) {
      Warn("urgency \"" + u + "\" is not a number; ignored");
    }
    ParsePubStatus(item, s);
    ParseSignals(item, s);
  }

  void ParsePubStatus(const Json& item, model::Story* s) {
    std::string status = Str(item, "pubstatus");
    if (status.empty()) return;
    if (auto p = model::ParsePubStatus(status)) {
      s->pubstatus = *p;
      if (*p == model::PubStatus::kCanceled) s->signals = s->signals | model::Signal::kKill;
    } else {
      Warn("unknown pubstatus \"" + status + "\"; taken as usable");
    }
  }

  // ninjs has no standard signal member; agencies send "signals" as
  // strings ("update", "sig:correction") or {code|uri|name} objects.
  void ParseSignals(const Json& item, model::Story* s) {
    for (const Json& e : Array(item, "signals")) {
      std::string code = e.is_string() ? e.get<std::string>() : Str(e, "code");
      if (code.empty() && e.is_object()) code = Str(e, "uri");
      std::string lower = AsciiLower(code);
      if (lower.find("correct") != lower.npos) s->signals = s->signals | model::Signal::kCorrection;
      if (lower.find("update") != lower.npos) s->signals = s->signals | model::Signal::kUpdate;
      if (lower.find("kill") != lower.npos) s->signals = s->signals | model::Signal::kKill;
    }
  }

  void ParseHeadline(const Json& item, model::Story* s) {
    s->headline = Str(item, "headline");
    if (s->headline.empty()) s->headline = ByRole(item, "headlines", {"main"});
    if (s->headline.empty()) s->headline = ByRole(item, "headlines", {});
    s->headline = CollapseWhitespace(s->headline);
  }

  void ParseByline(const Json& item, model::Story* s) {
    s->byline = Str(item, "byline");
    if (s->byline.empty()) s->byline = Str(item, "by");
    s->byline = CollapseWhitespace(s->byline);
    s->located = CollapseWhitespace(Str(item, "located"));
  }

  std::optional<Timestamp> Time(const Json& item, std::string_view key) {
    return IsoTimeMember(item, key, KeyMatch::kIgnoreCase, source_, warnings_);
  }

  void ParseTimes(const Json& item, model::Story* s) {
    s->firstcreated = Time(item, "firstcreated");
    s->versioncreated = Time(item, "versioncreated");
    s->embargoed = Time(item, "embargoed");
  }

  // 1.x "subject" [{code, name, scheme}], 2.x/3.x "subjects"
  // [{uri|literal, name}]: the code is kept exactly as written.
  void ParseSubjects(const Json& item, model::Story* s) {
    for (std::string_view key : {"subject", "subjects"}) {
      for (const Json& e : Array(item, key)) {
        model::Subject sub;
        std::string uri = Str(e, "uri");
        sub.code = Str(e, "code");
        if (sub.code.empty()) sub.code = uri;
        if (sub.code.empty()) sub.code = Str(e, "literal");
        if (sub.code.empty()) continue;
        sub.name = Str(e, "name");
        sub.scheme = Str(e, "scheme");
        if (sub.scheme.empty()) sub.scheme = SchemeOf(sub.code, uri);
        s->subjects.push_back(std::move(sub));
      }
    }
    for (const Json& k : Array(item, "keywords")) {
      if (k.is_string() && !Trim(k.get<std::string>()).empty()) {
        s->keywords.push_back(std::string(Trim(k.get<std::string>())));
      }
    }
  }

  void ParseDescription(const Json& item, model::Story* s) {
    std::string d = Str(item, "description_text");
    if (d.empty()) d = ByRole(item, "descriptions", {"summary", "lead", "text", "abstract"});
    if (d.empty()) d = HtmlToText(Str(item, "description_html"));
    if (d.empty() && s->type == "picture") d = ByRole(item, "descriptions", {"caption"});
    s->description_text = CollapseWhitespace(d);
  }

  // NITF carried as a body (ninjs 3.0 "text/vnd.IPTC.NITF"): the
  // hedline becomes a heading, then body.content.
  std::string NitfToHtml(const std::string& xml) {
    std::vector<Diagnostic> xml_warnings;
    auto doc = XmlDocument::Parse(source_, xml, &xml_warnings);
    if (!doc.ok()) {
      Warn("NITF body is not XML; ignored");
      return {};
    }
    pugi::xml_node body = Descendant((*doc)->root(), "body");
    std::string html;
    if (std::string hl = Text(Path(body, {"body.head", "hedline", "hl1"})); !hl.empty()) {
      html = "<h2>" + HtmlEscape(hl) + "</h2>";
    }
    return html + InnerXml(Child(body, "body.content"));
  }

  // 2.x/3.x bodies[]: html/xhtml first, then NITF, then plain text.
  std::string BodyFromBodies(const Json& item) {
    const Json* best = nullptr;
    int best_rank = 0;
    for (const Json& b : Array(item, "bodies")) {
      std::string kind = AsciiLower(Str(b, "contenttype") + " " + Str(b, "role"));
      int rank = kind.find("html") != kind.npos ? 3 : kind.find("nitf") != kind.npos ? 2 : 1;
      if (rank > best_rank && !Str(b, "value").empty()) {
        best = &b;
        best_rank = rank;
      }
    }
    if (best == nullptr) return {};
    std::string value = Str(*best, "value");
    if (best_rank == 3) return value;
    if (best_rank == 2) return NitfToHtml(value);
    return TextToParagraphs(value);
  }

  void ParseBody(const Json& item, model::Story* s) {
    std::string html = Str(item, "body_html");
    if (html.empty()) html = Str(item, "body_xhtml");
    if (html.empty()) html = BodyFromBodies(item);
    if (html.empty()) html = TextToParagraphs(Str(item, "body_text"));
    if (!html.empty()) s->body_html = SanitizeHtml(html);
  }

  void ParsePictures(const Json& item, model::Story* s) {
    if (s->type == "picture") {
      if (auto p = PictureFrom(item)) s->pictures.push_back(std::move(*p));
    }
    const Json* assoc = Member(item, "associations");
    if (assoc == nullptr) return;
    for (const Json& a : *assoc) {  // object (1.x/2.x) or array (3.x)
      std::string type = Str(a, "type");
      if (!type.empty() && NormaliseType(type) != "picture") continue;
      if (auto p = PictureFrom(a)) s->pictures.push_back(std::move(*p));
    }
  }

  static const Json* ChooseRendition(const Json& renditions) {
    static constexpr std::array<std::string_view, 5> kPreferred = {
        "baseImage", "viewImage", "main", "original", "preview"};
    auto named = [&](std::string_view name) -> const Json* {
      if (renditions.is_object()) return Member(renditions, name);
      for (const Json& r : renditions) {
        if (EqualsIgnoreCase(Str(r, "name"), name)) return &r;
      }
      return nullptr;
    };
    for (std::string_view name : kPreferred) {
      if (const Json* r = named(name); r != nullptr && !Str(*r, "href").empty()) return r;
    }
    for (const Json& r : renditions) {
      std::string mime = Str(r, "mimetype") + Str(r, "contenttype");
      if (!Str(r, "href").empty() && (mime.empty() || StartsWith(mime, "image/"))) return &r;
    }
    return nullptr;
  }

  static std::optional<model::Picture> PictureFrom(const Json& a) {
    const Json* renditions = Member(a, "renditions");
    if (renditions == nullptr || !renditions->is_structured()) return std::nullopt;
    const Json* r = ChooseRendition(*renditions);
    if (r == nullptr) return std::nullopt;
    model::Picture p;
    p.href = Str(*r, "href");
    p.mime_type = Str(*r, "mimetype");
    if (p.mime_type.empty()) p.mime_type = Str(*r, "contenttype");
    ParseInt(Str(*r, "width"), &p.width);
    ParseInt(Str(*r, "height"), &p.height);
    for (std::string c : {Str(a, "description_text"), ByRole(a, "descriptions", {"caption"}),
                          Str(a, "body_text"), Str(a, "headline")}) {
      if (p.caption.empty()) p.caption = CollapseWhitespace(c);
    }
    for (std::string c : {Str(a, "byline"), Str(a, "by"),
                          ByRole(a, "descriptions", {"creditline"}),
                          Str(a, "copyrightholder")}) {
      if (p.credit.empty()) p.credit = CollapseWhitespace(c);
    }
    return p;
  }

  std::string_view source_;
  std::vector<Diagnostic>* warnings_;
};

Status CheckUsable(const Input& input, const model::Story& s, size_t index) {
  if (!s.headline.empty() || !s.body_html.empty()) return Status::Ok();
  std::string which = index == 0 ? "" : " #" + std::to_string(index + 1);
  return Status::InvalidInput(std::string(input.source),
                              "ninjs item" + which + " (uri \"" + s.uri +
                                  "\") has no headline and no body");
}

// Maps each item; a single unusable item is an error, since a ninjs file
// is one story (a page of items skips the unusable ones with a warning).
Result<ParseResult> MapItems(const Input& input, const std::vector<const Json*>& items,
                             bool is_page) {
  ParseResult out;
  ItemMapper mapper(input.source, &out.warnings);
  for (size_t i = 0; i < items.size(); ++i) {
    model::Story s = mapper.Map(*items[i]);
    Status usable = CheckUsable(input, s, is_page ? i : 0);
    if (!usable.ok() && !is_page) return usable;
    if (!usable.ok()) {
      out.warnings.push_back(Diagnostic{std::string(input.source), 0, 0,
                                        usable.message() + "; skipped", {}});
      continue;
    }
    out.stories.push_back(std::move(s));
  }
  return out;
}

class NinjsParser : public FeedParser {
 public:
  std::string_view name() const override { return "ninjs"; }

  Confidence Sniff(std::string_view bytes) const override {
    std::string_view head = SkipJsonSpace(bytes);
    if (head.empty() || (head.front() != '{' && head.front() != '[')) return Confidence::kNo;
    if (LooksLikeOtherJson(head)) return Confidence::kNo;
    if (LooksLikeBbcEnvelope(head)) return Confidence::kMaybe;
    if (head.find("ninjs") != head.npos &&
        (HasJsonKey(head, "standard") || HasJsonKey(head, "$schema"))) {
      return Confidence::kCertain;
    }
    int keys = NinjsKeyCount(head);
    if (keys >= 3) return Confidence::kLikely;
    return keys >= 1 ? Confidence::kMaybe : Confidence::kNo;
  }

  Result<ParseResult> Parse(const Input& input) const override {
    std::string text = DecodeToUtf8(input.bytes, "UTF-8").text;
    WP_ASSIGN_OR_RETURN(Json doc, LoadJson(input, text, kLimits));
    std::vector<const Json*> items;
    if (doc.is_object()) items.push_back(&doc);
    for (const Json& e : doc.is_array() ? doc : Json::array()) {
      if (e.is_object()) items.push_back(&e);
    }
    if (items.empty()) {
      return ToStatus(DiagnosticAt(input.source, text, FirstJsonTokenOffset(text),
                                   "expected a ninjs object"));
    }
    return MapItems(input, items, doc.is_array());
  }
};

class BbcLdrsParser : public FeedParser {
 public:
  std::string_view name() const override { return "bbc-ldrs-json"; }

  Confidence Sniff(std::string_view bytes) const override {
    std::string_view head = SkipJsonSpace(bytes);
    if (head.empty() || head.front() != '{') return Confidence::kNo;
    return LooksLikeBbcEnvelope(head) ? Confidence::kCertain : Confidence::kNo;
  }

  Result<ParseResult> Parse(const Input& input) const override {
    std::string text = DecodeToUtf8(input.bytes, "UTF-8").text;
    WP_ASSIGN_OR_RETURN(Json doc, LoadJson(input, text, kLimits));
    const Json* list = Member(doc, "item");
    if (list == nullptr || !list->is_array()) {
      return ToStatus(DiagnosticAt(input.source, text, FirstJsonTokenOffset(text),
                                   "expected a BBC LDRS page {\"item\": [...]}"));
    }
    std::vector<const Json*> items;
    for (const Json& e : *list) {
      if (e.is_object()) items.push_back(&e);
    }
    return MapItems(input, items, /*is_page=*/true);
  }
};

}  // namespace

std::unique_ptr<FeedParser> NewNinjsParser() { return std::make_unique<NinjsParser>(); }
std::unique_ptr<FeedParser> NewBbcLdrsParser() { return std::make_unique<BbcLdrsParser>(); }

}  // namespace wirepress::formats::ninjs

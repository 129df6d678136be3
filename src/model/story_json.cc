#include "model/story_json.h"

#include <nlohmann/json.hpp>

#include "base/strings.h"

namespace wirepress::model {
namespace {

using nlohmann::json;

void PutString(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

void PutTime(json& j, const char* key, const std::optional<Timestamp>& t) {
  if (t) j[key] = FormatIso8601(*t);
}

std::string GetString(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

Status GetTime(const json& j, const char* key, std::optional<Timestamp>* out) {
  std::string v = GetString(j, key);
  if (v.empty()) return Status::Ok();
  *out = ParseIso8601(v);
  if (!*out) return Status::InvalidInput(std::string("story json: key '") + key + "'",
                                         "not an ISO 8601 time: " + v);
  return Status::Ok();
}

// The reference serialiser: a nlohmann::json tree (std::map: keys sorted),
// dumped with invalid UTF-8 replaced by U+FFFD. StoryToJson writes the same
// bytes directly and falls back to this when a field is not valid UTF-8.
std::string StoryToJsonWithTree(const Story& s) {
  json j = json::object();
  PutString(j, "uri", s.uri);
  PutString(j, "key", s.key);
  PutString(j, "version", s.version);
  j["type"] = s.type;
  j["pubstatus"] = std::string(PubStatusName(s.pubstatus));
  if (s.signals != Signal::kNone) j["signals"] = SignalsToString(s.signals);
  if (s.urgency > 0) j["urgency"] = s.urgency;
  PutString(j, "headline", s.headline);
  PutString(j, "slugline", s.slugline);
  PutString(j, "byline", s.byline);
  PutString(j, "located", s.located);
  PutTime(j, "firstcreated", s.firstcreated);
  PutTime(j, "versioncreated", s.versioncreated);
  PutTime(j, "embargoed", s.embargoed);
  PutString(j, "language", s.language);
  if (!s.subjects.empty()) {
    json arr = json::array();
    for (const Subject& sub : s.subjects) {
      json o = json::object();
      o["code"] = sub.code;
      PutString(o, "name", sub.name);
      PutString(o, "scheme", sub.scheme);
      arr.push_back(std::move(o));
    }
    j["subject"] = std::move(arr);
  }
  if (!s.keywords.empty()) j["keywords"] = s.keywords;
  PutString(j, "description_text", s.description_text);
  PutString(j, "body_html", s.body_html);
  PutString(j, "correction_note", s.correction_note);
  PutString(j, "agency", s.agency);
  if (!s.dateline.empty() || !s.dateline.date.empty()) {
    json d = json::object();
    PutString(d, "place", s.dateline.place);
    PutString(d, "country", s.dateline.country);
    PutString(d, "date", s.dateline.date);
    PutString(d, "agency", s.dateline.agency);
    j["dateline"] = std::move(d);
  }
  if (!s.pictures.empty()) {
    json arr = json::array();
    for (const Picture& p : s.pictures) {
      json o = json::object();
      o["href"] = p.href;
      PutString(o, "caption", p.caption);
      PutString(o, "credit", p.credit);
      PutString(o, "mimetype", p.mime_type);
      if (p.width > 0) o["width"] = p.width;
      if (p.height > 0) o["height"] = p.height;
      arr.push_back(std::move(o));
    }
    j["pictures"] = std::move(arr);
  }
  PutString(j, "source", s.source);
  PutString(j, "format", s.format);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Appends `v` as a JSON string exactly as nlohmann's dump (ensure_ascii
// off) writes it: ", \\ and the named controls escaped, other bytes below
// 0x20 as \u00xx, the rest as is. False, leaving *out partly written, when
// `v` is not valid UTF-8.
bool AppendString(std::string* out, std::string_view v) {
  if (!IsValidUtf8(v)) return false;
  out->push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < v.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(v[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(v.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
        out->append(escaped, sizeof escaped);
      }
    }
  }
  out->append(v.data() + run, v.size() - run);
  out->push_back('"');
  return true;
}

// Writes one object's members in the order the caller gives them (which
// must be sorted, as nlohmann's std::map would), remembering whether every
// string was valid UTF-8.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string* out) : out_(out) { out_->push_back('{'); }
  void Close() { out_->push_back('}'); }
  bool ok() const { return ok_; }

  // Always written (even when empty).
  void String(std::string_view key, std::string_view v) {
    Key(key);
    ok_ = AppendString(out_, v) && ok_;
  }
  // Written when not empty (PutString).
  void NonEmpty(std::string_view key, std::string_view v) {
    if (!v.empty()) String(key, v);
  }
  void Int(std::string_view key, int v) {
    Key(key);
    out_->append(std::to_string(v));
  }
  void Time(std::string_view key, const std::optional<Timestamp>& t) {
    if (t) String(key, FormatIso8601(*t));
  }
  // Starts a member whose value the caller writes next.
  std::string* Member(std::string_view key) {
    Key(key);
    return out_;
  }
  void Merge(const ObjectWriter& inner) { ok_ = ok_ && inner.ok_; }

 private:
  void Key(std::string_view key) {
    if (!first_) out_->push_back(',');
    first_ = false;
    out_->push_back('"');
    out_->append(key);
    out_->append("\":");
  }

  std::string* out_;
  bool first_ = true;
  bool ok_ = true;
};

}  // namespace

// Written by hand, not through a nlohmann::json tree: building the tree
// copied every field and dump() re-scanned it, a tenth of ingest's CPU
// (doc/benchmarks.md). The bytes are the tree's (keys in std::map order);
// story_json_test compares the two on every field.
std::string StoryToJson(const Story& s) {
  std::string out;
  out.reserve(256 + s.body_html.size() + s.description_text.size() + s.headline.size());
  ObjectWriter j(&out);
  j.NonEmpty("agency", s.agency);
  j.NonEmpty("body_html", s.body_html);
  j.NonEmpty("byline", s.byline);
  j.NonEmpty("correction_note", s.correction_note);
  if (!s.dateline.empty() || !s.dateline.date.empty()) {
    ObjectWriter d(j.Member("dateline"));
    d.NonEmpty("agency", s.dateline.agency);
    d.NonEmpty("country", s.dateline.country);
    d.NonEmpty("date", s.dateline.date);
    d.NonEmpty("place", s.dateline.place);
    d.Close();
    j.Merge(d);
  }
  j.NonEmpty("description_text", s.description_text);
  j.Time("embargoed", s.embargoed);
  j.Time("firstcreated", s.firstcreated);
  j.NonEmpty("format", s.format);
  j.NonEmpty("headline", s.headline);
  j.NonEmpty("key", s.key);
  if (!s.keywords.empty()) {
    std::string* arr = j.Member("keywords");
    arr->push_back('[');
    bool ok = true;
    for (size_t i = 0; i < s.keywords.size(); ++i) {
      if (i > 0) arr->push_back(',');
      ok = AppendString(arr, s.keywords[i]) && ok;
    }
    arr->push_back(']');
    if (!ok) return StoryToJsonWithTree(s);
  }
  j.NonEmpty("language", s.language);
  j.NonEmpty("located", s.located);
  if (!s.pictures.empty()) {
    std::string* arr = j.Member("pictures");
    arr->push_back('[');
    for (size_t i = 0; i < s.pictures.size(); ++i) {
      const Picture& p = s.pictures[i];
      if (i > 0) arr->push_back(',');
      ObjectWriter o(arr);
      o.NonEmpty("caption", p.caption);
      o.NonEmpty("credit", p.credit);
      if (p.height > 0) o.Int("height", p.height);
      o.String("href", p.href);
      o.NonEmpty("mimetype", p.mime_type);
      if (p.width > 0) o.Int("width", p.width);
      o.Close();
      j.Merge(o);
    }
    arr->push_back(']');
  }
  j.String("pubstatus", PubStatusName(s.pubstatus));
  if (s.signals != Signal::kNone) j.String("signals", SignalsToString(s.signals));
  j.NonEmpty("slugline", s.slugline);
  j.NonEmpty("source", s.source);
  if (!s.subjects.empty()) {
    std::string* arr = j.Member("subject");
    arr->push_back('[');
    for (size_t i = 0; i < s.subjects.size(); ++i) {
      const Subject& sub = s.subjects[i];
      if (i > 0) arr->push_back(',');
      ObjectWriter o(arr);
      o.String("code", sub.code);
      o.NonEmpty("name", sub.name);
      o.NonEmpty("scheme", sub.scheme);
      o.Close();
      j.Merge(o);
    }
    arr->push_back(']');
  }
  j.String("type", s.type);
  if (s.urgency > 0) j.Int("urgency", s.urgency);
  j.NonEmpty("uri", s.uri);
  j.NonEmpty("version", s.version);
  j.Time("versioncreated", s.versioncreated);
  j.Close();
  if (!j.ok()) return StoryToJsonWithTree(s);
  return out;
}

std::string StoryToJsonForTest(const Story& story) { return StoryToJsonWithTree(story); }


std::string SignalsToString(Signal s) {
  std::string out;
  auto add = [&](Signal f, const char* name) {
    if (!HasSignal(s, f)) return;
    if (!out.empty()) out += ',';
    out += name;
  };
  add(Signal::kUpdate, "update");
  add(Signal::kCorrection, "correction");
  add(Signal::kKill, "kill");
  return out;
}

Signal SignalsFromString(std::string_view s) {
  Signal out = Signal::kNone;
  for (std::string_view part : Split(s, ',')) {
    part = Trim(part);
    if (part == "update") out = out | Signal::kUpdate;
    if (part == "correction") out = out | Signal::kCorrection;
    if (part == "kill") out = out | Signal::kKill;
  }
  return out;
}

Result<Story> StoryFromJson(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidInput("story json", "not a JSON object");
  }
  Story s;
  s.uri = GetString(j, "uri");
  s.key = GetString(j, "key");
  s.version = GetString(j, "version");
  if (std::string t = GetString(j, "type"); !t.empty()) s.type = t;
  if (std::string p = GetString(j, "pubstatus"); !p.empty()) {
    auto ps = ParsePubStatus(p);
    if (!ps) return Status::InvalidInput("story json: key 'pubstatus'", "unknown value " + p);
    s.pubstatus = *ps;
  }
  s.signals = SignalsFromString(GetString(j, "signals"));
  if (auto it = j.find("urgency"); it != j.end() && it->is_number_integer()) s.urgency = it->get<int>();
  s.headline = GetString(j, "headline");
  s.slugline = GetString(j, "slugline");
  s.byline = GetString(j, "byline");
  s.located = GetString(j, "located");
  WP_RETURN_IF_ERROR(GetTime(j, "firstcreated", &s.firstcreated));
  WP_RETURN_IF_ERROR(GetTime(j, "versioncreated", &s.versioncreated));
  WP_RETURN_IF_ERROR(GetTime(j, "embargoed", &s.embargoed));
  s.language = GetString(j, "language");
  if (auto it = j.find("subject"); it != j.end() && it->is_array()) {
    for (const json& o : *it) {
      if (!o.is_object()) continue;
      s.subjects.push_back({GetString(o, "code"), GetString(o, "name"), GetString(o, "scheme")});
    }
  }
  if (auto it = j.find("keywords"); it != j.end() && it->is_array()) {
    for (const json& k : *it) {
      if (k.is_string()) s.keywords.push_back(k.get<std::string>());
    }
  }
  s.description_text = GetString(j, "description_text");
  s.body_html = GetString(j, "body_html");
  s.correction_note = GetString(j, "correction_note");
  s.agency = GetString(j, "agency");
  if (auto it = j.find("dateline"); it != j.end() && it->is_object()) {
    s.dateline = {GetString(*it, "place"), GetString(*it, "country"), GetString(*it, "date"),
                  GetString(*it, "agency")};
  }
  if (auto it = j.find("pictures"); it != j.end() && it->is_array()) {
    for (const json& o : *it) {
      if (!o.is_object()) continue;
      Picture p{GetString(o, "href"), GetString(o, "caption"), GetString(o, "credit"),
                GetString(o, "mimetype")};
      if (auto w = o.find("width"); w != o.end() && w->is_number_integer()) p.width = w->get<int>();
      if (auto h = o.find("height"); h != o.end() && h->is_number_integer()) p.height = h->get<int>();
      s.pictures.push_back(std::move(p));
    }
  }
  s.source = GetString(j, "source");
  s.format = GetString(j, "format");
  return s;
}

}  // namespace wirepress::model

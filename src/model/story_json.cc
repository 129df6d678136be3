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

}  // namespace

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

std::string StoryToJson(const Story& s) {
  json j = json::object();
  PutString(j, "uri", s.uri);
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

Result<Story> StoryFromJson(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidInput("story json", "not a JSON object");
  }
  Story s;
  s.uri = GetString(j, "uri");
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

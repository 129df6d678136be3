#include "formats/json_reader.h"

#include "base/strings.h"
#include "formats/diagnostic.h"
#include "formats/json_reader_nlohmann.h"

namespace wirepress::formats {

size_t JsonTooDeepAt(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped byte cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::string_view::npos;
}

size_t FirstJsonTokenOffset(std::string_view text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  return i == text.npos ? 0 : i;
}

std::string_view SkipJsonSpace(std::string_view s) {
  if (StartsWith(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
  size_t i = s.find_first_not_of(" \t\r\n");
  return i == s.npos ? std::string_view() : s.substr(i);
}

bool HasJsonKey(std::string_view head, std::string_view key) {
  std::string quoted = "\"" + std::string(key) + "\"";
  for (size_t pos = head.find(quoted); pos != head.npos; pos = head.find(quoted, pos + 1)) {
    std::string_view rest = SkipJsonSpace(head.substr(pos + quoted.size()));
    if (!rest.empty() && rest.front() == ':') return true;
  }
  return false;
}

Result<Json> LoadJson(const Input& input, std::string_view text, const JsonLimits& limits) {
  if (input.bytes.size() > limits.max_bytes) {
    std::string why = limits.too_large != nullptr
                          ? limits.too_large(input.bytes.size(), limits.max_bytes)
                          : "input is " + std::to_string(input.bytes.size()) +
                                " bytes; JSON input is limited to " +
                                std::to_string(limits.max_bytes) + " bytes";
    return Status::InvalidInput(std::string(input.source), why);
  }
  if (size_t deep = JsonTooDeepAt(text, limits.max_depth); deep != std::string_view::npos) {
    return ToStatus(DiagnosticAt(input.source, text, deep,
                                 "JSON nested deeper than " +
                                     std::to_string(limits.max_depth) + " levels"));
  }
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: why":
    // keep the why; our own line:col and caret replace nlohmann's.
    std::string what = e.what();
    size_t why = what.find(": ", what.find("parse error"));
    std::string reason = why == what.npos ? what : what.substr(why + 2);
    // e.byte is 1-based and points one past the offending byte.
    size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    return ToStatus(DiagnosticAt(input.source, text, offset, "invalid JSON: " + reason));
  } catch (const Json::exception& e) {
    // Not a syntax error but a value nlohmann cannot hold, e.g. "number
    // overflow parsing '8e3055'" (out_of_range.406); it carries no position.
    std::string what = e.what();
    size_t why = what.find("] ");
    return Status::InvalidInput(std::string(input.source),
                                "invalid JSON: " + (why == what.npos ? what : what.substr(why + 2)));
  }
}

const Json* Member(const Json& obj, std::string_view key, KeyMatch match) {
  if (!obj.is_object()) return nullptr;
  if (match == KeyMatch::kIgnoreCase) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (EqualsIgnoreCase(it.key(), key)) return &it.value();
    }
    return nullptr;
  }
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::string Str(const Json& obj, std::string_view key, KeyMatch match) {
  const Json* v = Member(obj, key, match);
  if (v == nullptr) return {};
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number_integer()) return std::to_string(v->get<long long>());
  return {};
}

const Json& Array(const Json& obj, std::string_view key, KeyMatch match) {
  static const Json kEmpty = Json::array();
  const Json* v = Member(obj, key, match);
  return v != nullptr && v->is_array() ? *v : kEmpty;
}

const Json& Object(const Json& obj, std::string_view key, KeyMatch match) {
  static const Json kEmpty = Json::object();
  const Json* v = Member(obj, key, match);
  return v != nullptr && v->is_object() ? *v : kEmpty;
}

std::optional<Timestamp> IsoTimeMember(const Json& obj, std::string_view key, KeyMatch match,
                                       std::string_view source,
                                       std::vector<Diagnostic>* warnings) {
  std::string text = Str(obj, key, match);
  if (text.empty()) return std::nullopt;
  bool had_zone = false;
  std::optional<Timestamp> t = ParseIso8601(text, &had_zone);
  std::string why;
  if (!t) {
    why = std::string(key) + " \"" + text + "\" is not an ISO 8601 date; ignored";
  } else if (!had_zone) {
    why = std::string(key) + " \"" + text + "\" has no time zone; taken as UTC";
  }
  if (!why.empty()) warnings->push_back(Diagnostic{std::string(source), 0, 0, why, {}});
  return t;
}

}  // namespace wirepress::formats

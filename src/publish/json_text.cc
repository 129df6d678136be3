#include "publish/json_text.h"

#include <cstdio>

#include "base/strings.h"

namespace wirepress::publish {
namespace {

void AppendEscaped(std::string* out, std::string_view s) {
  for (unsigned char c : s) {
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      case '<': *out += "\\u003c"; break;
      case '>': *out += "\\u003e"; break;
      case '&': *out += "\\u0026"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
}

}  // namespace

std::string JsonQuote(std::string_view s) {
  std::string out = "\"";
  if (IsValidUtf8(s)) {
    AppendEscaped(&out, s);
  } else {
    AppendEscaped(&out, SanitizeUtf8(s));
  }
  out += '"';
  return out;
}

void JsonObject::Key(std::string_view key) {
  if (text_.size() > 1) text_ += ',';
  text_ += JsonQuote(key);
  text_ += ':';
}

JsonObject& JsonObject::Add(std::string_view key, std::string_view value) {
  Key(key);
  text_ += JsonQuote(value);
  return *this;
}

JsonObject& JsonObject::AddInt(std::string_view key, std::int64_t value) {
  Key(key);
  text_ += std::to_string(value);
  return *this;
}

JsonObject& JsonObject::AddRaw(std::string_view key, std::string_view json) {
  Key(key);
  text_ += json;
  return *this;
}

JsonObject& JsonObject::AddIfSet(std::string_view key, std::string_view value) {
  if (!value.empty()) Add(key, value);
  return *this;
}

}  // namespace wirepress::publish

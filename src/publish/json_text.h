// JSON text for the documents the renderer writes by hand: the schema.org
// JSON-LD block of a story page and the JSON API. Strings are escaped so
// the result is valid JSON *and* safe inside an HTML <script> element:
// "<", ">" and "&" become \u003c, \u003e, \u0026, so "</script>" can never
// close the element early.
//
// Thread-safety: values and pure functions.
#ifndef WIREPRESS_PUBLISH_JSON_TEXT_H_
#define WIREPRESS_PUBLISH_JSON_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace wirepress::publish {

// "\"...\"": a JSON string literal; invalid UTF-8 bytes become U+FFFD.
std::string JsonQuote(std::string_view s);

// Builds one JSON object in insertion order: {"a":"x","b":2,"c":{...}}.
class JsonObject {
 public:
  JsonObject& Add(std::string_view key, std::string_view value);  // string
  JsonObject& Add(std::string_view key, const char* value) { return Add(key, std::string_view(value)); }
  JsonObject& AddInt(std::string_view key, std::int64_t value);
  // `json` must already be valid JSON (an object, array, number...).
  JsonObject& AddRaw(std::string_view key, std::string_view json);
  // Adds the string only when it is not empty.
  JsonObject& AddIfSet(std::string_view key, std::string_view value);

  // The finished object text.
  std::string str() const { return text_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string text_ = "{";
};

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_JSON_TEXT_H_

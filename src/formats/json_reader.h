// The shared JSON reader for the JSON adapters (ninjs, AP Media, JSON
// Feed): the limits every load enforces, and the byte-level helpers that
// sniffers and error messages use without parsing.
//
// The parsed tree itself is an nlohmann::ordered_json, and the loader and
// member lookups that return it live in formats/json_reader_nlohmann.h.
// That split is deliberate: the adapters walk the tree directly (iterate
// arrays, test is_string(), keep pointers to items), so an opaque handle
// would have to re-export most of nlohmann's value API for no gain, while
// CONTRIBUTING.md keeps nlohmann/json out of headers that other layers
// include. json_reader_nlohmann.h is therefore included only from the
// adapters' .cc files; this header stays free of it.
//
// Every function here is pure and thread-safe.
#ifndef WIREPRESS_FORMATS_JSON_READER_H_
#define WIREPRESS_FORMATS_JSON_READER_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace wirepress::formats {

// Limits a JSON load enforces before and while parsing.
struct JsonLimits {
  // Inputs larger than this (raw bytes, before decoding) are refused
  // without being read. A wire item is a few KiB; a page a few MiB.
  size_t max_bytes = 64u << 20;
  // Real items nest four to six levels. Much deeper input is hostile: the
  // parsed tree is destroyed recursively and would exhaust the stack.
  int max_depth = 256;
  // Builds the message for an input over max_bytes (the source is prefixed
  // by the loader). Null: "input is N bytes; JSON input is limited to M
  // bytes".
  std::string (*too_large)(size_t bytes, size_t limit) = nullptr;
};

// The offset of the `{` or `[` at which nesting first exceeds `max_depth`,
// or npos. Strings (with their escapes) are skipped; the text need not be
// valid JSON.
size_t JsonTooDeepAt(std::string_view text, int max_depth);

// The offset of the first non-blank byte (space, tab, CR, LF), or 0 when
// the text is blank: where "expected a ... object" errors point.
size_t FirstJsonTokenOffset(std::string_view text);

// `s` without a leading UTF-8 byte order mark and leading blanks.
std::string_view SkipJsonSpace(std::string_view s);

// True if `"key"` appears in `head` followed by optional blanks and a
// colon. A sniffing heuristic on raw bytes: it never parses.
bool HasJsonKey(std::string_view head, std::string_view key);

}  // namespace wirepress::formats

#endif  // WIREPRESS_FORMATS_JSON_READER_H_

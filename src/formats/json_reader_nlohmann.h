// Loading JSON into an nlohmann::ordered_json tree, and the member lookups
// the JSON adapters share. See formats/json_reader.h for why this is a
// separate header: include it only from .cc files, never from a header.
//
// ordered_json keeps object members in document order, which the adapters
// rely on (ninjs "featuremedia" stays the first picture).
//
// All functions are thread-safe; returned pointers and references point
// into the tree passed in (or to static empty values) and live as long as
// it does.
#ifndef WIREPRESS_FORMATS_JSON_READER_NLOHMANN_H_
#define WIREPRESS_FORMATS_JSON_READER_NLOHMANN_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "formats/diagnostic.h"
#include "formats/format.h"
#include "formats/json_reader.h"

namespace wirepress::formats {

using Json = nlohmann::ordered_json;

// Parses `text` (the UTF-8 decoding of input.bytes). Over limits.max_bytes
// is InvalidInput "source: <too_large message>"; too deep or a syntax error
// is InvalidInput with "source:line:col: ..." plus the line and a caret
// (DiagnosticAt), e.g. "invalid JSON: syntax error while parsing value -
// ...". Never throws.
Result<Json> LoadJson(const Input& input, std::string_view text, const JsonLimits& limits);

// How member names are compared. ninjs 3.0 spells versionCreated where 1.x
// has versioncreated, so ninjs matches ignoring ASCII case.
enum class KeyMatch { kExact, kIgnoreCase };

// The member `key` of `obj`; null when `obj` is not an object or has no
// such member (with kIgnoreCase, the first member that matches).
const Json* Member(const Json& obj, std::string_view key, KeyMatch match = KeyMatch::kExact);

// A string or integer member as text ("version": 0 gives "0"); "" when
// absent or of another type.
std::string Str(const Json& obj, std::string_view key, KeyMatch match = KeyMatch::kExact);

// An array (or object) member; an empty array (or object) when absent or
// of another type.
const Json& Array(const Json& obj, std::string_view key, KeyMatch match = KeyMatch::kExact);
const Json& Object(const Json& obj, std::string_view key, KeyMatch match = KeyMatch::kExact);

// The ISO 8601 time in member `key`; nullopt when absent or not a date.
// A value that is not ISO 8601 ("... is not an ISO 8601 date; ignored") or
// has no zone ("... has no time zone; taken as UTC") adds a warning for
// `source` to `warnings`.
std::optional<Timestamp> IsoTimeMember(const Json& obj, std::string_view key, KeyMatch match,
                                       std::string_view source,
                                       std::vector<Diagnostic>* warnings);

}  // namespace wirepress::formats

#endif  // WIREPRESS_FORMATS_JSON_READER_NLOHMANN_H_

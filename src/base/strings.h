// Small string utilities shared by every layer: trimming, splitting,
// case-insensitive compares, whitespace folding, HTML and URL escaping,
// UTF-8 validation.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_BASE_STRINGS_H_
#define WIREPRESS_BASE_STRINGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace wirepress {

// ASCII whitespace (space, \t, \r, \n, \f, \v) and U+00A0 are trimmed.
std::string_view Trim(std::string_view s);
// Every run of whitespace becomes one space; leading/trailing removed.
std::string CollapseWhitespace(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);
std::vector<std::string_view> SplitWhitespace(std::string_view s);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
// Returns the position of needle in s ignoring ASCII case, or npos.
size_t FindIgnoreCase(std::string_view s, std::string_view needle);
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);

// Parses a whole decimal int (optionally signed). Returns false otherwise.
bool ParseInt(std::string_view s, int* out);
bool ParseInt64(std::string_view s, long long* out);

// Escapes & < > " ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);
void AppendHtmlEscaped(std::string* out, std::string_view s);
// AppendHtmlEscaped of the part of `s` before its first '&', found in the
// same scan; returns that part's length (s.size() when there is no '&').
size_t AppendHtmlEscapedBeforeAmpersand(std::string* out, std::string_view s);
// Percent-encodes everything but unreserved characters (RFC 3986).
std::string UrlEncode(std::string_view s);
// Decodes %XX and '+' (as space when plus_is_space).
std::string UrlDecode(std::string_view s, bool plus_is_space = true);

// True when s is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);
// IsValidUtf8, and in the same pass copies s to out[0, s.size()) and sets
// *count to the number of bytes equal to `counted`. For readers that need
// all three (the XML reader: its parse buffer and its count of '<') and
// would otherwise read the text three times.
// REQUIRES: `counted` is ASCII and not NUL; out holds s.size() bytes and
// does not overlap s. On false, out's contents and *count are unspecified.
bool CopyValidUtf8(std::string_view s, char* out, char counted, size_t* count);
// Replaces each invalid UTF-8 byte with U+FFFD.
std::string SanitizeUtf8(std::string_view s);
// Appends the UTF-8 encoding of a code point.
void AppendUtf8(std::string* out, char32_t cp);
// Cuts s to at most max_bytes without splitting a UTF-8 sequence; appends
// "…" when it cut at a word boundary.
std::string TruncateUtf8(std::string_view s, size_t max_bytes);

namespace internal {
// The implementations behind IsValidUtf8 and CopyValidUtf8, for tests that
// must exercise each: AVX2 is picked at run time when the CPU has it, and
// SSE2 (baseline x86-64) otherwise.
enum class Utf8Impl { kSse2, kAvx2 };
bool Utf8ImplAvailable(Utf8Impl impl);
// REQUIRES: Utf8ImplAvailable(impl), else the SSE2 one runs.
bool IsValidUtf8With(Utf8Impl impl, std::string_view s);
bool CopyValidUtf8With(Utf8Impl impl, std::string_view s, char* out, char counted,
                       size_t* count);
// AppendHtmlEscaped with the SSE2 or (for texts of 32 bytes or more) the
// AVX2 search for the bytes to escape; the same availability rule.
void AppendHtmlEscapedWith(Utf8Impl impl, std::string* out, std::string_view s);
}  // namespace internal

}  // namespace wirepress

#endif  // WIREPRESS_BASE_STRINGS_H_

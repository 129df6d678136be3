#include "base/strings.h"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wirepress {
namespace {

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of a whitespace sequence at s[i]: ASCII space or UTF-8 NBSP.
size_t SpaceLen(std::string_view s, size_t i) {
  if (IsSpace(static_cast<unsigned char>(s[i]))) return 1;
  if (i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
      static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    return 2;
  }
  return 0;
}

}  // namespace

std::string_view Trim(std::string_view s) {
  size_t b = 0;
  while (b < s.size()) {
    size_t n = SpaceLen(s, b);
    if (n == 0) break;
    b += n;
  }
  size_t e = s.size();
  while (e > b) {
    if (IsSpace(static_cast<unsigned char>(s[e - 1]))) {
      --e;
    } else if (e - b >= 2 && static_cast<unsigned char>(s[e - 2]) == 0xC2 &&
               static_cast<unsigned char>(s[e - 1]) == 0xA0) {
      e -= 2;
    } else {
      break;
    }
  }
  return s.substr(b, e - b);
}

std::string CollapseWhitespace(std::string_view s) {
  // Copies runs of non-space bytes at once: every text field of every story
  // goes through here.
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t n;
    while (i < s.size() && (n = SpaceLen(s, i)) > 0) i += n;
    if (i == s.size()) break;
    size_t run = i;
    while (i < s.size() && SpaceLen(s, i) == 0) ++i;
    if (!out.empty()) out.push_back(' ');
    out.append(s.data() + run, i - run);
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::vector<std::string_view> SplitWhitespace(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(static_cast<unsigned char>(s[i]))) ++i;
    size_t b = i;
    while (i < s.size() && !IsSpace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view x) {
  return s.size() >= x.size() && s.substr(s.size() - x.size()) == x;
}

namespace {
// ASCII only, inline: std::tolower is a locale-dependent library call per
// byte, and these run on every element name the adapters match.
char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
char UpperAscii(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }
}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && EqualsIgnoreCase(s.substr(0, p.size()), p);
}

size_t FindIgnoreCase(std::string_view s, std::string_view needle) {
  if (needle.empty()) return 0;
  for (size_t i = 0; i + needle.size() <= s.size(); ++i) {
    if (EqualsIgnoreCase(s.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = UpperAscii(c);
  return out;
}

bool ParseInt(std::string_view s, int* out) {
  s = Trim(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool ParseInt64(std::string_view s, long long* out) {
  s = Trim(s);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

namespace {

// Whether `c` is one of the five bytes AppendHtmlEscaped rewrites.
bool NeedsHtmlEscape(unsigned char c) {
  return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
}

#if defined(__SSE2__)
// Bit i set when byte i of `v` needs escaping. The five are '"' (0x22),
// '&' (0x26), '\'' (0x27), '<' (0x3C) and '>' (0x3E): x | 1 == 0x27 holds
// exactly for '&' and '\'', x | 2 == 0x3E exactly for '<' and '>', so
// three compares cover them.
int HtmlEscapableMask(__m128i v) {
  __m128i amp_apos = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(1)), _mm_set1_epi8(0x27));
  __m128i lt_gt = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(2)), _mm_set1_epi8(0x3E));
  __m128i quot = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x22));
  return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(amp_apos, lt_gt), quot));
}
#endif

// The first byte in [p, end) that needs escaping, or end. `begin` (<= p)
// starts the text, which may be read from there.
const char* FindHtmlEscapable(const char* begin, const char* p, const char* end) {
#if defined(__SSE2__)
  // 16 bytes per step; wire text rarely holds one of the five, so most
  // steps find none.
  for (; end - p >= 16; p += 16) {
    int mask = HtmlEscapableMask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
  }
  if (p == end) return end;
  // The last 1 to 15 bytes of a text of 16 or more: the 16 bytes that end
  // at `end`, without the lanes before `p` (scanned already, and maybe a
  // byte that was escaped).
  if (end - begin >= 16) {
    const char* last = end - 16;
    int mask = HtmlEscapableMask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(last)));
    mask &= 0xFFFF << (16 - (end - p));
    return mask != 0 ? last + __builtin_ctz(static_cast<unsigned>(mask)) : end;
  }
#endif
  // Short texts (and all of them without SSE2), one byte at a time.
  while (p != end && !NeedsHtmlEscape(static_cast<unsigned char>(*p))) ++p;
  return p;
}

}  // namespace

void AppendHtmlEscaped(std::string* out, std::string_view s) {
  // Copies runs of safe bytes at once, found 16 bytes at a time: escaping
  // is on every page and body path, and per-byte work dominated the parse
  // profile.
  const char* begin = s.data();
  const char* end = begin + s.size();
  for (const char* p = begin;;) {
    const char* run = p;
    p = FindHtmlEscapable(begin, p, end);
    out->append(run, static_cast<size_t>(p - run));
    if (p == end) return;
    switch (*p++) {
      case '&': out->append("&amp;", 5); break;
      case '<': out->append("&lt;", 4); break;
      case '>': out->append("&gt;", 4); break;
      case '"': out->append("&quot;", 6); break;
      default: out->append("&#39;", 5); break;
    }
  }
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  AppendHtmlEscaped(&out, s);
  return out;
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string UrlDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else if (s[i] == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

namespace {
// Returns the length of the valid UTF-8 sequence at s[i], or 0.
size_t Utf8SeqLen(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t n;
  char32_t cp;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}
}  // namespace

bool IsValidUtf8(std::string_view s) {
  const size_t size = s.size();
  for (size_t i = 0; i < size;) {
    // Wire copy is mostly ASCII: skip 32 ASCII bytes per step (every text
    // parsed is checked, and most bodies are checked again once sanitized).
#if defined(__SSE2__)
    while (i + 32 <= size) {
      const auto* p = reinterpret_cast<const __m128i*>(s.data() + i);
      __m128i any = _mm_or_si128(_mm_loadu_si128(p), _mm_loadu_si128(p + 1));
      if (_mm_movemask_epi8(any) != 0) break;
      i += 32;
    }
#endif
    while (i + 8 <= size) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if ((w & 0x8080808080808080ull) != 0) break;
      i += 8;
    }
    if (i == size) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t n = Utf8SeqLen(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SeqLen(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

void AppendUtf8(std::string* out, char32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string TruncateUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  size_t space = s.substr(0, cut).rfind(' ');
  if (space != std::string_view::npos && space > cut / 2) cut = space;
  return std::string(Trim(s.substr(0, cut))) + "\xE2\x80\xA6";
}

}  // namespace wirepress

#include "base/strings.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>  // AVX2, used only behind a runtime check
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
  // Most values have nothing to trim: neither end can start or end
  // whitespace (U+00A0 starts with 0xC2 and ends with 0xA0).
  if (s.empty()) return s;
  const unsigned char first = static_cast<unsigned char>(s.front());
  const unsigned char last = static_cast<unsigned char>(s.back());
  if (!IsSpace(first) && first != 0xC2 && !IsSpace(last) && last != 0xA0) return s;
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

namespace {
// The bytes CollapseWhitespace stops at: ASCII whitespace, and 0xC2, the
// first byte of U+00A0 (and of other characters, which it then copies).
constexpr auto kMaybeSpace = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v', '\xC2'}) t[c] = true;
  return t;
}();

#if defined(__SSE2__)
// Lanes of `v` that hold a byte of kMaybeSpace.
__m128i MaybeSpaceLanes(__m128i v) {
  // '\t'..'\r' (9..13), shifted to -128..-124, are the only bytes below
  // -123 as signed.
  const __m128i control =
      _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(128 - 9)), _mm_set1_epi8(-128 + 5));
  return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), control),
                      _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xC2))));
}
#endif

// The first byte at or after p where CollapseWhitespace's run ends or
// needs a closer look: a byte of kMaybeSpace, except a ' ' followed by a
// byte that is not. Sixteen bytes a step while 17 remain (each byte is
// looked at with the one after it); the caller goes on byte by byte.
const char* SkipPlainRun(const char* p, const char* end) {
#if defined(__SSE2__)
  while (end - p >= 17) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
    const __m128i single_space = _mm_andnot_si128(
        MaybeSpaceLanes(next), _mm_cmpeq_epi8(here, _mm_set1_epi8(' ')));
    const int stop = _mm_movemask_epi8(_mm_andnot_si128(single_space, MaybeSpaceLanes(here)));
    if (stop != 0) return p + __builtin_ctz(static_cast<unsigned>(stop));
    p += 16;
  }
#endif
  return p;
}

}  // namespace

std::string CollapseWhitespace(std::string_view s) {
  // Copies whole runs of text at once, and a single ' ' between two words
  // belongs to the run: most fields are one run, copied with one append.
  // Every text field of every story goes through here.
  std::string out;
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p != end && SpaceLen(s, static_cast<size_t>(p - s.data())) > 0) {
    p += SpaceLen(s, static_cast<size_t>(p - s.data()));
  }
  if (p == end) return out;
  out.reserve(static_cast<size_t>(end - p));
  while (p != end) {
    const char* run = p;
    for (;;) {
      p = SkipPlainRun(p, end);
      while (p != end && !kMaybeSpace[static_cast<unsigned char>(*p)]) ++p;
      if (p == end) break;
      if (*p == ' ' && p + 1 != end && !kMaybeSpace[static_cast<unsigned char>(p[1])]) {
        p += 2;  // one space, then a byte that starts no whitespace
      } else if (SpaceLen(s, static_cast<size_t>(p - s.data())) == 0) {
        ++p;  // 0xC2 that does not start U+00A0
      } else {
        break;
      }
    }
    out.append(run, static_cast<size_t>(p - run));
    size_t n;
    while (p != end && (n = SpaceLen(s, static_cast<size_t>(p - s.data()))) > 0) p += n;
    if (p != end) out.push_back(' ');
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  // find is memchr: a vector scan to each separator, not a byte loop.
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t sep_at; (sep_at = s.find(sep, start)) != std::string_view::npos;
       start = sep_at + 1) {
    out.push_back(s.substr(start, sep_at - start));
  }
  out.push_back(s.substr(start));
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
    // Equal bytes need no folding (the common case: names already lower).
    if (a[i] != b[i] && LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && EqualsIgnoreCase(s.substr(0, p.size()), p);
}

size_t FindIgnoreCase(std::string_view s, std::string_view needle) {
  if (needle.empty()) return 0;
  if (needle.size() > s.size()) return std::string_view::npos;
  // Compares the rest only where the first byte matches.
  const char first = LowerAscii(needle[0]);
  const std::string_view rest = needle.substr(1);
  const size_t last_start = s.size() - needle.size();
  for (size_t i = 0; i <= last_start; ++i) {
    if (LowerAscii(s[i]) == first && EqualsIgnoreCase(s.substr(i + 1, rest.size()), rest)) {
      return i;
    }
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

namespace {

// One UTF-8 pass, in two implementations behind one dispatch: validation
// (IsValidUtf8) and, with kCopy, a copy of the text and a count of one
// ASCII byte in the same pass (CopyValidUtf8). Every document the XML
// reader parses goes through here, and sanitized bodies are checked again,
// so this runs over every byte of every story at least twice.
//
// Wire copy is mostly ASCII with scattered multi-byte characters (the
// NewsML-G2 corpus: 0.7% of bytes, in 6.5% of 32-byte blocks), so both
// implementations first test a whole block for a high bit.

#if defined(__SSE2__)
// SSE2 (baseline x86-64): blocks of 16 bytes are copied and counted
// whole; a block with no high bit is valid as it is, and one with a high
// bit is validated byte by byte with Utf8SeqLen from where validation
// stopped (a sequence may run into the next block) to the block's end.
template <bool kCopy>
bool ScanUtf8Sse2(std::string_view s, char* out, char counted, size_t* count) {
  const size_t size = s.size();
  const char* in = s.data();
  size_t total = 0;
  __m128i lanes = _mm_setzero_si128();
  int blocks = 0;
  const __m128i wanted = _mm_set1_epi8(counted);
  auto flush = [&] {
    __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());  // two 64-bit sums
    total += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
    lanes = _mm_setzero_si128();
    blocks = 0;
  };
  size_t valid = 0;  // the bytes before `valid` are checked
  auto validate_until = [&](size_t end) {
    while (valid < end) {
      if (static_cast<unsigned char>(in[valid]) < 0x80) {
        ++valid;
      } else if (const size_t n = Utf8SeqLen(s, valid); n != 0) {
        valid += n;
      } else {
        return false;
      }
    }
    return true;
  };
  size_t i = 0;
  for (; i + 16 <= size; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
    if constexpr (kCopy) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), v);
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(v, wanted));  // a match is -1
      if (++blocks == 255) flush();
    }
    if (_mm_movemask_epi8(v) == 0) {
      // ASCII: valid whatever came before (a sequence cut short before
      // it was already refused, as no ASCII byte continues one).
      valid = std::max(valid, i + 16);
    } else if (!validate_until(i + 16)) {
      return false;
    }
  }
  if constexpr (kCopy) {
    flush();
    for (size_t k = i; k < size; ++k) {
      out[k] = in[k];
      total += in[k] == counted;
    }
    *count = total;
  }
  return validate_until(size);
}
#else
// Portable (no SSE2: e.g. aarch64): byte by byte, the same answers.
template <bool kCopy>
bool ScanUtf8Portable(std::string_view s, char* out, char counted, size_t* count) {
  if constexpr (kCopy) {
    std::memcpy(out, s.data(), s.size());
    *count = static_cast<size_t>(std::count(s.begin(), s.end(), counted));
  }
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
    } else if (const size_t n = Utf8SeqLen(s, i); n != 0) {
      i += n;
    } else {
      return false;
    }
  }
  return true;
}
#endif  // __SSE2__

#if defined(__x86_64__) && defined(__GNUC__)
#define WIREPRESS_HAVE_AVX2_UTF8 1
// AVX2: every 32-byte block is validated as a whole, with no per-byte
// branch, by the lookup algorithm of Keiser and Lemire ("Validating UTF-8
// in less than one instruction per byte", 2021). Each byte is classified by
// three 16-entry tables (high nibble of the previous byte, its low nibble,
// high nibble of this byte); the tables are bit sets of the errors each
// nibble allows, so their AND is non-zero exactly where a two-byte error
// is. Third and fourth bytes of longer sequences are checked by looking
// two and three bytes back. An all-ASCII block only needs to know that the
// previous one did not end inside a sequence.
//
// Error bits (a bit is set in all three tables for the pattern it names):
constexpr uint8_t kTooShort = 1 << 0;   // lead byte not followed by a continuation
constexpr uint8_t kTooLong = 1 << 1;    // ASCII followed by a continuation
constexpr uint8_t kOverlong3 = 1 << 2;  // E0 80..9F
constexpr uint8_t kTooLarge = 1 << 3;   // F4 90..BF, F5..FF + continuation
constexpr uint8_t kSurrogate = 1 << 4;  // ED A0..BF
constexpr uint8_t kOverlong2 = 1 << 5;  // C0..C1 + continuation
constexpr uint8_t kTooLarge1000 = 1 << 6;  // F5..FF 80..8F
constexpr uint8_t kOverlong4 = 1 << 6;     // F0 80..8F (same bit: same second byte)
constexpr uint8_t kTwoConts = 1 << 7;  // continuation after continuation
constexpr uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

#define WP_AVX2 __attribute__((target("avx2")))

WP_AVX2 inline __m256i Table16(uint8_t t0, uint8_t t1, uint8_t t2, uint8_t t3, uint8_t t4,
                               uint8_t t5, uint8_t t6, uint8_t t7, uint8_t t8, uint8_t t9,
                               uint8_t t10, uint8_t t11, uint8_t t12, uint8_t t13, uint8_t t14,
                               uint8_t t15) {
  // The same table in both 128-bit lanes: vpshufb looks up within a lane.
  return _mm256_setr_epi8(t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15,
                          t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15);
}

// The 32 bytes that end `n` bytes before the end of `input`: the last n
// bytes of `prev` then the first 32 - n of `input`.
template <int n>
WP_AVX2 inline __m256i Prev(__m256i input, __m256i prev) {
  return _mm256_alignr_epi8(input, _mm256_permute2x128_si256(prev, input, 0x21), 16 - n);
}

WP_AVX2 inline __m256i HighNibble(__m256i v) {
  return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

// Non-zero lanes where `input` (preceded by `prev`) is not valid UTF-8,
// except for a sequence left incomplete at the end (see Incomplete).
WP_AVX2 inline __m256i Utf8Errors(__m256i input, __m256i prev) {
  const __m256i prev1 = Prev<1>(input, prev);
  const __m256i byte_1_high = _mm256_shuffle_epi8(
      Table16(kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,
              kTwoConts, kTwoConts, kTwoConts, kTwoConts, kTooShort | kOverlong2, kTooShort,
              kTooShort | kOverlong3 | kSurrogate,
              kTooShort | kTooLarge | kTooLarge1000 | kOverlong4),
      HighNibble(prev1));
  constexpr uint8_t kLarge = kCarry | kTooLarge | kTooLarge1000;
  const __m256i byte_1_low = _mm256_shuffle_epi8(
      Table16(kCarry | kOverlong3 | kOverlong2 | kOverlong4, kCarry | kOverlong2, kCarry, kCarry,
              kCarry | kTooLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge,
              kLarge | kSurrogate, kLarge, kLarge),
      _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)));
  constexpr uint8_t kCont = kTooLong | kOverlong2 | kTwoConts;
  const __m256i byte_2_high = _mm256_shuffle_epi8(
      Table16(kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
              kTooShort, kCont | kOverlong3 | kTooLarge1000 | kOverlong4,
              kCont | kOverlong3 | kTooLarge, kCont | kSurrogate | kTooLarge,
              kCont | kSurrogate | kTooLarge, kTooShort, kTooShort, kTooShort, kTooShort),
      HighNibble(input));
  const __m256i special =
      _mm256_and_si256(_mm256_and_si256(byte_1_high, byte_1_low), byte_2_high);
  // A continuation after a continuation (kTwoConts) is right exactly where
  // the byte two back is a 3- or 4-byte lead, or the byte three back a
  // 4-byte lead. Saturating subtraction leaves the high bit only there.
  const __m256i third = _mm256_subs_epu8(Prev<2>(input, prev), _mm256_set1_epi8(0xE0 - 0x80));
  const __m256i fourth = _mm256_subs_epu8(Prev<3>(input, prev), _mm256_set1_epi8(0xF0 - 0x80));
  const __m256i must_continue = _mm256_and_si256(_mm256_or_si256(third, fourth),
                                                 _mm256_set1_epi8(static_cast<char>(0x80)));
  return _mm256_xor_si256(must_continue, special);
}

// Non-zero when the block ends inside a sequence: a lead byte in the last
// position, a 3- or 4-byte lead in the one before, a 4-byte lead before it.
WP_AVX2 inline __m256i Incomplete(__m256i input) {
  const __m256i max = _mm256_setr_epi8(
      -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
      -1, -1, -1, -1, -1, -1, static_cast<char>(0xF0 - 1), static_cast<char>(0xE0 - 1),
      static_cast<char>(0xC0 - 1));
  return _mm256_subs_epu8(input, max);
}

// The state carried from one block to the next. Member functions, not
// lambdas: a lambda does not inherit its enclosing function's target.
template <bool kCopy>
struct Avx2Scan {
  __m256i prev;             // the previous block
  __m256i prev_incomplete;  // non-zero when it ended inside a sequence
  __m256i error;            // non-zero once any block was invalid
  __m256i wanted;           // the counted byte in every lane
  __m256i lanes;            // per lane, blocks that held the counted byte
  int blocks;               // the most any lane of `lanes` may hold
  size_t total;             // counted bytes before `lanes`

  WP_AVX2 explicit Avx2Scan(char counted)
      : prev(_mm256_setzero_si256()),
        prev_incomplete(_mm256_setzero_si256()),
        error(_mm256_setzero_si256()),
        wanted(_mm256_set1_epi8(counted)),
        lanes(_mm256_setzero_si256()),
        blocks(0),
        total(0) {}

  WP_AVX2 void Flush() {
    const __m256i sums = _mm256_sad_epu8(lanes, _mm256_setzero_si256());  // four 64-bit sums
    const __m128i two =
        _mm_add_epi64(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
    total += static_cast<size_t>(_mm_cvtsi128_si64(two)) +
             static_cast<size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(two, two)));
    lanes = _mm256_setzero_si256();
    blocks = 0;
  }

  WP_AVX2 void Block(__m256i v) {
    if (_mm256_movemask_epi8(v) == 0) {
      error = _mm256_or_si256(error, prev_incomplete);
      prev_incomplete = _mm256_setzero_si256();
    } else {
      error = _mm256_or_si256(error, Utf8Errors(v, prev));
      prev_incomplete = Incomplete(v);
    }
    prev = v;
    if constexpr (kCopy) {
      lanes = _mm256_sub_epi8(lanes, _mm256_cmpeq_epi8(v, wanted));  // a match is -1
      if (++blocks >= 254) Flush();
    }
  }

  // Two blocks in a row: one test for both being ASCII, the common case.
  WP_AVX2 void Block2(__m256i v0, __m256i v1) {
    if (_mm256_movemask_epi8(_mm256_or_si256(v0, v1)) == 0) {
      error = _mm256_or_si256(error, prev_incomplete);
      prev_incomplete = _mm256_setzero_si256();
    } else {
      error = _mm256_or_si256(error, _mm256_or_si256(Utf8Errors(v0, prev), Utf8Errors(v1, v0)));
      prev_incomplete = Incomplete(v1);
    }
    prev = v1;
    if constexpr (kCopy) {
      lanes = _mm256_sub_epi8(
          lanes, _mm256_add_epi8(_mm256_cmpeq_epi8(v0, wanted), _mm256_cmpeq_epi8(v1, wanted)));
      blocks += 2;
      if (blocks >= 254) Flush();  // no lane past 255
    }
  }
};

template <bool kCopy>
WP_AVX2 bool ScanUtf8Avx2(std::string_view s, char* out, char counted, size_t* count) {
  const size_t size = s.size();
  const char* in = s.data();
  Avx2Scan<kCopy> scan(counted);
  size_t i = 0;
  for (; i + 64 <= size; i += 64) {
    const __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i));
    const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i + 32));
    if constexpr (kCopy) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), v0);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i + 32), v1);
    }
    scan.Block2(v0, v1);
  }
  if (i + 32 <= size) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i));
    if constexpr (kCopy) _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), v);
    scan.Block(v);
    i += 32;
  }
  // The rest, padded with NULs: ASCII, so a sequence cut off by the end of
  // the text is an error in this last block (even an empty one), and NUL
  // is never the counted byte.
  alignas(32) char last[32] = {};
  if (size > i) {
    std::memcpy(last, in + i, size - i);
    if constexpr (kCopy) std::memcpy(out + i, in + i, size - i);
  }
  scan.Block(_mm256_load_si256(reinterpret_cast<const __m256i*>(last)));
  if constexpr (kCopy) {
    scan.Flush();
    *count = scan.total;
  }
  return _mm256_testz_si256(scan.error, scan.error) != 0;
}

// FindHtmlEscapable, 32 bytes a step (the same three compares).
WP_AVX2 inline int HtmlEscapableMask32(__m256i v) {
  __m256i amp_apos =
      _mm256_cmpeq_epi8(_mm256_or_si256(v, _mm256_set1_epi8(1)), _mm256_set1_epi8(0x27));
  __m256i lt_gt =
      _mm256_cmpeq_epi8(_mm256_or_si256(v, _mm256_set1_epi8(2)), _mm256_set1_epi8(0x3E));
  __m256i quot = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x22));
  return _mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(amp_apos, lt_gt), quot));
}

// REQUIRES: end - begin >= 32 (shorter texts take the SSE2 way).
WP_AVX2 const char* FindHtmlEscapableAvx2(const char* begin, const char* p, const char* end) {
  for (; end - p >= 32; p += 32) {
    int mask = HtmlEscapableMask32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)));
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
  }
  if (p == end) return end;
  // The last 1 to 31 bytes: the 32 that end at `end`, without the lanes
  // before `p`, as in FindHtmlEscapable.
  const char* last = end - 32;
  unsigned mask = static_cast<unsigned>(
      HtmlEscapableMask32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(last))));
  mask &= 0xFFFFFFFFu << (32 - (end - p));
  return mask != 0 ? last + __builtin_ctz(mask) : end;
}

#undef WP_AVX2

bool HaveAvx2() {
  // __builtin_cpu_init first: called before libgcc's own constructor has
  // run (from another static initialiser), cpu_supports answers false, and
  // the answer is cached for the whole run.
  static const bool have = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return have;
}
#endif  // x86-64

template <bool kCopy>
bool ScanUtf8(internal::Utf8Impl impl, std::string_view s, char* out, char counted,
              size_t* count) {
#if defined(WIREPRESS_HAVE_AVX2_UTF8)
  if (impl == internal::Utf8Impl::kAvx2 && HaveAvx2()) {
    return ScanUtf8Avx2<kCopy>(s, out, counted, count);
  }
#endif
  (void)impl;
#if defined(__SSE2__)
  return ScanUtf8Sse2<kCopy>(s, out, counted, count);
#else
  return ScanUtf8Portable<kCopy>(s, out, counted, count);
#endif
}

// Copies runs of safe bytes at once, found 16 or 32 bytes at a time:
// escaping is on every page and body path, and per-byte work dominated the
// parse profile.
// With stop_at_amp, stops before the first '&' and returns its offset;
// otherwise escapes all of `s` and returns s.size().
size_t AppendHtmlEscapedImpl(internal::Utf8Impl impl, std::string* out, std::string_view s,
                             bool stop_at_amp = false) {
  const char* begin = s.data();
  const char* end = begin + s.size();
  auto find = FindHtmlEscapable;
#if defined(WIREPRESS_HAVE_AVX2_UTF8)
  if (impl == internal::Utf8Impl::kAvx2 && s.size() >= 32 && HaveAvx2()) find = FindHtmlEscapableAvx2;
#else
  (void)impl;
#endif
  for (const char* p = begin;;) {
    const char* run = p;
    p = find(begin, p, end);
    out->append(run, static_cast<size_t>(p - run));
    if (p == end || (stop_at_amp && *p == '&')) return static_cast<size_t>(p - begin);
    switch (*p++) {
      case '&': out->append("&amp;", 5); break;
      case '<': out->append("&lt;", 4); break;
      case '>': out->append("&gt;", 4); break;
      case '"': out->append("&quot;", 6); break;
      default: out->append("&#39;", 5); break;
    }
  }
}

}  // namespace

void AppendHtmlEscaped(std::string* out, std::string_view s) {
  AppendHtmlEscapedImpl(internal::Utf8Impl::kAvx2, out, s);
}

size_t AppendHtmlEscapedBeforeAmpersand(std::string* out, std::string_view s) {
  return AppendHtmlEscapedImpl(internal::Utf8Impl::kAvx2, out, s, /*stop_at_amp=*/true);
}

namespace internal {

void AppendHtmlEscapedWith(Utf8Impl impl, std::string* out, std::string_view s) {
  AppendHtmlEscapedImpl(impl, out, s);
}

bool Utf8ImplAvailable(Utf8Impl impl) {
  if (impl == Utf8Impl::kSse2) return true;
#if defined(WIREPRESS_HAVE_AVX2_UTF8)
  return HaveAvx2();
#else
  return false;
#endif
}

bool IsValidUtf8With(Utf8Impl impl, std::string_view s) {
  return ScanUtf8<false>(impl, s, nullptr, '\0', nullptr);
}

bool CopyValidUtf8With(Utf8Impl impl, std::string_view s, char* out, char counted,
                       size_t* count) {
  return ScanUtf8<true>(impl, s, out, counted, count);
}

}  // namespace internal

bool IsValidUtf8(std::string_view s) {
  return ScanUtf8<false>(internal::Utf8Impl::kAvx2, s, nullptr, '\0', nullptr);
}

bool CopyValidUtf8(std::string_view s, char* out, char counted, size_t* count) {
  return ScanUtf8<true>(internal::Utf8Impl::kAvx2, s, out, counted, count);
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

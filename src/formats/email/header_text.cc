#include "formats/email/header_text.h"

#include <optional>

#include "base/strings.h"
#include "formats/encoding.h"

namespace wirepress::formats::email {
namespace {

struct EncodedWord {
  std::string charset;
  std::string bytes;  // decoded from Q or B, still in `charset`
  size_t end = 0;     // offset just past "?="
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string DecodeQ(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      out += ' ';
    } else if (text[i] == '=' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::string DecodeB(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = Base64Value(c);
    if (v < 0) continue;  // padding and stray characters
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// "=?charset?Q?text?=" at `pos`, or nullopt.
std::optional<EncodedWord> ReadEncodedWord(std::string_view s, size_t pos) {
  if (s.compare(pos, 2, "=?") != 0) return std::nullopt;
  size_t q1 = s.find('?', pos + 2);
  if (q1 == std::string_view::npos || q1 + 2 >= s.size() || s[q1 + 2] != '?') return std::nullopt;
  size_t end = s.find("?=", q1 + 3);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view charset = s.substr(pos + 2, q1 - pos - 2);
  charset = charset.substr(0, charset.find('*'));  // RFC 2231 language suffix
  std::string_view text = s.substr(q1 + 3, end - q1 - 3);
  char encoding = static_cast<char>(s[q1 + 1] | 0x20);
  if (encoding != 'q' && encoding != 'b') return std::nullopt;
  return EncodedWord{std::string(charset), encoding == 'q' ? DecodeQ(text) : DecodeB(text), end + 2};
}

}  // namespace

std::string DecodeHeaderText(std::string_view raw) {
  std::string out;
  std::string pending_space;  // dropped if the next token is an encoded word
  bool last_was_word = false;
  size_t i = 0;
  while (i < raw.size()) {
    if (std::optional<EncodedWord> w = ReadEncodedWord(raw, i)) {
      if (!last_was_word) out += pending_space;
      out += DecodeToUtf8(w->bytes, w->charset).text;
      pending_space.clear();
      last_was_word = true;
      i = w->end;
      continue;
    }
    size_t next = i;
    while (next < raw.size() && raw.compare(next, 2, "=?") != 0 &&
           !(raw[next] == ' ' || raw[next] == '\t' || raw[next] == '\r' || raw[next] == '\n')) {
      ++next;
    }
    if (next == i) {
      if (raw.compare(i, 2, "=?") == 0) {
        out += pending_space + "=?";
        pending_space.clear();
        last_was_word = false;
        i += 2;
      } else {
        pending_space += ' ';
        ++i;
      }
      continue;
    }
    out += pending_space;
    out += DecodeToUtf8(raw.substr(i, next - i)).text;
    pending_space.clear();
    last_was_word = false;
    i = next;
  }
  return CollapseWhitespace(out);
}

}  // namespace wirepress::formats::email

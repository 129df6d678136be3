// Encoding: every adapter works on UTF-8. This turns the bytes an agency
// sent — declared, undeclared or wrongly declared — into valid UTF-8.
//
// The order of trust, learned from real feeds:
//   1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32);
//   2. bytes that are already valid UTF-8 are UTF-8, whatever the
//      declaration says (a file that says ISO-8859-1 but holds UTF-8 must
//      come out right);
//   3. the declared charset, with ISO-8859-1/ASCII read as Windows-1252
//      (as browsers do: agencies' "Latin-1" holds curly quotes in 0x80-0x9F);
//   4. ICU's charset detector (Shift_JIS, EUC-KR, GB18030, Big5, KOI8-R...);
//   5. Windows-1252, which maps every byte.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_FORMATS_ENCODING_H_
#define WIREPRESS_FORMATS_ENCODING_H_

#include <string>
#include <string_view>

namespace wirepress::formats {

struct Decoded {
  std::string text;      // valid UTF-8, BOM removed
  std::string charset;   // what was used: "UTF-8", "windows-1252", "Shift_JIS", ...
  bool was_declared = false;  // the declared charset was used as is
};

// True when DecodeToUtf8 would return `bytes` unchanged (valid UTF-8
// without a byte-order mark), so a caller may read them where they are.
bool DecodesUnchanged(std::string_view bytes);
// True when `bytes` start with a byte-order mark DecodeToUtf8 knows.
// DecodesUnchanged(b) == !HasByteOrderMark(b) && IsValidUtf8(b), for
// callers that validate in a pass of their own (CopyValidUtf8).
bool HasByteOrderMark(std::string_view bytes);

// `declared` may be empty. Never fails: undecodable bytes become U+FFFD.
Decoded DecodeToUtf8(std::string_view bytes, std::string_view declared = {});

// The encoding named in an XML declaration (<?xml ... encoding="x"?>), or
// "" when there is none.
std::string XmlDeclaredEncoding(std::string_view bytes);

// Converts from a named charset with ICU. Returns false when ICU does not
// know the name.
bool ConvertCharset(std::string_view bytes, std::string_view charset, std::string* out);

}  // namespace wirepress::formats

#endif  // WIREPRESS_FORMATS_ENCODING_H_

// Decoding of e-mail header text (Subject, display names) to UTF-8:
// RFC 2047 encoded words ("=?utf-8?Q?Google=20Apps?=") and raw 8-bit text.
//
// Why not GMime's decoder: agencies' mailers mislabel charsets, e.g.
// "=?windows-1252?Q?TravTalk’s?=" carries UTF-8 bytes, which GMime turns
// into "TravTalkâ€™s". Here each word's bytes go through DecodeToUtf8, so
// valid UTF-8 wins over the label, as everywhere else in formats/.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_FORMATS_EMAIL_HEADER_TEXT_H_
#define WIREPRESS_FORMATS_EMAIL_HEADER_TEXT_H_

#include <string>
#include <string_view>

namespace wirepress::formats::email {

// Unfolds, decodes encoded words (Q and B; whitespace between adjacent
// words dropped as RFC 2047 says) and collapses whitespace. Malformed words
// are kept as written. Always returns valid UTF-8.
std::string DecodeHeaderText(std::string_view raw);

}  // namespace wirepress::formats::email

#endif  // WIREPRESS_FORMATS_EMAIL_HEADER_TEXT_H_

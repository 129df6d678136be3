// The "plain-text" adapter: wire copy as plain text, the way syndication
// sites and agency e-mail digests pass it on (examples/syndicated-story-page.txt):
//
//   Pompeo Says Agreed with Putin on Syria Progress        <- headline
//   The United States and Russia have agreed ...           <- repeated lead
//   World. (File Image)                                    <- section + image hint
//   Sochi (Russia), May 15 (AFP) The United States ...     <- dateline + lead
//   ... (AFP)                                              <- agency credit
//   (This is an unedited and auto-generated story ...)     <- site disclaimer
//   Share Now                                              <- page debris
//
// The first non-empty line is the headline; the dateline gives place,
// country, date and agency; the repeated lead is kept once; credit,
// disclaimer and debris never reach the body. Plain text carries no id, so
// the uri is derived: "urn:wirepress:plain:" + 16 hex digits of the 64-bit
// FNV-1a hash of agency, headline and dateline date (doc/formats/plain-text.md).
//
// Sniff: kNo for XML, JSON, ANPA/IPTC 7901 control characters, e-mail
// headers and binary data; kLikely when a dateline "(AGENCY)" is found;
// kMaybe otherwise (this adapter is the fallback).
//
// Thread-safety: the parser is immutable; Sniff and Parse are reentrant.
#ifndef WIREPRESS_FORMATS_PLAIN_TEXT_PLAIN_TEXT_PARSER_H_
#define WIREPRESS_FORMATS_PLAIN_TEXT_PLAIN_TEXT_PARSER_H_

#include <memory>

#include "formats/format.h"

namespace wirepress::formats::plain_text {

// The plain-text adapter (name "plain-text").
std::unique_ptr<FeedParser> NewPlainTextParser();

}  // namespace wirepress::formats::plain_text

#endif  // WIREPRESS_FORMATS_PLAIN_TEXT_PLAIN_TEXT_PARSER_H_

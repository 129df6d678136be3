// The "email-rfc822" adapter: wire copy sent as e-mail (RFC 822/5322 with
// MIME), parsed with GMime 3.
//
//   Subject    → headline (RFC 2047 words decoded; "Fwd:" prefixes dropped)
//   Date       → firstcreated and versioncreated (UTC)
//   Message-ID → uri
//   From       → byline (display name) unless the text has a "By ..." line;
//                agency from a known agency domain (aap.com.au → AAP, ...)
//   text/plain → body paragraphs (signature and mail disclaimers cut);
//                else text/html, sanitized
//
// Google Form notifications (a JSON object in the text part, AAP's
// "Formatted Editorial Story") are read field by field (google_form.h).
// Charsets: declared, undeclared or wrong, the text comes out as UTF-8
// (formats/encoding.h: valid UTF-8 wins over a wrong label). Attachments
// are not carried over (a Story picture needs a URL). Field mapping:
// doc/formats/email-rfc822.md.
//
// Sniff: kCertain for a header block with several well-known mail headers,
// kLikely for one, kNo otherwise.
//
// Thread-safety: the parser is immutable; Sniff and Parse are reentrant
// (GMime is initialised once, objects are per call).
#ifndef WIREPRESS_FORMATS_EMAIL_EMAIL_PARSER_H_
#define WIREPRESS_FORMATS_EMAIL_EMAIL_PARSER_H_

#include <memory>

#include "formats/format.h"

namespace wirepress::formats::email {

// The e-mail adapter (name "email-rfc822").
std::unique_ptr<FeedParser> NewEmailParser();

}  // namespace wirepress::formats::email

#endif  // WIREPRESS_FORMATS_EMAIL_EMAIL_PARSER_H_

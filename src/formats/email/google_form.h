// Google Form submissions relayed as e-mail: AAP's reporters file stories
// through a form whose sheet mails each row as a JSON object of arrays,
//
//   {"Headline":["TEST NZ HEADER"],"Slugline":["NZTEST"],"News Value":["1"],
//    "Dateline":["AUCKLAND"],"Body":["para 1\n\npara 2"], ...}
//
// (superdesk calls these "formatted" e-mails). The mapping to Story fields
// is in doc/formats/email-rfc822.md.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_FORMATS_EMAIL_GOOGLE_FORM_H_
#define WIREPRESS_FORMATS_EMAIL_GOOGLE_FORM_H_

#include <string>
#include <string_view>

#include "model/story.h"

namespace wirepress::formats::email {

// When `body` (the text/plain part, UTF-8) is such a form with a Headline
// or Body field, fills the form's fields into *story (headline, slugline,
// description, urgency, dateline, byline, keywords, body_html unsanitized)
// and returns true. Returns false and leaves *story alone otherwise.
bool ParseGoogleForm(std::string_view body, model::Story* story);

// "eharvey@aap.com.au" → "E Harvey", "jane.doe@x" → "Jane Doe": AAP's
// addresses are initial + surname. Returns "" when the local part does not
// look like a name.
std::string NameFromAddress(std::string_view address);

}  // namespace wirepress::formats::email

#endif  // WIREPRESS_FORMATS_EMAIL_GOOGLE_FORM_H_

// Reads the entries of an Atom 1.0 or Atom 0.3 feed into Stories: id,
// title, author, published/updated (0.3: issued/created/modified),
// category, summary, content (text, html, xhtml; 0.3 escaped/xml modes),
// enclosure links and media: pictures, with xml:base honoured per entry.
//
// WENN's entertainment feed extends Atom with wenn_nm:NewsManagement
// (the agency's article id, which is the stable key, and its own times)
// and wenn_cm:ContentMetadata (first line, tags); those override the
// generic Atom fields when present.
//
// Thread-safety: pure apart from appending to `out`.
#ifndef WIREPRESS_FORMATS_SYNDICATION_ATOM_READER_H_
#define WIREPRESS_FORMATS_SYNDICATION_ATOM_READER_H_

#include <optional>

#include "formats/format.h"
#include "formats/xml_reader.h"

namespace wirepress::formats::syndication {

// Appends the feed's stories and warnings to *out; the first entry with
// nothing usable is reported through *first_unusable.
// REQUIRES: doc.root() is <feed>.
Status ReadAtom(const XmlDocument& doc, const Input& input, ParseResult* out,
                std::optional<Diagnostic>* first_unusable);

}  // namespace wirepress::formats::syndication

#endif  // WIREPRESS_FORMATS_SYNDICATION_ATOM_READER_H_

// Recognising XML formats from raw bytes, without parsing: what the XML
// adapters' Sniff needs, cheap enough to run on every input's head.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_FORMATS_XML_SNIFF_H_
#define WIREPRESS_FORMATS_XML_SNIFF_H_

#include <string_view>

namespace wirepress::formats {

// The local name of the document element ("nitf" for "<ns:nitf ...>"),
// read from the head of `bytes`: skips a UTF-8 BOM, blanks, the XML
// declaration, comments, processing instructions and a DOCTYPE without an
// internal subset. "" when the bytes do not start like XML or the head
// ends before the root's name. The result points into `bytes`.
std::string_view RootElementName(std::string_view bytes);

}  // namespace wirepress::formats

#endif  // WIREPRESS_FORMATS_XML_SNIFF_H_

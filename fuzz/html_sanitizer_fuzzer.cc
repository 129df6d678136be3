// libFuzzer target for the HTML sanitizer: whatever goes in, what comes out
// must carry no active content and be valid UTF-8. Input that parses as an
// XML fragment (once made valid UTF-8) also goes through
// SanitizeXmlChildren (the tree path parsed XHTML bodies take).
#include <pugixml.hpp>

#include "base/strings.h"
#include "formats/html_sanitizer.h"
#include "fuzz/fuzz_adapter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  wirepress::formats::SanitizeOptions options;
  options.base_url = "https://wire.example/a/b.html";
  std::string out = wirepress::formats::SanitizeHtml(html, options);
  wirepress::fuzz::Require(wirepress::fuzz::TagsAreInert(out));
  wirepress::fuzz::Require(wirepress::IsValidUtf8(out));
  // SanitizeXmlChildren requires a tree parsed from valid UTF-8, as
  // XmlDocument's always are (it decodes other input first).
  std::string wrapped =
      "<r>" + (wirepress::IsValidUtf8(html) ? std::string(html) : wirepress::SanitizeUtf8(html)) +
      "</r>";
  pugi::xml_document doc;
  if (doc.load_buffer(wrapped.data(), wrapped.size(), pugi::parse_default,
                      pugi::encoding_utf8)) {
    std::string direct = wirepress::formats::SanitizeXmlChildren({doc.document_element()}, options);
    wirepress::fuzz::Require(wirepress::fuzz::TagsAreInert(direct));
    wirepress::fuzz::Require(wirepress::IsValidUtf8(direct));
  }
  return 0;
}

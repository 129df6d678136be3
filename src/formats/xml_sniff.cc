#include "formats/xml_sniff.h"

#include <cctype>

#include "base/strings.h"
#include "formats/xml_reader.h"

namespace wirepress::formats {

std::string_view RootElementName(std::string_view bytes) {
  size_t p = StartsWith(bytes, "\xEF\xBB\xBF") ? 3 : 0;
  while (true) {
    while (p < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[p]))) ++p;
    if (p >= bytes.size() || bytes[p] != '<') return {};
    std::string_view rest = bytes.substr(p);
    size_t end;
    if (StartsWith(rest, "<!--")) {
      end = rest.find("-->");
      if (end != std::string_view::npos) end += 2;
    } else if (StartsWith(rest, "<?") || StartsWith(rest, "<!")) {
      end = rest.find('>');  // a DOCTYPE's internal subset is not expected here
    } else {
      size_t n = 1;
      while (n < rest.size() && !std::isspace(static_cast<unsigned char>(rest[n])) &&
             rest[n] != '>' && rest[n] != '/') {
        ++n;
      }
      return LocalName(rest.substr(1, n - 1));
    }
    if (end == std::string_view::npos) return {};
    p += end + 1;
  }
}

}  // namespace wirepress::formats

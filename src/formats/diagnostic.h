// Diagnostic: a message that points into the input, as compilers do.
//
//   inbox/afp-123.xml:14:7: <headline> is empty
//     <headline></headline>
//         ^
//
// The same text appears in CLI output, in ingest logs, in the reason file
// next to a quarantined input and on the admin page.
//
// Thread-safety: values and pure functions.
#ifndef WIREPRESS_FORMATS_DIAGNOSTIC_H_
#define WIREPRESS_FORMATS_DIAGNOSTIC_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace wirepress::formats {

struct Diagnostic {
  std::string source;  // file path or "<agency>:<item id>"
  int line = 0;        // 1-based; 0 when the problem is not at a place
  int column = 0;      // 1-based, in bytes
  std::string message;
  std::string line_text;  // the offending line, without its newline

  // "source:line:col: message\n<line_text>\n<spaces>^", or
  // "source: message" when line is 0.
  std::string ToString() const;
};

// Builds a Diagnostic for byte `offset` of `text` (line, column and the
// line's text computed from the offset).
Diagnostic DiagnosticAt(std::string_view source, std::string_view text, size_t offset,
                        std::string message);
// Same for a known 1-based line and column.
Diagnostic DiagnosticAtLine(std::string_view source, std::string_view text, int line,
                            int column, std::string message);

// InvalidInput whose message is d.ToString().
Status ToStatus(const Diagnostic& d);

// Ok when `size` is at most `limit`; otherwise InvalidInput "source: input
// is N bytes; <what> may have at most M bytes", `what` naming the document
// ("a NITF document"). Adapters check before parsing, so a huge input costs
// no memory.
Status CheckInputSize(std::string_view source, size_t size, size_t limit,
                      std::string_view what);

}  // namespace wirepress::formats

#endif  // WIREPRESS_FORMATS_DIAGNOSTIC_H_

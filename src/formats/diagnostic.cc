#include "formats/diagnostic.h"

#include <algorithm>
#include <cstring>

namespace wirepress::formats {
namespace {

// Long lines (minified XML) are shown as a window around the column.
constexpr size_t kMaxShownLine = 160;

}  // namespace

std::string Diagnostic::ToString() const {
  std::string out = source;
  if (line > 0) {
    out += ':' + std::to_string(line) + ':' + std::to_string(column);
  }
  out += ": " + message;
  if (line > 0) {
    std::string shown = line_text;
    size_t caret = column > 0 ? static_cast<size_t>(column - 1) : 0;
    if (shown.size() > kMaxShownLine) {
      size_t start = caret > kMaxShownLine / 2 ? caret - kMaxShownLine / 2 : 0;
      shown = shown.substr(start, kMaxShownLine);
      caret -= start;
    }
    for (char& c : shown) {
      if (c == '\t') c = ' ';
    }
    out += "\n" + shown + "\n" + std::string(std::min(caret, shown.size()), ' ') + "^";
  }
  return out;
}

Diagnostic DiagnosticAt(std::string_view source, std::string_view text, size_t offset,
                        std::string message) {
  offset = std::min(offset, text.size());
  int line = 1;
  size_t line_start = 0;
  // memchr per line, not a test per byte: adapters point warnings at
  // nodes anywhere in documents of hundreds of lines.
  const char* begin = text.data();
  for (const char* p = begin; p < begin + offset;) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(begin + offset - p));
    if (nl == nullptr) break;
    ++line;
    p = static_cast<const char*>(nl) + 1;
    line_start = static_cast<size_t>(p - begin);
  }
  size_t line_end = text.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text.size();
  std::string_view lt = text.substr(line_start, line_end - line_start);
  if (!lt.empty() && lt.back() == '\r') lt.remove_suffix(1);
  return Diagnostic{std::string(source), line, static_cast<int>(offset - line_start) + 1,
                    std::move(message), std::string(lt)};
}

Diagnostic DiagnosticAtLine(std::string_view source, std::string_view text, int line,
                            int column, std::string message) {
  size_t start = 0;
  for (int l = 1; l < line && start < text.size(); ++l) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      start = text.size();
      break;
    }
    start = nl + 1;
  }
  return DiagnosticAt(source, text, start + static_cast<size_t>(std::max(column, 1) - 1),
                      std::move(message));
}

Status ToStatus(const Diagnostic& d) { return Status::InvalidInput(d.ToString()); }

Status CheckInputSize(std::string_view source, size_t size, size_t limit,
                      std::string_view what) {
  if (size <= limit) return Status::Ok();
  return ToStatus(Diagnostic{std::string(source), 0, 0,
                             "input is " + std::to_string(size) + " bytes; " +
                                 std::string(what) + " may have at most " +
                                 std::to_string(limit) + " bytes",
                             {}});
}

}  // namespace wirepress::formats

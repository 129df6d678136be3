#include "formats/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <memory>

#include "base/strings.h"

namespace wirepress::formats {
namespace {

struct BomInfo {
  std::string_view bom;
  const char* charset;
};

constexpr BomInfo kBoms[] = {
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {"\xEF\xBB\xBF", "UTF-8"},
    {"\xFE\xFF", "UTF-16BE"},
    {"\xFF\xFE", "UTF-16LE"},
};

// Latin-1 and ASCII declarations are read as Windows-1252 (WHATWG
// Encoding Standard), a superset for every byte that occurs in practice.
std::string NormaliseCharset(std::string_view name) {
  std::string n = AsciiLower(Trim(name));
  if (n == "iso-8859-1" || n == "iso8859-1" || n == "latin1" || n == "latin-1" ||
      n == "us-ascii" || n == "ascii" || n == "l1" || n == "iso_8859-1" || n == "cp1252") {
    return "windows-1252";
  }
  if (n == "utf8") return "utf-8";
  return n;
}

std::string DetectCharset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&status),
                                                                 &ucsdet_close);
  if (U_FAILURE(status)) return {};
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return {};
  int32_t confidence = ucsdet_getConfidence(match, &status);
  const char* name = ucsdet_getName(match, &status);
  if (U_FAILURE(status) || name == nullptr || confidence < 30) return {};
  std::string n = NormaliseCharset(name);
  // The detector calls most Western text ISO-8859-x; Windows-1252 is what
  // agencies actually send.
  if (StartsWith(n, "iso-8859-1") || n == "iso-8859-15") return "windows-1252";
  return n;
}

}  // namespace

bool ConvertCharset(std::string_view bytes, std::string_view charset, std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  std::string name(charset);
  std::unique_ptr<UConverter, decltype(&ucnv_close)> from(ucnv_open(name.c_str(), &status),
                                                          &ucnv_close);
  if (U_FAILURE(status)) return false;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> to(ucnv_open("UTF-8", &status),
                                                        &ucnv_close);
  if (U_FAILURE(status)) return false;
  out->assign(bytes.size() * 3 + 16, '\0');
  char* target = out->data();
  const char* source = bytes.data();
  ucnv_convertEx(to.get(), from.get(), &target, out->data() + out->size(), &source,
                 bytes.data() + bytes.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &status);
  if (U_FAILURE(status)) return false;
  out->resize(static_cast<size_t>(target - out->data()));
  return true;
}

std::string XmlDeclaredEncoding(std::string_view bytes) {
  if (!StartsWith(bytes, "<?xml")) {
    if (!StartsWith(bytes, "\xEF\xBB\xBF<?xml")) return {};
  }
  size_t end = bytes.find("?>");
  if (end == std::string_view::npos || end > 512) return {};
  std::string_view decl = bytes.substr(0, end);
  size_t p = decl.find("encoding");
  if (p == std::string_view::npos) return {};
  p = decl.find_first_of("\"'", p);
  if (p == std::string_view::npos) return {};
  size_t q = decl.find(decl[p], p + 1);
  if (q == std::string_view::npos) return {};
  return std::string(decl.substr(p + 1, q - p - 1));
}

bool HasByteOrderMark(std::string_view bytes) {
  // Every mark starts with one of four bytes; text starts with none.
  if (bytes.empty()) return false;
  const unsigned char first = static_cast<unsigned char>(bytes[0]);
  if (first != 0x00 && first != 0xEF && first != 0xFE && first != 0xFF) return false;
  for (const BomInfo& b : kBoms) {
    if (StartsWith(bytes, b.bom)) return true;
  }
  return false;
}

bool DecodesUnchanged(std::string_view bytes) {
  return !HasByteOrderMark(bytes) && IsValidUtf8(bytes);
}

Decoded DecodeToUtf8(std::string_view bytes, std::string_view declared) {
  Decoded d;
  for (const BomInfo& b : kBoms) {
    if (StartsWith(bytes, b.bom)) {
      std::string_view rest = bytes.substr(b.bom.size());
      d.charset = b.charset;
      if (d.charset == "UTF-8" ? (d.text.assign(rest), true)
                               : ConvertCharset(rest, b.charset, &d.text)) {
        if (!IsValidUtf8(d.text)) d.text = SanitizeUtf8(d.text);
        return d;
      }
    }
  }
  if (IsValidUtf8(bytes)) {
    d.text.assign(bytes);
    d.charset = "UTF-8";
    d.was_declared = declared.empty() || NormaliseCharset(declared) == "utf-8";
    return d;
  }
  std::string name = NormaliseCharset(declared);
  if (!name.empty() && name != "utf-8" && ConvertCharset(bytes, name, &d.text)) {
    d.charset = name;
    d.was_declared = true;
    return d;
  }
  std::string detected = DetectCharset(bytes);
  if (!detected.empty() && detected != "utf-8" && ConvertCharset(bytes, detected, &d.text)) {
    d.charset = detected;
    return d;
  }
  ConvertCharset(bytes, "windows-1252", &d.text);
  d.charset = "windows-1252";
  return d;
}

}  // namespace wirepress::formats

// The body of every adapter fuzzer: sniff and parse the bytes in memory,
// then check the invariants the rest of the system relies on. A violation
// aborts, which libFuzzer reports as a crash with the input saved.
//
// Invariants: Parse never crashes or hangs; every text field of every story
// is valid UTF-8; body_html holds no script, iframe, object or embed
// element, no on* attribute and no javascript:/vbscript:/data: URL.
#ifndef WIREPRESS_FUZZ_FUZZ_ADAPTER_H_
#define WIREPRESS_FUZZ_FUZZ_ADAPTER_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "base/strings.h"
#include "formats/format.h"

namespace wirepress::fuzz {

inline void Require(bool ok) {
  if (!ok) std::abort();
}

// True when an attribute (name, value as written) can run script: an on*
// handler or a URL with a script-capable scheme.
inline bool AttributeIsActive(std::string_view name, std::string_view value) {
  if (StartsWith(name, "on") || name == "style") return true;
  if (name != "href" && name != "src") return false;
  std::string scheme;
  for (char c : value) {
    if (static_cast<unsigned char>(c) <= 0x20) continue;  // browsers ignore these
    if (c == ':' || c == '/' || c == '?' || c == '#') break;
    scheme.push_back(c);
  }
  scheme = AsciiLower(scheme);
  return value.find(':') != std::string_view::npos &&
         (scheme == "javascript" || scheme == "vbscript" || scheme == "data" ||
          scheme.find('&') != std::string::npos);  // an entity hiding the scheme
}

// True when an HTML fragment's tags are free of active content. The
// sanitizer writes every attribute as name="value" with the value escaped,
// so a tag is split on that form.
inline bool TagsAreInert(std::string_view html) {
  for (size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos) return false;  // the sanitizer closes every tag
    std::string tag = AsciiLower(html.substr(lt, gt - lt + 1));
    for (const char* bad : {"<script", "<iframe", "<object", "<embed", "<style"}) {
      if (StartsWith(tag, bad)) return false;
    }
    size_t p = tag.find(' ');
    while (p != std::string::npos && p < tag.size()) {
      size_t eq = tag.find("=\"", p);
      if (eq == std::string::npos) break;
      size_t close = tag.find('"', eq + 2);
      if (close == std::string::npos) return false;
      std::string_view name = std::string_view(tag).substr(p + 1, eq - p - 1);
      if (AttributeIsActive(name, std::string_view(tag).substr(eq + 2, close - eq - 2))) {
        return false;
      }
      p = tag.find(' ', close);
    }
  }
  return true;
}

inline void CheckStory(const model::Story& s) {
  for (const std::string* f : {&s.uri, &s.version, &s.headline, &s.byline, &s.slugline,
                               &s.description_text, &s.body_html, &s.located, &s.agency}) {
    Require(IsValidUtf8(*f));
  }
  Require(TagsAreInert(s.body_html));
}

inline int FuzzAdapter(const formats::FeedParser& parser, const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)parser.Sniff(bytes.substr(0, 8192));
  auto result = parser.Parse(formats::Input{"fuzz", bytes, "https://wire.example/feed/"});
  if (result.ok()) {
    for (const model::Story& s : result->stories) CheckStory(s);
  } else {
    Require(!result.status().message().empty());
  }
  return 0;
}

}  // namespace wirepress::fuzz

// Defines LLVMFuzzerTestOneInput for the adapter made by `factory`.
#define WIREPRESS_ADAPTER_FUZZER(factory)                                      \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {    \
    static const std::unique_ptr<wirepress::formats::FeedParser> parser = factory(); \
    return wirepress::fuzz::FuzzAdapter(*parser, data, size);                   \
  }

#endif  // WIREPRESS_FUZZ_FUZZ_ADAPTER_H_

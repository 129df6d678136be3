#include "publish/output_format.h"

namespace wirepress::publish {
namespace {

constexpr std::string_view kDir = "{dir}";

}  // namespace

const std::vector<OutputFormat>& BuiltinFormats() {
  // The HTML row has an empty file part: a listing's page *is* its directory.
  static const std::vector<OutputFormat> kFormats = {
      {"html", "text/html; charset=utf-8", "{dir}", "listing", true, "", FormatScope::kListing,
       Escaping::kHtml},
      {"rss", "application/rss+xml; charset=utf-8", "{dir}rss.xml", "rss", false, "alternate",
       FormatScope::kListing, Escaping::kHtml},
      {"atom", "application/atom+xml; charset=utf-8", "{dir}atom.xml", "atom", false, "alternate",
       FormatScope::kListing, Escaping::kHtml},
      {"jsonfeed", "application/feed+json; charset=utf-8", "{dir}feed.json", "jsonfeed", false,
       "alternate", FormatScope::kListing, Escaping::kJson},
      {"sitemap", "application/xml; charset=utf-8", "/sitemap.xml", "sitemap_index", false, "",
       FormatScope::kSite, Escaping::kHtml},
      {"news-sitemap", "application/xml; charset=utf-8", "/news-sitemap.xml", "news_sitemap", false,
       "", FormatScope::kSite, Escaping::kHtml},
      {"robots", "text/plain; charset=utf-8", "/robots.txt", "robots", false, "",
       FormatScope::kSite, Escaping::kNone},
  };
  return kFormats;
}

const OutputFormat* FindFormat(std::string_view name) {
  for (const OutputFormat& f : BuiltinFormats()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const OutputFormat* FindListingFormatByFile(std::string_view file_name) {
  for (const OutputFormat& f : BuiltinFormats()) {
    if (f.scope != FormatScope::kListing) continue;
    std::string_view pattern = f.path_pattern;
    if (pattern.substr(0, kDir.size()) == kDir && pattern.substr(kDir.size()) == file_name) {
      return &f;
    }
  }
  return nullptr;
}

std::string FormatPath(const OutputFormat& format, std::string_view dir) {
  std::string out = format.path_pattern;
  if (size_t pos = out.find(kDir); pos != std::string::npos) out.replace(pos, kDir.size(), dir);
  return out;
}

}  // namespace wirepress::publish

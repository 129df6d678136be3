// OutputFormat: one kind of document the site publishes (an HTML page, an
// RSS/Atom/JSON feed, a sitemap, robots.txt), described as data. The
// renderer loops over (page kind × format) instead of branching on feed
// types, so a new feed type is one row in BuiltinFormats() plus a template.
//
// Thread-safety: the table is immutable after first use; safe from any thread.
#ifndef WIREPRESS_PUBLISH_OUTPUT_FORMAT_H_
#define WIREPRESS_PUBLISH_OUTPUT_FORMAT_H_

#include <string>
#include <string_view>
#include <vector>

namespace wirepress::publish {

// How {{variables}} are escaped when the template is rendered.
enum class Escaping {
  kHtml,  // & < > " ' as entities; also valid for XML
  kJson,  // inside a JSON string literal: \" \\ \n \u003c ...
  kNone,  // plain text (robots.txt)
};

// Where a format applies.
enum class FormatScope {
  kListing,  // once per listing (home, section, tag, agency): "{dir}rss.xml"
  kSite,     // once per site: "/sitemap.xml"
};

struct OutputFormat {
  std::string name;          // "html", "rss", "atom", "jsonfeed", ...
  std::string media_type;    // Content-Type header value
  // URL path of the document. For kListing formats "{dir}" is the listing's
  // directory path ("/", "/world/", "/tag/syria/"); kSite formats are fixed.
  std::string path_pattern;
  std::string template_name;  // template file without ".mustache"
  bool is_html = false;       // a page people read (vs. a machine document)
  // Relation in <link rel=...> from HTML pages ("alternate" for feeds),
  // "" when HTML pages do not link to it.
  std::string rel;
  FormatScope scope = FormatScope::kListing;
  Escaping escaping = Escaping::kHtml;
};

// The built-in rows: html, rss, atom, jsonfeed, sitemap (index),
// news-sitemap, robots. Order is stable (html first).
const std::vector<OutputFormat>& BuiltinFormats();

// The row named `name`, or nullptr.
const OutputFormat* FindFormat(std::string_view name);

// The kListing row whose path pattern, with "{dir}" removed, equals the
// last segment of a listing URL ("rss.xml" → rss), or nullptr.
const OutputFormat* FindListingFormatByFile(std::string_view file_name);

// path_pattern with "{dir}" replaced by `dir` (REQUIRES: dir ends in '/').
std::string FormatPath(const OutputFormat& format, std::string_view dir);

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_OUTPUT_FORMAT_H_

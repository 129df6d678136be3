// SanitizeHtml: the allow-list every piece of agency or feed HTML passes
// through before it can reach a page.
//
// Kept: p, br, hr, headings (h1 becomes h2: the page owns h1), b/strong,
// i/em, u, s, sub, sup, small, mark, abbr, q, cite, blockquote, pre, code,
// ul/ol/li, dl/dt/dd, table parts, figure/figcaption, a[href,title],
// img[src,alt,title,width,height], td/th[colspan,rowspan], ol[start].
// Dropped with their content: script, style, iframe, frame, object, embed,
// applet, noscript, template, svg, math, form controls, link, meta, head,
// title, base. Anything else is unwrapped (its children kept).
// No attribute outside the allow-list survives (no on*, no style, no class).
// URLs must be http(s), mailto or relative; relative ones are resolved
// against base_url; javascript:, vbscript:, data: and anything else are
// removed, however they are disguised with entities, case or whitespace.
// Loose text and inline runs at the top level are wrapped in <p>.
//
// Thread-safety: pure function.
#ifndef WIREPRESS_FORMATS_HTML_SANITIZER_H_
#define WIREPRESS_FORMATS_HTML_SANITIZER_H_

#include <pugixml.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace wirepress::formats {

struct SanitizeOptions {
  // Base for relative href/src (xml:base, the feed URL). Empty: relative
  // URLs are kept relative.
  std::string base_url;
  // Add rel="nofollow noopener" to links (agency copy is not endorsed).
  bool nofollow_links = true;
};

std::string SanitizeHtml(std::string_view html, const SanitizeOptions& options = {});

// The children of each of `parents` (already parsed XHTML: a NewsML-G2
// <body>, NITF <body.content>), as one sequence, sanitized by the same
// rules as SanitizeHtml(InnerXml(parents[0]) + InnerXml(parents[1]) ...)
// but written straight from the tree, without serialising and re-parsing
// it. HTML entities that pugixml left in text (&nbsp;) are decoded once.
// Subtrees the tree walk cannot treat faithfully (CDATA holding HTML as
// text, names that do not survive losing their prefix, hostile nesting)
// take the serialise-and-sanitize path.
// REQUIRES: the parents' document was parsed from valid UTF-8 (XmlDocument's
// always are): the output's validity is then proved cheaply, see
// MayHoldInvalidUtf8FromReference.
std::string SanitizeXmlChildren(const std::vector<pugi::xml_node>& parents,
                                const SanitizeOptions& options = {});

// Resolves `ref` against `base` (RFC 3986, the common cases: absolute,
// scheme-relative "//", absolute path "/x", relative "x/y", "../"). Returns
// "" when the result is not http(s) or mailto.
std::string ResolveUrl(std::string_view base, std::string_view ref);

}  // namespace wirepress::formats

#endif  // WIREPRESS_FORMATS_HTML_SANITIZER_H_

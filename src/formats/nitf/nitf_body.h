// NitfBody: turns a NITF <body.content> into the HTML a story page shows,
// and collects the pictures the body carries.
//
// NITF mixes HTML-like markup (p, table, ul, pre, br) with its own tags.
// The mapping: <hl2> becomes <h2>; <media media-type="image"> becomes a
// <figure> with the picture, its <media-caption> and <media-producer>;
// <block>, <person>, <org>, <location>, <chron>, <money> and other inline
// NITF tags are unwrapped (their text kept). The result always passes
// through SanitizeHtml, so anything outside the allow-list (script, on*
// attributes, javascript: URLs) is removed whatever the agency sent.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_FORMATS_NITF_NITF_BODY_H_
#define WIREPRESS_FORMATS_NITF_NITF_BODY_H_

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/story.h"

namespace wirepress::formats::nitf {

struct NitfBody {
  std::string html;                      // sanitized; "" when the body is empty
  std::vector<model::Picture> pictures;  // images found in <media>, in order
};

// Converts `content` (a <body.content> element, or any element holding NITF
// body markup). Relative picture and link URLs are resolved against
// `base_url` when it is not empty. An empty node gives an empty NitfBody.
NitfBody ConvertBody(pugi::xml_node content, std::string_view base_url);

// One <media> element as a Picture; href is "" when the media is not an
// image or has no usable reference.
model::Picture ReadMedia(pugi::xml_node media, std::string_view base_url);

}  // namespace wirepress::formats::nitf

#endif  // WIREPRESS_FORMATS_NITF_NITF_BODY_H_

#include "formats/xml_reader.h"

#include <cstring>
#include <sstream>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/strings.h"
#include "formats/encoding.h"
#include "formats/text.h"

namespace wirepress::formats {
namespace {

// Entities are left as text (parse_escapes decodes only the five XML ones
// and numeric references); DOCTYPE is skipped, never interpreted.
constexpr unsigned kParseFlags =
    pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype;

bool IsTextNode(pugi::xml_node_type type) {
  return type == pugi::node_pcdata || type == pugi::node_cdata;
}

bool IsVoidHtml(std::string_view name) { return name == "br" || name == "hr" || name == "img"; }

void AppendText(pugi::xml_node node, std::string* out) {
  for (pugi::xml_node c = node.first_child(); !IsNull(c); c = c.next_sibling()) {
    pugi::xml_node_type type = c.type();
    if (IsTextNode(type)) {
      out->append(c.value());
    } else if (type == pugi::node_element) {
      // Block-level children are separated by a space so "<p>a</p><p>b</p>"
      // reads "a b", not "ab".
      out->push_back(' ');
      AppendText(c, out);
      out->push_back(' ');
    }
  }
}

// Whether `text` holds more than `limit` '<': a first bound for
// MoreStartTagsThan (below), at half its cost, for parts of a text.
bool MoreTagsThan(std::string_view text, int limit) {
  const size_t max_tags = static_cast<size_t>(limit);
  size_t tags = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes per step, without branches: each lane of `hits` counts
  // the '<' in its column (at most 255 steps), summed every 255 steps. A
  // byte-at-a-time loop cost as much as the walk it saves.
  const __m128i lt = _mm_set1_epi8('<');
  const __m128i zero = _mm_setzero_si128();
  while (i + 16 <= text.size()) {
    __m128i hits = zero;
    for (int step = 0; step < 255 && i + 16 <= text.size(); ++step, i += 16) {
      __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      hits = _mm_sub_epi8(hits, _mm_cmpeq_epi8(block, lt));
    }
    __m128i sums = _mm_sad_epu8(hits, zero);  // two 64-bit lanes
    tags += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
            static_cast<size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
    if (tags > max_tags) return true;
  }
#endif
  for (; i < text.size(); ++i) {
    tags += text[i] == '<';
  }
  return tags > max_tags;
}

// Whether `text` holds more than `limit` start tags, counted as '<' not
// followed by '/' (an end tag opens no node; a '<' last in `text` counts).
// Used to skip depth walks: a node more than `limit` levels below an
// element has more than `limit` elements above it (that element
// included), each opened by its own start tag (pugixml expands no
// entities, so no element exists without one in the text). Most wire
// documents have a few hundred '<', half of them end tags, and counting
// costs a fraction of walking the tree, a call into pugixml per step.
bool MoreStartTagsThan(std::string_view text, int limit) {
  const size_t max_tags = static_cast<size_t>(limit);
  size_t tags = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes per step, without branches: each lane of `hits` counts
  // the start tags in its column (at most 255 steps), summed every 255
  // steps. A byte-at-a-time loop cost as much as the walk it saves.
  const __m128i lt = _mm_set1_epi8('<');
  const __m128i slash = _mm_set1_epi8('/');
  const __m128i zero = _mm_setzero_si128();
  while (i + 17 <= text.size()) {
    __m128i hits = zero;
    for (int step = 0; step < 255 && i + 17 <= text.size(); ++step, i += 16) {
      const char* p = text.data() + i;
      __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
      hits = _mm_sub_epi8(hits, _mm_andnot_si128(_mm_cmpeq_epi8(next, slash),
                                                 _mm_cmpeq_epi8(block, lt)));
    }
    __m128i sums = _mm_sad_epu8(hits, zero);  // two 64-bit lanes
    tags += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
            static_cast<size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
    if (tags > max_tags) return true;
  }
#endif
  for (; i < text.size(); ++i) {
    tags += text[i] == '<' && (i + 1 == text.size() || text[i + 1] != '/');
  }
  return tags > max_tags;
}

void AppendEndTag(pugi::xml_node element, std::string* out) {
  out->append("</");
  out->append(LocalNameOf(element.name()));
  out->push_back('>');
}

// Writes one node; returns true when it is an element whose children come
// next (its end tag is written on the way back up).
bool AppendNodeMarkup(pugi::xml_node c, std::string* out) {
  switch (c.type()) {
    case pugi::node_pcdata:
      AppendHtmlEscaped(out, DecodeHtmlEntities(c.value()));
      return false;
    case pugi::node_cdata:
      out->append(c.value());  // CDATA in a body is HTML as text
      return false;
    case pugi::node_element:
      break;
    default:
      return false;
  }
  std::string_view name = LocalNameOf(c.name());
  out->push_back('<');
  out->append(name);
  for (pugi::xml_attribute a = c.first_attribute(); a; a = a.next_attribute()) {
    std::string_view an = a.name();
    if (StartsWith(an, "xmlns")) continue;
    out->push_back(' ');
    out->append(LocalNameOf(a.name()));
    out->append("=\"");
    AppendHtmlEscaped(out, a.value());
    out->push_back('"');
  }
  if (!c.first_child() && IsVoidHtml(name)) {
    out->append("/>");  // "<br></br>" would read as two breaks in HTML
    return false;
  }
  out->push_back('>');
  if (c.first_child()) return true;
  AppendEndTag(c, out);
  return false;
}

// Serialises without namespace prefixes and without xmlns attributes, so
// inline XHTML bodies come out as plain HTML for the sanitizer. Iterative:
// callers may hand in trees of any depth (the sanitizer flattens deep ones).
void AppendMarkup(pugi::xml_node root, std::string* out) {
  pugi::xml_node n = root.first_child();
  if (!n) return;
  for (;;) {
    if (AppendNodeMarkup(n, out)) {
      n = n.first_child();
      continue;
    }
    while (!n.next_sibling()) {
      n = n.parent();
      if (n == root) return;
      AppendEndTag(n, out);
    }
    n = n.next_sibling();
  }
}

}  // namespace

Result<std::unique_ptr<XmlDocument>> XmlDocument::Parse(std::string_view source,
                                                        std::string_view bytes,
                                                        std::vector<Diagnostic>* warnings) {
  std::unique_ptr<XmlDocument> doc(new XmlDocument());
  doc->source_ = std::string(source);
  // What DecodeToUtf8 would copy unchanged (no byte-order mark, valid
  // UTF-8) is read where it is, and pugixml gets one copy to parse in
  // place (load_buffer would make that copy itself, after DecodeToUtf8's).
  // The check, that copy and the count of '<' for the depth bound below
  // are one pass over the bytes.
  doc->buffer_ = std::make_unique_for_overwrite<char[]>(bytes.size() + 1);
  if (!HasByteOrderMark(bytes) && CopyValidUtf8(bytes, doc->buffer_.get(), '<', &doc->tags_)) {
    doc->text_ = bytes;
  } else {
    doc->decoded_ = DecodeToUtf8(bytes, XmlDeclaredEncoding(bytes)).text;
    // DecodeToUtf8 promises valid UTF-8, and the sanitizer's tree path
    // relies on the document being valid (SanitizeXmlChildren): should the
    // promise ever break, the text is mended here rather than passed on.
    doc->buffer_ = std::make_unique_for_overwrite<char[]>(doc->decoded_.size() + 1);
    if (!CopyValidUtf8(doc->decoded_, doc->buffer_.get(), '<', &doc->tags_)) {
      doc->decoded_ = SanitizeUtf8(doc->decoded_);
      doc->buffer_ = std::make_unique_for_overwrite<char[]>(doc->decoded_.size() + 1);
      CopyValidUtf8(doc->decoded_, doc->buffer_.get(), '<', &doc->tags_);
    }
    doc->text_ = doc->decoded_;
  }
  // With the NUL that load_buffer appends to its own copy, so pugixml sees
  // exactly the same buffer (and reports the same error offsets).
  doc->buffer_[doc->text_.size()] = '\0';
  pugi::xml_parse_result r = doc->doc_.load_buffer_inplace(
      doc->buffer_.get(), doc->text_.size() + 1, kParseFlags, pugi::encoding_utf8);
  // No node lies deeper than the text has '<', nor than it has start tags
  // (see MoreStartTagsThan), counted only when the first bound fails.
  if (pugi::xml_node deep = doc->tags_ > static_cast<size_t>(kMaxXmlDepth) &&
                                    MoreStartTagsThan(doc->text_, kMaxXmlDepth)
                                ? NodeNestedDeeperThan(doc->root(), kMaxXmlDepth,
                                                       NestingCount::kAllNodes)
                                : pugi::xml_node()) {
    return ToStatus(doc->At(deep, "elements nested more than " + std::to_string(kMaxXmlDepth) +
                                      " levels deep; refusing the document"));
  }
  if (r) return doc;
  Diagnostic d = DiagnosticAt(source, doc->text_, static_cast<size_t>(r.offset),
                              std::string("XML error: ") + r.description());
  if (!doc->root()) return ToStatus(d);
  d.message += " (recovered what was parsed before it)";
  if (warnings) warnings->push_back(std::move(d));
  return doc;
}

Diagnostic XmlDocument::At(pugi::xml_node node, std::string message) const {
  ptrdiff_t off = node ? node.offset_debug() : -1;
  if (off < 0) return Diagnostic{source_, 0, 0, std::move(message), {}};
  return DiagnosticAt(source_, text_, static_cast<size_t>(off), std::move(message));
}

bool XmlDocument::SubtreeCouldNestDeeperThan(pugi::xml_node node, int limit) const {
  ptrdiff_t start = node.offset_debug();
  // The subtree ends where the next node in document order starts.
  pugi::xml_node up = node;
  while (up && !up.next_sibling()) up = up.parent();
  pugi::xml_node next = up ? up.next_sibling() : pugi::xml_node();
  ptrdiff_t end = next ? next.offset_debug() : static_cast<ptrdiff_t>(text_.size());
  if (start < 0 || end < start || static_cast<size_t>(end) > text_.size()) return true;
  // A subtree holds no more '<' than the whole text, counted by Parse.
  if (tags_ <= static_cast<size_t>(limit)) return false;
  std::string_view text =
      std::string_view(text_).substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
  return MoreTagsThan(text, limit) && MoreStartTagsThan(text, limit);
}

pugi::xml_node NodeNestedDeeperThan(pugi::xml_node root, int limit, NestingCount count) {
  int depth = 0;
  pugi::xml_node n = root;
  for (;;) {
    if (pugi::xml_node child = n.first_child()) {
      n = child;
      ++depth;
    } else {
      while (n != root && !n.next_sibling()) {
        n = n.parent();
        --depth;
      }
      if (n == root) return {};
      n = n.next_sibling();
    }
    if (depth > limit && (count == NestingCount::kAllNodes || n.type() == pugi::node_element)) {
      return n;
    }
  }
}

std::string_view LocalName(std::string_view qname) {
  size_t colon = qname.rfind(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

std::string_view LocalName(pugi::xml_node node) { return LocalNameOf(node.name()); }

// Child and Attr test a node or attribute once per step, not twice: an
// empty node's type() is node_null, and an empty attribute's name() is ""
// (a parsed attribute always has a name; one without, which only the
// pugixml API could make, is checked for the end of the list). Each
// accessor is a call into the static library.
pugi::xml_node Child(pugi::xml_node parent, std::string_view local_name) {
  if (IsNull(parent)) return {};
  for (pugi::xml_node c = parent.first_child();; c = c.next_sibling()) {
    pugi::xml_node_type type = c.type();
    if (type == pugi::node_null) return {};
    if (type == pugi::node_element && LocalNameIs(c.name(), local_name)) return c;
  }
}

ChildIndex::ChildIndex(pugi::xml_node parent) : parent_(parent) {
  if (!parent.first_child()) return;
  entries_.reserve(16);  // one allocation for most parents
  for (pugi::xml_node c = parent.first_child(); !IsNull(c); c = c.next_sibling()) {
    if (c.type() == pugi::node_element) entries_.push_back({LocalNameOf(c.name()), c});
  }
}

namespace {

// Whether `attr` declares the namespace of `prefix` ("xmlns:prefix"), or
// the default namespace ("xmlns") when there is no prefix.
bool DeclaresPrefix(std::string_view attr, bool has_prefix, std::string_view prefix) {
  if (!has_prefix) return attr == "xmlns";
  return attr.size() == prefix.size() + 6 && StartsWith(attr, "xmlns:") &&
         attr.substr(6) == prefix;
}

bool FindDeclaration(pugi::xml_node n, bool has_prefix, std::string_view prefix,
                     std::string_view* uri) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (DeclaresPrefix(a.name(), has_prefix, prefix)) {
      *uri = a.value();
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view ChildIndex::NamespaceOf(const Entry& e) const {
  std::string_view qname = e.node.name();
  size_t colon = qname.find(':');
  bool has_prefix = colon != std::string_view::npos;
  std::string_view prefix = has_prefix ? qname.substr(0, colon) : std::string_view();
  std::string_view uri;
  if (FindDeclaration(e.node, has_prefix, prefix, &uri)) return uri;
  for (const ScopeEntry& s : scope_) {
    if (s.has_prefix == has_prefix && s.prefix == prefix) return s.uri;
  }
  for (pugi::xml_node n = parent_; n; n = n.parent()) {
    if (FindDeclaration(n, has_prefix, prefix, &uri)) break;
  }
  scope_.push_back({has_prefix, prefix, uri});
  return uri;
}

std::vector<pugi::xml_node> Children(pugi::xml_node parent, std::string_view local_name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = parent.first_child(); !IsNull(c); c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalNameOf(c.name()) == local_name) out.push_back(c);
  }
  return out;
}

pugi::xml_node Descendant(pugi::xml_node node, std::string_view local_name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (LocalNameOf(c.name()) == local_name) return c;
    if (pugi::xml_node d = Descendant(c, local_name)) return d;
  }
  return {};
}

pugi::xml_node Path(pugi::xml_node node, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    node = Child(node, n);
    if (!node) return {};
  }
  return node;
}

std::string_view Attr(pugi::xml_node node, std::string_view local_name) {
  if (IsNull(node)) return {};
  for (pugi::xml_attribute a = node.first_attribute();; a = a.next_attribute()) {
    const char* name = a.name();
    if (*name == '\0') {
      if (!a) return {};
      continue;
    }
    if (LocalNameIs(name, local_name)) return a.value();
  }
}

std::string Text(pugi::xml_node node) {
  // Most fields are one text node: read it in place, with no copy for the
  // concatenation and none for entity decoding when there is no '&'.
  if (IsNull(node)) return {};  // an absent field
  std::string_view text;
  std::string raw;
  if (IsTextNode(node.type())) {
    text = node.value();
  } else if (pugi::xml_node only = node.first_child(); IsNull(only)) {
    return {};  // most often an empty element
  } else if (IsNull(only.next_sibling()) && IsTextNode(only.type())) {
    text = only.value();
  } else {
    AppendText(node, &raw);
    text = raw;
  }
  if (text.find('&') == std::string_view::npos) return CollapseWhitespace(text);
  return CollapseWhitespace(DecodeHtmlEntities(text));
}

std::string InnerXml(pugi::xml_node node) {
  std::string out;
  AppendMarkup(node, &out);
  return out;
}

}  // namespace wirepress::formats

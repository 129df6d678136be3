// XmlDocument: the shared XML reader every XML adapter uses (NewsML-G2,
// NewsML 1.2, NITF, RSS/Atom, ...), built on pugixml.
//
// Why pugixml: it is the fastest DOM parser packaged in Debian, and it never
// expands DTD entities or fetches external ones, so XXE and "billion laughs"
// cannot happen by construction. The reader first decodes the bytes to
// UTF-8 (formats/encoding.h) and keeps that text, so node offsets map back
// to line:column for diagnostics.
//
// Lifetime: when the bytes are already UTF-8 the document reads them in
// place for diagnostics instead of keeping a copy, so `bytes` must outlive
// the XmlDocument (every adapter parses and reads the document inside one
// Parse call).
//
// Namespaces: agencies use prefixes inconsistently (nitf:, ns0:, default
// namespace), so adapters match elements by local name (the part after ':').
//
// Ill-formed XML: pugixml keeps the tree parsed before the error; Parse
// returns it with a warning when the root element was read, and an error
// (source:line:col with caret) when nothing usable was.
//
// Thread-safety: an XmlDocument is not shared; the free functions are pure.
#ifndef WIREPRESS_FORMATS_XML_READER_H_
#define WIREPRESS_FORMATS_XML_READER_H_

#include <pugixml.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "formats/diagnostic.h"

namespace wirepress::formats {

// Deeper than any real wire document. Deeper input is refused by Parse
// before any recursive walk (Text, InnerXml, Descendant) could exhaust the
// stack.
inline constexpr int kMaxXmlDepth = 512;

class XmlDocument {
 public:
  // Decodes and parses. Recoverable problems are appended to *warnings.
  // `bytes` must outlive the returned document (see Lifetime above).
  static Result<std::unique_ptr<XmlDocument>> Parse(std::string_view source,
                                                    std::string_view bytes,
                                                    std::vector<Diagnostic>* warnings);

  // Neither copied nor moved: doc_ and text_ point into this object's own
  // strings, whose short contents would move with them.
  XmlDocument(const XmlDocument&) = delete;
  XmlDocument& operator=(const XmlDocument&) = delete;

  // The document element (e.g. <newsMessage>).
  pugi::xml_node root() const { return doc_.document_element(); }
  // The UTF-8 text that was parsed (offsets of nodes point into it).
  std::string_view text() const { return text_; }
  std::string_view source() const { return source_; }

  // A diagnostic pointing at `node` in the source text.
  Diagnostic At(pugi::xml_node node, std::string message) const;

  // False when the elements below `node` cannot nest more than `limit`
  // deep, because its source text holds at most `limit` start tags ('<'
  // not followed by '/': each element needs its own); true when they
  // might, or when the node's extent in the text is unknown. Lets callers
  // skip a NodeNestedDeeperThan walk.
  bool SubtreeCouldNestDeeperThan(pugi::xml_node node, int limit) const;

 private:
  XmlDocument() = default;
  std::string source_;
  // The UTF-8 text as it was before parsing: the caller's bytes when they
  // were UTF-8 already, else `decoded_`. pugixml rewrites its buffer while
  // parsing (NULs over delimiters, entities decoded), so diagnostics and
  // the '<' counts read this instead.
  std::string_view text_;
  // How many '<' text_ holds: no subtree holds more.
  size_t tags_ = 0;
  std::string decoded_;
  // The copy pugixml parses in place, text_ and a NUL (declared before
  // doc_, which points into it, so it is destroyed after). Not a string:
  // it is written once, by the pass that validates the text.
  std::unique_ptr<char[]> buffer_;
  pugi::xml_document doc_;
};

// Whether `node` is null (no node), without a call into pugixml, whose
// operator bool and operator! are out of line (Debian ships a static
// library) like every accessor. An xml_node is a handle holding one
// pointer, `_root`, which pugixml.hpp declares protected so that classes
// built on xml_node (xml_document is one) can read it; NullTest is such a
// class and reads nothing else.
class NullTest : public pugi::xml_node {
 public:
  explicit NullTest(pugi::xml_node node) : pugi::xml_node(node) {}
  bool null() const { return _root == nullptr; }
};
inline bool IsNull(pugi::xml_node node) { return NullTest(node).null(); }

// "nitf:body" → "body", for the NUL-terminated names pugixml returns: one
// pass over the name, no strlen and no backwards search (on names this
// short, ~10 bytes, a byte loop beat glibc's strlen + memrchr). Inline:
// adapters call it for every element and attribute they look at.
inline std::string_view LocalNameOf(const char* qname) {
  const char* local = qname;
  const char* p = qname;
  for (;; ++p) {
    // Name characters sort above ':' but for digits, '-' and '.', so one
    // compare passes most bytes; the few at or below it are then told
    // apart (the NUL ends the name, a ':' starts the local part anew).
    unsigned char c = static_cast<unsigned char>(*p);
    if (c > ':') continue;
    if (c == '\0') break;
    if (c == ':') local = p + 1;
  }
  return std::string_view(local, static_cast<size_t>(p - local));
}
// Whether the local part of `qname` (after its last ':') is `local`, which
// holds no ':'. Compares in place, so that a name that differs (most of
// them, in their first byte) is only scanned on for a ':'.
inline bool LocalNameIs(const char* qname, std::string_view local) {
  for (const char* p = qname;;) {
    size_t k = 0;
    while (k < local.size() && p[k] == local[k]) ++k;
    if (k == local.size() && p[k] == '\0') return true;
    // p[0, k) matched part of `local`, so it holds no ':'.
    p += k;
    // To the next ':' or the end, one compare per byte (see LocalNameOf).
    while (static_cast<unsigned char>(*p) > ':' || (*p != '\0' && *p != ':')) ++p;
    if (*p == '\0') return false;
    ++p;
  }
}
std::string_view LocalName(pugi::xml_node node);
std::string_view LocalName(std::string_view qname);
// First child element with this local name, or an empty node.
pugi::xml_node Child(pugi::xml_node parent, std::string_view local_name);
// All child elements with this local name.
std::vector<pugi::xml_node> Children(pugi::xml_node parent, std::string_view local_name);
// First descendant element (depth-first) with this local name.
pugi::xml_node Descendant(pugi::xml_node node, std::string_view local_name);
// The element children of one parent with their local names, read once.
// Adapters that look up many fields under the same parent (NewsML-G2's
// itemMeta and contentMeta) scan this instead of walking the tree, a call
// into pugixml per step, once per field. Iterates in document order.
class ChildIndex {
 public:
  struct Entry {
    std::string_view local_name;
    pugi::xml_node node;
  };
  ChildIndex() = default;
  explicit ChildIndex(pugi::xml_node parent);

  pugi::xml_node parent() const { return parent_; }
  // First child element with this local name, or an empty node.
  pugi::xml_node First(std::string_view local_name) const {
    for (const Entry& e : entries_) {
      if (e.local_name == local_name) return e.node;
    }
    return {};
  }
  std::vector<Entry>::const_iterator begin() const { return entries_.begin(); }
  std::vector<Entry>::const_iterator end() const { return entries_.end(); }

  // The namespace URI of the entry's prefix (or of the default namespace
  // when it has none): the entry's own xmlns attribute, else the nearest
  // declaration above the parent; "" when undeclared. The part above the
  // parent is the same for every child, so it is looked up once per prefix
  // (feeds ask for the namespace of ~10 fields per item, and each walk to
  // the root compared every xmlns attribute there).
  std::string_view NamespaceOf(const Entry& e) const;

 private:
  struct ScopeEntry {
    bool has_prefix;
    std::string_view prefix;
    std::string_view uri;
  };
  pugi::xml_node parent_;
  std::vector<Entry> entries_;
  mutable std::vector<ScopeEntry> scope_;  // prefixes resolved above parent_
};

// Follows a path of local names: Path(item, {"contentMeta", "headline"}).
pugi::xml_node Path(pugi::xml_node node, std::initializer_list<std::string_view> names);
// Attribute by local name ("xml:lang" matches "lang"); "" when absent.
std::string_view Attr(pugi::xml_node node, std::string_view local_name);
// All descendant text, whitespace collapsed and trimmed, HTML entities
// that pugixml left undecoded (&nbsp; &mdash; ...) decoded.
std::string Text(pugi::xml_node node);
// Which nodes NodeNestedDeeperThan counts: every node (a text node inside
// the deepest element is one more level), or elements only.
enum class NestingCount { kAllNodes, kElementsOnly };

// The first node below `root`, in document order, that lies more than
// `limit` levels below it (root's children are level 1), counting only the
// nodes `count` selects; an empty node when there is none. Iterative, so
// the check itself cannot exhaust the stack on hostile input.
pugi::xml_node NodeNestedDeeperThan(pugi::xml_node root, int limit, NestingCount count);

// The node's children serialised as XML/XHTML (the inner markup), for
// bodies carried as inline XHTML; tag prefixes are dropped.
std::string InnerXml(pugi::xml_node node);

}  // namespace wirepress::formats

#endif  // WIREPRESS_FORMATS_XML_READER_H_

#include "formats/newsml_1/newsml_1_parser.h"

#include <algorithm>
#include <map>

#include "base/strings.h"
#include "formats/newsml_1/news_component.h"
#include "formats/newsml_1/newsml_1_lines.h"
#include "formats/xml_reader.h"
#include "formats/xml_sniff.h"

namespace wirepress::formats::newsml_1 {
namespace {

using model::Signal;

struct ItemContext {
  const XmlDocument& doc;
  pugi::xml_node envelope;  // NewsEnvelope; may be empty
  pugi::xml_node item;      // NewsItem
  const Input& input;
  std::vector<Diagnostic>* warnings;
};

// "urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86:1" (ProviderId, DateId,
// NewsItemId, RevisionId with an optional update status letter) without
// its revision; "" when `public_id` is not of that form.
std::string_view WithoutRevision(std::string_view public_id) {
  if (!StartsWithIgnoreCase(public_id, "urn:newsml:")) return {};
  if (std::count(public_id.begin(), public_id.end(), ':') < 5) return {};
  return public_id.substr(0, public_id.rfind(':'));
}

// The PublicIdentifier is the guid (what the corpus and `wirepress parse`
// show), but it ends in the RevisionId: every revision has another one. The
// story's key is what the revisions share, ProviderId:DateId:NewsItemId.
void ParseIdentification(pugi::xml_node item, model::Story* s) {
  pugi::xml_node id = Path(item, {"Identification", "NewsIdentifier"});
  std::string versionless;
  if (Child(id, "NewsItemId")) {
    versionless = "urn:newsml:" + Text(Child(id, "ProviderId")) + ":" + Text(Child(id, "DateId")) +
                  ":" + Text(Child(id, "NewsItemId"));
  }
  s->uri = Text(Child(id, "PublicIdentifier"));
  if (versionless.empty()) versionless = std::string(WithoutRevision(s->uri));
  if (s->uri.empty()) s->uri = versionless;
  if (versionless != s->uri) s->key = versionless;
  pugi::xml_node revision = Child(id, "RevisionId");
  s->version = Text(revision);
  std::string_view previous = Trim(Attr(revision, "PreviousRevision"));
  if (!previous.empty() && previous != "0") s->signals = s->signals | Signal::kUpdate;
}

std::optional<Timestamp> ReadTime(const ItemContext& c, pugi::xml_node node) {
  std::string text = Text(node);
  if (text.empty()) return std::nullopt;
  bool had_zone = false;
  std::optional<Timestamp> t = ParseIso8601(text, &had_zone);
  if (!t) {
    c.warnings->push_back(c.doc.At(
        node, "unknown date form in <" + std::string(LocalName(node)) + ">" + text + "<; ignored"));
  } else if (!had_zone) {
    c.warnings->push_back(c.doc.At(
        node, "<" + std::string(LocalName(node)) + ">" + text + " has no time zone; taken as UTC"));
  }
  return t;
}

int ReadUrgency(pugi::xml_node node) {
  int v = 0;
  return ParseInt(Trim(Attr(node, "FormalName")), &v) && v >= 1 && v <= 9 ? v : 0;
}

void ParseManagement(const ItemContext& c, model::Story* s) {
  pugi::xml_node m = Child(c.item, "NewsManagement");
  s->firstcreated = ReadTime(c, Child(m, "FirstCreated"));
  s->versioncreated = ReadTime(c, Child(m, "ThisRevisionCreated"));
  if (!s->firstcreated) s->firstcreated = s->versioncreated;
  if (!s->versioncreated) s->versioncreated = s->firstcreated;
  if (auto p = model::ParsePubStatus(Trim(Attr(Child(m, "Status"), "FormalName")))) {
    s->pubstatus = *p;
  }
  if (s->pubstatus == model::PubStatus::kCanceled) s->signals = s->signals | Signal::kKill;
  s->urgency = ReadUrgency(Child(m, "Urgency"));
  if (s->urgency == 0) s->urgency = ReadUrgency(Child(c.envelope, "Priority"));
  for (pugi::xml_node instruction : Children(m, "Instruction")) {
    s->signals = s->signals | InstructionSignal(Attr(instruction, "FormalName"));
  }
}

// Subject names from a TopicSet (ANA-MPA): code → English name.
std::map<std::string, std::string> TopicNames(pugi::xml_node item) {
  std::map<std::string, std::string> names;
  for (pugi::xml_node set : Children(Child(item, "NewsComponent"), "TopicSet")) {
    for (pugi::xml_node topic : Children(set, "Topic")) {
      std::string code = Text(Child(topic, "FormalName"));
      for (pugi::xml_node d : Children(topic, "Description")) {
        if (Attr(d, "Variant") == "Name" && StartsWith(Attr(d, "lang"), "en")) {
          names.emplace(code, Text(d));
        }
      }
    }
  }
  return names;
}

void ParseSubjects(pugi::xml_node item, pugi::xml_node meta, model::Story* s) {
  std::map<std::string, std::string> names = TopicNames(item);
  for (pugi::xml_node code : Children(meta, "SubjectCode")) {
    for (pugi::xml_node e = code.first_child(); e; e = e.next_sibling()) {
      std::string formal(Trim(Attr(e, "FormalName")));
      if (e.type() != pugi::node_element || formal.empty()) continue;
      std::string scheme(Trim(Attr(e, "Scheme")));
      auto name = names.find(formal);
      s->subjects.push_back(model::Subject{formal, name == names.end() ? "" : name->second,
                                           scheme.empty() ? "subj" : scheme});
    }
  }
}

void ParseDescriptive(const ItemContext& c, const ComponentTree& tree, model::Story* s) {
  pugi::xml_node lang_meta = FirstMetadataWith(tree, "Language");
  s->language = std::string(Trim(Attr(Child(lang_meta, "Language"), "FormalName")));
  if (s->language.empty()) s->language = std::string(Trim(Attr(c.item, "lang")));
  ParseSubjects(c.item, FirstMetadataWith(tree, "SubjectCode"), s);
  pugi::xml_node meta =
      tree.text.empty() ? pugi::xml_node() : Child(tree.text.front(), "DescriptiveMetadata");
  ReadPlace(meta, s);
  for (pugi::xml_node p : Children(meta, "Property")) {
    if (EqualsIgnoreCase(Attr(p, "FormalName"), "Keyword")) {
      s->keywords.push_back(CollapseWhitespace(Attr(p, "Value")));
    }
  }
}

void ParseAgency(const ItemContext& c, const ComponentTree& tree, model::Story* s) {
  for (pugi::xml_node comp : tree.text) {
    pugi::xml_node party = Path(comp, {"AdministrativeMetadata", "Provider", "Party"});
    if (!Trim(Attr(party, "FormalName")).empty()) {
      s->agency = std::string(Trim(Attr(party, "FormalName")));
      return;
    }
  }
  s->agency = std::string(Trim(Attr(Path(c.envelope, {"SentFrom", "Party"}), "FormalName")));
  if (s->agency.empty()) s->agency = FirstNewsLine(tree, "CreditLine");
  if (s->agency.empty()) {
    s->agency = Text(Path(c.item, {"Identification", "NewsIdentifier", "ProviderId"}));
  }
}

model::Story ParseItem(const ItemContext& c) {
  model::Story s;
  s.source = std::string(c.input.source);
  s.format = "newsml-1.2";
  ParseIdentification(c.item, &s);
  ParseManagement(c, &s);
  ComponentTree tree = CollectComponents(c.item);
  ParseNewsLines(tree, &s);
  if (s.slugline.empty()) s.slugline = Text(Path(c.item, {"Identification", "NameLabel"}));
  ParseDescriptive(c, tree, &s);
  ParseAgency(c, tree, &s);
  s.body_html = ReadBody(tree, c.input.base_url);
  s.pictures = ReadPictures(tree, c.input.base_url);
  return s;
}

std::vector<pugi::xml_node> NewsItems(pugi::xml_node root) {
  if (LocalName(root) == "NewsItem") return {root};
  return Children(root, "NewsItem");
}

class Newsml1Parser : public FeedParser {
 public:
  std::string_view name() const override { return "newsml-1.2"; }

  std::string VersionKeyForGuid(std::string_view guid) const override {
    return std::string(WithoutRevision(Trim(guid)));
  }

  Confidence Sniff(std::string_view bytes) const override {
    std::string_view root = RootElementName(bytes);
    if (root == "NewsML") return Confidence::kCertain;
    if (root == "NewsItem") return Confidence::kLikely;
    return Confidence::kNo;
  }

  Result<ParseResult> Parse(const Input& input) const override {
    WP_RETURN_IF_ERROR(
        CheckInputSize(input.source, input.bytes.size(), kMaxNewsml1Bytes, "a NewsML message"));
    ParseResult result;
    WP_ASSIGN_OR_RETURN(std::unique_ptr<XmlDocument> doc,
                        XmlDocument::Parse(input.source, input.bytes, &result.warnings));
    pugi::xml_node root = doc->root();
    if (LocalName(root) != "NewsML" && LocalName(root) != "NewsItem") {
      return ToStatus(doc->At(root, "root element <" + std::string(root.name()) +
                                        "> is not <NewsML>: not a NewsML 1 document"));
    }
    WP_RETURN_IF_ERROR(ParseItems(*doc, input, &result));
    return result;
  }

 private:
  // Every usable item becomes a story; unusable ones are warnings unless
  // none is usable, in which case the first problem is the error.
  static Status ParseItems(const XmlDocument& doc, const Input& input, ParseResult* result) {
    std::vector<pugi::xml_node> items = NewsItems(doc.root());
    if (items.empty()) {
      return ToStatus(doc.At(doc.root(), "NewsML message has no <NewsItem>"));
    }
    pugi::xml_node envelope = Child(doc.root(), "NewsEnvelope");
    std::vector<Diagnostic> unusable;
    for (pugi::xml_node item : items) {
      model::Story story = ParseItem({doc, envelope, item, input, &result->warnings});
      if (story.headline.empty() && story.body_html.empty()) {
        unusable.push_back(doc.At(item,
                                  "NewsML item has no headline (<HeadLine>) and no body "
                                  "(<ContentItem>/<DataContent>)"));
      } else {
        result->stories.push_back(std::move(story));
      }
    }
    if (result->stories.empty()) return ToStatus(unusable.front());
    for (Diagnostic& d : unusable) {
      d.message = "skipped: " + d.message;
      result->warnings.push_back(std::move(d));
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<FeedParser> NewNewsml1Parser() { return std::make_unique<Newsml1Parser>(); }

}  // namespace wirepress::formats::newsml_1

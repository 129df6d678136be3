#include "formats/ritzau/ritzau_parser.h"

#include "base/strings.h"
#include "formats/html_sanitizer.h"
#include "formats/ritzau/copenhagen_time.h"
#include "formats/text.h"
#include "formats/xml_reader.h"
#include "formats/xml_sniff.h"

namespace wirepress::formats::ritzau {
namespace {

using model::Signal;

// Entities Ritzau's feed escapes twice ("&amp;apos;" inside the already
// escaped content); undone before the HTML is parsed.
constexpr std::string_view kTwiceEscaped[] = {"apos;", "quot;", "amp;", "lt;", "gt;", "nbsp;"};

std::string UndoDoubleEscaping(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    if (StartsWith(html.substr(i), "&amp;")) {
      std::string_view rest = html.substr(i + 5);
      bool twice = false;
      for (std::string_view e : kTwiceEscaped) twice = twice || StartsWith(rest, e);
      if (twice) {
        out.push_back('&');
        i += 5;
        continue;
      }
    }
    out.push_back(html[i++]);
  }
  return out;
}

// Element text with the entities Ritzau leaves over after its double
// escaping: "Spire&amp;apos;s" reads "Spire&apos;s" once unescaped, and
// &apos; is not an HTML 4 entity.
std::string ItemText(pugi::xml_node node) {
  std::string text = Text(node);
  for (size_t p = text.find("&apos;"); p != std::string::npos; p = text.find("&apos;", p)) {
    text.replace(p, 6, "'");
  }
  return text;
}

// The sanitizer keeps empty paragraphs; Ritzau's content opens with one.
void RemoveEmptyParagraphs(std::string* html) {
  for (size_t p = html->find("<p></p>"); p != std::string::npos; p = html->find("<p></p>", p)) {
    html->erase(p, 7);
  }
}

bool IsTrue(pugi::xml_node node) { return EqualsIgnoreCase(Text(node), "true"); }

struct ItemContext {
  const XmlDocument& doc;
  pugi::xml_node item;  // RBNews
  const Input& input;
  std::vector<Diagnostic>* warnings;
};

void ParseTimes(const ItemContext& c, model::Story* s) {
  pugi::xml_node node = Child(c.item, "PublishDate");
  std::string text = Text(node);
  if (text.empty()) return;
  bool had_zone = false;
  std::optional<Timestamp> t = ParseIso8601(text, &had_zone);
  if (!t) {
    c.warnings->push_back(
        c.doc.At(node, "unknown date form in <PublishDate>" + text + "</PublishDate>; ignored"));
    return;
  }
  s->firstcreated = had_zone ? *t : CopenhagenToUtc(*t);
  s->versioncreated = s->firstcreated;
}

void ParseTexts(pugi::xml_node item, model::Story* s) {
  s->headline = ItemText(Child(item, "headline"));
  s->description_text = ItemText(Child(item, "subtitle"));
  s->slugline = ItemText(Child(item, "strapline"));
  // Ritzau signs its copy with the origin ("/ritzau/", "Via Ritzau"); the
  // reporter's name (byLine) is used when there is none.
  s->byline = ItemText(Child(item, "origin"));
  if (s->byline.empty()) s->byline = ItemText(Child(item, "byLine"));
  s->dateline.place = ItemText(Child(item, "town"));
  s->dateline.agency = "Ritzau";
  s->located = s->dateline.place;
  s->agency = "Ritzau";
  s->language = "da";
}

void ParseIdentity(pugi::xml_node item, model::Story* s) {
  s->uri = Text(Child(item, "NewsID"));
  s->version = Text(Child(item, "version"));
  int priority = 0;
  if (ParseInt(Text(Child(item, "Priority")), &priority) && priority >= 1 && priority <= 9) {
    s->urgency = priority;
  }
  if (IsTrue(Child(item, "Annuleret"))) {
    s->pubstatus = model::PubStatus::kCanceled;
    s->signals = s->signals | Signal::kKill;
  }
  if (IsTrue(Child(item, "NyVersion"))) s->signals = s->signals | Signal::kUpdate;
  if (IsTrue(Child(item, "Korrektion"))) s->signals = s->signals | Signal::kCorrection;
}

void ParseSubjects(pugi::xml_node item, model::Story* s) {
  for (pugi::xml_node code = Child(item, "IPTCList").first_child(); code;
       code = code.next_sibling()) {
    std::string text = Text(code);
    if (code.type() == pugi::node_element && !text.empty()) {
      s->subjects.push_back(model::Subject{text, "", "subj"});
    }
  }
  std::string section_id = Text(Child(item, "sectionID"));
  if (!section_id.empty()) {
    s->subjects.push_back(
        model::Subject{section_id, Text(Child(item, "section")), "ritzau:section"});
  }
  for (pugi::xml_node k = Child(item, "SubjectKeyword").first_child(); k; k = k.next_sibling()) {
    if (k.type() == pugi::node_element && !Text(k).empty()) s->keywords.push_back(Text(k));
  }
}

void ParseBody(const ItemContext& c, model::Story* s) {
  // <content> is HTML escaped as text; pugixml has unescaped it once.
  std::string html = UndoDoubleEscaping(Child(c.item, "content").child_value());
  SanitizeOptions options;
  options.base_url = std::string(c.input.base_url);
  std::string clean = SanitizeHtml(html, options);
  RemoveEmptyParagraphs(&clean);
  if (!Trim(HtmlToText(clean)).empty()) s->body_html = std::move(clean);
}

model::Story ParseItem(const ItemContext& c) {
  model::Story s;
  s.source = std::string(c.input.source);
  s.format = "ritzau-xml";
  ParseIdentity(c.item, &s);
  ParseTimes(c, &s);
  ParseTexts(c.item, &s);
  ParseSubjects(c.item, &s);
  ParseBody(c, &s);
  return s;
}

// The RBNews items of a document, or an error for a feed page that
// reports one.
Result<std::vector<pugi::xml_node>> Items(const XmlDocument& doc) {
  pugi::xml_node root = doc.root();
  if (LocalName(root) == "RBNews") return std::vector<pugi::xml_node>{root};
  pugi::xml_node result = Child(root, "XMLNewsQueuedResult");
  pugi::xml_node error = Child(result, "error");
  if (error && Text(error) != "0") {
    return ToStatus(doc.At(error, "Ritzau feed reports error " + Text(error) + ": " +
                                      Text(Child(result, "errormsg"))));
  }
  pugi::xml_node list = Child(result, "ListOfRBNews");
  if (!list) return ToStatus(doc.At(root, "Ritzau feed page has no <ListOfRBNews>"));
  return Children(list, "RBNews");
}

// On a feed page an unusable item is skipped with a warning; a page where
// no item is usable (or a single item that is not) is an error.
Status ParseItems(const XmlDocument& doc, const Input& input, ParseResult* result) {
  WP_ASSIGN_OR_RETURN(std::vector<pugi::xml_node> items, Items(doc));
  std::vector<Diagnostic> unusable;
  for (pugi::xml_node item : items) {
    model::Story story = ParseItem({doc, item, input, &result->warnings});
    if (story.headline.empty() && story.body_html.empty()) {
      unusable.push_back(
          doc.At(item, "Ritzau item has no headline (<headline>) and no body (<content>)"));
    } else {
      result->stories.push_back(std::move(story));
    }
  }
  if (result->stories.empty() && !unusable.empty()) return ToStatus(unusable.front());
  for (Diagnostic& d : unusable) {
    d.message = "skipped: " + d.message;
    result->warnings.push_back(std::move(d));
  }
  return Status::Ok();
}

class RitzauParser : public FeedParser {
 public:
  std::string_view name() const override { return "ritzau-xml"; }

  Confidence Sniff(std::string_view bytes) const override {
    std::string_view root = RootElementName(bytes);
    bool ours = root == "RBNews" || root == "XMLNewsQueuedResponse";
    return ours ? Confidence::kCertain : Confidence::kNo;
  }

  Result<ParseResult> Parse(const Input& input) const override {
    WP_RETURN_IF_ERROR(
        CheckInputSize(input.source, input.bytes.size(), kMaxRitzauBytes, "a Ritzau document"));
    ParseResult result;
    WP_ASSIGN_OR_RETURN(std::unique_ptr<XmlDocument> doc,
                        XmlDocument::Parse(input.source, input.bytes, &result.warnings));
    std::string_view root = LocalName(doc->root());
    if (root != "RBNews" && root != "XMLNewsQueuedResponse") {
      return ToStatus(doc->At(doc->root(), "root element <" + std::string(doc->root().name()) +
                                               "> is not <RBNews> or <XMLNewsQueuedResponse>: "
                                               "not a Ritzau document"));
    }
    WP_RETURN_IF_ERROR(ParseItems(*doc, input, &result));
    return result;
  }
};

}  // namespace

std::unique_ptr<FeedParser> NewRitzauParser() { return std::make_unique<RitzauParser>(); }

}  // namespace wirepress::formats::ritzau

#include "formats/nitf/nitf_parser.h"

#include "base/strings.h"
#include "formats/nitf/nitf_body.h"
#include "formats/nitf/nitf_docdata.h"
#include "formats/xml_reader.h"
#include "formats/xml_sniff.h"

namespace wirepress::formats::nitf {
namespace {

std::string ParseHeadline(pugi::xml_node root, const model::Story& s) {
  pugi::xml_node hedline = Path(root, {"body", "body.head", "hedline"});
  std::string headline = Text(Child(hedline, "hl1"));
  if (headline.empty()) headline = Text(Path(root, {"head", "title"}));
  // AAP's data-only items (finance "lite") carry nothing but their slug.
  if (headline.empty()) headline = s.slugline;
  return headline;
}

// "By <person>Alan Karben</person> <byttl>Staff</byttl>": the byline
// without the title line.
std::string ParseByline(pugi::xml_node body_head) {
  for (pugi::xml_node byline : Children(body_head, "byline")) {
    std::string text;
    for (pugi::xml_node c = byline.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_element && LocalName(c) == "byttl") continue;
      text += ' ' + Text(c);
    }
    text = CollapseWhitespace(text);
    if (!text.empty()) return text;
  }
  return {};
}

// The text directly inside `node`, not inside its child elements.
std::string OwnText(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) text += c.value();
  }
  return CollapseWhitespace(text);
}

void ParseDateline(pugi::xml_node root, model::Story* s) {
  pugi::xml_node dateline = Path(root, {"body", "body.head", "dateline"});
  pugi::xml_node location = Child(dateline, "location");
  s->dateline.place = Text(Child(location, "city"));
  s->dateline.country = Text(Child(location, "country"));
  if (s->dateline.place.empty()) {
    // <location>Sydney</location>, or a plain-text dateline "SYDNEY".
    s->dateline.place = location ? Text(location) : OwnText(dateline);
  }
  pugi::xml_node story_date = Child(dateline, "story.date");
  std::string date = Text(story_date);
  // EFE repeats the norm attribute as the text; that is not a dateline date.
  if (date != Trim(Attr(story_date, "norm"))) s->dateline.date = date;
  s->located = s->dateline.place;
  if (s->located.empty()) {
    s->located = CollapseWhitespace(Attr(Path(root, {"head", "docdata", "evloc"}), "city"));
  }
}

void ParseTexts(pugi::xml_node root, model::Story* s) {
  pugi::xml_node body_head = Path(root, {"body", "body.head"});
  s->headline = ParseHeadline(root, *s);
  s->byline = ParseByline(body_head);
  s->description_text = Text(Child(body_head, "abstract"));
  if (s->description_text.empty()) {
    s->description_text = Text(Path(body_head, {"hedline", "hl2"}));
  }
  std::string_view lang = Trim(Attr(root, "baselang"));
  if (lang.empty()) lang = Trim(Attr(root, "lang"));
  s->language = std::string(lang);
}

void ParseBody(pugi::xml_node root, std::string_view base_url, model::Story* s) {
  pugi::xml_node body = Child(root, "body");
  std::string html;
  for (pugi::xml_node content : Children(body, "body.content")) {
    NitfBody b = ConvertBody(content, base_url);
    html += b.html;
    for (model::Picture& p : b.pictures) s->pictures.push_back(std::move(p));
  }
  s->body_html = std::move(html);
}

class NitfParser : public FeedParser {
 public:
  std::string_view name() const override { return "nitf"; }

  Confidence Sniff(std::string_view bytes) const override {
    return RootElementName(bytes) == "nitf" ? Confidence::kCertain : Confidence::kNo;
  }

  Result<ParseResult> Parse(const Input& input) const override {
    WP_RETURN_IF_ERROR(
        CheckInputSize(input.source, input.bytes.size(), kMaxNitfBytes, "a NITF document"));
    ParseResult result;
    WP_ASSIGN_OR_RETURN(std::unique_ptr<XmlDocument> doc,
                        XmlDocument::Parse(input.source, input.bytes, &result.warnings));
    pugi::xml_node root = doc->root();
    if (LocalName(root) != "nitf") {
      return ToStatus(doc->At(root, "root element <" + std::string(root.name()) +
                                        "> is not <nitf>: not a NITF document"));
    }
    WP_ASSIGN_OR_RETURN(model::Story story, ParseStory(*doc, input, &result.warnings));
    result.stories.push_back(std::move(story));
    return result;
  }

 private:
  static Result<model::Story> ParseStory(const XmlDocument& doc, const Input& input,
                                         std::vector<Diagnostic>* warnings) {
    pugi::xml_node root = doc.root();
    model::Story s;
    s.source = std::string(input.source);
    s.format = "nitf";
    ReadDocdata(doc, Child(root, "head"), &s, warnings);
    ParseTexts(root, &s);
    ParseDateline(root, &s);
    ParseBody(root, input.base_url, &s);
    s.agency = ReadAgency(root);
    if (s.headline.empty() && s.body_html.empty()) {
      pugi::xml_node at = Child(root, "body") ? Child(root, "body") : root;
      return ToStatus(doc.At(at,
                             "NITF story has no headline (<hl1> or <title>) and no body "
                             "(<body.content>)"));
    }
    return s;
  }
};

}  // namespace

std::unique_ptr<FeedParser> NewNitfParser() { return std::make_unique<NitfParser>(); }

}  // namespace wirepress::formats::nitf

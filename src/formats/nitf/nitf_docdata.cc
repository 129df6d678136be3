#include "formats/nitf/nitf_docdata.h"

#include <optional>

#include "base/strings.h"
#include "base/time.h"

namespace wirepress::formats::nitf {
namespace {

using model::Signal;

struct AgencyName {
  std::string_view full;
  std::string_view credit;
};
// Long holder names agencies write into doc.copyright, and their credit.
constexpr AgencyName kAgencyNames[] = {
    {"Agence France Presse", "AFP"},
    {"Agence France-Presse", "AFP"},
    {"Australian Associated Press", "AAP"},
    {"Associated Press", "AP"},
    {"The Associated Press", "AP"},
    {"Press Association", "PA"},
    {"PA Sport", "PA"},
    {"Agencia EFE", "EFE"},
    {"Thomson Reuters", "Reuters"},
    {"Deutsche Presse-Agentur", "dpa"},
};

// "norm" dates are ISO 8601 ("20131020T192751+1100"). Returns nullopt and
// warns for a form we cannot read; warns (and takes UTC) without a zone.
std::optional<Timestamp> ReadNorm(const XmlDocument& doc, pugi::xml_node node,
                                  std::string_view attr, std::vector<Diagnostic>* warnings) {
  std::string_view text = Trim(Attr(node, attr));
  if (text.empty()) return std::nullopt;
  bool had_zone = false;
  std::optional<Timestamp> t = ParseIso8601(text, &had_zone);
  std::string what = "<" + std::string(LocalName(node)) + " " + std::string(attr) + "=\"" +
                     std::string(text) + "\">";
  if (!t) {
    t = ParseRfc822(text);
    had_zone = t.has_value();
  }
  if (!t) {
    warnings->push_back(doc.At(node, "unknown date form in " + what + "; ignored"));
  } else if (!had_zone) {
    warnings->push_back(doc.At(node, what + " has no time zone; taken as UTC"));
  }
  return t;
}

// A marker word in an ed-msg type, slug or title, as a lifecycle signal.
Signal ClassifyMarker(std::string_view text) {
  if (text.empty()) return Signal::kNone;
  for (std::string_view w : {"kill", "withdraw", "elimina", "cancel"}) {
    if (FindIgnoreCase(text, w) != std::string_view::npos) return Signal::kKill;
  }
  for (std::string_view w : {"correct", "corrige", "rectif"}) {
    if (FindIgnoreCase(text, w) != std::string_view::npos) return Signal::kCorrection;
  }
  for (std::string_view w : {"writethru", "write-thru", "update", "new lead", "newlead"}) {
    if (FindIgnoreCase(text, w) != std::string_view::npos) return Signal::kUpdate;
  }
  return Signal::kNone;
}

// Slugs and titles are free text, so only the unambiguous wire markers
// count there: "Writethru" (AP, AAP) and "CORRECTED"/"Correction".
Signal SlugMarker(std::string_view text) {
  if (FindIgnoreCase(text, "writethru") != std::string_view::npos) return Signal::kUpdate;
  for (std::string_view w : {"corrected", "correction", "corrects"}) {
    if (FindIgnoreCase(text, w) != std::string_view::npos) return Signal::kCorrection;
  }
  return Signal::kNone;
}

std::string_view MetaContent(pugi::xml_node head, std::string_view name) {
  for (pugi::xml_node m : Children(head, "meta")) {
    if (EqualsIgnoreCase(Attr(m, "name"), name)) return Trim(Attr(m, "content"));
  }
  return {};
}

void ReadIdentity(pugi::xml_node docdata, model::Story* s) {
  s->uri = std::string(Trim(Attr(Child(docdata, "doc-id"), "id-string")));
  pugi::xml_node du_key = Child(docdata, "du-key");
  s->version = std::string(Trim(Attr(du_key, "version")));
  if (s->version.empty()) s->version = Text(Child(docdata, "doc.version"));
  int urgency = 0;
  if (ParseInt(Trim(Attr(Child(docdata, "urgency"), "ed-urg")), &urgency) && urgency >= 1 &&
      urgency <= 9) {
    s->urgency = urgency;
  }
}

void ReadTimes(const XmlDocument& doc, pugi::xml_node head, pugi::xml_node docdata, model::Story* s,
               std::vector<Diagnostic>* warnings) {
  std::optional<Timestamp> issued = ReadNorm(doc, Child(docdata, "date.issue"), "norm", warnings);
  if (!issued) {
    pugi::xml_node pubdata = Child(head, "pubdata");
    if (!pubdata) pubdata = Child(docdata, "pubdata");
    issued = ReadNorm(doc, pubdata, "date.publication", warnings);
  }
  s->firstcreated = issued;
  s->versioncreated = issued;
  s->embargoed = ReadNorm(doc, Child(docdata, "date.release"), "norm", warnings);
  if (s->embargoed) return;
  for (pugi::xml_node msg : Children(docdata, "ed-msg")) {
    if (FindIgnoreCase(Attr(msg, "msg-type"), "embargo") == std::string_view::npos) continue;
    if (auto t = ParseAnyDate(Attr(msg, "info"))) s->embargoed = t;
  }
}

void ReadLifecycle(pugi::xml_node head, pugi::xml_node docdata, model::Story* s) {
  std::string_view status = Trim(Attr(docdata, "management-status"));
  if (auto p = model::ParsePubStatus(status)) s->pubstatus = *p;
  if (s->pubstatus == model::PubStatus::kCanceled) s->signals = s->signals | Signal::kKill;
  // management-doc-idref names the document this one replaces.
  if (!Trim(Attr(docdata, "management-doc-idref")).empty()) {
    s->signals = s->signals | Signal::kUpdate;
  }
  for (pugi::xml_node msg : Children(docdata, "ed-msg")) {
    Signal sig = ClassifyMarker(Attr(msg, "msg-type"));
    s->signals = s->signals | sig;
    if (sig == Signal::kCorrection) s->correction_note = CollapseWhitespace(Attr(msg, "info"));
  }
  // AP and AAP mark write-throughs and corrections in the slug and title.
  std::string title = Text(Child(head, "title"));
  for (const std::string* text : {&s->slugline, &title}) {
    s->signals = s->signals | SlugMarker(*text);
  }
}

std::string SchemeOf(std::string_view ipr) {
  if (ipr.empty() || EqualsIgnoreCase(ipr, "IPTC")) return "subj";
  return AsciiLower(ipr);
}

void ReadSubjects(pugi::xml_node head, model::Story* s) {
  for (pugi::xml_node tobject : Children(head, "tobject")) {
    for (pugi::xml_node sub : Children(tobject, "tobject.subject")) {
      model::Subject subject;
      subject.code = std::string(Trim(Attr(sub, "tobject.subject.refnum")));
      if (subject.code.empty()) subject.code = std::string(Trim(Attr(sub, "tobject.subject.code")));
      if (subject.code.empty()) continue;
      for (std::string_view a :
           {"tobject.subject.detail", "tobject.subject.matter", "tobject.subject.type"}) {
        if (subject.name.empty()) subject.name = CollapseWhitespace(Attr(sub, a));
      }
      subject.scheme = SchemeOf(Trim(Attr(sub, "tobject.subject.ipr")));
      s->subjects.push_back(std::move(subject));
    }
  }
}

void ReadKeywordsAndSlug(pugi::xml_node head, pugi::xml_node docdata, model::Story* s) {
  for (pugi::xml_node list : Children(docdata, "key-list")) {
    for (pugi::xml_node k : Children(list, "keyword")) {
      std::string key = CollapseWhitespace(Attr(k, "key"));
      if (!key.empty()) s->keywords.push_back(std::move(key));
    }
  }
  s->slugline = std::string(MetaContent(head, "anpa-keyword"));
  if (s->slugline.empty())
    s->slugline = std::string(Trim(Attr(Child(docdata, "fixture"), "fix-id")));
  if (s->slugline.empty()) s->slugline = std::string(Trim(Attr(Child(docdata, "du-key"), "key")));
}

}  // namespace

void ReadDocdata(const XmlDocument& doc, pugi::xml_node head, model::Story* story,
                 std::vector<Diagnostic>* warnings) {
  pugi::xml_node docdata = Child(head, "docdata");
  ReadIdentity(docdata, story);
  ReadTimes(doc, head, docdata, story, warnings);
  ReadKeywordsAndSlug(head, docdata, story);
  ReadLifecycle(head, docdata, story);
  ReadSubjects(head, story);
}

std::string ShortAgencyName(std::string_view name) {
  name = Trim(name);
  for (const AgencyName& a : kAgencyNames) {
    if (EqualsIgnoreCase(name, a.full)) return std::string(a.credit);
  }
  return std::string(name);
}

std::string ReadAgency(pugi::xml_node root) {
  pugi::xml_node docdata = Path(root, {"head", "docdata"});
  pugi::xml_node body_head = Path(root, {"body", "body.head"});
  std::string candidates[] = {
      std::string(Attr(Child(docdata, "doc.copyright"), "holder")),
      std::string(Attr(Child(docdata, "doc-id"), "regsrc")),
      Text(Path(body_head, {"rights", "rights.owner"})),
      Text(Child(body_head, "distributor")),
  };
  for (const std::string& c : candidates) {
    if (!Trim(c).empty()) return ShortAgencyName(c);
  }
  return {};
}

}  // namespace wirepress::formats::nitf

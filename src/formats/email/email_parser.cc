#include "formats/email/email_parser.h"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/strings.h"
#include "formats/email/google_form.h"
#include "formats/email/header_text.h"
#include "formats/encoding.h"
#include "formats/html_sanitizer.h"
#include "formats/text.h"

namespace wirepress::formats::email {
namespace {

constexpr size_t kMaxInputBytes = 32u << 20;
// Story text beyond this is not a story (attachments may be larger).
constexpr size_t kMaxTextPartBytes = 4u << 20;
// Header blocks of relayed mail run long (Received, DKIM): look this far.
constexpr size_t kMaxHeaderLines = 400;

template <typename T>
struct GObjectUnref {
  void operator()(T* p) const {
    if (p != nullptr) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref<T>>;

void EnsureGMime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// The text parts worth a body, with what is needed to read them.
struct TextPart {
  std::string bytes;  // transfer encoding removed, still in `charset`
  std::string charset;
  bool lines_are_paragraphs = false;  // QP/base64/flowed: the mailer wrapped
  bool flowed = false, delsp = false;
  bool found = false;
};

struct Parts {
  TextPart plain;
  TextPart html;
};

// "Name: value" or the mbox "From " line.
bool IsHeaderLine(std::string_view line) {
  if (StartsWith(line, "From ")) return true;
  size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 76) return false;
  for (char c : line.substr(0, colon)) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

// Counts the well-known headers in the header block at the start of
// `text`; -1 when the text does not open with a header block.
int CountKnownHeaders(std::string_view text) {
  static constexpr std::string_view kKnown[] = {
      "From:", "To:", "Subject:", "Date:", "Received:", "Message-ID:", "MIME-Version:",
      "Delivered-To:", "Return-Path:", "Content-Type:"};
  int known = 0;
  size_t n = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || ++n > kMaxHeaderLines) break;
    if (line[0] == ' ' || line[0] == '\t') continue;  // folded
    if (!IsHeaderLine(line)) return n == 1 ? -1 : known;
    for (std::string_view h : kKnown) {
      if (StartsWithIgnoreCase(line, h)) ++known;
    }
  }
  return known;
}

// Some relays put a line of spaces before the headers.
size_t SkipBlankLines(std::string_view bytes) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos || !Trim(bytes.substr(pos, nl - pos)).empty()) break;
    pos = nl + 1;
  }
  return pos;
}

Status CheckInput(const Input& in, size_t start) {
  if (in.bytes.size() > kMaxInputBytes) {
    return ToStatus(Diagnostic{std::string(in.source), 0, 0,
                               "input is " + std::to_string(in.bytes.size()) +
                                   " bytes, over the 32 MiB limit for an e-mail",
                               ""});
  }
  if (CountKnownHeaders(in.bytes.substr(start)) <= 0) {
    return ToStatus(DiagnosticAt(in.source, in.bytes, start,
                                 "not an e-mail: expected a header block (From:, Subject:, "
                                 "Date: ...) at the start"));
  }
  return Status::Ok();
}

std::string RawHeader(GMimeMessage* msg, const char* name) {
  GMimeHeaderList* list = g_mime_object_get_header_list(GMIME_OBJECT(msg));
  GMimeHeader* h = list ? g_mime_header_list_get_header(list, name) : nullptr;
  const char* raw = h ? g_mime_header_get_raw_value(h) : nullptr;
  return raw ? std::string(raw) : std::string();
}

std::string PartBytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return {};
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, mem.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

TextPart ReadTextPart(GMimeObject* object) {
  GMimePart* part = GMIME_PART(object);
  TextPart t;
  t.found = true;
  t.bytes = PartBytes(part);
  const char* charset = g_mime_object_get_content_type_parameter(object, "charset");
  t.charset = charset ? charset : "";
  const char* format = g_mime_object_get_content_type_parameter(object, "format");
  const char* delsp = g_mime_object_get_content_type_parameter(object, "delsp");
  t.flowed = format != nullptr && EqualsIgnoreCase(format, "flowed");
  t.delsp = delsp != nullptr && EqualsIgnoreCase(delsp, "yes");
  GMimeContentEncoding enc = g_mime_part_get_content_encoding(part);
  t.lines_are_paragraphs = t.flowed || enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
                           enc == GMIME_CONTENT_ENCODING_BASE64;
  return t;
}

void CollectPart(GMimeObject* /*parent*/, GMimeObject* object, gpointer data) {
  if (!GMIME_IS_PART(object) || g_mime_part_is_attachment(GMIME_PART(object))) return;
  Parts* parts = static_cast<Parts*>(data);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (g_mime_content_type_is_type(type, "text", "plain") && !parts->plain.found) {
    parts->plain = ReadTextPart(object);
  } else if (g_mime_content_type_is_type(type, "text", "html") && !parts->html.found) {
    parts->html = ReadTextPart(object);
  }
}

// RFC 3676: a line ending in a space continues on the next one.
std::string Unflow(std::string_view text, bool delsp) {
  std::string out;
  for (std::string_view line : Split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    bool soft = !line.empty() && line.back() == ' ' && line != "-- ";
    if (soft && delsp) line.remove_suffix(1);
    out += line;
    if (!soft) out += '\n';
  }
  return out;
}

// Cuts the signature ("-- ") and the disclaimer under a rule of underscores.
std::vector<std::string> TextLines(std::string_view text) {
  std::vector<std::string> lines;
  for (std::string_view line : Split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == "-- " || line == "--") break;
    if (Trim(line).size() >= 10 && Trim(line).find_first_not_of('_') == std::string_view::npos) {
      break;
    }
    lines.emplace_back(line);
  }
  return lines;
}

// A "By Ben Everill" line near the top is the byline; it leaves the body.
std::string TakeByline(std::vector<std::string>* lines) {
  for (size_t i = 0; i < lines->size() && i < 15; ++i) {
    std::string_view line = Trim((*lines)[i]);
    if (!StartsWith(line, "By ") || SplitWhitespace(line).size() > 6) continue;
    std::string byline(Trim(line.substr(3)));
    lines->erase(lines->begin() + static_cast<std::ptrdiff_t>(i));
    return byline;
  }
  return {};
}

std::string PlainBodyHtml(const TextPart& part, std::string* byline) {
  std::string text = DecodeToUtf8(part.bytes, part.charset).text;
  if (part.flowed) text = Unflow(text, part.delsp);
  std::vector<std::string> lines = TextLines(text);
  *byline = TakeByline(&lines);
  if (!part.lines_are_paragraphs) return TextToParagraphs(Join(lines, "\n"));
  return ParagraphsToHtml(lines);
}

std::string AgencyFromAddress(std::string_view address) {
  static constexpr std::pair<std::string_view, std::string_view> kDomains[] = {
      {"aap.com.au", "AAP"},  {"afp.com", "AFP"}, {"reuters.com", "Reuters"},
      {"thomsonreuters.com", "Reuters"}, {"ap.org", "AP"}, {"dpa.com", "dpa"},
      {"dpa.de", "dpa"},      {"pa.media", "PA"}, {"ansa.it", "ANSA"}, {"efe.com", "EFE"}};
  size_t at = address.rfind('@');
  if (at == std::string_view::npos) return {};
  std::string domain = AsciiLower(address.substr(at + 1));
  for (const auto& [d, agency] : kDomains) {
    if (domain == d || EndsWith(domain, "." + std::string(d))) return std::string(agency);
  }
  return {};
}

std::string StripForwardPrefixes(std::string subject) {
  for (bool again = true; again;) {
    again = false;
    for (std::string_view p : {"Fwd:", "Fw:", "FW:"}) {
      if (StartsWithIgnoreCase(subject, p)) {
        subject = std::string(Trim(std::string_view(subject).substr(p.size())));
        again = true;
      }
    }
  }
  return subject;
}

struct Sender {
  std::string name;
  std::string address;
};

Sender ReadSender(GMimeMessage* msg) {
  InternetAddressList* from = g_mime_message_get_from(msg);
  if (from == nullptr || internet_address_list_length(from) == 0) return {};
  InternetAddress* ia = internet_address_list_get_address(from, 0);
  Sender s;
  if (const char* name = internet_address_get_name(ia)) s.name = CollapseWhitespace(name);
  if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
    if (const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia))) {
      s.address = addr;
    }
  }
  return s;
}

// Subject, Date, Message-ID and sender.
Sender ParseHeaders(GMimeMessage* msg, model::Story* s) {
  s->headline = StripForwardPrefixes(DecodeHeaderText(RawHeader(msg, "Subject")));
  if (GDateTime* date = g_mime_message_get_date(msg)) {
    s->firstcreated = Timestamp{g_date_time_to_unix(date)};
    s->versioncreated = s->firstcreated;
  }
  if (const char* id = g_mime_message_get_message_id(msg)) s->uri = id;
  return ReadSender(msg);
}

// Body from the parts; a Google Form fills many fields at once.
Status ParseBody(const Input& in, const Parts& parts, const Sender& sender, model::Story* s) {
  for (const TextPart* part : {&parts.plain, &parts.html}) {
    if (part->bytes.size() > kMaxTextPartBytes) {
      return ToStatus(Diagnostic{std::string(in.source), 0, 0,
                                 "text part is " + std::to_string(part->bytes.size()) +
                                     " bytes, over the 4 MiB limit for story text",
                                 ""});
    }
  }
  std::string text_byline;
  if (parts.plain.found) {
    std::string text = DecodeToUtf8(parts.plain.bytes, parts.plain.charset).text;
    if (ParseGoogleForm(parts.plain.flowed ? Unflow(text, parts.plain.delsp) : text, s)) {
      return Status::Ok();
    }
    s->body_html = PlainBodyHtml(parts.plain, &text_byline);
  } else if (parts.html.found) {
    s->body_html = DecodeToUtf8(parts.html.bytes, parts.html.charset).text;
  }
  s->byline = !text_byline.empty() ? text_byline : sender.name;
  return Status::Ok();
}

void FinishStory(const Input& in, const Sender& sender, model::Story* s) {
  s->agency = AgencyFromAddress(sender.address);
  if (s->uri.empty()) {
    std::string date = s->firstcreated ? FormatIso8601(*s->firstcreated) : std::string();
    s->uri = "urn:wirepress:email:" +
             StableHashHex(sender.address + "\n" + s->headline + "\n" + date);
  }
  SanitizeOptions options;
  options.base_url = std::string(in.base_url);
  s->body_html = SanitizeHtml(s->body_html, options);
  s->source = std::string(in.source);
  s->format = "email-rfc822";
}

class EmailParser : public FeedParser {
 public:
  std::string_view name() const override { return "email-rfc822"; }
  Confidence Sniff(std::string_view bytes) const override;
  Result<ParseResult> Parse(const Input& input) const override;
};

Confidence EmailParser::Sniff(std::string_view bytes) const {
  int known = CountKnownHeaders(bytes.substr(SkipBlankLines(bytes)));
  if (known >= 3) return Confidence::kCertain;
  return known >= 1 ? Confidence::kLikely : Confidence::kNo;
}

Result<ParseResult> EmailParser::Parse(const Input& input) const {
  size_t start = SkipBlankLines(input.bytes);
  WP_RETURN_IF_ERROR(CheckInput(input, start));
  EnsureGMime();
  std::string_view mail = input.bytes.substr(start);
  GPtr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(mail.data(), mail.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!msg) {
    return ToStatus(DiagnosticAt(input.source, input.bytes, start, "unreadable MIME message"));
  }
  model::Story story;
  Sender sender = ParseHeaders(msg.get(), &story);
  Parts parts;
  g_mime_message_foreach(msg.get(), CollectPart, &parts);
  WP_RETURN_IF_ERROR(ParseBody(input, parts, sender, &story));
  FinishStory(input, sender, &story);
  if (story.headline.empty() && HtmlToText(story.body_html).empty()) {
    return ToStatus(DiagnosticAt(input.source, input.bytes, start,
                                 "no Subject header and no text body"));
  }
  ParseResult result;
  result.stories.push_back(std::move(story));
  return result;
}

}  // namespace

std::unique_ptr<FeedParser> NewEmailParser() { return std::make_unique<EmailParser>(); }

}  // namespace wirepress::formats::email

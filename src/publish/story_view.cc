#include "publish/story_view.h"

#include "base/strings.h"
#include "base/time.h"
#include "model/permalink.h"
#include "publish/site_paths.h"

namespace wirepress::publish {
namespace {

constexpr size_t kSummaryBytes = 300;
// A dateline in front of a repeated lead is at most this long
// ("Sochi (Russia), May 15 (AFP)" is 29 bytes).
constexpr size_t kMaxDatelinePrefix = 100;

// Decodes the entity starting at s[i] ('&') into *out; returns its length,
// or 0 when it is not one we know (then '&' is kept as text).
size_t DecodeEntity(std::string_view s, size_t i, std::string* out) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"&amp;", "&"},
      {"&lt;", "<"},
      {"&gt;", ">"},
      {"&quot;", "\""},
      {"&apos;", "'"},
      {"&nbsp;", "\xC2\xA0"},
      {"&ndash;", "\xE2\x80\x93"},
      {"&mdash;", "\xE2\x80\x94"},
      {"&lsquo;", "\xE2\x80\x98"},
      {"&rsquo;", "\xE2\x80\x99"},
      {"&ldquo;", "\xE2\x80\x9C"},
      {"&rdquo;", "\xE2\x80\x9D"},
      {"&hellip;", "\xE2\x80\xA6"},
  };
  for (const auto& [name, text] : kNamed) {
    if (s.substr(i, name.size()) == name) {
      *out += text;
      return name.size();
    }
  }
  size_t semi = s.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10 || i + 2 >= s.size() || s[i + 1] != '#') {
    return 0;
  }
  std::string_view num = s.substr(i + 2, semi - i - 2);
  int base = 10;
  if (!num.empty() && (num[0] == 'x' || num[0] == 'X')) {
    base = 16;
    num.remove_prefix(1);
  }
  if (num.empty()) return 0;
  char32_t cp = 0;
  for (char c : num) {
    int d = (c >= '0' && c <= '9') ? c - '0'
            : (base == 16 && c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (base == 16 && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                   : -1;
    if (d < 0) return 0;
    cp = cp * base + static_cast<char32_t>(d);
    if (cp > 0x10FFFF) return 0;
  }
  AppendUtf8(out, cp);
  return semi - i + 1;
}

// Visible text of an HTML fragment.
std::string HtmlToText(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    char c = html[i];
    if (c == '<') {
      size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      out += ' ';
      i = close + 1;
    } else if (c == '&') {
      size_t n = DecodeEntity(html, i, &out);
      if (n == 0) out += '&';
      i += n == 0 ? 1 : n;
    } else {
      out += c;
      ++i;
    }
  }
  return CollapseWhitespace(out);
}

// The first "<p ...>" and the position just after its '>' (npos if none).
size_t FirstParagraphStart(std::string_view html) {
  size_t pos = 0;
  while ((pos = html.find("<p", pos)) != std::string_view::npos) {
    char next = pos + 2 < html.size() ? html[pos + 2] : '\0';
    if (next == '>' || next == ' ') {
      size_t close = html.find('>', pos);
      return close == std::string_view::npos ? std::string_view::npos : close + 1;
    }
    pos += 2;
  }
  return std::string_view::npos;
}

bool ImageMatches(const LibraryImage& img, const std::string& section,
                  const std::vector<std::string>& tag_slugs) {
  if (!img.tag.empty()) {
    for (const std::string& t : tag_slugs) {
      if (t == img.tag) return true;
    }
    return false;
  }
  return img.section.empty() || img.section == section;
}

std::optional<model::Picture> LibraryPicture(const LibraryImage& img) {
  model::Picture p;
  p.href = img.href;
  p.caption = img.caption;
  p.width = img.width;
  p.height = img.height;
  return p;
}

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  for (size_t pos = 0; (pos = s->find(from, pos)) != std::string::npos; pos += to.size()) {
    s->replace(pos, from.size(), to);
  }
}

}  // namespace

std::string DatelineText(const model::Story& story) {
  const model::Dateline& d = story.dateline;
  if (Trim(d.place).empty()) return "";
  std::string agency(d.agency.empty() ? model::CreditAgency(story) : std::string_view(d.agency));
  std::string out = d.place;
  if (!d.country.empty()) out += " (" + d.country + ")";
  if (!d.date.empty()) out += ", " + d.date;
  if (!agency.empty()) out += " (" + agency + ")";
  return out;
}

std::string FirstParagraphText(std::string_view body_html) {
  size_t start = FirstParagraphStart(body_html);
  if (start == std::string_view::npos) return "";
  size_t end = body_html.find("</p>", start);
  return HtmlToText(body_html.substr(start, end == std::string_view::npos ? end : end - start));
}

bool LeadRepeatsDescription(const model::Story& story) {
  std::string desc = CollapseWhitespace(story.description_text);
  if (desc.empty()) return true;  // nothing to print separately anyway
  std::string lead = FirstParagraphText(story.body_html);
  if (lead == desc) return true;
  return lead.size() > desc.size() && lead.size() - desc.size() <= kMaxDatelinePrefix &&
         EndsWith(lead, desc);
}

std::string BodyWithDateline(const model::Story& story) {
  std::string dateline = DatelineText(story);
  const std::string& body = story.body_html;
  if (dateline.empty()) return body;
  std::string lead = FirstParagraphText(body);
  const std::string& place = story.dateline.place;
  if (!place.empty() && StartsWithIgnoreCase(lead, place)) return body;  // agency wrote it
  std::string span = "<span class=\"dateline\">" + HtmlEscape(dateline) + "</span> ";
  size_t start = FirstParagraphStart(body);
  if (start == std::string::npos) return "<p>" + span + "</p>" + body;
  std::string out = body;
  out.insert(start, span);
  return out;
}

std::string Summary(const model::Story& story) {
  std::string text = CollapseWhitespace(story.description_text);
  if (text.empty()) text = FirstParagraphText(story.body_html);
  return TruncateUtf8(text, kSummaryBytes);
}

std::optional<model::Picture> ChooseImage(const store::StoryRecord& record,
                                          const SiteConfig& config) {
  for (const model::Picture& p : record.story.pictures) {
    if (!Trim(p.href).empty()) return p;
  }
  std::vector<std::string> tag_slugs;
  for (const std::string& t : StoryTags(record.story)) tag_slugs.push_back(model::TagSlug(t));
  // Most specific first: a tag image, then a section image, then "any".
  for (int pass = 0; pass < 3; ++pass) {
    for (const LibraryImage& img : config.images) {
      if (Trim(img.href).empty()) continue;
      bool kind_ok = pass == 0 ? !img.tag.empty()
                     : pass == 1 ? img.tag.empty() && !img.section.empty()
                                 : img.tag.empty() && img.section.empty();
      if (kind_ok && ImageMatches(img, record.section, tag_slugs)) return LibraryPicture(img);
    }
  }
  return std::nullopt;
}

std::vector<LibraryImage> DefaultLibraryImages(const SiteConfig& config) {
  std::vector<LibraryImage> images;
  for (const model::SectionRule& r : config.sections) {
    LibraryImage img;
    img.href = "/static/images/" + r.slug + ".svg";
    img.caption = r.name + ". (File Image)";
    img.section = r.slug;
    images.push_back(std::move(img));
  }
  LibraryImage any;
  any.href = "/static/images/news.svg";
  any.caption = "News. (File Image)";
  images.push_back(std::move(any));
  return images;
}

std::vector<std::string> StoryTags(const model::Story& story) {
  std::vector<std::string> tags, slugs;
  for (const std::string& k : story.keywords) {
    std::string name(Trim(k));
    if (name.empty()) continue;
    std::string slug = model::TagSlug(name);
    if (slug.empty() || slug == "story") continue;
    bool seen = false;
    for (const std::string& s : slugs) seen = seen || s == slug;
    if (seen) continue;
    slugs.push_back(slug);
    tags.push_back(name);
  }
  return tags;
}

std::string SectionName(const SiteConfig& config, std::string_view slug) {
  for (const model::SectionRule& r : config.sections) {
    if (r.slug == slug) return r.name;
  }
  return std::string(slug);
}

std::string TextDirection(std::string_view language) {
  std::string primary = AsciiLower(language.substr(0, language.find_first_of("-_")));
  return (primary == "ar" || primary == "he" || primary == "fa" || primary == "ur") ? "rtl"
                                                                                      : "ltr";
}

std::string AbsoluteUrl(const SiteConfig& config, std::string_view path_or_url) {
  if (StartsWith(path_or_url, "http://") || StartsWith(path_or_url, "https://") ||
      StartsWith(path_or_url, "//")) {
    return std::string(path_or_url);
  }
  return config.base_url + std::string(path_or_url);
}

const AgencyConfig* FindAgency(const SiteConfig& config, std::string_view agency) {
  if (agency.empty()) return nullptr;
  auto it = config.agencies.find(AsciiUpper(agency));
  return it == config.agencies.end() ? nullptr : &it->second;
}

std::string Disclaimer(const SiteConfig& config, const model::Story& story) {
  std::string agency(model::CreditAgency(story));
  const AgencyConfig* ac = FindAgency(config, agency);
  std::string text = (ac != nullptr && !ac->disclaimer.empty()) ? ac->disclaimer : config.disclaimer;
  ReplaceAll(&text, "{agency}", agency.empty() ? "the agency" : agency);
  ReplaceAll(&text, "{site}", config.name);
  return text;
}

TemplateData ShareLinks(std::string_view title, std::string_view url) {
  std::string t = UrlEncode(title), u = UrlEncode(url);
  std::string both = UrlEncode(std::string(title) + " " + std::string(url));
  const std::pair<const char*, std::string> links[] = {
      {"WhatsApp", "https://wa.me/?text=" + both},
      {"Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u},
      {"X", "https://x.com/intent/post?text=" + t + "&url=" + u},
      {"LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + u},
      {"Telegram", "https://t.me/share/url?url=" + u + "&text=" + t},
      {"Email", "mailto:?subject=" + t + "&body=" + u},
  };
  TemplateData list = TemplateData::List();
  for (const auto& [name, href] : links) {
    list.Push(TemplateData().Set("name", name).Set("slug", AsciiLower(name)).Set("href", href));
  }
  return list;
}

StoryDigest DigestOf(const store::StoryRecord& record, const SiteConfig& config) {
  const model::Story& s = record.story;
  StoryDigest d;
  d.id = record.id;
  d.path = record.path;
  d.section = record.section;
  d.published_at = record.published_at;
  d.updated_at = record.updated_at;
  d.headline = s.headline;
  d.summary = Summary(s);
  d.agency = std::string(model::CreditAgency(s));
  d.language = s.language;
  d.keywords = s.keywords;
  if (std::optional<model::Picture> pic = ChooseImage(record, config)) {
    d.has_image = true;
    d.image_src = pic->href;
    d.image_alt = pic->caption.empty() ? s.headline : pic->caption;
  }
  return d;
}

TemplateData StoryCard(const StoryDigest& d, const SiteConfig& config) {
  TemplateData card;
  card.Set("title", d.headline)
      .Set("path", d.path)
      .Set("url", AbsoluteUrl(config, d.path))
      .Set("summary", d.summary)
      .Set("published", FormatIso8601(d.published_at))
      .Set("published_human", FormatHuman(d.published_at))
      .Set("updated", FormatIso8601(d.updated_at))
      .Set("section_name", SectionName(config, d.section))
      .Set("section_path", ListingDir({ListingKind::kSection, d.section}))
      .Set("agency", d.agency);
  if (d.has_image) {
    card.Set("image", TemplateData()
                          .Set("src", d.image_src)
                          .Set("url", AbsoluteUrl(config, d.image_src))
                          .Set("alt", d.image_alt));
  }
  return card;
}

TemplateData StoryCard(const store::StoryRecord& record, const SiteConfig& config) {
  return StoryCard(DigestOf(record, config), config);
}

}  // namespace wirepress::publish

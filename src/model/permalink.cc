#include "model/permalink.h"

#include <cstdio>

#include "base/strings.h"
#include "model/slug.h"

namespace wirepress::model {
namespace {

// FNV-1a: tiny, stable across platforms and releases (the path must never
// change once published), and collisions only need to be rare among stories
// with the same headline on the same day.
std::uint32_t Fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

bool Matches(const Story& story, const SectionRule& rule) {
  for (const Subject& sub : story.subjects) {
    for (const std::string& prefix : rule.subject_prefixes) {
      if (StartsWithIgnoreCase(sub.code, prefix)) return true;
    }
  }
  for (const std::string& kw : rule.keywords) {
    for (const std::string& k : story.keywords) {
      if (EqualsIgnoreCase(k, kw)) return true;
    }
    for (std::string_view w : Split(story.slugline, '-')) {
      if (EqualsIgnoreCase(Trim(w), kw)) return true;
    }
    for (const Subject& sub : story.subjects) {
      if (EqualsIgnoreCase(sub.name, kw)) return true;
    }
  }
  return false;
}

}  // namespace

const std::vector<SectionRule>& DefaultSections() {
  // IPTC subject codes (subj:/iptc:) and media topics (medtop:) by top-level
  // group; AP category codes where the corpus uses them.
  static const std::vector<SectionRule> kSections = {
      {"sports", "Sports", {"subj:15", "medtop:15", "iptc:15", "apcategorycode:s"},
       {"sport", "sports", "football", "soccer", "cricket", "tennis", "olympics"}},
      {"business", "Business", {"subj:04", "medtop:04", "iptc:04", "apcategorycode:f"},
       {"business", "economy", "markets", "finance", "earnings"}},
      {"politics", "Politics", {"subj:11", "medtop:11", "iptc:11"},
       {"politics", "election", "elections", "government"}},
      {"technology", "Technology", {"subj:13010", "medtop:13010", "medtop:20000763"},
       {"technology", "tech", "internet", "software"}},
      {"science", "Science", {"subj:13", "medtop:13", "iptc:13"}, {"science", "space"}},
      {"health", "Health", {"subj:07", "medtop:07", "iptc:07"}, {"health", "medicine"}},
      {"entertainment", "Entertainment",
       {"subj:01", "medtop:01", "iptc:01", "apcategorycode:e"},
       {"entertainment", "arts", "culture", "music", "film", "celebrity"}},
      {"world", "World", {"subj:16", "medtop:16", "apcategorycode:i"}, {"world"}},
  };
  return kSections;
}

std::string AssignSection(const Story& story, const std::vector<SectionRule>& rules,
                          std::string_view fallback) {
  for (const SectionRule& r : rules) {
    if (Matches(story, r)) return r.slug;
  }
  return std::string(fallback);
}

std::string StoryPath(std::string_view section, Timestamp published, std::string_view headline,
                      std::string_view key) {
  CivilTime c = ToCivil(published);
  char buf[64];
  std::snprintf(buf, sizeof buf, "/%04d/%02d/%02d/", c.year, c.month, c.day);
  char hash[16];
  std::snprintf(hash, sizeof hash, "-%08x", Fnv1a(key));
  return "/" + std::string(section) + buf + Slugify(headline, 80) + hash;
}

std::string TagSlug(std::string_view tag) { return Slugify(tag, 60); }

}  // namespace wirepress::model

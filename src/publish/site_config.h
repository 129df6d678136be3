// SiteConfig: what a publisher configures about its site — name, base URL,
// sections, agencies and their disclaimers, the image library — plus where
// the templates live. Built once in cli/ from the config file
// (wirepress.toml) and flags, then passed down by const reference.
//
// Thread-safety: a plain value; share it read-only.
#ifndef WIREPRESS_PUBLISH_SITE_CONFIG_H_
#define WIREPRESS_PUBLISH_SITE_CONFIG_H_

#include <map>
#include <string>
#include <vector>

#include "model/permalink.h"

namespace wirepress::publish {

// A file picture used when a story brings none, chosen by section or tag.
struct LibraryImage {
  std::string href;      // site-relative ("/static/images/world.jpg") or absolute
  std::string caption;   // "World. (File Image)" style text
  std::string section;   // section slug it illustrates; "" = any
  std::string tag;       // tag slug it illustrates; "" = any
  int width = 1200;
  int height = 675;
};

struct AgencyConfig {
  std::string name;        // "AFP"
  std::string full_name;   // "Agence France-Presse"
  std::string disclaimer;  // overrides the site disclaimer; "" = use site's
  bool news_noindex = false;  // <meta name="Googlebot-News" content="noindex">
};

struct SiteConfig {
  std::string name = "wirepress";
  // Absolute, no trailing slash; used in canonical URLs, feeds, sitemaps.
  std::string base_url = "http://127.0.0.1:8080";
  std::string language = "en";
  std::string description = "Syndicated news, live from the wires.";
  // "{agency}" is replaced with the credit agency, "{site}" with name.
  std::string disclaimer =
      "This is an unedited and auto-generated story from Syndicated News feed, "
      "{site} Staff may not have modified or edited the content body.";
  std::vector<model::SectionRule> sections = model::DefaultSections();
  std::string default_section = "world";
  std::map<std::string, AgencyConfig> agencies;  // keyed by upper-case name
  std::vector<LibraryImage> images;
  // Folder with user templates overriding the built-in theme ("" = none),
  // and the built-in theme folder (installed templates/).
  std::string template_dir;
  std::string theme_dir;
  int page_size = 20;          // stories per listing page
  int feed_size = 50;          // items per feed
};

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_SITE_CONFIG_H_

#include "cli/config.h"

#include <cstdlib>
#include <set>
#include <toml++/toml.h>

#include "base/strings.h"
#include "publish/story_view.h"

namespace wirepress::cli {
namespace {

// Reads one TOML table into struct fields, remembering the first error
// and every key it was asked about, so unknown keys (typos) are errors
// too rather than silently ignored.
class TableReader {
 public:
  TableReader(const toml::table* table, std::string source, std::string prefix, Status* error)
      : table_(table), source_(std::move(source)), prefix_(std::move(prefix)), error_(error) {}

  void String(const char* key, std::string* out) {
    if (const toml::node* n = Find(key)) {
      if (auto v = n->value<std::string>()) *out = *v;
      else Fail(*n, key, "expected a string");
    }
  }
  void Int(const char* key, int* out, int min, int max) {
    if (const toml::node* n = Find(key)) {
      auto v = n->value<std::int64_t>();
      if (v && *v >= min && *v <= max) *out = static_cast<int>(*v);
      else Fail(*n, key, "expected an integer in " + std::to_string(min) + ".." + std::to_string(max));
    }
  }
  void Size(const char* key, size_t* out) {
    int v = static_cast<int>(*out);
    Int(key, &v, 0, 1 << 30);
    *out = static_cast<size_t>(v);
  }
  void Bool(const char* key, bool* out) {
    if (const toml::node* n = Find(key)) {
      if (auto v = n->value<bool>()) *out = *v;
      else Fail(*n, key, "expected true or false");
    }
  }
  void Strings(const char* key, std::vector<std::string>* out) {
    const toml::node* n = Find(key);
    if (n == nullptr) return;
    const toml::array* a = n->as_array();
    if (a == nullptr) return Fail(*n, key, "expected an array of strings");
    out->clear();
    for (const toml::node& item : *a) {
      if (auto v = item.value<std::string>()) out->push_back(*v);
      else return Fail(item, key, "expected an array of strings");
    }
  }
  // The sub-table `key`, or null when absent (an error when not a table).
  const toml::table* Table(const char* key) {
    const toml::node* n = Find(key);
    if (n != nullptr && !n->is_table()) Fail(*n, key, "expected a table");
    return n ? n->as_table() : nullptr;
  }
  const toml::array* TableArray(const char* key) {
    const toml::node* n = Find(key);
    if (n != nullptr && !n->is_array_of_tables()) Fail(*n, key, "expected [[" + Name(key) + "]] tables");
    return n ? n->as_array() : nullptr;
  }
  TableReader Sub(const toml::table* t, const std::string& name) {
    return TableReader(t, source_, Name(name.c_str()), error_);
  }
  // Unknown keys become errors naming their place.
  void Finish() {
    if (table_ == nullptr) return;
    for (const auto& [k, node] : *table_) {
      std::string key(k.str());
      if (!known_.count(key)) Fail(node, key.c_str(), "unknown key");
    }
  }
  void Fail(const toml::node& n, const char* key, const std::string& why) {
    if (!error_->ok()) return;
    const toml::source_region& at = n.source();
    *error_ = Status::InvalidInput(source_ + ":" + std::to_string(at.begin.line) + ":" +
                                       std::to_string(at.begin.column),
                                   Name(key) + ": " + why);
  }

 private:
  std::string Name(const char* key) const { return prefix_.empty() ? key : prefix_ + "." + key; }
  const toml::node* Find(const char* key) {
    known_.insert(key);
    return table_ ? table_->get(key) : nullptr;
  }

  const toml::table* table_;
  std::string source_;
  std::string prefix_;
  Status* error_;
  std::set<std::string> known_;
};

void ReadSite(TableReader r, publish::SiteConfig* site) {
  r.String("name", &site->name);
  r.String("base_url", &site->base_url);
  while (EndsWith(site->base_url, "/")) site->base_url.pop_back();
  r.String("language", &site->language);
  r.String("description", &site->description);
  r.String("disclaimer", &site->disclaimer);
  r.String("default_section", &site->default_section);
  r.String("template_dir", &site->template_dir);
  r.String("theme_dir", &site->theme_dir);
  r.Int("page_size", &site->page_size, 1, 1000);
  r.Int("feed_size", &site->feed_size, 1, 1000);
  r.Finish();
}

void ReadServer(TableReader r, server::ServerOptions* s) {
  r.String("bind", &s->bind_address);
  r.Int("port", &s->port, 0, 65535);
  r.Int("threads", &s->threads, 1, 256);
  r.Int("connection_timeout_s", &s->connection_timeout_s, 1, 3600);
  r.Int("max_connections", &s->max_connections, 1, 1000000);
  r.Size("cache_entries", &s->cache_entries);
  r.Size("max_body_bytes", &s->max_body_bytes);
  r.String("push_token", &s->push_token);
  r.Int("gzip_level", &s->compression.gzip_level, 1, 9);
  r.Int("brotli_quality", &s->compression.brotli_quality, 0, 11);
  r.Finish();
}

void ReadAdmin(TableReader r, const toml::table& t, server::AdminOptions* a) {
  r.String("password_hash", &a->password_hash);
  r.Int("session_ttl_s", &a->session_ttl_s, 60, 30 * 24 * 3600);
  r.Int("login_failures_allowed", &a->login_failures_allowed, 1, 1000);
  r.Int("login_window_s", &a->login_window_s, 1, 24 * 3600);
  r.Bool("secure_cookie", &a->secure_cookie);
  r.Finish();
  if (!a->password_hash.empty() && !StartsWith(a->password_hash, "$argon2id$")) {
    r.Fail(*t.get("password_hash"), "password_hash",
           "expected an argon2id hash from `wirepress admin-password`");
  }
}

void ReadSections(TableReader& parent, const toml::array* list, std::vector<model::SectionRule>* out) {
  if (list == nullptr) return;
  out->clear();
  for (const toml::node& n : *list) {
    model::SectionRule rule;
    TableReader r = parent.Sub(n.as_table(), "sections");
    r.String("slug", &rule.slug);
    r.String("name", &rule.name);
    r.Strings("subject_prefixes", &rule.subject_prefixes);
    r.Strings("keywords", &rule.keywords);
    r.Finish();
    if (rule.slug.empty()) r.Fail(n, "slug", "every [[sections]] needs a slug");
    if (rule.name.empty()) rule.name = rule.slug;
    out->push_back(std::move(rule));
  }
}

void ReadAgencies(TableReader& parent, const toml::table* t,
                  std::map<std::string, publish::AgencyConfig>* out) {
  if (t == nullptr) return;
  for (const auto& [k, node] : *t) {
    publish::AgencyConfig a;
    a.name = std::string(k.str());
    TableReader r = parent.Sub(node.as_table(), "agencies." + a.name);
    if (!node.is_table()) r.Fail(node, "", "expected a table");
    r.String("name", &a.name);
    r.String("full_name", &a.full_name);
    r.String("disclaimer", &a.disclaimer);
    r.Bool("news_noindex", &a.news_noindex);
    r.Finish();
    (*out)[AsciiUpper(a.name)] = std::move(a);
  }
}

void ReadImages(TableReader& parent, const toml::array* list, std::vector<publish::LibraryImage>* out) {
  if (list == nullptr) return;
  for (const toml::node& n : *list) {
    publish::LibraryImage img;
    TableReader r = parent.Sub(n.as_table(), "images");
    r.String("href", &img.href);
    r.String("caption", &img.caption);
    r.String("section", &img.section);
    r.String("tag", &img.tag);
    r.Int("width", &img.width, 1, 20000);
    r.Int("height", &img.height, 1, 20000);
    r.Finish();
    if (img.href.empty()) r.Fail(n, "href", "every [[images]] needs an href");
    out->push_back(std::move(img));
  }
}

void ReadFeeds(TableReader& parent, const toml::array* list, std::vector<ingest::FeedConfig>* out) {
  if (list == nullptr) return;
  out->clear();
  for (const toml::node& n : *list) {
    ingest::FeedConfig feed;
    TableReader r = parent.Sub(n.as_table(), "feeds");
    r.String("url", &feed.url);
    r.String("agency", &feed.agency);
    r.Int("interval", &feed.interval_s, 1, 86400);
    r.Int("quiet_after", &feed.quiet_after_s, 0, 30 * 86400);
    r.Finish();
    if (!StartsWith(feed.url, "http://") && !StartsWith(feed.url, "https://")) {
      const toml::node* url = n.is_table() ? n.as_table()->get("url") : nullptr;
      r.Fail(url ? *url : n, "url", "every [[feeds]] needs an http:// or https:// url");
    }
    out->push_back(std::move(feed));
  }
}

void ReadPings(TableReader r, const toml::table* t, server::PingOptions* p) {
  r.String("websub_hub", &p->websub_hub);
  r.String("indexnow_endpoint", &p->indexnow_endpoint);
  r.String("indexnow_key", &p->indexnow_key);
  r.Int("max_attempts", &p->max_attempts, 1, 10);
  r.Finish();
  if (!p->indexnow_endpoint.empty() && p->indexnow_key.empty()) {
    r.Fail(*t->get("indexnow_endpoint"), "indexnow_key", "needed when indexnow_endpoint is set");
  }
  // IndexNow's rule; the key is also served as the path /<key>.txt.
  const std::string& key = p->indexnow_key;
  if (!key.empty() && (key.size() < 8 || key.size() > 128 ||
                       key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                             "0123456789-") != std::string::npos)) {
    r.Fail(*t->get("indexnow_key"), "indexnow_key",
           "expected 8 to 128 characters a-z, A-Z, 0-9 or '-'");
  }
}

Status ReadRoot(const toml::table& root, std::string_view source, Config* c) {
  Status error;
  TableReader r(&root, std::string(source), "", &error);
  r.String("data_dir", &c->data_dir);
  r.String("store", &c->store_url);
  r.String("inbox", &c->inbox_dir);
  r.String("log_level", &c->log_level);
  r.Int("spool_rescan_ms", &c->spool_rescan_ms, 100, 3600000);
  if (const toml::table* t = r.Table("site")) ReadSite(r.Sub(t, "site"), &c->site);
  if (const toml::table* t = r.Table("server")) ReadServer(r.Sub(t, "server"), &c->server);
  if (const toml::table* t = r.Table("admin")) ReadAdmin(r.Sub(t, "admin"), *t, &c->admin);
  ReadSections(r, r.TableArray("sections"), &c->site.sections);
  ReadAgencies(r, r.Table("agencies"), &c->site.agencies);
  ReadImages(r, r.TableArray("images"), &c->site.images);
  ReadFeeds(r, r.TableArray("feeds"), &c->poller.feeds);
  if (const toml::table* t = r.Table("pings")) ReadPings(r.Sub(t, "pings"), t, &c->pings);
  // No [[images]]: the theme's picture per section (and news.svg for the
  // rest), so no story page goes out without its file image.
  if (c->site.images.empty()) c->site.images = publish::DefaultLibraryImages(c->site);
  r.Finish();
  c->ingest.sections = c->site.sections;
  c->ingest.default_section = c->site.default_section;
  c->pings.base_url = c->site.base_url;
  return error;
}

}  // namespace

std::string Config::StoreUrl() const {
  return store_url.empty() ? "sqlite:" + JoinPath(data_dir, "wirepress.db") : store_url;
}

std::string Config::InboxDir() const {
  return inbox_dir.empty() ? JoinPath(data_dir, "inbox") : inbox_dir;
}

ingest::SpoolOptions Config::Spool() const {
  ingest::SpoolOptions o;
  o.inbox_dir = InboxDir();
  o.data_dir = data_dir;
  o.rescan_interval_ms = spool_rescan_ms;
  return o;
}

Result<Config> ParseConfig(std::string_view text, std::string_view source) {
  Config c;
  c.file = std::string(source);
  try {
    toml::table root = toml::parse(text, source);
    WP_RETURN_IF_ERROR(ReadRoot(root, source, &c));
  } catch (const toml::parse_error& e) {
    const toml::source_region& at = e.source();
    return Status::InvalidInput(std::string(source) + ":" + std::to_string(at.begin.line) + ":" +
                                    std::to_string(at.begin.column),
                                std::string(e.description()));
  }
  return c;
}

Result<Config> LoadConfig(const std::string& path, FileSystem& fs) {
  WP_ASSIGN_OR_RETURN(std::string text, fs.ReadFile(path));
  return ParseConfig(text, path);
}

std::string FindThemeDir(FileSystem& fs) {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("WIREPRESS_THEME_DIR")) candidates.emplace_back(env);
  candidates.emplace_back("templates");
  candidates.emplace_back(WIREPRESS_SOURCE_THEME_DIR);
  candidates.emplace_back(WIREPRESS_INSTALLED_THEME_DIR);
  for (const std::string& dir : candidates) {
    Result<FileInfo> info = fs.Stat(JoinPath(dir, "story.mustache"));
    if (info.ok() && info->exists) return dir;
  }
  return "";
}

}  // namespace wirepress::cli

// Config: wirepress.toml read into the options structs of each layer
// (publish::SiteConfig, server::ServerOptions, ingest options and paths).
// This is the only file that knows TOML; everything else gets plain
// structs. Command-line flags override the file (cli/app.cc applies them).
//
// Relative paths in the file are taken relative to the working directory,
// as the same paths given as flags would be.
//
// Thread-safety: plain values and pure functions.
#ifndef WIREPRESS_CLI_CONFIG_H_
#define WIREPRESS_CLI_CONFIG_H_

#include <string>
#include <string_view>

#include "base/file_system.h"
#include "base/status.h"
#include "ingest/feed_poller.h"
#include "ingest/pipeline.h"
#include "ingest/scheduler.h"
#include "ingest/spool.h"
#include "publish/site_config.h"
#include "server/admin_options.h"
#include "server/pings.h"
#include "server/server_options.h"

namespace wirepress::cli {

struct Config {
  std::string file;  // the file it was read from; "" = built-in defaults
  // Where the database, inbox, processed/ and failed/ live by default.
  std::string data_dir = "data";
  // "" = "sqlite:<data_dir>/wirepress.db".
  std::string store_url;
  // "" = "<data_dir>/inbox".
  std::string inbox_dir;
  publish::SiteConfig site;
  server::ServerOptions server;
  server::AdminOptions admin;  // [admin]: /admin is off without a password_hash
  ingest::IngestOptions ingest;  // sections follow `site`
  ingest::SchedulerOptions scheduler;
  int spool_rescan_ms = 5000;
  // [[feeds]]: agency feeds polled over HTTP(S); none by default.
  ingest::FeedPollerOptions poller;
  // [pings]: WebSub / IndexNow, off by default; base_url follows `site`.
  server::PingOptions pings;
  std::string log_level = "info";

  // The values with every "" default filled in from data_dir.
  std::string StoreUrl() const;
  std::string InboxDir() const;
  ingest::SpoolOptions Spool() const;
};

// Reads `path`. InvalidInput "path:line:col: ..." for TOML syntax errors,
// unknown keys and values of the wrong type or range; NotFound when the
// file does not exist.
Result<Config> LoadConfig(const std::string& path, FileSystem& fs);
// Parses TOML text (as LoadConfig, with `source` naming it in errors).
Result<Config> ParseConfig(std::string_view text, std::string_view source);

// The built-in theme folder: $WIREPRESS_THEME_DIR, ./templates, the
// source tree's templates/ or the installed share/wirepress/templates,
// whichever exists first; "" if none.
std::string FindThemeDir(FileSystem& fs);

}  // namespace wirepress::cli

#endif  // WIREPRESS_CLI_CONFIG_H_

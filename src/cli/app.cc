#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <vector>

#include "base/logging.h"
#include "cli/commands.h"
#include "cli/registry.h"

namespace wirepress::cli {

const Command kCommands[] = {
    {"parse", "Parse wire files and print one JSON story per line", Phase::kFlags,
     &SetupParseCommand},
    {"ingest", "Ingest wire files (or every file in a folder) into the store", Phase::kStore,
     &SetupIngestCommand},
    {"serve", "Serve the live site, watching the inbox and releasing embargoes", Phase::kStore,
     &SetupServeCommand},
    {"export", "Write the whole site as static files", Phase::kStore, &SetupExportCommand},
    {"search", "Search the published stories", Phase::kStore, &SetupSearchCommand},
    {"kill", "Withdraw a story from every output (its URL answers 410)", Phase::kStore,
     &SetupKillCommand},
    {"hold", "Take a story off every output until it is released (its URL answers 404)",
     Phase::kStore, &SetupHoldCommand},
    {"release", "Put a held story back on the site", Phase::kStore, &SetupReleaseCommand},
    {"replay", "Move failed inputs back into the inbox to try them again", Phase::kConfig,
     &SetupReplayCommand},
    {"admin-password", "Read a password from stdin and print its argon2id hash for [admin]",
     Phase::kFlags, &SetupAdminPasswordCommand},
};
const size_t kCommandCount = sizeof(kCommands) / sizeof(kCommands[0]);

namespace {

constexpr const char* kDefaultConfig = "wirepress.toml";

void AddGlobalFlags(CLI::App* app, GlobalFlags* flags) {
  app->add_option("--config", flags->config, "Config file (default ./wirepress.toml if present)");
  app->add_option("--data", flags->data_dir, "Data folder: database, inbox, processed/, failed/");
  app->add_option("--store", flags->store_url,
                  "Store URL: sqlite:PATH, postgresql://..., memory: (default sqlite:DATA/wirepress.db)");
  app->add_option("--log-level", flags->log_level, "debug, info, warn, error or off");
}

// The config file: --config (must exist), else ./wirepress.toml if it
// exists, else the built-in defaults.
Result<Config> ReadConfig(const GlobalFlags& flags, FileSystem& fs) {
  std::string path = flags.config.empty() ? kDefaultConfig : flags.config;
  Result<Config> config = LoadConfig(path, fs);
  if (!config.ok() && config.status().code() == StatusCode::kNotFound && flags.config.empty()) {
    return Config{};
  }
  return config;
}

}  // namespace

App::App(std::ostream& out, std::ostream& err) : out_(out), err_(err) {}

Status App::Prepare(Phase phase, const GlobalFlags& flags, Context* ctx) {
  ctx->fs = &RealFileSystem();
  ctx->clock = &SystemClock();
  ctx->out = &out_;
  ctx->err = &err_;
  RegisterFormats(&ctx->formats);
  RegisterStores(&ctx->stores);
  if (phase == Phase::kFlags) return Status::Ok();
  WP_ASSIGN_OR_RETURN(ctx->config, ReadConfig(flags, *ctx->fs));
  Config& c = ctx->config;
  if (!flags.data_dir.empty()) c.data_dir = flags.data_dir;
  if (!flags.store_url.empty()) c.store_url = flags.store_url;
  if (!flags.log_level.empty()) c.log_level = flags.log_level;
  LogLevel level;
  if (!ParseLogLevel(c.log_level, &level)) {
    return Status::InvalidInput("log level '" + c.log_level + "'",
                                "expected debug, info, warn, error or off");
  }
  SetLogLevel(level);
  if (c.site.theme_dir.empty()) c.site.theme_dir = FindThemeDir(*ctx->fs);
  if (phase == Phase::kConfig) return Status::Ok();
  WP_ASSIGN_OR_RETURN(ctx->store, ctx->stores.Open(c.StoreUrl(), store::StoreOptions{}));
  return Status::Ok();
}

int App::Run(int argc, const char* const* argv) {
  CLI::App app{"wirepress: news-agency wire copy in, a live news website out."};
  app.require_subcommand(1);
  app.fallthrough();
  GlobalFlags flags;
  AddGlobalFlags(&app, &flags);
  std::vector<CLI::App*> subs;
  std::vector<Runner> runners;
  for (size_t i = 0; i < kCommandCount; ++i) {
    subs.push_back(app.add_subcommand(std::string(kCommands[i].name), std::string(kCommands[i].help)));
    runners.push_back(kCommands[i].setup(subs.back()));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, out_, err_);
    return code == 0 ? 0 : 2;
  }
  for (size_t i = 0; i < kCommandCount; ++i) {
    if (!subs[i]->parsed()) continue;
    Context ctx;
    Status ready = Prepare(kCommands[i].phase, flags, &ctx);
    Result<int> code = ready.ok() ? runners[i](ctx) : Result<int>(ready);
    if (code.ok()) return *code;
    err_ << "wirepress " << kCommands[i].name << ": " << code.status().ToString() << "\n";
    return 1;
  }
  return 2;
}

}  // namespace wirepress::cli

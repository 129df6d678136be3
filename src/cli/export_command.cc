// `wirepress export --out DIR`: writes every document of the site as
// static files under DIR (publish/exporter.h), for nginx or a CDN.
//
// With --follow it then keeps DIR live until SIGTERM/SIGINT: it tails the
// store's change log (ingest::ChangeFollower) — stories that `serve`,
// `wirepress ingest` or other workers store, kills and holds from a shell,
// embargo releases — and rewrites exactly the documents each change made
// stale (Renderer::AffectedPaths, through Exporter::ExportPaths). It also
// runs the embargo scheduler, so a site served by nginx alone still
// publishes embargoed stories at their time. A kill replaces the story's
// file with its 410 notice at once; --reload-command (e.g. "nginx -s
// reload") runs after each round that changed the _gone lists, so nginx
// also answers the status 410.
#include <spawn.h>
#include <sys/wait.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "base/logging.h"
#include "cli/commands.h"
#include "ingest/change_follower.h"
#include "ingest/scheduler.h"
#include "publish/exporter.h"
#include "publish/renderer.h"
#include "server/signals.h"

extern char** environ;

namespace wirepress::cli {
namespace {

struct ExportFlags {
  std::string out;
  int threads = 0;
  bool follow = false;
  int interval_ms = 250;
  std::string reload_command;
};

// Runs `command` through /bin/sh with the default signal mask (the
// exporter blocks the shutdown signals, and a child would inherit that) and
// waits for it. Returns whether it exited 0; failures are logged.
bool RunReloadCommand(const std::string& command) {
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  pid_t pid = 0;
  int err = posix_spawn(&pid, "/bin/sh", nullptr, &attr, const_cast<char* const*>(argv), environ);
  posix_spawnattr_destroy(&attr);
  if (err != 0) {
    LogError("export.reload", {{"command", command}, {"error", std::strerror(err)}});
    return false;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  LogError("export.reload", {{"command", command},
                             {"status", WIFEXITED(status) ? std::to_string(WEXITSTATUS(status))
                                                          : std::string("killed")}});
  return false;
}

// The --follow loop: polls the change log every interval, rewrites what the
// changes made stale, until a shutdown signal. Paths whose rewrite failed
// (a full disk) are kept and tried again next round.
int Follow(Context& ctx, const ExportFlags& flags, publish::Exporter* exporter,
           ingest::ChangeFollower* follower, ingest::Scheduler* scheduler,
           std::vector<std::string>* pending) {
  scheduler->Start();
  *ctx.out << "wirepress: following changes into " << flags.out << "\n";
  ctx.out->flush();
  LogInfo("export.follow", {{"out", flags.out}, {"store", ctx.config.StoreUrl()}});
  int sig = 0;
  while ((sig = server::WaitForShutdownSignalFor(flags.interval_ms)) == 0) {
    Result<int> changes = follower->Poll();
    if (!changes.ok()) LogError("export.changes", {{"error", changes.status().message()}});
    Result<std::int64_t> pruned = follower->PruneIfDue();
    if (!pruned.ok()) LogError("changes.prune", {{"error", pruned.status().message()}});
    if (pending->empty()) continue;
    std::sort(pending->begin(), pending->end());
    pending->erase(std::unique(pending->begin(), pending->end()), pending->end());
    Result<publish::ExportStats> stats = exporter->ExportPaths(flags.out, *pending);
    if (!stats.ok()) {
      LogError("export.update", {{"error", stats.status().message()}});
      continue;
    }
    LogInfo("export.update", {{"written", std::to_string(stats->written)},
                              {"gone", std::to_string(stats->gone)},
                              {"removed", std::to_string(stats->removed)}});
    pending->clear();
    if (stats->gone > 0 && !flags.reload_command.empty()) RunReloadCommand(flags.reload_command);
  }
  LogInfo("export.stop", {{"signal", sig == SIGINT ? "SIGINT" : sig == SIGHUP ? "SIGHUP" : "SIGTERM"}});
  scheduler->Stop();
  return 0;
}

Result<int> Export(Context& ctx, const ExportFlags& flags) {
  // Before the exporter's threads exist, so only the main thread sees them.
  if (flags.follow) server::BlockShutdownSignals();
  WP_ASSIGN_OR_RETURN(std::unique_ptr<publish::Renderer> renderer,
                      publish::NewRenderer(ctx.config.site, ctx.store.get(), ctx.clock));
  publish::ExportOptions options;
  if (flags.threads > 0) options.threads = flags.threads;
  publish::Exporter exporter(renderer.get(), ctx.fs, options);
  // Its releases reach the change log like any other change.
  ingest::Scheduler scheduler(ctx.config.scheduler, ctx.store.get(), ctx.clock,
                              /*notify=*/nullptr);
  std::vector<std::string> pending;
  ingest::ChangeFollower follower(
      ingest::ChangeFollowerOptions{}, ctx.store.get(), ctx.clock,
      [&renderer, &pending, &scheduler](const store::PutOutcome& outcome) {
        // Another process stored an embargo, maybe earlier than the one
        // the scheduler sleeps until.
        if (outcome.action == store::PutAction::kEmbargoed) scheduler.Wake();
        std::vector<std::string> paths = renderer->AffectedPaths(outcome);
        pending.insert(pending.end(), paths.begin(), paths.end());
      });
  // Where the log stands before the snapshot is read: changes made during
  // the full export are rewritten again after it, none is missed.
  if (flags.follow) WP_RETURN_IF_ERROR(follower.SkipToEnd());
  std::int64_t start = ctx.clock->MonotonicMicros();
  WP_ASSIGN_OR_RETURN(publish::ExportStats stats, exporter.Export(flags.out));
  double seconds = static_cast<double>(ctx.clock->MonotonicMicros() - start) / 1e6;
  *ctx.out << "exported " << stats.written << " files (" << stats.gone << " withdrawn, "
           << stats.skipped << " dynamic-only skipped) to " << flags.out << " in " << seconds
           << " s\n";
  if (!flags.follow) return 0;
  if (!flags.reload_command.empty()) RunReloadCommand(flags.reload_command);
  return Follow(ctx, flags, &exporter, &follower, &scheduler, &pending);
}

}  // namespace

Runner SetupExportCommand(CLI::App* cmd) {
  auto flags = std::make_shared<ExportFlags>();
  cmd->add_option("--out", flags->out, "Folder to write the site into")->required();
  cmd->add_option("--threads", flags->threads, "Writer threads (default 8)");
  cmd->add_flag("--follow", flags->follow,
                "Then keep the folder live: rewrite what each change makes stale, until "
                "SIGTERM/SIGINT");
  cmd->add_option("--interval-ms", flags->interval_ms,
                  "With --follow: how often the change log is read (default 250)")
      ->check(CLI::Range(10, 60000));
  cmd->add_option("--reload-command", flags->reload_command,
                  "With --follow: shell command run after the full export and after each "
                  "update that withdrew a story, e.g. \"nginx -s reload\" (reads _gone.map)");
  return [flags](Context& ctx) { return Export(ctx, *flags); };
}

}  // namespace wirepress::cli

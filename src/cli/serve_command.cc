// `wirepress serve`: the live site. Opens the store (App did), loads the
// templates, then runs until SIGTERM/SIGINT:
//   - the HTTP server (server/), cache invalidated by every change;
//   - the inbox spool: files dropped in the inbox are ingested at once;
//   - the embargo scheduler;
//   - the change follower, for kills and stories other processes store;
//   - the feed poller ([[feeds]]) and the WebSub/IndexNow pinger ([pings]).
// Prints the URL it serves on stdout (with port 0, the port picked).
#include <CLI/CLI.hpp>
#include <csignal>
#include <memory>
#include <ostream>

#include "base/logging.h"
#include "cli/commands.h"
#include "ingest/change_follower.h"
#include "ingest/feed_poller.h"
#include "ingest/http_client.h"
#include "ingest/pipeline.h"
#include "ingest/scheduler.h"
#include "ingest/spool.h"
#include "publish/renderer.h"
#include "server/pings.h"
#include "server/server.h"
#include "server/signals.h"

namespace wirepress::cli {
namespace {

struct ServeFlags {
  std::string bind;
  int port = -1;
  int threads = 0;
  std::string inbox;
  std::string push_token;
  bool no_watch = false;
  bool no_poll = false;
};

void ApplyFlags(const ServeFlags& f, Config* c) {
  if (!f.bind.empty()) c->server.bind_address = f.bind;
  if (f.port >= 0) c->server.port = f.port;
  if (f.threads > 0) c->server.threads = f.threads;
  if (!f.inbox.empty()) c->inbox_dir = f.inbox;
  if (!f.push_token.empty()) c->server.push_token = f.push_token;
  c->server.indexnow_key = c->pings.indexnow_key;  // served at /<key>.txt
}

Result<int> Serve(Context& ctx, const ServeFlags& flags) {
  // Before any thread exists, so every thread inherits the mask and only
  // the main thread's sigwait sees the signals.
  server::BlockShutdownSignals();
  Config& c = ctx.config;
  ApplyFlags(flags, &c);
  store::Store* store = ctx.store.get();
  WP_ASSIGN_OR_RETURN(std::unique_ptr<publish::Renderer> renderer,
                      publish::NewRenderer(c.site, store, ctx.clock));
  ingest::Pipeline pipeline(c.ingest, &ctx.formats, store, ctx.clock);
  ingest::InputArchive archive(c.data_dir, ctx.fs, ctx.clock);
  // /admin, when [admin] has a password hash; declared before the server
  // so it outlives every request.
  // Feed polling and pings share one libcurl client; the pinger only queues
  // on the ingesting thread, so a slow search engine never slows ingest.
  std::unique_ptr<ingest::HttpClient> http_client = ingest::NewCurlHttpClient();
  ingest::FeedPoller poller(c.poller, &pipeline, &archive, http_client.get(), ctx.clock);
  std::unique_ptr<server::AdminHandler> admin;
  if (!c.admin.password_hash.empty()) {
    server::AdminContext actx{store, &archive, c.InboxDir(), ctx.fs, ctx.clock,
                              [&pipeline](const store::PutOutcome& o) { pipeline.Notify(o); },
                              [&poller] { return poller.Health(); }};
    WP_ASSIGN_OR_RETURN(admin,
                        server::AdminHandler::Create(c.admin, std::move(actx), c.site.theme_dir));
    admin->AttachTo(&pipeline);
  }
  server::Server http(c.server, renderer.get(), &pipeline, &archive);
  http.AttachTo(&pipeline);
  server::Pinger pinger(c.pings, renderer.get(), http_client.get());
  if (pinger.enabled()) {
    pipeline.AddListener([&pinger](const store::PutOutcome& o) { pinger.OnChange(o); });
  }
  http.metrics().SetFeedHealthSource([&poller] { return poller.Health(); });
  http.metrics().SetPingSource([&pinger] {
    return server::Metrics::PingCounts{pinger.sent(), pinger.failed(), pinger.dropped()};
  });
  if (admin != nullptr) http.SetAdmin(admin.get());
  ingest::Scheduler scheduler(c.scheduler, store, ctx.clock,
                              [&pipeline](const store::PutOutcome& o) { pipeline.Notify(o); });
  pipeline.AddListener([&scheduler](const store::PutOutcome& o) {
    if (o.action == store::PutAction::kEmbargoed) scheduler.Wake();
  });
  ingest::ChangeFollower follower(ingest::ChangeFollowerOptions{}, store, ctx.clock,
                                  [&http, &scheduler](const store::PutOutcome& o) {
                                    http.Invalidate(o);
                                    // An embargo another process stored may
                                    // fall due before the one awaited.
                                    if (o.action == store::PutAction::kEmbargoed) {
                                      scheduler.Wake();
                                    }
                                  });
  ingest::Spool spool(c.Spool(), &pipeline, ctx.fs, ctx.clock);

  WP_RETURN_IF_ERROR(http.Start());
  WP_RETURN_IF_ERROR(follower.Start());
  scheduler.Start();
  if (!flags.no_watch) WP_RETURN_IF_ERROR(spool.Start());
  pinger.Start();
  if (!flags.no_poll) poller.Start();
  *ctx.out << "wirepress: serving " << http.url() << "/\n";
  if (!flags.no_watch) *ctx.out << "wirepress: watching inbox " << c.InboxDir() << "\n";
  if (!flags.no_poll && !c.poller.feeds.empty()) {
    *ctx.out << "wirepress: polling " << c.poller.feeds.size() << " feed(s)\n";
  }
  ctx.out->flush();
  LogInfo("serve.start", {{"url", http.url()}, {"store", c.StoreUrl()}, {"inbox", c.InboxDir()}});

  int sig = server::WaitForShutdownSignal();
  LogInfo("serve.stop", {{"signal", sig == SIGINT ? "SIGINT" : sig == SIGHUP ? "SIGHUP" : "SIGTERM"}});
  // Stop taking work first, then let each worker finish what it holds.
  http.Stop();
  spool.Stop();
  poller.Stop();  // the poll in hand finishes
  scheduler.Stop();
  follower.Stop();
  pinger.Stop();  // the ping in hand finishes; the queued rest are logged
  return 0;
}

}  // namespace

Runner SetupServeCommand(CLI::App* cmd) {
  auto flags = std::make_shared<ServeFlags>();
  cmd->add_option("--bind", flags->bind, "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", flags->port, "Port (default 8080; 0 picks a free one)");
  cmd->add_option("--threads", flags->threads, "HTTP worker threads (default 4)");
  cmd->add_option("--inbox", flags->inbox, "Inbox folder to watch (default DATA/inbox)");
  cmd->add_option("--push-token", flags->push_token,
                  "Bearer token for POST /api/v1/ingest (default: off)");
  cmd->add_flag("--no-watch", flags->no_watch, "Do not watch the inbox");
  cmd->add_flag("--no-poll", flags->no_poll, "Do not poll the [[feeds]] of the config");
  return [flags](Context& ctx) { return Serve(ctx, *flags); };
}

}  // namespace wirepress::cli

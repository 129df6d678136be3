// `wirepress export --out DIR`: writes every document of the site as
// static files under DIR (publish/exporter.h), for nginx or a CDN.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.h"
#include "publish/exporter.h"
#include "publish/renderer.h"

namespace wirepress::cli {
namespace {

struct ExportFlags {
  std::string out;
  int threads = 0;
};

Result<int> Export(Context& ctx, const ExportFlags& flags) {
  WP_ASSIGN_OR_RETURN(std::unique_ptr<publish::Renderer> renderer,
                      publish::NewRenderer(ctx.config.site, ctx.store.get(), ctx.clock));
  publish::ExportOptions options;
  if (flags.threads > 0) options.threads = flags.threads;
  publish::Exporter exporter(renderer.get(), ctx.fs, options);
  std::int64_t start = ctx.clock->MonotonicMicros();
  WP_ASSIGN_OR_RETURN(publish::ExportStats stats, exporter.Export(flags.out));
  double seconds = static_cast<double>(ctx.clock->MonotonicMicros() - start) / 1e6;
  *ctx.out << "exported " << stats.written << " files (" << stats.gone << " withdrawn, "
           << stats.skipped << " dynamic-only skipped) to " << flags.out << " in " << seconds
           << " s\n";
  return 0;
}

}  // namespace

Runner SetupExportCommand(CLI::App* cmd) {
  auto flags = std::make_shared<ExportFlags>();
  cmd->add_option("--out", flags->out, "Folder to write the site into")->required();
  cmd->add_option("--threads", flags->threads, "Writer threads (default 8)");
  return [flags](Context& ctx) { return Export(ctx, *flags); };
}

}  // namespace wirepress::cli

// App: the `wirepress` command line. A table of subcommands (kCommands),
// each with a one-line help, the setup phase it needs and a handler in its
// own file (*_command.cc). App::Run parses the flags (CLI11), prepares what
// the phase asks for — the config file, the store — and runs the handler.
//
// Phases: kFlags (nothing beyond flags: parse), kConfig (wirepress.toml
// loaded and flags applied: replay), kStore (and the store open: ingest,
// serve, export, search, kill).
//
// Thread-safety: one App per process, used from main().
#ifndef WIREPRESS_CLI_APP_H_
#define WIREPRESS_CLI_APP_H_

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/file_system.h"
#include "base/status.h"
#include "cli/config.h"
#include "formats/registry.h"
#include "store/store.h"

namespace CLI {
class App;
}

namespace wirepress::cli {

enum class Phase { kFlags, kConfig, kStore };

// What a handler gets: the config, the registries, the open store (kStore
// only) and where to write.
struct Context {
  Config config;
  formats::FormatRegistry formats;
  store::StoreRegistry stores;
  std::unique_ptr<store::Store> store;
  FileSystem* fs = nullptr;
  const Clock* clock = nullptr;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
};

// A handler with its flags bound; returns the process exit code, or an
// error that App prints as a chain.
using Runner = std::function<Result<int>(Context& context)>;
// Adds a subcommand's flags and arguments to `command` and returns its
// runner (which reads the bound values once flags are parsed).
using Setup = Runner (*)(CLI::App* command);

struct Command {
  std::string_view name;
  std::string_view help;
  Phase phase;
  Setup setup;
};

// Flags every subcommand accepts; they override wirepress.toml.
struct GlobalFlags {
  std::string config;     // --config FILE (default ./wirepress.toml if present)
  std::string data_dir;   // --data DIR
  std::string store_url;  // --store URL
  std::string log_level;  // --log-level
};

class App {
 public:
  App(std::ostream& out, std::ostream& err);
  // Runs one command line; returns the exit code (0 ok, 1 failure, 2 usage).
  int Run(int argc, const char* const* argv);

 private:
  Status Prepare(Phase phase, const GlobalFlags& flags, Context* context);
  std::ostream& out_;
  std::ostream& err_;
};

// The subcommand table.
extern const Command kCommands[];
extern const size_t kCommandCount;

}  // namespace wirepress::cli

#endif  // WIREPRESS_CLI_APP_H_

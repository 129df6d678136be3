// The subcommands' setup functions, one per *_command.cc file, gathered
// into the kCommands table in app.cc.
#ifndef WIREPRESS_CLI_COMMANDS_H_
#define WIREPRESS_CLI_COMMANDS_H_

#include "cli/app.h"

namespace wirepress::cli {

Runner SetupParseCommand(CLI::App* command);
Runner SetupIngestCommand(CLI::App* command);
Runner SetupServeCommand(CLI::App* command);
Runner SetupExportCommand(CLI::App* command);
Runner SetupSearchCommand(CLI::App* command);
Runner SetupKillCommand(CLI::App* command);
Runner SetupHoldCommand(CLI::App* command);
Runner SetupReleaseCommand(CLI::App* command);
Runner SetupReplayCommand(CLI::App* command);
Runner SetupAdminPasswordCommand(CLI::App* command);

}  // namespace wirepress::cli

#endif  // WIREPRESS_CLI_COMMANDS_H_

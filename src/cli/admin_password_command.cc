// `wirepress admin-password`: reads the operators' password from standard
// input (one line; the trailing newline is not part of it) and prints its
// argon2id hash for wirepress.toml's [admin] password_hash. The password
// never appears on the command line, where `ps` and shell history see it.
#include <CLI/CLI.hpp>
#include <iostream>
#include <iterator>
#include <memory>
#include <ostream>

#include "cli/commands.h"
#include "server/admin_auth.h"

namespace wirepress::cli {
namespace {

Result<int> AdminPassword(Context& ctx, std::istream& in) {
  std::string password;
  std::getline(in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  WP_ASSIGN_OR_RETURN(std::string hash, server::HashAdminPassword(password));
  *ctx.out << hash << "\n";
  return 0;
}

}  // namespace

Runner SetupAdminPasswordCommand(CLI::App* cmd) {
  (void)cmd;  // no flags: the password comes from stdin only
  return [](Context& ctx) { return AdminPassword(ctx, std::cin); };
}

}  // namespace wirepress::cli

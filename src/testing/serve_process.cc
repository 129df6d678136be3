#include "testing/serve_process.h"

#include <poll.h>
#include <unistd.h>

#include <regex>

namespace wirepress::testing {

Status StartServe(const std::string& binary, const std::string& config,
                  const std::vector<std::string>& extra_args, std::chrono::milliseconds patience,
                  ServeProcess* out) {
  std::vector<std::string> args = {binary, "--config", config, "serve", "--port", "0",
                                   "--threads", "2"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int fds[2];
  if (::pipe(fds) != 0) return Status::Unavailable("starting " + binary, "pipe failed");
  out->pid = ::fork();
  if (out->pid < 0) return Status::Unavailable("starting " + binary, "fork failed");
  if (out->pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  out->stdout_fd = fds[0];
  std::string text;
  std::regex re("serving (http://[0-9.]+:[0-9]+)/");
  auto deadline = std::chrono::steady_clock::now() + patience;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out->stdout_fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[512];
    ssize_t n = ::read(out->stdout_fd, buf, sizeof buf);
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
    std::smatch m;
    if (std::regex_search(text, m, re)) {
      out->url = m[1];
      return Status::Ok();
    }
  }
  return Status::Unavailable("starting " + binary, "serve printed no URL; it printed: " + text);
}

}  // namespace wirepress::testing

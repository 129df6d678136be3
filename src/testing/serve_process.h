// StartServe: runs the real `wirepress serve` in a child process for
// end-to-end tests and benchmarks, and waits until it says where it listens.
//
// Thread-safety: call from one thread; the child is the caller's to stop
// (SIGTERM, then waitpid).
#ifndef WIREPRESS_TESTING_SERVE_PROCESS_H_
#define WIREPRESS_TESTING_SERVE_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "base/status.h"

namespace wirepress::testing {

struct ServeProcess {
  pid_t pid = -1;
  int stdout_fd = -1;  // the child's stdout; keep it open while it runs
  std::string url;     // "http://127.0.0.1:PORT"
};

// Runs `binary --config CONFIG serve --port 0 --threads 2 EXTRA...` and reads
// its stdout into `out` until "serving http://HOST:PORT/". Unavailable if
// the process cannot start or prints no URL within `patience`; out->pid is
// set as soon as the child exists, so the caller can stop it either way.
Status StartServe(const std::string& binary, const std::string& config,
                  const std::vector<std::string>& extra_args, std::chrono::milliseconds patience,
                  ServeProcess* out);

}  // namespace wirepress::testing

#endif  // WIREPRESS_TESTING_SERVE_PROCESS_H_

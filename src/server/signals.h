// Shutdown signals: `serve` blocks SIGTERM/SIGINT (and SIGHUP) in every
// thread before starting any, then waits for one in the main thread and
// shuts down in order — stop accepting, finish in-flight requests and the
// file being ingested, close the store.
//
// Thread-safety: BlockShutdownSignals before creating threads (they
// inherit the mask); WaitForShutdownSignal from one thread.
#ifndef WIREPRESS_SERVER_SIGNALS_H_
#define WIREPRESS_SERVER_SIGNALS_H_

namespace wirepress::server {

// Blocks SIGTERM, SIGINT and SIGHUP in the calling thread and every thread
// it creates afterwards, and ignores SIGPIPE (a client that hangs up must
// not kill the server).
void BlockShutdownSignals();

// Blocks until one of those signals arrives; returns its number.
int WaitForShutdownSignal();

// Like WaitForShutdownSignal, but gives up after `timeout_ms` and returns
// 0: for a main thread that does periodic work between signals.
int WaitForShutdownSignalFor(int timeout_ms);

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_SIGNALS_H_

// Pinger: tells search engines and feed readers that the site changed, on
// every publish, update and kill, as an ingest listener:
//
//   - WebSub: POST <hub> "hub.mode=publish&hub.url=<feed>&hub.url=..." with
//     every feed (RSS, Atom, JSON Feed) Renderer::AffectedPaths names;
//   - IndexNow: GET <endpoint>?url=<story URL>&key=<key> (the site must
//     also serve the key file, /<key>.txt, for the engine to trust it).
//
// Off by default (both URLs empty). OnChange only queues: the pings are sent
// from one worker thread, so ingest never waits for the network. A ping
// that gets no 2xx is retried up to max_attempts with doubling delays, then
// dropped with a log line; a full queue drops the newest ping the same way.
//
// Thread-safety: OnChange and the counters from any thread; Start/Stop
// from the owner.
#ifndef WIREPRESS_SERVER_PINGS_H_
#define WIREPRESS_SERVER_PINGS_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "ingest/http_client.h"
#include "publish/renderer.h"
#include "store/store.h"

namespace wirepress::server {

struct PingOptions {
  std::string websub_hub;         // "" = no WebSub pings
  std::string indexnow_endpoint;  // "" = no IndexNow pings
  std::string indexnow_key;       // REQUIRES: non-empty when the endpoint is set
  std::string base_url;           // the site's, for absolute URLs; no trailing '/'
  // Tries per ping, and the delay before the second (doubling after).
  // Engines rate-limit; a few tries ride out a blip without hammering.
  int max_attempts = 3;
  int retry_delay_ms = 2000;
  int timeout_ms = 10000;
  // Pings waiting beyond this are dropped (a burst of thousands of stories
  // should not grow memory without bound; engines recrawl anyway).
  size_t max_queue = 10000;
};

class Pinger {
 public:
  // `renderer` and `http` must outlive the pinger.
  Pinger(const PingOptions& options, publish::Renderer* renderer, ingest::HttpClient* http);
  ~Pinger();  // Stop()s

  bool enabled() const {
    return !options_.websub_hub.empty() || !options_.indexnow_endpoint.empty();
  }

  // Queues the pings `outcome` calls for (kCreated, kUpdated, kKilled);
  // returns at once. Pings queued before Start() wait for it.
  void OnChange(const store::PutOutcome& outcome);

  // Starts the worker (no-op when disabled).
  void Start();
  // Finishes the ping in hand (no further retries) and stops; what is still
  // queued is dropped with a log line. Idempotent.
  void Stop();

  // Blocks until the queue is empty and no ping is in flight (tests, and a
  // graceful shutdown that can afford it). False when `timeout_ms` passed.
  bool WaitIdle(int timeout_ms);

  std::uint64_t sent() const { return sent_.load(); }
  std::uint64_t failed() const { return failed_.load(); }
  std::uint64_t dropped() const { return dropped_.load(); }

 private:
  void Enqueue(ingest::HttpRequest request);
  void Loop();
  // Sends with retries; true on a 2xx.
  bool Deliver(const ingest::HttpRequest& request);

  PingOptions options_;
  publish::Renderer* renderer_;
  ingest::HttpClient* http_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<ingest::HttpRequest> queue_;  // guarded by mu_
  bool stopping_ = false;                  // guarded by mu_
  bool busy_ = false;                      // guarded by mu_
  std::thread thread_;
  std::atomic<std::uint64_t> sent_{0}, failed_{0}, dropped_{0};
};

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_PINGS_H_

// ServerOptions: everything `wirepress serve` lets an operator tune about
// the HTTP side. Built once in cli/ from wirepress.toml and flags, then
// passed down by const reference.
//
// Thread-safety: a plain value.
#ifndef WIREPRESS_SERVER_SERVER_OPTIONS_H_
#define WIREPRESS_SERVER_SERVER_OPTIONS_H_

#include <cstddef>
#include <string>

#include "server/compression.h"

namespace wirepress::server {

struct ServerOptions {
  // IPv4 or IPv6 literal to listen on; "0.0.0.0" / "::" for every
  // interface. Loopback by default: put nginx in front for the world.
  std::string bind_address = "127.0.0.1";
  // 0 picks a free port; Server::port() tells which.
  int port = 8080;
  // Worker threads, each with its own epoll loop; about one per core.
  int threads = 4;
  // Idle keep-alive connections are closed after this many seconds.
  int connection_timeout_s = 30;
  // More connections than this wait in the kernel's accept queue.
  int max_connections = 1024;
  // Per-connection memory for the request line and headers, and the
  // response headers (libmicrohttpd's pool; larger request headers get
  // 431). The library clears the whole pool after every request, so its
  // default of 32 KiB cost ~10% of a cached page's CPU; 16 KiB still holds
  // headers twice nginx's default 8 KiB line limit.
  size_t connection_memory_bytes = 16u << 10;
  // Larger request bodies (pushes) are refused with 413.
  size_t max_body_bytes = 32u << 20;
  // Rendered documents kept in memory; each is a page of ~20-60 KiB plus
  // its gzip form, so 10000 entries cost a few hundred MiB at most.
  size_t cache_entries = 10000;
  // Bearer token for POST /api/v1/ingest; "" turns the endpoint off.
  std::string push_token;
  // IndexNow key ([pings] indexnow_key, copied here by `serve`): when set,
  // GET /<key>.txt answers the key, which is how IndexNow checks that the
  // pinging site owns the host. "" serves no key file.
  std::string indexnow_key;
  CompressionOptions compression;
};

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_SERVER_OPTIONS_H_

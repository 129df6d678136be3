// HttpServer: HTTP/1.1 on libmicrohttpd. It gathers each request into an
// HttpRequest, asks the handler for an HttpResponse, then applies the
// generic rules every response gets — conditional GET (304), gzip,
// Date/ETag/Last-Modified headers — and writes it. Keep-alive and HEAD
// (same headers, no body) come from libmicrohttpd.
//
// Thread-safety: the handler is called from options.threads worker threads at
// once and must be thread-safe. Start/Stop from one owning thread.
#ifndef WIREPRESS_SERVER_HTTP_SERVER_H_
#define WIREPRESS_SERVER_HTTP_SERVER_H_

#include <functional>
#include <string>

#include "base/status.h"
#include "server/compression.h"
#include "server/http_types.h"
#include "server/server_options.h"

struct MHD_Daemon;

namespace wirepress::server {


class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  // Called after each response is queued (metrics, access logs).
  using Observer = std::function<void(const HttpRequest&, const HttpResponse&)>;

  HttpServer(const ServerOptions& options, Handler handler, Observer observer = {});
  ~HttpServer();  // Stop()s
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts the workers. IoError naming the address when the
  // port is taken or the address is not valid.
  Status Start();
  // Stops accepting, lets workers finish the responses in flight, closes
  // connections. Idempotent.
  void Stop();

  // The bound port (after Start), and "http://host:port".
  int port() const { return port_; }
  std::string url() const;

  // The generic response rules, exposed for tests: 304, gzip, and the
  // header list to send (Content-Type, ETag, Last-Modified, ...).
  static void Finalize(const HttpRequest& request, const CompressionOptions& options,
                       HttpResponse* response);

  // libmicrohttpd trampolines; not for callers.
  struct Connection;
  const ServerOptions& options() const { return options_; }
  const Handler& handler() const { return handler_; }
  const Observer& observer() const { return observer_; }

 private:
  ServerOptions options_;
  Handler handler_;
  Observer observer_;
  MHD_Daemon* daemon_ = nullptr;
  int port_ = 0;
};

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_HTTP_SERVER_H_

#include "server/http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <algorithm>

#include "base/logging.h"
#include "base/strings.h"
#include "server/conditional.h"

namespace wirepress::server {

// Per-request state kept by libmicrohttpd between the calls of one request.
struct HttpServer::Connection {
  std::string body;
  bool too_large = false;
};

namespace {

using Conn = HttpServer::Connection;
using SharedBody = std::shared_ptr<const std::string>;

MHD_Result CollectHeader(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(cls);
  std::string& slot = (*headers)[AsciiLower(key)];
  if (!slot.empty()) slot += ", ";
  slot += value ? value : "";
  return MHD_YES;
}

MHD_Result CollectArgument(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* query = static_cast<std::string*>(cls);
  if (!query->empty()) *query += '&';
  *query += UrlEncode(key);
  if (value != nullptr) *query += "=" + UrlEncode(value);
  return MHD_YES;
}

std::string RemoteAddress(MHD_Connection* conn) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (info == nullptr || info->client_addr == nullptr) return "";
  char buf[INET6_ADDRSTRLEN] = "";
  const sockaddr* sa = info->client_addr;
  if (sa->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
  } else if (sa->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
  }
  return buf;
}

HttpRequest Gather(MHD_Connection* conn, const char* url, const char* method, Conn* state) {
  HttpRequest req;
  req.method = method;
  req.path = url;
  req.body = std::move(state->body);
  MHD_get_connection_values(conn, MHD_HEADER_KIND, &CollectHeader, &req.headers);
  MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, &CollectArgument, &req.query);
  req.remote = RemoteAddress(conn);
  return req;
}

void FreeBody(void* cls) { delete static_cast<SharedBody*>(cls); }

MHD_Result Queue(MHD_Connection* conn, const HttpResponse& resp) {
  auto* holder = new SharedBody(resp.body);
  MHD_Response* r = MHD_create_response_from_buffer_with_free_callback_cls(
      resp.body->size(), const_cast<char*>(resp.body->data()), &FreeBody, holder);
  if (r == nullptr) {
    delete holder;
    return MHD_NO;
  }
  if (resp.status != 304) MHD_add_response_header(r, "Content-Type", resp.media_type.c_str());
  if (!resp.etag.empty()) MHD_add_response_header(r, "ETag", resp.etag.c_str());
  if (resp.last_modified) {
    MHD_add_response_header(r, "Last-Modified", FormatRfc822(*resp.last_modified).c_str());
  }
  if (!resp.content_encoding.empty()) {
    MHD_add_response_header(r, "Content-Encoding", resp.content_encoding.c_str());
  }
  for (const auto& [name, value] : resp.headers) {
    MHD_add_response_header(r, name.c_str(), value.c_str());
  }
  MHD_Result rc = MHD_queue_response(conn, static_cast<unsigned>(resp.status), r);
  MHD_destroy_response(r);
  return rc;
}

MHD_Result OnRequest(void* cls, MHD_Connection* conn, const char* url, const char* method,
                     const char* /*version*/, const char* upload_data,
                     size_t* upload_data_size, void** req_cls) {
  auto* server = static_cast<HttpServer*>(cls);
  if (*req_cls == nullptr) {  // headers are in; the body (if any) follows
    *req_cls = new Conn;
    return MHD_YES;
  }
  auto* state = static_cast<Conn*>(*req_cls);
  if (*upload_data_size > 0) {
    if (state->body.size() + *upload_data_size > server->options().max_body_bytes) {
      state->too_large = true;
      state->body.clear();
    } else if (!state->too_large) {
      state->body.append(upload_data, *upload_data_size);
    }
    *upload_data_size = 0;
    return MHD_YES;
  }
  HttpRequest req = Gather(conn, url, method, state);
  HttpResponse resp =
      state->too_large
          ? HttpResponse::Text(413, "request body exceeds " +
                                        std::to_string(server->options().max_body_bytes) +
                                        " bytes\n")
          : server->handler()(req);
  HttpServer::Finalize(req, server->options().compression, &resp);
  MHD_Result rc = Queue(conn, resp);
  if (server->observer()) server->observer()(req, resp);
  return rc;
}

void OnCompleted(void*, MHD_Connection*, void** req_cls, MHD_RequestTerminationCode) {
  delete static_cast<Conn*>(*req_cls);
  *req_cls = nullptr;
}

void OnLibraryLog(void*, const char* fmt, va_list ap) {
  char buf[512];
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  LogWarn("http.library", {{"message", Trim(buf)}});
}

// Fills `addr` for address:port. Returns false when `address` is not an
// IPv4 or IPv6 literal.
bool MakeAddress(const std::string& address, int port, sockaddr_storage* addr, bool* v6) {
  std::memset(addr, 0, sizeof *addr);
  auto* a4 = reinterpret_cast<sockaddr_in*>(addr);
  if (inet_pton(AF_INET, address.c_str(), &a4->sin_addr) == 1) {
    a4->sin_family = AF_INET;
    a4->sin_port = htons(static_cast<uint16_t>(port));
    *v6 = false;
    return true;
  }
  auto* a6 = reinterpret_cast<sockaddr_in6*>(addr);
  if (inet_pton(AF_INET6, address.c_str(), &a6->sin6_addr) == 1) {
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons(static_cast<uint16_t>(port));
    *v6 = true;
    return true;
  }
  return false;
}

}  // namespace

HttpServer::HttpServer(const ServerOptions& options, Handler handler, Observer observer)
    : options_(options), handler_(std::move(handler)), observer_(std::move(observer)) {}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Finalize(const HttpRequest& request, const CompressionOptions& options,
                          HttpResponse* response) {
  ApplyConditional(request, response);
  ApplyCompression(request, options, response);
}

Status HttpServer::Start() {
  std::string where = "listening on " + options_.bind_address + ":" + std::to_string(options_.port);
  if (options_.port < 0 || options_.port > 65535) return Status::InvalidInput(where, "bad port");
  sockaddr_storage addr;
  bool v6 = false;
  if (!MakeAddress(options_.bind_address, options_.port, &addr, &v6)) {
    return Status::InvalidInput(where, "bind address is not an IPv4 or IPv6 address");
  }
  unsigned flags = MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
                   MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
  errno = 0;
  daemon_ = MHD_start_daemon(
      flags, static_cast<uint16_t>(options_.port), nullptr, nullptr, &OnRequest, this,
      MHD_OPTION_EXTERNAL_LOGGER, &OnLibraryLog, nullptr,  // first, to catch every message
      MHD_OPTION_SOCK_ADDR, reinterpret_cast<sockaddr*>(&addr),
      MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned>(std::max(1, options_.threads)),
      MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned>(options_.connection_timeout_s),
      MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(options_.max_connections),
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, options_.connection_memory_bytes,
      MHD_OPTION_NOTIFY_COMPLETED, &OnCompleted, nullptr, MHD_OPTION_END);
  if (daemon_ == nullptr) {
    return Status::IoError(where, errno ? std::strerror(errno) : "cannot start the listener");
  }
  const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
  port_ = info ? info->port : options_.port;
  return Status::Ok();
}

void HttpServer::Stop() {
  if (daemon_ == nullptr) return;
  // Stop accepting first, so clients get a refused connection (and retry
  // elsewhere) rather than one that is cut while workers drain.
  MHD_socket listener = MHD_quiesce_daemon(daemon_);
  MHD_stop_daemon(daemon_);
  daemon_ = nullptr;
  // After a quiesce the listening socket is ours to close.
  if (listener != MHD_INVALID_SOCKET) ::close(listener);
}

std::string HttpServer::url() const {
  const std::string& host = options_.bind_address;
  std::string shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host;
  if (shown.find(':') != std::string::npos) shown = "[" + shown + "]";
  return "http://" + shown + ":" + std::to_string(port_);
}

}  // namespace wirepress::server

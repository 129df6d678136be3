// HttpStub: a tiny HTTP/1.1 server on 127.0.0.1 (an ephemeral port) for
// tests of HTTP clients (feed poller, pings). It records every request and
// answers each with what the test's handler returns, one connection at a
// time, "Connection: close". Test-only; header-only so ingest and server
// tests can share it.
//
// Thread-safety: requests() and set_handler() from any thread.
#ifndef WIREPRESS_INGEST_HTTP_STUB_FOR_TEST_H_
#define WIREPRESS_INGEST_HTTP_STUB_FOR_TEST_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace wirepress::ingest {

struct StubRequest {
  std::string method, target, body;
  std::map<std::string, std::string> headers;  // names lower-cased
};

struct StubResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class HttpStub {
 public:
  using Handler = std::function<StubResponse(const StubRequest&)>;

  explicit HttpStub(Handler handler) : handler_(std::move(handler)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~HttpStub() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }

  std::string url(const std::string& path = "/") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<StubRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  void set_handler(Handler h) {
    std::lock_guard<std::mutex> lock(mu_);
    handler_ = std::move(h);
  }

 private:
  void Loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      Serve(c);
      ::close(c);
    }
  }
  void Serve(int c) {
    std::string in;
    char buf[4096];
    size_t head_end = std::string::npos;
    size_t want = 0;
    for (int idle = 0; idle < 40;) {  // at most ~2 s without data
      if (head_end != std::string::npos && in.size() >= head_end + 4 + want) break;
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) { ++idle; continue; }
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      in.append(buf, static_cast<size_t>(n));
      if (head_end == std::string::npos && (head_end = in.find("\r\n\r\n")) != std::string::npos) {
        StubRequest probe = ParseHead(in.substr(0, head_end));
        auto it = probe.headers.find("content-length");
        want = it == probe.headers.end() ? 0 : std::stoul(it->second);
      }
    }
    if (head_end == std::string::npos) return;
    StubRequest req = ParseHead(in.substr(0, head_end));
    req.body = in.substr(head_end + 4);
    StubResponse resp;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(req);
      resp = handler_(req);
    }
    std::string out = "HTTP/1.1 " + std::to_string(resp.status) + " X\r\nConnection: close\r\n";
    for (const auto& [k, v] : resp.headers) out += k + ": " + v + "\r\n";
    if (resp.status != 304) out += "Content-Length: " + std::to_string(resp.body.size()) + "\r\n";
    out += "\r\n";
    if (resp.status != 304 && req.method != "HEAD") out += resp.body;
    for (size_t sent = 0; sent < out.size();) {
      ssize_t n = ::send(c, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  }
  static StubRequest ParseHead(const std::string& head) {
    StubRequest r;
    size_t eol = head.find("\r\n");
    std::string first = head.substr(0, eol);
    size_t s1 = first.find(' '), s2 = first.rfind(' ');
    r.method = first.substr(0, s1);
    r.target = first.substr(s1 + 1, s2 - s1 - 1);
    while (eol != std::string::npos) {
      size_t start = eol + 2;
      eol = head.find("\r\n", start);
      std::string line = head.substr(start, eol == std::string::npos ? std::string::npos : eol - start);
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      size_t v = line.find_first_not_of(' ', colon + 1);
      r.headers[name] = v == std::string::npos ? "" : line.substr(v);
    }
    return r;
  }

  Handler handler_;
  mutable std::mutex mu_;
  std::vector<StubRequest> requests_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace wirepress::ingest

#endif  // WIREPRESS_INGEST_HTTP_STUB_FOR_TEST_H_

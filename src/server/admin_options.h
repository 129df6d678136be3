// AdminOptions: how the operators' page at /admin is protected. Built once
// in cli/ from wirepress.toml's [admin] table and passed down.
//
// Thread-safety: a plain value.
#ifndef WIREPRESS_SERVER_ADMIN_OPTIONS_H_
#define WIREPRESS_SERVER_ADMIN_OPTIONS_H_

#include <cstddef>
#include <string>

namespace wirepress::server {

struct AdminOptions {
  // The operators' password as an argon2id PHC string ("$argon2id$v=19$...",
  // from `wirepress admin-password`). "" turns /admin off (404).
  std::string password_hash;
  // A login lasts this long, then the operator logs in again.
  int session_ttl_s = 8 * 3600;
  // Sessions kept at once (logins and login forms); the oldest go first.
  size_t max_sessions = 256;
  // Failed logins allowed from one address within login_window_s; more
  // are answered 429 until the window has passed.
  int login_failures_allowed = 5;
  int login_window_s = 900;
  // Adds "Secure" to the session cookie: set it when nginx terminates TLS.
  bool secure_cookie = false;
  // Latest inputs kept for the live ingest stream.
  size_t stream_entries = 100;
};

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_ADMIN_OPTIONS_H_

// Admin authentication: argon2id password hashes, login sessions with their
// CSRF token, and the failed-login limiter behind /admin.
//
// A session is a random 128-bit id (getrandom) kept in memory and sent as an
// HttpOnly, SameSite=Strict cookie; it carries its own random CSRF token that
// every POST form must echo. The login form gets an unauthenticated session
// of its own, so the login POST is CSRF-checked too; a successful login
// replaces it with a fresh authenticated one (no session fixation).
//
// Thread-safety: AdminSessions and LoginLimiter are safe from many threads;
// the free functions are pure or use only the kernel's random source.
#ifndef WIREPRESS_SERVER_ADMIN_AUTH_H_
#define WIREPRESS_SERVER_ADMIN_AUTH_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "base/thread_annotations.h"
#include "server/admin_options.h"

namespace wirepress::server {

// argon2id cost. The defaults are OWASP's (19 MiB, 2 passes, 1 lane): about
// 0.1 s of one core per login on this project's machines, where RFC 9106's
// 64 MiB x 3 took 0.5 s — and every failed login pays it too. The cost is
// stored in the hash, so older hashes keep verifying. Tests pass cheaper ones.
struct Argon2Params {
  std::uint32_t passes = 2;
  std::uint32_t memory_kib = 19 * 1024;
  std::uint32_t lanes = 1;
};

// The PHC string "$argon2id$v=19$m=...,t=...,p=...$salt$hash" of `password`
// with a random 16-byte salt. InvalidInput for an empty password; Internal
// when argon2 or getrandom fails.
Result<std::string> HashAdminPassword(std::string_view password, const Argon2Params& params = {});
// True when `password` matches `encoded` (an argon2id PHC string); false for
// a wrong password and for a malformed or non-argon2id hash.
bool VerifyAdminPassword(const std::string& encoded, std::string_view password);
// `bytes` random bytes from getrandom as lower-case hex. Internal on failure.
Result<std::string> RandomHex(size_t bytes);
// Compares without an early exit (tokens, so timing reveals nothing).
bool ConstantTimeEqual(std::string_view a, std::string_view b);

struct AdminSession {
  std::string id;    // the cookie value
  std::string csrf;  // the token POST forms must carry
  bool authenticated = false;
  Timestamp expires;
};

class AdminSessions {
 public:
  // `clock` must outlive the sessions.
  AdminSessions(const AdminOptions& options, const Clock* clock);

  // A new session expiring session_ttl_s from now; evicts expired ones and,
  // at max_sessions, the one expiring first. Internal when getrandom fails.
  Result<AdminSession> Create(bool authenticated);
  // The unexpired session with this id, or nullopt.
  std::optional<AdminSession> Find(std::string_view id);
  void Remove(std::string_view id);
  size_t size();

 private:
  void EvictLocked(Timestamp now) REQUIRES(mu_);

  AdminOptions options_;
  const Clock* clock_;
  std::mutex mu_;
  std::map<std::string, AdminSession, std::less<>> sessions_ GUARDED_BY(mu_);
};

// Counts failed logins per remote address in a fixed window.
class LoginLimiter {
 public:
  LoginLimiter(const AdminOptions& options, const Clock* clock);

  // Seconds until `remote` may try again, or 0 when it may try now.
  std::int64_t RetryAfter(const std::string& remote);
  void RecordFailure(const std::string& remote);
  // A successful login clears the address's count.
  void RecordSuccess(const std::string& remote);

 private:
  struct Window {
    Timestamp start;
    int failures = 0;
  };
  AdminOptions options_;
  const Clock* clock_;
  std::mutex mu_;
  std::map<std::string, Window> windows_ GUARDED_BY(mu_);
};

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_ADMIN_AUTH_H_

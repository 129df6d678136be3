#include "server/admin_auth.h"

#include <argon2.h>
#include <sys/random.h>

#include <cerrno>
#include <cstring>

namespace wirepress::server {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

Status FillRandom(unsigned char* out, size_t n) {
  size_t done = 0;
  while (done < n) {
    ssize_t got = getrandom(out + done, n - done, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Status::Internal("reading random bytes", std::strerror(errno));
    }
    done += static_cast<size_t>(got);
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  WP_RETURN_IF_ERROR(FillRandom(reinterpret_cast<unsigned char*>(raw.data()), bytes));
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes * 2);
  for (unsigned char c : raw) {
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  return hex;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

Result<std::string> HashAdminPassword(std::string_view password, const Argon2Params& p) {
  if (password.empty()) return Status::InvalidInput("hashing the admin password", "it is empty");
  unsigned char salt[kSaltBytes];
  WP_RETURN_IF_ERROR(FillRandom(salt, sizeof salt));
  size_t len = argon2_encodedlen(p.passes, p.memory_kib, p.lanes, kSaltBytes, kHashBytes,
                                 Argon2_id);
  std::string encoded(len, '\0');
  int rc = argon2id_hash_encoded(p.passes, p.memory_kib, p.lanes, password.data(),
                                 password.size(), salt, sizeof salt, kHashBytes, encoded.data(),
                                 encoded.size());
  if (rc != ARGON2_OK) {
    return Status::Internal("hashing the admin password", argon2_error_message(rc));
  }
  encoded.resize(std::strlen(encoded.c_str()));
  return encoded;
}

bool VerifyAdminPassword(const std::string& encoded, std::string_view password) {
  // argon2id_verify also rejects other variants' strings ($argon2i$...).
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

AdminSessions::AdminSessions(const AdminOptions& options, const Clock* clock)
    : options_(options), clock_(clock) {}

Result<AdminSession> AdminSessions::Create(bool authenticated) {
  AdminSession s;
  WP_ASSIGN_OR_RETURN(s.id, RandomHex(16));
  WP_ASSIGN_OR_RETURN(s.csrf, RandomHex(16));
  s.authenticated = authenticated;
  Timestamp now = clock_->Now();
  s.expires = Timestamp{now.seconds + options_.session_ttl_s};
  std::lock_guard<std::mutex> lock(mu_);
  EvictLocked(now);
  sessions_[s.id] = s;
  return s;
}

void AdminSessions::EvictLocked(Timestamp now) {
  std::erase_if(sessions_, [now](const auto& kv) { return kv.second.expires.seconds <= now.seconds; });
  // Anonymous login-form sessions are cheap to make, so a flood of them
  // must not push out operators' logins: drop anonymous ones first.
  while (!sessions_.empty() && sessions_.size() >= options_.max_sessions) {
    auto victim = sessions_.end();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (victim == sessions_.end() ||
          std::make_pair(it->second.authenticated, it->second.expires.seconds) <
              std::make_pair(victim->second.authenticated, victim->second.expires.seconds)) {
        victim = it;
      }
    }
    sessions_.erase(victim);
  }
}

std::optional<AdminSession> AdminSessions::Find(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.expires.seconds <= clock_->Now().seconds) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void AdminSessions::Remove(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) sessions_.erase(it);
}

size_t AdminSessions::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

LoginLimiter::LoginLimiter(const AdminOptions& options, const Clock* clock)
    : options_(options), clock_(clock) {}

std::int64_t LoginLimiter::RetryAfter(const std::string& remote) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = windows_.find(remote);
  if (it == windows_.end()) return 0;
  std::int64_t ends = it->second.start.seconds + options_.login_window_s;
  std::int64_t now = clock_->Now().seconds;
  if (now >= ends) {
    windows_.erase(it);
    return 0;
  }
  return it->second.failures >= options_.login_failures_allowed ? ends - now : 0;
}

void LoginLimiter::RecordFailure(const std::string& remote) {
  std::lock_guard<std::mutex> lock(mu_);
  Timestamp now = clock_->Now();
  // Bounded memory: at 10000 addresses, forget the windows that ended.
  if (windows_.size() >= 10000) {
    std::erase_if(windows_, [&](const auto& kv) {
      return kv.second.start.seconds + options_.login_window_s <= now.seconds;
    });
  }
  Window& w = windows_[remote];
  if (w.failures == 0 || w.start.seconds + options_.login_window_s <= now.seconds) {
    w = Window{now, 0};
  }
  ++w.failures;
}

void LoginLimiter::RecordSuccess(const std::string& remote) {
  std::lock_guard<std::mutex> lock(mu_);
  windows_.erase(remote);
}

}  // namespace wirepress::server

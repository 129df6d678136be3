#include "store/postgres/pg_pool.h"

namespace wirepress::store::postgres {

Result<PgPool::Lease> PgPool::Acquire() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    returned_.wait(lock, [this] { return !idle_.empty() || open_ < size_; });
    if (!idle_.empty()) {
      std::unique_ptr<PgConnection> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;  // reserve the slot; connect outside the lock
  }
  auto conn = PgConnection::Connect(url_);
  if (!conn.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    --open_;
    returned_.notify_one();
    return conn.status();
  }
  return Lease(this, std::move(conn).value());
}

void PgPool::Return(std::unique_ptr<PgConnection> conn) {
  // A broken connection, or one whose transaction was neither committed
  // nor rolled back, must not serve the next caller.
  bool reusable = conn->healthy() && !conn->in_transaction();
  if (!reusable) conn.reset();  // closes it outside the lock
  std::lock_guard<std::mutex> lock(mu_);
  if (reusable) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  returned_.notify_one();
}

}  // namespace wirepress::store::postgres

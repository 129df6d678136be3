// PgPool: at most `size` connections to one database, opened on demand
// and handed out one caller at a time. A connection that broke, or came
// back with a transaction still open, is closed instead of reused, so a
// server restart costs each pooled connection one failed call
// (Unavailable) and the next call reconnects.
//
// Thread-safety: Acquire may be called from any thread; a Lease belongs to
// the thread that holds it.
#ifndef WIREPRESS_STORE_POSTGRES_PG_POOL_H_
#define WIREPRESS_STORE_POSTGRES_PG_POOL_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/postgres/pg_connection.h"

namespace wirepress::store::postgres {

class PgPool {
 public:
  // A connection on loan; returned to the pool when destroyed.
  class Lease {
   public:
    Lease(PgPool* pool, std::unique_ptr<PgConnection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (conn_) pool_->Return(std::move(conn_));
    }
    PgConnection* operator->() const { return conn_.get(); }
    PgConnection* get() const { return conn_.get(); }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> conn_;
  };

  // REQUIRES: size >= 1. `url` is passed to PgConnection::Connect.
  PgPool(std::string url, int size) : url_(std::move(url)), size_(size) {}

  // An idle connection, a new one when fewer than `size` are open, or the
  // next one returned (waiting for it). Unavailable when connecting fails.
  Result<Lease> Acquire();

 private:
  void Return(std::unique_ptr<PgConnection> conn);

  const std::string url_;
  const int size_;
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // guarded by mu_
  int open_ = 0;  // idle + leased + connecting; guarded by mu_
};

}  // namespace wirepress::store::postgres

#endif  // WIREPRESS_STORE_POSTGRES_PG_POOL_H_

#include "store/sqlite/checkpointer.h"

#include <pthread.h>
#include <signal.h>

#include <system_error>

#include "base/logging.h"

namespace wirepress::store::sqlite {

Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(Connection* writer,
                                                          const ConnectionOptions& options,
                                                          const Limits& limits) {
  WP_ASSIGN_OR_RETURN(std::unique_ptr<Connection> own, Connection::Open(writer->path(), options));
  try {
    return std::unique_ptr<Checkpointer>(new Checkpointer(writer, std::move(own), limits));
  } catch (const std::system_error& e) {  // no thread to be had (limits, memory)
    return Status::Unavailable("starting the WAL checkpoint thread for " + writer->path(),
                               e.what());
  }
}

Checkpointer::Checkpointer(Connection* writer, std::unique_ptr<Connection> own,
                           const Limits& limits)
    : writer_(writer), limits_(limits), own_(std::move(own)) {
  // The thread first: if it cannot start, the writer keeps SQLite's own
  // checkpoints and no hook points at a Checkpointer that never was.
  // It starts with every signal blocked (a thread inherits its creator's
  // mask): the store opens before `serve` blocks SIGTERM for its sigwait,
  // and the kernel hands a process signal to any thread not blocking it,
  // where SIGTERM's default action killed the whole process uncleanly.
  sigset_t all, before;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &before);
  try {
    thread_ = std::thread([this] { Loop(); });
  } catch (...) {
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
    throw;
  }
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
  // Replaces the writer's automatic checkpoint (wal_autocheckpoint is this
  // same hook in SQLite).
  sqlite3_wal_hook(writer_->handle(), &Checkpointer::WalHook, this);
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_autocheckpoint(writer_->handle(), limits_.restart_pages);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

int Checkpointer::WalHook(void* self, sqlite3* db, const char* /*name*/, int wal_pages) {
  static_cast<Checkpointer*>(self)->OnCommit(db, wal_pages);
  return SQLITE_OK;
}

void Checkpointer::OnCommit(sqlite3* db, int wal_pages) {
  bool wake = false, finish = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (wal_pages < copied_) {  // the WAL started over
      copied_ = 0;
      finishing_ = false;
    }
    finish = finishing_ ||
             (wal_pages >= limits_.restart_pages &&
              wal_pages - copied_ <= limits_.passive_pages) ||
             wal_pages >= limits_.writer_pages;
    // While the writer finishes, the thread starts no checkpoint: SQLite
    // lets one run at a time and never waits for that lock.
    finishing_ = finish;
    wake = !finish && wal_pages >= copied_ + limits_.passive_pages;
    if (wake) wanted_ = true;
  }
  if (wake) wake_.notify_one();
  if (!finish) return;
  // Only the frames the thread has not copied yet. BUSY (the thread's last
  // checkpoint is still running) is retried after the next commit.
  int log = 0, copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
  if (rc == SQLITE_OK) {
    std::lock_guard<std::mutex> lock(mu_);
    copied_ = copied;
  }
}

void Checkpointer::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stop_ || (wanted_ && !finishing_); });
    if (stop_) return;
    wanted_ = false;
    lock.unlock();
    int log = 0, copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(own_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log,
                                       &copied);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
      LogWarn("sqlite.checkpoint", {{"db", own_->path()},
                                    {"error", own_->Error("checkpointing", rc).message()}});
    }
    lock.lock();
    if (rc == SQLITE_OK) copied_ = copied;
  }
}

}  // namespace wirepress::store::sqlite

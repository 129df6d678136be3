// Checkpointer: copies the write-ahead log back into the database file on
// its own thread and connection, so that the writer's commits do not pay
// for those page copies and fsyncs (the writer's own automatic checkpoint
// is off while a Checkpointer is attached).
//
// How the WAL stays bounded: after each commit the writer reports the WAL's
// size (sqlite3_wal_hook). When it has grown by passive_pages since the last
// checkpoint, the thread runs a PASSIVE checkpoint (never blocks the writer
// or readers). SQLite reuses the WAL from its start only once a checkpoint
// has copied every frame, which a checkpoint running beside a busy writer
// rarely does; so once the WAL holds restart_pages and the thread has copied
// all but the last few commits, the writer runs a PASSIVE checkpoint itself
// right after its commit: it copies only that remainder, and its next
// transaction starts the WAL over. At writer_pages the writer checkpoints
// whatever the thread did (the thread is stuck or slow): SQLite's own rule.
//
// Thread-safety: OnCommit is called on the writer's thread (by the hook);
// the rest from the owner.
#ifndef WIREPRESS_STORE_SQLITE_CHECKPOINTER_H_
#define WIREPRESS_STORE_SQLITE_CHECKPOINTER_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/status.h"
#include "store/sqlite/connection.h"

namespace wirepress::store::sqlite {

// In pages of the WAL (4 KiB each): see the file comment. Tests shrink them.
struct CheckpointLimits {
  int passive_pages = 4096;   // 16 MiB
  int restart_pages = 16384;  // 64 MiB, the writer's old wal_autocheckpoint
  int writer_pages = 65536;   // 256 MiB
};

class Checkpointer {
 public:
  using Limits = CheckpointLimits;

  // Opens a connection of its own to `writer`'s file, attaches to `writer`
  // (which must outlive the Checkpointer) and starts the thread.
  // IoError/Unavailable when the connection cannot be opened.
  static Result<std::unique_ptr<Checkpointer>> Start(Connection* writer,
                                                     const ConnectionOptions& options,
                                                     const Limits& limits = Limits());
  // Detaches from the writer (its automatic checkpoint comes back) and
  // joins the thread. REQUIRES: the writer is not in use meanwhile.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

 private:
  Checkpointer(Connection* writer, std::unique_ptr<Connection> own, const Limits& limits);
  static int WalHook(void* self, sqlite3* db, const char* name, int wal_pages);
  // On the writer's thread after each commit; `wal_pages` is the WAL's size.
  void OnCommit(sqlite3* db, int wal_pages);
  void Loop();

  Connection* const writer_;
  const Limits limits_;
  const std::unique_ptr<Connection> own_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;     // guarded by mu_
  bool wanted_ = false;   // guarded by mu_: a checkpoint is due
  int copied_ = 0;        // guarded by mu_: WAL frames the last checkpoint covered
  bool finishing_ = false;  // guarded by mu_: the writer checkpoints the rest
  std::thread thread_;
};

}  // namespace wirepress::store::sqlite

#endif  // WIREPRESS_STORE_SQLITE_CHECKPOINTER_H_

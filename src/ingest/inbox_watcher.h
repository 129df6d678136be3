// InboxWatcher: inotify on one folder, reporting the names of files that
// were completely written there (IN_CLOSE_WRITE) or moved in (IN_MOVED_TO).
// Writers should write elsewhere and rename into the folder; a file copied
// in place is reported when the copier closes it.
//
// This is the one piece of the spool that needs the real kernel; the spool
// logic itself runs on any FileSystem.
//
// Thread-safety: Wait from one thread; Interrupt from any thread.
#ifndef WIREPRESS_INGEST_INBOX_WATCHER_H_
#define WIREPRESS_INGEST_INBOX_WATCHER_H_

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace wirepress::ingest {

struct WatchEvents {
  std::vector<std::string> names;  // file names (not paths), in event order
  bool overflowed = false;  // the kernel dropped events: rescan the folder
  bool interrupted = false;  // Interrupt() was called
};

class InboxWatcher {
 public:
  // Starts watching `dir` (which must exist). IoError naming the folder
  // when inotify cannot be set up (e.g. the watch limit is reached).
  static Result<std::unique_ptr<InboxWatcher>> Open(const std::string& dir);
  ~InboxWatcher();
  InboxWatcher(const InboxWatcher&) = delete;
  InboxWatcher& operator=(const InboxWatcher&) = delete;

  // Blocks until events arrive, Interrupt() is called or `timeout_ms`
  // passes (then the result is empty). IoError when reading fails.
  Result<WatchEvents> Wait(int timeout_ms);
  // Wakes a thread blocked in Wait (and the next Wait, if none is).
  void Interrupt();

 private:
  InboxWatcher(std::string dir, int inotify_fd, int wake_fd);
  Status ReadEvents(WatchEvents* out);

  std::string dir_;
  int inotify_fd_;
  int wake_fd_;  // eventfd
};

}  // namespace wirepress::ingest

#endif  // WIREPRESS_INGEST_INBOX_WATCHER_H_

#include "ingest/inbox_watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace wirepress::ingest {
namespace {

constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_Q_OVERFLOW;

}  // namespace

Result<std::unique_ptr<InboxWatcher>> InboxWatcher::Open(const std::string& dir) {
  int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return Status::IoError("watching " + dir, std::strerror(errno));
  if (::inotify_add_watch(fd, dir.c_str(), kMask | IN_ONLYDIR) < 0) {
    Status s = Status::IoError("watching " + dir, std::strerror(errno));
    ::close(fd);
    return s;
  }
  int wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake < 0) {
    Status s = Status::IoError("watching " + dir, std::strerror(errno));
    ::close(fd);
    return s;
  }
  return std::unique_ptr<InboxWatcher>(new InboxWatcher(dir, fd, wake));
}

InboxWatcher::InboxWatcher(std::string dir, int inotify_fd, int wake_fd)
    : dir_(std::move(dir)), inotify_fd_(inotify_fd), wake_fd_(wake_fd) {}

InboxWatcher::~InboxWatcher() {
  ::close(inotify_fd_);
  ::close(wake_fd_);
}

void InboxWatcher::Interrupt() {
  std::uint64_t one = 1;
  // A full counter already means "wake up"; nothing to handle on failure.
  [[maybe_unused]] ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

Result<WatchEvents> InboxWatcher::Wait(int timeout_ms) {
  pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
  WatchEvents out;
  int n = ::poll(fds, 2, timeout_ms);
  if (n < 0) {
    if (errno == EINTR) return out;
    return Status::IoError("watching " + dir_, std::strerror(errno));
  }
  if (fds[1].revents & POLLIN) {
    std::uint64_t count;
    [[maybe_unused]] ssize_t r = ::read(wake_fd_, &count, sizeof count);
    out.interrupted = true;
  }
  if (fds[0].revents & POLLIN) WP_RETURN_IF_ERROR(ReadEvents(&out));
  return out;
}

Status InboxWatcher::ReadEvents(WatchEvents* out) {
  alignas(inotify_event) char buf[64 * 1024];
  for (;;) {
    ssize_t len = ::read(inotify_fd_, buf, sizeof buf);
    if (len < 0) {
      if (errno == EAGAIN) return Status::Ok();
      if (errno == EINTR) continue;
      return Status::IoError("watching " + dir_, std::strerror(errno));
    }
    for (char* p = buf; p < buf + len;) {
      auto* ev = reinterpret_cast<inotify_event*>(p);
      if (ev->mask & IN_Q_OVERFLOW) out->overflowed = true;
      if (ev->len > 0 && !(ev->mask & IN_ISDIR)) out->names.emplace_back(ev->name);
      p += sizeof(inotify_event) + ev->len;
    }
  }
}

}  // namespace wirepress::ingest

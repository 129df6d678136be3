// Clang thread-safety annotations (no-ops on other compilers), and an
// annotated Mutex/MutexLock pair so clang -Wthread-safety can check the
// locking rules written on members with GUARDED_BY.
//
// Thread-safety: Mutex is a std::mutex.
#ifndef WIREPRESS_BASE_THREAD_ANNOTATIONS_H_
#define WIREPRESS_BASE_THREAD_ANNOTATIONS_H_

#include <mutex>

#if defined(__clang__)
#define WP_THREAD_ANNOTATION_(x) __attribute__((x))
#else
#define WP_THREAD_ANNOTATION_(x)
#endif

#define CAPABILITY(x) WP_THREAD_ANNOTATION_(capability(x))
#define SCOPED_CAPABILITY WP_THREAD_ANNOTATION_(scoped_lockable)
#define GUARDED_BY(x) WP_THREAD_ANNOTATION_(guarded_by(x))
#define PT_GUARDED_BY(x) WP_THREAD_ANNOTATION_(pt_guarded_by(x))
#define REQUIRES(...) WP_THREAD_ANNOTATION_(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) WP_THREAD_ANNOTATION_(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) WP_THREAD_ANNOTATION_(acquire_capability(__VA_ARGS__))
#define RELEASE(...) WP_THREAD_ANNOTATION_(release_capability(__VA_ARGS__))

namespace wirepress {

class CAPABILITY("mutex") Mutex {
 public:
  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }
  std::mutex& native() { return mu_; }

 private:
  std::mutex mu_;
};

class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex* mu) ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() RELEASE() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* mu_;
};

}  // namespace wirepress

#endif  // WIREPRESS_BASE_THREAD_ANNOTATIONS_H_

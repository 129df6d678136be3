// Status and Result<T>: errors as values.
//
// A Status is either OK or carries a Code plus a message built as
// "what we were doing: why it failed". Statuses can wrap a cause, so the
// CLI can print the whole chain. No exceptions cross a module boundary;
// adapters that call throwing libraries convert at their edge.
//
// Thread-safety: values; safe to copy between threads.
#ifndef WIREPRESS_BASE_STATUS_H_
#define WIREPRESS_BASE_STATUS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace wirepress {

enum class StatusCode {
  kOk = 0,
  kNotFound,      // an ordinary absence: the server maps it to 404
  kInvalidInput,  // parse or validation failure of outside data
  kConflict,      // a stale or duplicate revision
  kGone,          // the thing existed and was withdrawn (killed story: 410)
  kUnavailable,   // a dependency (database, network) is down; retry later
  kIoError,       // the filesystem or a socket failed
  kInternal,      // a bug
};

// Returns "NotFound", "InvalidInput", ... for messages and logs.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  // Each factory takes the context (what we were doing, e.g. a path) and
  // the reason; the message reads "context: reason".
  static Status NotFound(std::string_view context, std::string_view why = {});
  static Status InvalidInput(std::string_view context, std::string_view why = {});
  static Status Conflict(std::string_view context, std::string_view why = {});
  static Status Gone(std::string_view context, std::string_view why = {});
  static Status Unavailable(std::string_view context, std::string_view why = {});
  static Status IoError(std::string_view context, std::string_view why = {});
  static Status Internal(std::string_view context, std::string_view why = {});

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The status this one wraps, or nullptr.
  const Status* cause() const { return cause_.get(); }

  // Returns a new status with the same code whose message is
  // "context: <this message>" and whose cause is this status' cause.
  Status WithContext(std::string_view context) const;
  // Returns a status of `code` with message `context` caused by *this.
  Status Wrap(StatusCode code, std::string_view context) const;

  // "InvalidInput: a: b" followed by "\n  caused by: ..." for each cause.
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string_view context, std::string_view why);

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::shared_ptr<const Status> cause_;
};

// Result<T> holds either a T or a non-OK Status (std::expected needs C++23).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT
  // REQUIRES: !status.ok() when constructing from a Status.

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // Returns OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace wirepress

// Evaluates a Status expression and returns it from the enclosing function
// when it is not OK.
#define WP_RETURN_IF_ERROR(expr)                  \
  do {                                            \
    ::wirepress::Status wp_status_ = (expr);      \
    if (!wp_status_.ok()) return wp_status_;      \
  } while (0)

#define WP_CONCAT_INNER_(a, b) a##b
#define WP_CONCAT_(a, b) WP_CONCAT_INNER_(a, b)
// WP_ASSIGN_OR_RETURN(auto x, MakeX()); declares x or returns the error.
#define WP_ASSIGN_OR_RETURN(lhs, expr) \
  WP_ASSIGN_OR_RETURN_IMPL_(WP_CONCAT_(wp_result_, __LINE__), lhs, expr)
#define WP_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#endif  // WIREPRESS_BASE_STATUS_H_

#include "base/status.h"

namespace wirepress {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kInvalidInput: return "InvalidInput";
    case StatusCode::kConflict: return "Conflict";
    case StatusCode::kGone: return "Gone";
    case StatusCode::kUnavailable: return "Unavailable";
    case StatusCode::kIoError: return "IoError";
    case StatusCode::kInternal: return "Internal";
  }
  return "Unknown";
}

Status::Status(StatusCode code, std::string_view context, std::string_view why)
    : code_(code), message_(context) {
  if (!why.empty()) {
    if (!message_.empty()) message_ += ": ";
    message_ += why;
  }
}

Status Status::NotFound(std::string_view c, std::string_view w) { return {StatusCode::kNotFound, c, w}; }
Status Status::InvalidInput(std::string_view c, std::string_view w) { return {StatusCode::kInvalidInput, c, w}; }
Status Status::Conflict(std::string_view c, std::string_view w) { return {StatusCode::kConflict, c, w}; }
Status Status::Gone(std::string_view c, std::string_view w) { return {StatusCode::kGone, c, w}; }
Status Status::Unavailable(std::string_view c, std::string_view w) { return {StatusCode::kUnavailable, c, w}; }
Status Status::IoError(std::string_view c, std::string_view w) { return {StatusCode::kIoError, c, w}; }
Status Status::Internal(std::string_view c, std::string_view w) { return {StatusCode::kInternal, c, w}; }

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  Status s(code_, context, message_);
  s.cause_ = cause_;
  return s;
}

Status Status::Wrap(StatusCode code, std::string_view context) const {
  Status s(code, context, {});
  if (!ok()) s.cause_ = std::make_shared<const Status>(*this);
  return s;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(code_));
  out += ": ";
  out += message_;
  for (const Status* c = cause(); c != nullptr; c = c->cause()) {
    out += "\n  caused by: ";
    out += StatusCodeName(c->code());
    out += ": ";
    out += c->message();
  }
  return out;
}

}  // namespace wirepress

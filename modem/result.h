// Error, Result<T, E> and Status: how every layer reports a failure without
// throwing.
//
// An Error has a code and a message, as leveldb's Status does. The code says
// what kind of failure it is, so callers branch on it (an HTTP 400 or 507, a
// retry, a log line); the message says precisely what went wrong, for people,
// and names the field or the operation ("TP-DA: length 22 points past the end
// of the PDU"). Nobody branches on the message's text.
//
// Layers whose callers need finer distinctions carry their own code type
// through the same Result (web::ApiError: an HTTP status and a stable code;
// modem::SendResult: how a send failed).
#ifndef TELLAL_MODEM_RESULT_H_
#define TELLAL_MODEM_RESULT_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tellal {

enum class ErrorCode {
  kInvalidArgument,  // the input is malformed or out of range: a PDU, a value, a cursor
  kNotFound,         // what was asked for does not exist
  kConflict,         // the request contradicts the current state (wrong state, already exists)
  kNotSupported,     // well formed, but this build, modem or peer cannot do it
  kCorruption,       // stored or received data contradicts itself
  kIoError,          // the operating system or SQLite failed
  kNoSpace,          // the disk (or the database's quota) is full
  kReadOnly,         // the file system or the database cannot be written
  kUnavailable,      // a device or peer is absent or not ready: try again later
  kTimeout,          // a deadline passed
  kInternal,         // an invariant broke: a bug
};

// "invalid argument", "not found", ...
inline std::string_view ToString(ErrorCode code) {
  constexpr std::string_view kNames[] = {"invalid argument", "not found", "conflict",      "not supported",
                                         "corruption",       "I/O error", "no space",      "read-only",
                                         "unavailable",      "timeout",   "internal error"};
  return kNames[static_cast<int>(code)];
}

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  static Error InvalidArgument(std::string message) { return {ErrorCode::kInvalidArgument, std::move(message)}; }
  static Error NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Error Conflict(std::string message) { return {ErrorCode::kConflict, std::move(message)}; }
  static Error NotSupported(std::string message) { return {ErrorCode::kNotSupported, std::move(message)}; }
  static Error Corruption(std::string message) { return {ErrorCode::kCorruption, std::move(message)}; }
  static Error IoError(std::string message) { return {ErrorCode::kIoError, std::move(message)}; }
  static Error NoSpace(std::string message) { return {ErrorCode::kNoSpace, std::move(message)}; }
  static Error ReadOnly(std::string message) { return {ErrorCode::kReadOnly, std::move(message)}; }
  static Error Unavailable(std::string message) { return {ErrorCode::kUnavailable, std::move(message)}; }
  static Error Timeout(std::string message) { return {ErrorCode::kTimeout, std::move(message)}; }
  static Error Internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }

  bool Is(ErrorCode c) const { return code == c; }
};

template <typename T, typename E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(E error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Preconditions: ok() for value(), !ok() for error().
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const E& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  E&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, E> v_;
};

// Result<void>: success carries nothing.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static Status Ok() { return Status(); }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  // Preconditions: !ok().
  const Error& error() const {
    assert(!ok());
    return *error_;
  }
  ErrorCode code() const { return error().code; }
  // Empty when ok, so a caller may print or compare it without checking first.
  const std::string& message() const { return ok() ? kNoMessage : error_->message; }

 private:
  static inline const std::string kNoMessage;
  std::optional<Error> error_;
};

// The same error, its message prefixed with the field or operation it
// occurred in; the code is kept, so a caller above still sees what kind of
// failure it was.
inline Error Wrap(const std::string& context, const Error& inner) {
  return Error{inner.code, context + ": " + inner.message};
}

}  // namespace tellal

#endif  // TELLAL_MODEM_RESULT_H_

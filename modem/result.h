// Result<T>: a value or an Error with a precise, human-readable reason.
//
// Codecs and parsers return these instead of throwing, so callers decide how
// to report a failure (an HTTP 400, a log line naming the modem, exit code 2).
// Error messages name the field that was wrong, e.g. "TP-DA: length 22 points
// past the end of the PDU".
#ifndef TELLAL_MODEM_RESULT_H_
#define TELLAL_MODEM_RESULT_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace tellal {

struct Error {
  std::string message;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

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
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Result<void> equivalent: success carries nothing.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error.message)), failed_(true) {}  // NOLINT
  static Status Ok() { return Status(); }

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const std::string& message() const { return error_; }
  Error error() const { return Error{error_}; }

 private:
  std::string error_;
  bool failed_ = false;
};

// Prefixes a lower layer's error with the field or context it occurred in.
inline Error Wrap(const std::string& context, const Error& inner) { return Error{context + ": " + inner.message}; }

}  // namespace tellal

#endif  // TELLAL_MODEM_RESULT_H_

#include "modem/result.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal {
namespace {

struct LayerError {
  int status = 0;
};

TEST_CASE("Named constructors set the code a caller branches on", "[result]") {
  auto [made, code, name] = GENERATE(table<Error, ErrorCode, std::string>({
      {Error::InvalidArgument("x"), ErrorCode::kInvalidArgument, "invalid argument"},
      {Error::NotFound("x"), ErrorCode::kNotFound, "not found"},
      {Error::Conflict("x"), ErrorCode::kConflict, "conflict"},
      {Error::NotSupported("x"), ErrorCode::kNotSupported, "not supported"},
      {Error::Corruption("x"), ErrorCode::kCorruption, "corruption"},
      {Error::IoError("x"), ErrorCode::kIoError, "I/O error"},
      {Error::NoSpace("x"), ErrorCode::kNoSpace, "no space"},
      {Error::ReadOnly("x"), ErrorCode::kReadOnly, "read-only"},
      {Error::Unavailable("x"), ErrorCode::kUnavailable, "unavailable"},
      {Error::Timeout("x"), ErrorCode::kTimeout, "timeout"},
      {Error::Internal("x"), ErrorCode::kInternal, "internal error"},
  }));
  CHECK(made.code == code);
  CHECK(made.Is(code));
  CHECK(made.message == "x");
  CHECK(ToString(code) == name);
}

TEST_CASE("Wrap adds context and keeps the code", "[result]") {
  const Error wrapped = Wrap("opening /var/lib/tellal/tellal.db", Error::NoSpace("database or disk is full"));
  CHECK(wrapped.code == ErrorCode::kNoSpace);
  CHECK(wrapped.message == "opening /var/lib/tellal/tellal.db: database or disk is full");
}

TEST_CASE("Status carries the error's code and message", "[result]") {
  Status ok = Status::Ok();
  CHECK(ok.ok());
  CHECK(ok.message().empty());  // callers print it unchecked
  Status failed = Error::ReadOnly("attempt to write a readonly database");
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.code() == ErrorCode::kReadOnly);
  CHECK(failed.message() == "attempt to write a readonly database");
}

TEST_CASE("Result takes a layer's own error type", "[result]") {
  Result<int, LayerError> good = 7;
  REQUIRE(good.ok());
  CHECK(*good == 7);
  Result<int, LayerError> bad = LayerError{415};
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().status == 415);
  // A value type that converts from the error type is still unambiguous.
  Result<std::string> text = Error::NotFound("no message with id 9");
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().Is(ErrorCode::kNotFound));
}

}  // namespace
}  // namespace tellal

#pragma once
// Result<T>: the run-time error channel (STYLE.md, "Ownership and errors").
// Either a value or an Error with a kind and a human sentence. Exceptions are
// kept for start-up and config load; everything that can fail at run time
// returns a Result instead.
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace wardcast {

enum class ErrorKind {
  kInvalidInput = 1,  // the user gave something wrong: exit code 1
  kNotFound,          // a named thing does not exist: exit code 1
  kPermission,        // the acting user may not do this: exit code 1
  kConflict,          // the change clashes with stored state: exit code 1
  kIo,                // the file system or database failed
  kInternal,          // a bug: exit code 70 in the daemon
};

struct Error {
  ErrorKind kind = ErrorKind::kInvalidInput;
  std::string message;
};

inline Error makeError(ErrorKind kind, std::string message) {
  return Error{kind, std::move(message)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return checked(); }
  const T& value() const& { return const_cast<Result*>(this)->checked(); }
  T&& value() && { return std::move(checked()); }
  T* operator->() { return &checked(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return checked(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  T& checked() {
    if (!ok()) throw std::logic_error("Result has no value: " + error().message);
    return std::get<0>(state_);
  }
  std::variant<T, Error> state_;
};

// Result<void> equivalent.
struct Ok {};
using Status = Result<Ok>;
inline Status okStatus() { return Ok{}; }

}  // namespace wardcast

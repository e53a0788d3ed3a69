#pragma once
// Result<T>: a value or an edigate::Error. Every SDK entry point returns one; exceptions never
// cross the plugin boundary.
#include <edigate/error.hpp>

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace edigate {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}      // NOLINT(implicit)
  Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(implicit)
  template <typename U,
            typename = std::enable_if_t<std::is_convertible_v<U, T> && !std::is_same_v<std::decay_t<U>, Error>>>
  Result(U&& value) : data_(std::in_place_index<0>, T(std::forward<U>(value))) {}  // NOLINT(implicit)

  bool ok() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(data_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(data_));
  }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  // User-provided, not defaulted: `return {};` would otherwise value-initialise, zeroing the
  // whole optional<Error> storage on every success (measured on the translate hot path).
  Result() noexcept {}
  Result(Error error) : error_(std::move(error)) {}  // NOLINT(implicit)

  bool ok() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  const Error& error() const& {
    assert(!ok());
    return *error_;
  }
  Error&& error() && {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

}  // namespace edigate

/// `EDIGATE_TRY(auto x, expr);` declares x from a Result or returns its error.
#define EDIGATE_CONCAT_INNER(a, b) a##b
#define EDIGATE_CONCAT(a, b) EDIGATE_CONCAT_INNER(a, b)
#define EDIGATE_TRY(decl, expr)                                                                                  \
  auto EDIGATE_CONCAT(edigate_try_, __LINE__) = (expr);                                                          \
  if (!EDIGATE_CONCAT(edigate_try_, __LINE__)) return std::move(EDIGATE_CONCAT(edigate_try_, __LINE__)).error(); \
  decl = std::move(EDIGATE_CONCAT(edigate_try_, __LINE__)).value()
/// `EDIGATE_TRY_VOID(expr);` returns the error of a Result<void>.
#define EDIGATE_TRY_VOID(expr)                                           \
  do {                                                                   \
    auto edigate_try_void_ = (expr);                                     \
    if (!edigate_try_void_) return std::move(edigate_try_void_).error(); \
  } while (0)

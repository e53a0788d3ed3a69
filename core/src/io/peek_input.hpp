#pragma once
// Lets the host look at the first bytes of a stream (to pick a format plugin) without losing
// them: they are replayed before the rest of the stream.
#include <edigate/input.hpp>

#include <string>

namespace edigate::io {

class PeekInput final : public InputStream {
 public:
  explicit PeekInput(InputStream& inner) : inner_(inner) {}
  /// Reads up to n bytes ahead (once) and returns them.
  Result<std::string_view> peek(std::size_t n = 4096);
  Result<std::size_t> read(char* buf, std::size_t n) noexcept override;
  const std::string& name() const noexcept override { return inner_.name(); }

 private:
  InputStream& inner_;
  std::string head_;
  std::size_t head_pos_ = 0;
  bool peeked_ = false;
};

}  // namespace edigate::io

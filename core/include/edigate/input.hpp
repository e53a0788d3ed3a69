#pragma once
// Byte sources for readers. Readers pull fixed-size chunks; nothing requires the whole input
// in memory.
#include <edigate/result.hpp>

#include <cstring>
#include <string>
#include <string_view>

namespace edigate {

class InputStream {
 public:
  virtual ~InputStream() = default;
  /// Reads up to n bytes into buf. Returns the count read; 0 means end of input.
  virtual Result<std::size_t> read(char* buf, std::size_t n) noexcept = 0;
  /// The name positions carry ("-" for stdin).
  virtual const std::string& name() const noexcept = 0;
};

/// A stream over bytes the caller keeps alive.
class MemoryInput final : public InputStream {
 public:
  explicit MemoryInput(std::string_view bytes, std::string name = "<memory>") : bytes_(bytes), name_(std::move(name)) {}
  Result<std::size_t> read(char* buf, std::size_t n) noexcept override {
    std::size_t k = std::min(n, bytes_.size() - pos_);
    if (k) std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  const std::string& name() const noexcept override { return name_; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  std::string name_;
};

}  // namespace edigate

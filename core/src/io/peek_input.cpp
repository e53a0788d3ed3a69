#include "io/peek_input.hpp"

#include <cstring>

namespace edigate::io {

Result<std::string_view> PeekInput::peek(std::size_t n) {
  if (!peeked_) {
    peeked_ = true;
    head_.resize(n);
    std::size_t got = 0;
    while (got < n) {  // pipes deliver in pieces: fill the window or reach the end
      EDIGATE_TRY(std::size_t k, inner_.read(head_.data() + got, n - got));
      if (k == 0) break;
      got += k;
    }
    head_.resize(got);
  }
  return std::string_view(head_);
}

Result<std::size_t> PeekInput::read(char* buf, std::size_t n) noexcept {
  if (head_pos_ < head_.size()) {
    std::size_t k = std::min(n, head_.size() - head_pos_);
    std::memcpy(buf, head_.data() + head_pos_, k);
    head_pos_ += k;
    return k;
  }
  return inner_.read(buf, n);
}

}  // namespace edigate::io

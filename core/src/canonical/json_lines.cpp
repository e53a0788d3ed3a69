#include "canonical/json_lines.hpp"

#include <cstring>

namespace edigate::canonical {
namespace {
constexpr std::size_t kChunk = 64 * 1024;
}

JsonLineReader::JsonLineReader(InputStream& in, std::string file, std::size_t max_bytes)
    : in_(in), file_(std::move(file)), max_bytes_(max_bytes) {}

Result<bool> JsonLineReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {  // drop what was handed out before growing
    buf_.erase(0, pos_);
    consumed_ += pos_;
    pos_ = 0;
  }
  std::size_t have = buf_.size();
  buf_.resize(have + kChunk);
  auto n = in_.read(buf_.data() + have, kChunk);
  if (!n) {
    buf_.resize(have);
    return std::move(n).error();
  }
  buf_.resize(have + *n);
  if (*n == 0) eof_ = true;
  return *n > 0;
}

Result<std::optional<JsonLineReader::Line>> JsonLineReader::next() {
  Line line;
  std::size_t scanned = pos_;
  for (;;) {
    const char* nl = static_cast<const char*>(std::memchr(buf_.data() + scanned, '\n', buf_.size() - scanned));
    if (nl) {
      std::size_t end = static_cast<std::size_t>(nl - buf_.data());
      if (end - pos_ > max_bytes_) break;  // complete but too long: same handling as below
      line.where.file = file_;
      line.where.line = ++line_;
      line.where.offset = consumed_ + pos_;
      line.where.has_offset = true;
      line.text.assign(buf_, pos_, end - pos_);
      pos_ = end + 1;
      return std::optional<Line>(std::move(line));
    }
    if (buf_.size() - pos_ > max_bytes_) break;
    scanned = buf_.size();
    std::size_t before = pos_;
    EDIGATE_TRY(bool more, fill());
    scanned -= before - pos_;  // fill() may have shifted the buffer
    if (!more) {
      if (pos_ == buf_.size()) return std::optional<Line>();
      line.where.file = file_;
      line.where.line = ++line_;
      line.where.offset = consumed_ + pos_;
      line.where.has_offset = true;
      line.text.assign(buf_, pos_, std::string::npos);
      pos_ = buf_.size();
      return std::optional<Line>(std::move(line));
    }
  }
  // Too long: report it at its start and skip to the next newline without keeping the bytes.
  line.where.file = file_;
  line.where.line = ++line_;
  line.where.offset = consumed_ + pos_;
  line.where.has_offset = true;
  line.too_long = true;
  for (;;) {
    const char* nl = static_cast<const char*>(std::memchr(buf_.data() + pos_, '\n', buf_.size() - pos_));
    if (nl) {
      pos_ = static_cast<std::size_t>(nl - buf_.data()) + 1;
      return std::optional<Line>(std::move(line));
    }
    consumed_ += buf_.size();
    buf_.clear();
    pos_ = 0;
    EDIGATE_TRY(bool more, fill());
    if (!more) return std::optional<Line>(std::move(line));
  }
}

Error JsonLineReader::too_long_error(const Line& line) const {
  return Error("canonical.json.invalid", "line longer than " + std::to_string(max_bytes_) + " bytes; skipped")
      .at(line.where)
      .want("at most " + std::to_string(max_bytes_) + " bytes per message", "");
}

}  // namespace edigate::canonical

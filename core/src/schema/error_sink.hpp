#pragma once
// Where the validator's errors go: positions filled from the Segment, and a cap per transaction
// so that garbage input yields a bounded report.
#include <edigate/error.hpp>
#include <edigate/segment.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace edigate::schema {

class ErrorSink {
 public:
  static constexpr std::size_t kMaxErrors = 100;

  ErrorSink(const std::string& file, std::vector<Error>& out) : file_(file), out_(out) {}

  bool full() const noexcept { return count_ >= kMaxErrors; }

  /// Adds an error at a segment (element/component/repetition 0 = not applicable). `tag`
  /// overrides the segment tag (a missing segment is reported under its own id).
  void add(const Segment& seg, std::string_view code, std::string message, std::string expected, std::string_view found,
           std::uint32_t element = 0, std::uint32_t component = 0, std::uint32_t repetition = 0,
           std::string_view tag = {}) {
    if (full()) return;
    Error e(std::string(code), std::move(message));
    e.position.file = file_;
    e.position.offset = seg.offset;
    e.position.has_offset = true;
    e.position.segment_index = seg.index;
    e.position.segment_tag = std::string(tag.empty() ? seg.tag() : tag);
    e.position.element = element;
    e.position.component = component;
    e.position.repetition = repetition;
    e.expected = std::move(expected);
    e.found = std::string(found.substr(0, 256));
    out_.push_back(std::move(e));
    if (++count_ == kMaxErrors) {
      Error stop("schema.too_many_errors", "too many errors in this transaction; validation stopped");
      stop.position.file = file_;
      stop.position.offset = seg.offset;
      stop.position.has_offset = true;
      stop.position.segment_index = seg.index;
      stop.position.segment_tag = std::string(seg.tag());
      stop.severity = Severity::warning;
      out_.push_back(std::move(stop));
    }
  }

 private:
  const std::string& file_;
  std::vector<Error>& out_;
  std::size_t count_ = 0;
};

}  // namespace edigate::schema

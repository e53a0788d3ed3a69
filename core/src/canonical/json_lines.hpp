#pragma once
// JSON Lines from a byte stream, one line at a time, in memory bounded by the longest line
// allowed (kMaxMessageBytes) plus one chunk: a line is measured while it arrives, so an
// endless line is an error at its start rather than a buffer that grows until bad_alloc.
#include "canonical/json_io.hpp"

#include <edigate/input.hpp>

#include <optional>
#include <string>

namespace edigate::canonical {

class JsonLineReader {
 public:
  struct Line {
    std::string text;       ///< without the '\n' (a trailing '\r' is kept; JSON treats it as space)
    Position where;         ///< file, 1-based line, byte offset of the line's start
    bool too_long = false;  ///< longer than max_bytes: text is empty and the rest was skipped
  };

  /// `in` must outlive the reader; positions name `file`.
  JsonLineReader(InputStream& in, std::string file, std::size_t max_bytes = kMaxMessageBytes);

  /// The next line (blank lines included), or nullopt at the end of input. An Error is an I/O
  /// failure; an over-long line is a Line with too_long set (reading can go on after it).
  Result<std::optional<Line>> next();

  /// The error for an over-long line: `canonical.json.invalid` at its line and offset.
  Error too_long_error(const Line& line) const;

 private:
  Result<bool> fill();

  InputStream& in_;
  std::string file_;
  std::size_t max_bytes_;
  std::string buf_;
  std::size_t pos_ = 0;         ///< start of unread bytes in buf_
  std::uint64_t consumed_ = 0;  ///< input offset of buf_[0]
  std::uint32_t line_ = 0;
  bool eof_ = false;
};

}  // namespace edigate::canonical

#pragma once
// Streaming X12 tokenizer: turns a byte stream into raw segments, one at a time, reading the
// input in chunks. Memory is bounded by max_segment_length plus one chunk: a longer segment
// is skipped and reported, never buffered.
#include "isa.hpp"

#include <edigate/input.hpp>
#include <edigate/reader.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::x12 {

/// One segment as found in the input. `bytes` excludes the terminator and any whitespace
/// before the tag; it is valid until the next call on the tokenizer.
struct RawSegment {
  std::string_view bytes;
  std::uint64_t offset = 0;        ///< absolute offset of the first byte of the segment
  std::uint64_t index = 0;         ///< 1-based ordinal of the segment in the input
  bool line_breaks = false;        ///< CR/LF inside the segment (not delimiters): hard-wrapped file
  bool indented = false;           ///< spaces/tabs before the tag
  bool unterminated = false;       ///< input ended before the terminator
  bool too_long = false;           ///< longer than max_segment_length; bytes holds its start only
  bool binary = false;             ///< BIN segment read by its BIN01 length
  bool bad_binary_length = false;  ///< BIN01 not numeric, or no terminator where BIN01 says
  bool bad_utf8 = false;           ///< not valid UTF-8 (checked unless the input is EBCDIC)
  std::uint64_t bad_utf8_offset = 0;
};

/// Bytes skipped while looking for an ISA.
struct Junk {
  bool byte_order_mark = false;
  std::uint64_t offset = 0;  ///< first junk byte
  std::uint64_t length = 0;
  std::string sample;  ///< first bytes, for the message
};

enum class TokenStatus { segment, isa, end };

class Tokenizer {
 public:
  Tokenizer(InputStream& in, const ReaderOptions& options);

  /// Outside an interchange: skips whitespace, a BOM and junk up to the next "ISA" (detecting
  /// EBCDIC). Returns false at end of input.
  Result<bool> find_isa(Junk& junk);

  /// At an ISA: reads its layout. On IsaScan::ok the ISA is consumed and offset/index are set;
  /// on malformed nothing is consumed (call skip(1) to resynchronise).
  Result<IsaScan> read_isa(IsaLayout& isa, Error& error, std::uint64_t& offset, std::uint64_t& index);

  /// The delimiters of the current interchange (after read_isa).
  void set_delimiters(const Delimiters& d);

  /// The next segment, or TokenStatus::isa when an ISA starts here (not consumed), or end.
  Result<TokenStatus> next(RawSegment& out);

  /// Pushes back the segment last returned by next(): the next call returns it again.
  void unread() noexcept;

  void skip(std::size_t n) noexcept;
  std::uint64_t offset() const noexcept { return base_ + pos_; }
  bool ebcdic() const noexcept { return ebcdic_; }

 private:
  Result<bool> fill();                 // reads one chunk; false at end of input
  Result<bool> ensure(std::size_t n);  // at least n bytes from pos_ unless at end
  const char* find_terminator(std::size_t from) const noexcept;
  Result<TokenStatus> skip_too_long(RawSegment& out);
  bool try_binary(RawSegment& out, std::size_t& seg_end);
  void check_contents(RawSegment& out) const noexcept;

  InputStream& in_;
  const ReaderOptions& opt_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  std::uint64_t base_ = 0;  // input offset of buf_[0]
  bool eof_ = false;
  bool ebcdic_ = false;
  Delimiters delims_;
  bool line_break_terminator_ = false;  // terminator is CR or LF: those bytes are not wraps
  std::uint64_t index_ = 0;
  std::size_t last_start_ = 0;  // for unread()
  std::uint64_t last_index_ = 0;
  std::string sample_;  // start of a too-long segment
};

/// True when s is valid UTF-8; otherwise sets bad to the offset of the first invalid byte.
bool valid_utf8(std::string_view s, std::size_t& bad) noexcept;

}  // namespace edigate::x12

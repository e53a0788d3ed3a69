#pragma once
// Streaming EDIFACT tokenizer: pulls chunks from an InputStream and cuts them into segments at
// unreleased segment terminators. Memory is bounded by ReaderOptions::max_segment_length plus
// one chunk; a longer segment is skipped up to its terminator and reported (too_long).
//
// Between segments it drops newlines and indentation; inside a segment it drops CR/LF that are
// not delimiters (files hard-wrapped at 80 columns). It detects UNA, a UTF-8 byte order mark,
// junk before an interchange, level B control-character separators and files whose segments
// end at line ends without an apostrophe.
#include "charset.hpp"

#include <edigate/input.hpp>
#include <edigate/reader.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::edifact {

struct RawSegment {
  std::string_view bytes;          ///< without terminator and dropped CR/LF; valid until next()
  std::uint64_t offset = 0;        ///< input offset of the first byte (the tag)
  std::uint64_t index = 0;         ///< 1-based ordinal of the segment in the input
  std::uint64_t length = 0;        ///< input bytes from the tag to the terminator (exclusive)
  bool terminated = true;          ///< false: input ended first
  bool too_long = false;           ///< longer than max_segment_length: bytes holds a prefix only
  bool line_break_inside = false;  ///< CR/LF inside the segment were dropped
  bool charset_suspect = false;    ///< a byte outside the fast repertoire: run check_segment_charset
  /// At least kReadablePadding initialised bytes follow `bytes` in memory (it points into the
  /// tokenizer's buffer), so a 16-byte load at any offset inside it stays in bounds.
  bool padded = false;
};

/// Bytes the tokenizer's buffer always holds after its valid bytes (see RawSegment::padded).
inline constexpr std::size_t kReadablePadding = 16;

enum class TokenKind : std::uint8_t { segment, una, junk, end };

struct Token {
  TokenKind kind = TokenKind::end;
  RawSegment seg;              ///< segment; una: the "UNA" + 6 characters; junk: offset/length
  std::optional<Error> error;  ///< una: invalid advice; junk: the description (warning or error)
};

class Tokenizer {
 public:
  Tokenizer(InputStream& in, const ReaderOptions& options);

  /// The next token, valid until the next call; nullptr only on an I/O failure (io_error()).
  /// Plain pointers instead of Result here: this runs once per segment.
  const Token* next() noexcept;
  const Error& io_error() const noexcept { return *io_error_; }

  /// The next token must start an interchange (UNA, UNB or a bare UNH): anything else up to
  /// one is junk. Resets the delimiters to the defaults (a UNA applies to one interchange).
  void expect_interchange() noexcept;

  /// Repertoire for the fast check, chosen by the reader from UNB S001.
  void set_charset(Charset cs) noexcept;

  const Delimiters& delimiters() const noexcept { return delims_; }
  bool una_present() const noexcept { return una_present_; }
  bool newline_terminated() const noexcept { return newline_mode_; }
  std::uint64_t offset() const noexcept { return base_ + pos_; }

 private:
  enum : std::uint8_t { kNormal = 0, kTerm, kRelease, kDrop, kFlag };

  int fill() noexcept;                 ///< one more chunk: 1, 0 at end of input, -1 on I/O error
  int ensure(std::size_t n) noexcept;  ///< at least n bytes after pos_: 1, 0 (EOF first), -1
  bool skip_whitespace() noexcept;     ///< false on I/O error
  const Token* seek_interchange_start() noexcept;
  const Token* read_una() noexcept;
  const Token* read_segment() noexcept;
  const Token* oom() noexcept;
  /// tok_ reset for a new token (no allocation). Inline: once per segment, and as a call it
  /// showed as 5% of an EDIFACT validation profile.
  Token& fresh(TokenKind kind) noexcept {
    tok_.kind = kind;
    tok_.seg = RawSegment{};
    if (tok_.error) tok_.error.reset();
    return tok_;
  }
  const Token* end_token() noexcept;
  bool detect_terminator_style() noexcept;  ///< newline-only or level B, no UNA
  void rebuild_classes() noexcept;
  void peek_suffix() noexcept;
  /// Whitespace between segments that is not one of the delimiters (a table: skipping the line
  /// break after every segment was 5% of a full validation as a function of five compares).
  bool is_space(unsigned char c) const noexcept { return space_[c]; }
  bool starts_interchange(std::size_t at) const noexcept;

  InputStream& in_;
  ReaderOptions options_;
  std::vector<char> buf_;
  std::size_t pos_ = 0;     ///< first unconsumed byte in buf_
  std::size_t end_ = 0;     ///< end of valid bytes in buf_
  std::uint64_t base_ = 0;  ///< input offset of buf_[0]
  bool eof_ = false;
  Token tok_;
  std::optional<Error> io_error_;
  std::string scratch_;  ///< a segment with CR/LF removed, or a too-long prefix
  std::array<std::uint8_t, 256> cls_{};
  std::array<bool, 256> space_{};  ///< is_space, rebuilt with cls_
  bool printable_normal_ = false;  ///< every byte 0x20..0x7E but terminator and release is kNormal
  Delimiters delims_;
  Charset charset_ = Charset::other;
  std::uint64_t index_ = 0;
  bool seeking_ = true;  ///< next token must start an interchange
  bool una_present_ = false;
  bool newline_mode_ = false;
  bool detect_suffix_ = true;  ///< record the whitespace after the next terminator
};

/// Splits raw segment bytes into the tag and elements at unreleased element separators.
/// Views point into `bytes`. Clears `out` first.
void split_elements(std::string_view bytes, const Delimiters& d, std::vector<std::string_view>& out);

}  // namespace edigate::edifact

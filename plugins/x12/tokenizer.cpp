// Chunked segment scanning. The hot loop is memchr for the terminator; everything else runs
// once per segment on bytes already in cache.
#include "tokenizer.hpp"

#include "ebcdic.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace edigate::x12 {
namespace {

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Does s hold a CR, a LF or a byte >= 0x80? One SWAR pass, 8 bytes at a time: most
// segments have none, and then nothing else needs to look at them.
bool needs_attention(const char* p, std::size_t n) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto has_byte = [](std::uint64_t w, std::uint64_t pattern) {
    std::uint64_t x = w ^ pattern;
    return ((x - kOnes) & ~x & kHigh) != 0;
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    if ((w & kHigh) || has_byte(w, kOnes * '\n') || has_byte(w, kOnes * '\r')) return true;
  }
  for (; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c >= 0x80 || c == '\n' || c == '\r') return true;
  }
  return false;
}

bool has_high_bit(const char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (static_cast<unsigned char>(p[i]) >= 0x80) return true;
  return false;
}

}  // namespace

bool valid_utf8(std::string_view s, std::size_t& bad) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      bad = i;
      return false;
    }
    if (i + len > n) {
      bad = i;
      return false;
    }
    if (p[i + 1] < lo || p[i + 1] > hi) {
      bad = i;
      return false;
    }
    for (std::size_t k = 2; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) {
        bad = i;
        return false;
      }
    i += len;
  }
  return true;
}

Tokenizer::Tokenizer(InputStream& in, const ReaderOptions& options) : in_(in), opt_(options) {
  buf_.resize(std::max<std::size_t>(opt_.chunk_size, 1) * 2 + 64);
}

Result<bool> Tokenizer::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    // Everything before pos_ has been handed out and is no longer referenced.
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    base_ += pos_;
    end_ -= pos_;
    last_start_ = last_start_ >= pos_ ? last_start_ - pos_ : 0;
    pos_ = 0;
  }
  std::size_t chunk = std::max<std::size_t>(opt_.chunk_size, 1);
  if (buf_.size() < end_ + chunk) buf_.resize(std::max(buf_.size() * 2, end_ + chunk));
  auto got = in_.read(buf_.data() + end_, chunk);
  if (!got) return std::move(got).error();
  if (*got == 0) {
    eof_ = true;
    return false;
  }
  if (ebcdic_) decode_cp037(buf_.data() + end_, *got);
  end_ += *got;
  return true;
}

Result<bool> Tokenizer::ensure(std::size_t n) {
  while (end_ - pos_ < n) {
    EDIGATE_TRY(bool more, fill());
    if (!more) return false;
  }
  return true;
}

void Tokenizer::skip(std::size_t n) noexcept { pos_ = std::min(end_, pos_ + n); }

void Tokenizer::unread() noexcept {
  pos_ = last_start_;
  index_ = last_index_;
}

Result<bool> Tokenizer::find_isa(Junk& junk) {
  junk = Junk{};
  for (;;) {
    EDIGATE_TRY(bool enough, ensure(4));
    if (pos_ == end_) return false;
    const char* p = buf_.data() + pos_;
    std::size_t have = end_ - pos_;
    if (base_ + pos_ == 0 && have >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
      junk.byte_order_mark = true;
      pos_ += 3;
      continue;
    }
    char c = *p;
    if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
      ++pos_;
      continue;
    }
    if (enough && p[0] == 'I' && p[1] == 'S' && p[2] == 'A' && !is_alnum(p[3]) && p[3] != ' ') return true;
    if (enough && opt_.tolerance.ebcdic && !ebcdic_ && is_ebcdic_isa(p)) {
      // From here on the input is EBCDIC: decode what is buffered and every later chunk.
      ebcdic_ = true;
      decode_cp037(buf_.data() + pos_, end_ - pos_);
      continue;
    }
    if (junk.length == 0) junk.offset = base_ + pos_;
    ++junk.length;
    if (junk.sample.size() < 32) junk.sample += c;
    ++pos_;
  }
}

Result<IsaScan> Tokenizer::read_isa(IsaLayout& isa, Error& error, std::uint64_t& offset, std::uint64_t& index) {
  for (;;) {
    IsaScan r = scan_isa(std::string_view(buf_.data() + pos_, end_ - pos_), eof_, isa, error);
    if (r == IsaScan::need_more) {
      EDIGATE_TRY(bool more, fill());
      (void)more;
      continue;
    }
    if (r == IsaScan::malformed) {
      error.position.offset += base_ + pos_;
      return r;
    }
    offset = base_ + pos_;
    last_start_ = pos_;
    last_index_ = index_;
    index = ++index_;
    pos_ += isa.length;
    return r;
  }
}

void Tokenizer::set_delimiters(const Delimiters& d) {
  delims_ = d;
  line_break_terminator_ = d.segment == "\r" || d.segment == "\n";
}

const char* Tokenizer::find_terminator(std::size_t from) const noexcept {
  const std::string& t = delims_.segment;
  const char* p = buf_.data() + from;
  const char* end = buf_.data() + end_;
  if (t.size() == 1) return static_cast<const char*>(std::memchr(p, t[0], end - p));
  while (p < end) {
    p = static_cast<const char*>(std::memchr(p, t[0], end - p));
    if (!p || static_cast<std::size_t>(end - p) < t.size()) return nullptr;
    if (std::memcmp(p, t.data(), t.size()) == 0) return p;
    ++p;
  }
  return nullptr;
}

bool Tokenizer::try_binary(RawSegment& out, std::size_t& seg_end) {
  // BIN*<length>*<payload>~ : the payload may hold any byte, so it is read by length.
  auto enough = ensure(4 + 20);  // BIN01 is at most a few digits; a short input is handled below
  if (!enough) return false;
  std::size_t i = pos_ + 4, len = 0, digits = 0;
  while (i < end_ && buf_[i] >= '0' && buf_[i] <= '9' && digits < 19) {
    len = len * 10 + static_cast<std::size_t>(buf_[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0 || i >= end_ || buf_[i] != delims_.element || len + 32 > opt_.max_segment_length) {
    out.bad_binary_length = true;
    return false;
  }
  std::size_t payload_rel = i + 1 - pos_;
  auto have = ensure(payload_rel + len + delims_.segment.size());
  if (!have || !*have) {
    out.bad_binary_length = true;
    return false;
  }
  std::size_t end_at = pos_ + payload_rel + len;
  if (std::memcmp(buf_.data() + end_at, delims_.segment.data(), delims_.segment.size()) != 0) {
    out.bad_binary_length = true;
    return false;
  }
  seg_end = end_at;
  out.binary = true;
  return true;
}

Result<TokenStatus> Tokenizer::next(RawSegment& out) {
  out = RawSegment{};
  const char elem = delims_.element;
  const std::string& term = delims_.segment;
  const char t0 = term.size() == 1 ? term[0] : '\0';
  std::size_t spaces = 0;
  for (;;) {
    if (pos_ == end_) {
      EDIGATE_TRY(bool more, fill());
      if (!more) return TokenStatus::end;
      continue;
    }
    char c = buf_[pos_];
    if (c == elem || (term.size() == 1 && c == t0)) {
      if (c == t0 && line_break_terminator_) {  // blank line in a newline-terminated file
        ++pos_;
        continue;
      }
      break;
    }
    if (c == '\r' || c == '\n') {
      ++pos_;
      continue;
    }
    if (c == ' ' || c == '\t') {
      ++spaces;
      ++pos_;
      continue;
    }
    break;
  }
  out.indented = spaces > (delims_.suffix == " " ? 1u : 0u);
  if (end_ - pos_ < 4) {
    EDIGATE_TRY(bool four, ensure(4));
    (void)four;
  }
  last_start_ = pos_;
  last_index_ = index_;
  {
    const char* p = buf_.data() + pos_;
    std::size_t have = end_ - pos_;
    if (have >= 4 && p[0] == 'I' && p[1] == 'S' && p[2] == 'A' && !is_alnum(p[3]) && p[3] != ' ')
      return TokenStatus::isa;
  }
  out.offset = base_ + pos_;
  out.index = ++index_;

  std::size_t seg_end = 0;
  bool found = false;
  if (end_ - pos_ >= 4 && std::memcmp(buf_.data() + pos_, "BIN", 3) == 0 && buf_[pos_ + 3] == elem)
    found = try_binary(out, seg_end);
  if (!found) {
    std::size_t scan_rel = 0;
    for (;;) {
      const char* hit = find_terminator(pos_ + scan_rel);
      if (hit) {
        seg_end = static_cast<std::size_t>(hit - buf_.data());
        break;
      }
      std::size_t have = end_ - pos_;
      if (have > opt_.max_segment_length + term.size()) return skip_too_long(out);
      scan_rel = have >= term.size() ? have - (term.size() - 1) : 0;
      EDIGATE_TRY(bool more, fill());
      if (!more) {
        seg_end = end_;
        out.unterminated = true;
        break;
      }
    }
  }
  if (seg_end - pos_ > opt_.max_segment_length) return skip_too_long(out);
  out.bytes = std::string_view(buf_.data() + pos_, seg_end - pos_);
  pos_ = out.unterminated ? end_ : seg_end + term.size();
  // CRLF line endings around a LF terminator: the CR belongs to the line ending.
  if (term == "\n" && !out.bytes.empty() && out.bytes.back() == '\r') out.bytes.remove_suffix(1);
  if (out.unterminated) {
    while (!out.bytes.empty() && (out.bytes.back() == '\r' || out.bytes.back() == '\n' || out.bytes.back() == ' ' ||
                                  out.bytes.back() == '\t'))
      out.bytes.remove_suffix(1);
  }
  check_contents(out);
  return TokenStatus::segment;
}

void Tokenizer::check_contents(RawSegment& out) const noexcept {
  std::string_view b = out.bytes;
  if (out.binary) b = b.substr(0, std::min<std::size_t>(b.size(), 4));  // payload is opaque
  if (!needs_attention(b.data(), b.size())) return;
  const char elem = delims_.element;
  const std::string& term = delims_.segment;
  if (elem != '\n' && term != "\n" && std::memchr(b.data(), '\n', b.size())) out.line_breaks = true;
  if (elem != '\r' && term != "\r" && std::memchr(b.data(), '\r', b.size())) out.line_breaks = true;
  if (!ebcdic_ && has_high_bit(b.data(), b.size())) {
    std::size_t bad = 0;
    if (!valid_utf8(b, bad)) {
      out.bad_utf8 = true;
      out.bad_utf8_offset = out.offset + bad;
    }
  }
}

Result<TokenStatus> Tokenizer::skip_too_long(RawSegment& out) {
  out.too_long = true;
  sample_.assign(buf_.data() + pos_, std::min<std::size_t>(16, end_ - pos_));
  const std::string& term = delims_.segment;
  // Discard bytes until the terminator; keep only a possible partial terminator.
  std::size_t from = pos_ + std::min<std::size_t>(opt_.max_segment_length, end_ - pos_);
  for (;;) {
    const char* hit = find_terminator(from);
    if (hit) {
      pos_ = static_cast<std::size_t>(hit - buf_.data()) + term.size();
      break;
    }
    std::size_t keep = std::min(term.size() - 1, end_ - pos_);
    pos_ = end_ - keep;
    from = end_ - keep;
    auto more = fill();
    if (!more) return std::move(more).error();
    from = pos_;
    if (!*more) {
      pos_ = end_;
      out.unterminated = true;
      break;
    }
  }
  out.bytes = sample_;
  return TokenStatus::segment;
}

}  // namespace edigate::x12

#include "tokenizer.hpp"

#include "una.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace edigate::edifact {
namespace {

bool is_tag_char(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

void split_elements(std::string_view bytes, const Delimiters& d, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  const char sep = d.element, rel = d.release;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (rel && c == rel) {
      ++i;
      continue;
    }
    if (c == sep) {
      out.push_back(bytes.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(bytes.substr(start));
}

Tokenizer::Tokenizer(InputStream& in, const ReaderOptions& options)
    : in_(in), options_(options), delims_(default_delimiters(false)) {
  if (options_.chunk_size == 0) options_.chunk_size = 1;
  if (options_.max_segment_length < 16) options_.max_segment_length = 16;
  rebuild_classes();
}

void Tokenizer::rebuild_classes() noexcept {
  for (int c = 0; c < 256; ++c) cls_[c] = charset_fast_ok(charset_, static_cast<unsigned char>(c)) ? kNormal : kFlag;
  cls_[static_cast<unsigned char>('\r')] = kDrop;
  cls_[static_cast<unsigned char>('\n')] = kDrop;
  cls_[static_cast<unsigned char>(delims_.element)] = kNormal;
  cls_[static_cast<unsigned char>(delims_.component)] = kNormal;
  if (delims_.repetition) cls_[static_cast<unsigned char>(delims_.repetition)] = kNormal;
  if (delims_.release) cls_[static_cast<unsigned char>(delims_.release)] = kRelease;
  cls_[static_cast<unsigned char>(delims_.segment[0])] = kTerm;
  printable_normal_ = true;
  for (int c = 0x20; c < 0x7F; ++c)
    if (c != static_cast<unsigned char>(delims_.segment[0]) && c != static_cast<unsigned char>(delims_.release) &&
        cls_[c] != kNormal)
      printable_normal_ = false;
  space_.fill(false);
  for (char ch : {' ', '\t', '\r', '\n'})
    space_[static_cast<unsigned char>(ch)] = ch != delims_.element && ch != delims_.component &&
                                             ch != delims_.segment[0] && ch != delims_.release &&
                                             ch != delims_.repetition;
}

void Tokenizer::set_charset(Charset cs) noexcept {
  charset_ = cs;
  rebuild_classes();
}

void Tokenizer::expect_interchange() noexcept {
  seeking_ = true;
  una_present_ = false;
  newline_mode_ = false;
  detect_suffix_ = true;
  delims_ = default_delimiters(false);
  charset_ = Charset::other;
  rebuild_classes();
}

int Tokenizer::fill() noexcept {
  if (eof_) return 0;
  try {
    if (pos_ > 0 && (pos_ == end_ || buf_.size() - end_ < options_.chunk_size)) {
      std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
      base_ += pos_;
      end_ -= pos_;
      pos_ = 0;
    }
    // Room for a chunk and kReadablePadding bytes after it, whatever the read returns.
    if (buf_.size() - end_ < options_.chunk_size + kReadablePadding)
      buf_.resize(end_ + options_.chunk_size + kReadablePadding);
  } catch (...) {
    io_error_ = Error("edifact.io.memory", "cannot grow the input buffer");
    return -1;
  }
  auto n = in_.read(buf_.data() + end_, options_.chunk_size);
  if (!n) {
    io_error_ = std::move(n).error();
    return -1;
  }
  if (*n == 0) {
    eof_ = true;
    return 0;
  }
  end_ += std::min(*n, options_.chunk_size);
  return 1;
}

int Tokenizer::ensure(std::size_t n) noexcept {
  while (end_ - pos_ < n) {
    int more = fill();
    if (more < 0) return -1;
    if (!more) return 0;
  }
  return 1;
}

bool Tokenizer::skip_whitespace() noexcept {
  if (pos_ < end_ && !is_space(static_cast<unsigned char>(buf_[pos_]))) {
    if (detect_suffix_ && index_ > 0) detect_suffix_ = false;  // no suffix after this terminator
    return true;
  }
  // The usual case: one line break after a terminator, the suffix already known. Without the
  // general loop below (its string and refill checks were 3% of a full validation).
  if (!detect_suffix_ && pos_ + 1 < end_ && !is_space(static_cast<unsigned char>(buf_[pos_ + 1]))) {
    ++pos_;
    return true;
  }
  std::string run;
  for (;;) {
    while (pos_ < end_ && is_space(static_cast<unsigned char>(buf_[pos_]))) {
      if (detect_suffix_ && run.size() < 3) run += buf_[pos_];
      ++pos_;
    }
    if (pos_ < end_) break;
    int more = fill();
    if (more < 0) return false;
    if (!more) break;
  }
  if (detect_suffix_ && index_ > 0) {
    detect_suffix_ = false;
    if (run == "\n" || run == "\r\n" || run == "\r") delims_.suffix = run;
  }
  return true;
}

bool Tokenizer::starts_interchange(std::size_t at) const noexcept {
  if (end_ - at < 4) return false;
  const char* p = buf_.data() + at;
  if (p[0] != 'U' || p[1] != 'N') return false;
  if (p[2] == 'A') return true;
  return (p[2] == 'B' || p[2] == 'H') && !is_tag_char(static_cast<unsigned char>(p[3]));
}

const Token* Tokenizer::end_token() noexcept { return &fresh(TokenKind::end); }

const Token* Tokenizer::oom() noexcept {
  io_error_ = Error("edifact.io.memory", "out of memory");
  return nullptr;
}

void Tokenizer::peek_suffix() noexcept {
  // Only from bytes already buffered: a refill here would move the bytes the token points to.
  // skip_whitespace() catches the suffix later when it straddles a chunk boundary.
  if (!detect_suffix_ || pos_ >= end_) return;
  const char* p = buf_.data() + pos_;
  std::size_t n = end_ - pos_;
  if (p[0] == '\n')
    delims_.suffix = "\n";
  else if (p[0] == '\r' && n >= 2 && p[1] == '\n')
    delims_.suffix = "\r\n";
  else if (p[0] == '\r' && n >= 2)
    delims_.suffix = "\r";
  else if (p[0] == '\r')
    return;  // undecided until the next byte arrives
  detect_suffix_ = false;
}

const Token* Tokenizer::next() noexcept {
  // skip_whitespace()'s usual answer without the call (once per segment): the suffix is known
  // and at most the one line break after the terminator is to be skipped.
  if (!detect_suffix_ && pos_ + 1 < end_ && !is_space(static_cast<unsigned char>(buf_[pos_ + 1]))) {
    pos_ += is_space(static_cast<unsigned char>(buf_[pos_])) ? 1 : 0;
  } else if (!skip_whitespace()) {
    return nullptr;
  }
  if (pos_ == end_) return end_token();
  if (seeking_) return seek_interchange_start();
  int four = ensure(4);
  if (four < 0) return nullptr;
  (void)four;
  if (end_ - pos_ >= 3 && std::memcmp(buf_.data() + pos_, "UNA", 3) == 0) return read_una();
  return read_segment();
}

const Token* Tokenizer::seek_interchange_start() noexcept {
  // A UTF-8 byte order mark is only meaningful at the very start of the input.
  if (base_ + pos_ == 0) {
    int ok = ensure(3);
    if (ok < 0) return nullptr;
    (void)ok;
    if (end_ - pos_ >= 3 && std::memcmp(buf_.data() + pos_, "\xEF\xBB\xBF", 3) == 0 &&
        options_.tolerance.byte_order_mark) {
      pos_ += 3;
      if (!skip_whitespace()) return nullptr;
      if (pos_ == end_) return end_token();
    }
  }
  int four = ensure(4);
  if (four < 0) return nullptr;
  (void)four;
  if (!starts_interchange(pos_)) {
    // Junk: skip to the next "UNA", "UNB+" or "UNH+" (any separator after the tag).
    Token& t = fresh(TokenKind::junk);
    t.seg.offset = base_ + pos_;
    std::string sample;
    std::uint64_t skipped = 0;
    for (;;) {
      while (end_ - pos_ >= 4 && !starts_interchange(pos_)) {
        if (sample.size() < 40) sample += buf_[pos_];
        ++pos_;
        ++skipped;
      }
      if (end_ - pos_ >= 4) break;
      int more = fill();
      if (more < 0) return nullptr;
      if (!more) {
        skipped += end_ - pos_;
        if (sample.size() < 40)
          sample.append(buf_.data() + pos_, std::min<std::size_t>(end_ - pos_, 40 - sample.size()));
        pos_ = end_;
        break;
      }
    }
    t.seg.length = skipped;
    Error e("edifact.junk", "bytes before the interchange start (UNA/UNB/UNH) skipped");
    Position p;
    p.file = options_.file;
    p.offset = t.seg.offset;
    p.has_offset = true;
    e.at(std::move(p));
    e.expected = "UNA, UNB or UNH";
    e.found = sample;
    if (options_.tolerance.junk_between_interchanges) e.severity = Severity::warning;
    t.error = std::move(e);
    return &t;
  }
  if (buf_[pos_ + 2] == 'A') return read_una();
  seeking_ = false;
  if (!detect_terminator_style()) return nullptr;
  return read_segment();
}

bool Tokenizer::detect_terminator_style() noexcept {
  if (una_present_) return true;
  if (buf_[pos_ + 3] == '\x1D') {  // level B: IS3 after the tag
    delims_ = level_b_delimiters();
    rebuild_classes();
    return true;
  }
  // Newline-terminated files (no apostrophes): the first line holds no terminator and the next
  // line starts like a segment ("TAG+").
  int ok = ensure(std::min<std::size_t>(4096, options_.max_segment_length));
  if (ok < 0) return false;
  (void)ok;
  const char* p = buf_.data() + pos_;
  std::size_t n = end_ - pos_;
  bool escaped = false;
  for (std::size_t i = 0; i < n; ++i) {
    char c = p[i];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (c == delims_.release) {
      escaped = true;
      continue;
    }
    if (c == delims_.segment[0]) return true;
    if (c == '\n') {
      std::size_t j = i + 1;
      if (j + 4 <= n && is_tag_char(static_cast<unsigned char>(p[j])) &&
          is_tag_char(static_cast<unsigned char>(p[j + 1])) && is_tag_char(static_cast<unsigned char>(p[j + 2])) &&
          p[j + 3] == delims_.element) {
        newline_mode_ = true;
        delims_.segment = "\n";
        delims_.suffix.clear();
        detect_suffix_ = false;
        rebuild_classes();
        cls_[static_cast<unsigned char>('\n')] = kTerm;
      }
      return true;
    }
  }
  return true;
}

const Token* Tokenizer::read_una() noexcept {
  Token& t = fresh(TokenKind::una);
  t.seg.offset = base_ + pos_;
  t.seg.index = ++index_;
  // Collect six advice characters after "UNA", dropping line breaks of hard-wrapped files.
  std::size_t k = 3;
  std::string chars;
  while (chars.size() < 6) {
    if (pos_ + k >= end_) {
      int more = fill();
      if (more < 0) return nullptr;
      if (!more) break;
      continue;
    }
    char c = buf_[pos_ + k++];
    if ((c == '\r' || c == '\n') && options_.tolerance.hard_wrapped_lines) continue;
    chars += c;
  }
  t.seg.length = k;
  try {
    scratch_ = "UNA" + chars;
  } catch (...) {
    return oom();
  }
  t.seg.bytes = scratch_;
  pos_ += k;
  UnaResult r = parse_una(chars);
  if (r.error) {
    Error e = std::move(*r.error);
    e.position.file = options_.file;
    e.position.offset = t.seg.offset;
    e.position.has_offset = true;
    e.position.segment_index = t.seg.index;
    e.position.segment_tag = "UNA";
    t.error = std::move(e);
    delims_ = default_delimiters(false);
  } else {
    delims_ = r.delimiters;
  }
  una_present_ = true;
  newline_mode_ = false;
  detect_suffix_ = true;
  seeking_ = false;
  rebuild_classes();
  peek_suffix();
  return &t;
}

const Token* Tokenizer::read_segment() noexcept {
  Token& t = fresh(TokenKind::segment);
  RawSegment& s = t.seg;
  s.offset = base_ + pos_;
  s.index = ++index_;
  std::size_t k = 0;                 // scanned bytes after pos_
  std::uint64_t dropped_prefix = 0;  // bytes already discarded from a too-long segment
  bool escaped = false, drop = false, flag = false, found = false;
  const std::size_t limit = options_.max_segment_length;
  for (;;) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(buf_.data() + pos_);
    const std::size_t avail = end_ - pos_;
    while (k < avail) {
#if defined(__SSE2__)
      // Where every printable ASCII byte but the terminator and release character is normal
      // (UNOC, UNOY, other), 16 bytes at a time up to the first byte that is not: the byte loop
      // was 10% of a full EDIFACT validation.
      if (printable_normal_) {
        const __m128i term = _mm_set1_epi8(static_cast<char>(delims_.segment[0]));
        const __m128i rel = _mm_set1_epi8(delims_.release ? delims_.release : delims_.segment[0]);
        bool stop = false;
        while (k + 16 <= avail && !stop) {
          const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
          const __m128i printable =
              _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
          const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(v, term), _mm_cmpeq_epi8(v, rel));
          const unsigned normal = static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(special, printable)));
          const unsigned run = normal == 0xFFFF ? 16 : static_cast<unsigned>(__builtin_ctz(~normal));
          if (run) escaped = false;  // the first normal byte consumed any pending release
          k += run;
          stop = run < 16;
        }
        if (k >= avail) break;
      }
#endif
      std::uint8_t cl = cls_[p[k]];
      if (cl == kNormal) {
        escaped = false;
        ++k;
        continue;
      }
      if (cl == kDrop) {
        drop = true;
        ++k;
        continue;
      }
      if (escaped) {
        escaped = false;
        ++k;
        continue;
      }
      if (cl == kTerm) {
        found = true;
        break;
      }
      if (cl == kRelease)
        escaped = true;
      else
        flag = true;
      ++k;
    }
    if (found) break;
    if (!s.too_long && k > limit) {
      s.too_long = true;
      try {
        scratch_.assign(buf_.data() + pos_, std::min<std::size_t>(k, 64));
      } catch (...) {
        return oom();
      }
    }
    if (s.too_long) {  // discard what was scanned: memory stays bounded
      dropped_prefix += k;
      pos_ += k;
      k = 0;
    }
    int more = fill();
    if (more < 0) return nullptr;
    if (!more) break;
  }
  s.length = dropped_prefix + k;
  s.terminated = found;
  s.line_break_inside = drop;
  s.charset_suspect = flag;
  if (!s.too_long) {
    std::string_view raw(buf_.data() + pos_, k);
    if (drop) {
      try {
        scratch_.clear();
        scratch_.reserve(k);
        for (char c : raw)
          if (cls_[static_cast<unsigned char>(c)] != kDrop) scratch_ += c;
      } catch (...) {
        return oom();
      }
      s.bytes = scratch_;
    } else {
      s.bytes = raw;
      s.padded = true;  // raw ends at or before end_, and fill() keeps the padding after end_
    }
  } else {
    s.bytes = scratch_;
  }
  pos_ += k + (found ? 1 : 0);
  peek_suffix();
  return &t;
}

}  // namespace edigate::edifact

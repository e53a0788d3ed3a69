#pragma once
// Helpers shared by the libFuzzer targets: plugin construction, reader options derived from
// the input's own bytes (so libFuzzer explores chunk boundaries and leniency switches), and a
// walk over every byte an event points to, so ASan sees any view past its buffer.
#include "edifact_plugin.hpp"
#include "x12_plugin.hpp"

#include <edigate/document.hpp>
#include <edigate/format_plugin.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace edigate::fuzz {

inline std::unique_ptr<FormatPlugin> make_plugin(bool x12_standard) {
  Plugin* p = x12_standard ? x12::create_plugin() : edifact::create_plugin();
  return std::unique_ptr<FormatPlugin>(static_cast<FormatPlugin*>(p));
}

/// Small chunk sizes (1..97 bytes) from the first byte: every token straddles a read somewhere.
/// Limits are lowered so a fuzzer run stays inside -rss_limit_mb while still hitting them.
inline ReaderOptions reader_options(const std::uint8_t* data, std::size_t size, bool materialize) {
  ReaderOptions o;
  o.file = "fuzz";
  o.materialize = materialize;
  o.chunk_size = size ? 1 + data[0] % 97 : 1;
  o.max_segment_length = 4096;
  o.max_transaction_bytes = 1 << 20;
  if (size >= 2) {  // the last byte flips leniency switches, strict and lenient paths both run
    std::uint8_t b = data[size - 1];
    Tolerance& t = o.tolerance;
    t.byte_order_mark = b & 1;
    t.hard_wrapped_lines = b & 2;
    t.variable_length_isa = b & 4;
    t.junk_between_interchanges = b & 8;
    t.missing_final_terminator = b & 16;
    t.lowercase_tags = b & 32;
    t.count_mismatch_is_warning = b & 64;
    t.ebcdic = b & 128;
  }
  return o;
}

/// Reads every byte of a segment's views (and splits them as a host would).
inline std::size_t touch(const Segment& s, const Delimiters* d) {
  std::size_t sum = 0;
  for (auto e : s.elements)
    for (char c : e) sum += static_cast<unsigned char>(c);
  if (d) {
    SegmentData owned = SegmentData::from(s, *d);
    sum += owned.elements.size() + owned.tag.size();
  }
  return sum;
}

inline std::size_t touch(const Event& ev) {
  std::size_t sum = 0;
  if (ev.segment) sum += touch(*ev.segment, ev.delimiters);
  for (const auto& s : ev.segments) sum += touch(s, ev.delimiters);
  for (const auto& e : ev.issues) sum += e.to_string().size();
  sum += ev.info.set_id.size() + ev.info.control.size() + ev.info.version.size() + ev.info.release.size();
  return sum;
}

}  // namespace edigate::fuzz

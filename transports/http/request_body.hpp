#pragma once
// Reading an HTTP message body whole, with its three ways to end badly told apart: over the
// limit (413), cut off (the peer's connection dropped, a chunked body broke off, or fewer bytes
// than its Content-Length came: what arrived is not the document, so nothing of it is kept), and
// timed out (a peer that stalled mid-body: 408). Poco's stream just ends on a dropped connection
// and swallows a timeout into badbit, so both are made visible here. Shared by the supplier API,
// the <http> endpoint's polls and the gateway's admin API.
#include <cstdint>
#include <istream>
#include <string>

namespace edigate::http {

struct MessageBody {
  enum class End : std::uint8_t { complete, too_large, cut_off, timed_out };
  End end = End::complete;
  std::string bytes;  ///< what was read (complete: the body)
  std::string why;    ///< cut_off / timed_out: what happened, for the answer and the log

  bool complete() const { return end == End::complete; }
};

/// Reads `in` to its end, at most `limit` + 1 bytes (so a chunked body without a length cannot
/// make us buffer more). `declared`: the Content-Length, or -1 when there is none.
MessageBody read_message_body(std::istream& in, std::int64_t declared, std::uint64_t limit);

}  // namespace edigate::http

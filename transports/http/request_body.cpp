#include "request_body.hpp"

#include <Poco/Exception.h>

namespace edigate::http {

MessageBody read_message_body(std::istream& in, std::int64_t declared, std::uint64_t limit) {
  MessageBody out;
  const auto old_mask = in.exceptions();
  try {
    // With badbit in the mask the stream rethrows what its buffer threw (a timeout, a broken
    // chunk) instead of ending as if the body were complete.
    in.exceptions(std::ios::badbit);
    char buf[16384];
    while (in) {
      in.read(buf, sizeof buf);
      out.bytes.append(buf, static_cast<std::size_t>(in.gcount()));
      if (out.bytes.size() > limit) {
        out.end = MessageBody::End::too_large;
        break;
      }
    }
  } catch (const Poco::TimeoutException&) {
    out.end = MessageBody::End::timed_out;
    out.why = "no more of the body came within the timeout after " + std::to_string(out.bytes.size()) + " bytes";
  } catch (const std::exception& e) {
    out.end = MessageBody::End::cut_off;
    out.why = "the body broke off after " + std::to_string(out.bytes.size()) + " bytes: " + e.what();
  }
  try {
    in.clear();
    in.exceptions(old_mask);
  } catch (const std::exception&) {
    // the state was just cleared: nothing left to throw for
  }
  if (out.end == MessageBody::End::complete && declared >= 0 &&
      out.bytes.size() != static_cast<std::uint64_t>(declared)) {
    out.end = MessageBody::End::cut_off;
    out.why = "the body ended after " + std::to_string(out.bytes.size()) + " of the " + std::to_string(declared) +
              " bytes its Content-Length announced";
  }
  return out;
}

}  // namespace edigate::http

#pragma once
// Outbound translation: canonical messages for one partner -> one EDI interchange.
//
// Each message goes through the partner's outbound document whose map type= equals the
// message type; the rendered transactions are grouped by functional group (X12: GS01 from the
// set, 855 -> PR; EDIFACT: UNG per message type only when the partner's identity has a UNG id,
// else no group segments), wrapped with our identity (the profile's <local>, else the gateway
// default in the options) as sender and the partner's as receiver, numbered from the counters
// and written with the format plugin's writer and the partner's outbound delimiters.
//
// The counters start at the profile's control-numbers and move on as numbers are used; keeping
// them across runs is the durable pipeline's job (the store), not this module's.
#include "partners/profile.hpp"
#include "translation/services.hpp"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace edigate::translation {

struct ControlCounters {
  std::uint64_t interchange = 1;
  std::uint64_t group = 1;
  std::uint64_t transaction = 1;
  static ControlCounters from(const partners::ControlNumbers& numbers) {
    return {numbers.interchange_start, numbers.group_start, numbers.transaction_start};
  }
};

struct RenderOptions {
  std::string date;  ///< ISA09/GS04, UNB S004: CCYYMMDD; empty: today (UTC)
  std::string time;  ///< HHMM; empty: now (UTC)
  /// Our identity when the profile has no <local> (the gateway default).
  partners::Identities local;
  bool test = false;  ///< ISA15 T, UNB 0035 1
  /// The partner is the sender and we the receiver: an interchange as the partner would send
  /// it (round-trip checks of inbound samples).
  bool as_partner = false;
  /// Check each message against its canonical JSON Schema before mapping it (unknown or
  /// missing fields are errors naming the field). Only engine tests with synthetic maps and
  /// messages switch it off.
  bool check_submissions = true;
  /// Outbound maps tried after the partner's documents (base maps, for round-trip checks).
  std::vector<std::filesystem::path> extra_maps;
};

struct CanonicalInput {
  Poco::JSON::Object::Ptr message;
  Position where;  ///< file:line of the message, for errors
};

struct Rendered {
  std::string edi;            ///< the interchange; empty when no message rendered
  std::size_t messages = 0;   ///< messages rendered into it
  std::vector<Error> errors;  ///< messages that were not rendered, each at its file:line
};

/// What is wrong with a canonical submission against its JSON Schema (message_id, direction
/// and source may be left out: the gateway fills them), each naming the JSON pointer; empty
/// when it is valid.
std::vector<Error> submission_problems(const Poco::JSON::Object& message);

/// Renders `messages` into one interchange for `partner`. Per-message problems (unknown type,
/// map errors) are in Rendered::errors and those messages are left out; an Error is returned
/// when no interchange can be made at all (JSON partner, no local identity, no format plugin,
/// bad date/time, a writer refusal).
Result<Rendered> render_interchange(const Services& services, const partners::Profile& partner,
                                    const std::vector<CanonicalInput>& messages, const RenderOptions& options,
                                    ControlCounters& counters);

}  // namespace edigate::translation

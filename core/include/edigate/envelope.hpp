#pragma once
// What an envelope says, in words every standard shares: who sent it to whom, its control
// number, version and flags. Format plugins fill it (reader events, sniffing); the host routes
// and records by it without knowing any header layout, so a third standard needs no host change.
#include <cstdint>
#include <string>

namespace edigate {

/// A party as an envelope names it. `id` and `qualifier` have their padding trimmed.
struct PartyId {
  std::string qualifier;  ///< ISA05/ISA07, UNB 0007; empty when the standard or file gives none
  std::string id;         ///< ISA06/ISA08, UNB 0004/0010
};

enum class EnvelopeLevel : std::uint8_t { interchange, group };

struct EnvelopeFacts {
  EnvelopeLevel level = EnvelopeLevel::interchange;
  std::string standard;  ///< the plugin's standard(): "X12", "EDIFACT"
  PartyId sender;
  PartyId receiver;
  std::string control;         ///< ISA13, GS06, UNB 0020, UNG 0048
  std::string date;            ///< as sent: ISA09 YYMMDD, GS04 CCYYMMDD, UNB S004 0017
  std::string time;            ///< as sent: ISA10, GS05, UNB S004 0019
  std::string version;         ///< ISA12 "00401", GS08 "004010VICS", UNB S001 "UNOA:3", UNG S008
  std::string functional_id;   ///< groups: GS01 "PO", UNG 0038 "ORDERS"
  bool test = false;           ///< ISA15 "T", UNB 0035 "1"
  bool ack_requested = false;  ///< ISA14 "1", UNB 0031 "1"
  /// Where the parties sit, for messages: "ISA05/ISA06" and "ISA07/ISA08", "UNB S002" and "UNB S003".
  std::string sender_field;
  std::string receiver_field;
};

/// "X12 sender ZZ/ACME (ISA05/ISA06)": one way to name a party in every message.
inline std::string describe_party(const EnvelopeFacts& facts, bool sender) {
  const PartyId& p = sender ? facts.sender : facts.receiver;
  std::string out = facts.standard + (sender ? " sender " : " receiver ");
  out += p.qualifier.empty() ? p.id : p.qualifier + "/" + p.id;
  const std::string& field = sender ? facts.sender_field : facts.receiver_field;
  if (!field.empty()) out += " (" + field + ")";
  return out;
}

}  // namespace edigate

#pragma once
// What the host learned about an input, in the shape acknowledgements need. The host builds
// it from reader events plus schema validation; a format plugin turns it into 997/999/TA1 or
// CONTRL.
#include <edigate/delimiters.hpp>
#include <edigate/document.hpp>
#include <edigate/error.hpp>

#include <optional>
#include <string>
#include <vector>

namespace edigate {

inline bool has_errors(const std::vector<Error>& issues) {
  for (const auto& e : issues)
    if (!e.is_warning()) return true;
  return false;
}

struct TransactionReport {
  SegmentData header;  ///< ST / UNH as read
  std::optional<SegmentData> trailer;
  std::string version;              ///< schema version key used ("004010", "D96A")
  std::uint64_t segment_count = 0;  ///< counted, header..trailer inclusive
  bool schema_checked = false;      ///< false when no schema was found for the set
  std::vector<Error> issues;        ///< envelope and content problems of this transaction
  bool accepted() const { return !has_errors(issues); }
};

struct GroupReport {
  std::optional<SegmentData> header;  ///< GS / UNG; empty for an implicit EDIFACT group
  std::optional<SegmentData> trailer;
  std::vector<TransactionReport> transactions;
  std::vector<Error> issues;  ///< group-level problems (GE01, GE02, missing GE)
};

struct InterchangeReport {
  std::string file;
  Delimiters delimiters;
  std::optional<SegmentData> header;  ///< ISA / UNB; empty for bare EDIFACT messages
  std::optional<SegmentData> trailer;
  std::vector<GroupReport> groups;
  std::vector<Error> issues;  ///< interchange-level problems (ISA fields, IEA01/IEA02)
};

/// Which acknowledgement to produce.
enum class AckKind : std::uint8_t {
  automatic,  ///< X12: 997 for versions before 005010, 999 from 005010; EDIFACT: CONTRL
  x12_997,
  x12_999,
  x12_ta1_only,  ///< interchange acknowledgement only
  edifact_contrl,
};

enum class Ta1Policy : std::uint8_t { never, on_error, requested, always };

struct AckOptions {
  AckKind kind = AckKind::automatic;
  Ta1Policy ta1 = Ta1Policy::requested;  ///< requested: when ISA14 = 1 or the interchange has errors
  std::string interchange_control;       ///< ISA13 / UNB 0020 of the acknowledgement
  std::string group_control;             ///< GS06 / UNG 0048
  std::string transaction_control;       ///< ST02 / UNH 0062 (first; incremented per set)
  std::string date;                      ///< CCYYMMDD for envelopes; empty = now (UTC)
  std::string time;                      ///< HHMM; empty = now (UTC)
  bool report_accepted_sets = true;      ///< X12: AK2/AK5 for accepted sets too (most partners expect it)
};

}  // namespace edigate

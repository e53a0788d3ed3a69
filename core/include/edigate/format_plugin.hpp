#pragma once
// Format plugins: one EDI standard each (X12, EDIFACT). Read, acknowledge, write.
// Objects a plugin returns must not outlive the plugin (the host guarantees the library stays
// loaded while the plugin object lives). No entry point throws.
#include <edigate/document.hpp>
#include <edigate/envelope.hpp>
#include <edigate/input.hpp>
#include <edigate/plugin.hpp>
#include <edigate/reader.hpp>
#include <edigate/report.hpp>
#include <edigate/result.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace edigate {

/// What the host knows about an interchange it sends; the plugin lays out the headers
/// (ISA/GS, UNB/UNG) from it.
struct OutboundEnvelope {
  PartyId sender;          ///< ISA05/ISA06, UNB S002
  PartyId receiver;        ///< ISA07/ISA08, UNB S003
  PartyId group_sender;    ///< GS02, UNG S006; empty id: the interchange party
  PartyId group_receiver;  ///< GS03, UNG S007; EDIFACT writes UNG only when this is given
  std::string version;     ///< schema version key of the transactions: "004010", "005010", "D96A"
  std::string date;        ///< CCYYMMDD
  std::string time;        ///< HHMM
  std::uint64_t interchange_control = 1;
  std::uint64_t first_group_control = 1;  ///< +1 per group, in doc.groups order
  bool test = false;
};

struct WriteOptions {
  bool compute_counts = true;  ///< set SE01/GE01/IEA01, UNT/UNE/UNZ counts and copy control numbers into trailers
};

class FormatPlugin : public Plugin {
 public:
  /// "X12" or "EDIFACT": the standard name used in schema paths and reports.
  virtual std::string_view standard() const noexcept = 0;

  /// How sure the plugin is that an input starting with `prefix` (up to 4 KiB) is its standard:
  /// 0 = not at all, 100 = certain.
  virtual int detect(std::string_view prefix) const noexcept = 0;

  /// The envelope facts of an interchange or group header segment (ISA/GS, UNB/UNG) as the
  /// reader delivers it. An Error when `header` is not one of this standard's headers.
  virtual Result<EnvelopeFacts> describe_envelope(const Segment& header,
                                                  const Delimiters& delimiters) const noexcept = 0;

  /// The first interchange header's facts read from the first bytes of an input (up to 4 KiB,
  /// as for detect()), so the host can route before opening a reader (the partner's tolerance
  /// decides how it is read). An Error when no header can be read there (bare messages, junk,
  /// a header cut short); the reader then says what is wrong.
  virtual Result<EnvelopeFacts> sniff(std::string_view prefix) const noexcept = 0;

  /// A streaming reader over `in`, which must outlive the reader.
  virtual Result<std::unique_ptr<DocumentReader>> open(InputStream& in, const ReaderOptions& options) noexcept = 0;

  /// Acknowledgement interchanges for what `report` describes (997/999 and/or TA1; CONTRL).
  /// Empty when the policy asks for nothing.
  virtual Result<std::vector<InterchangeData>> acknowledge(const InterchangeReport& report,
                                                           const AckOptions& options) noexcept = 0;

  /// The group a transaction set of `set` travels in when sent with `envelope`: X12's GS01
  /// functional identifier ("PO" for 850); EDIFACT's message type when UNG groups are written,
  /// else "" (no explicit group). An Error for a set the standard cannot group.
  virtual Result<std::string> group_key(std::string_view set, const OutboundEnvelope& envelope) const noexcept = 0;

  /// A transaction control number as this standard writes it (X12 ST02: at least four digits).
  virtual std::string transaction_control(std::uint64_t n) const noexcept = 0;

  /// Sets the interchange header and each group's header of `doc`, whose groups hold rendered
  /// transactions and are keyed by `group_keys` (from group_key(), one per group, same order).
  /// An Error when a party or value cannot be written in this standard's envelope.
  virtual Result<void> add_envelope(InterchangeData& doc, const std::vector<std::string>& group_keys,
                                    const OutboundEnvelope& envelope) const noexcept = 0;

  /// Serialises one interchange with its delimiters.
  virtual Result<std::string> write(const InterchangeData& doc, const WriteOptions& options) noexcept = 0;
};

}  // namespace edigate

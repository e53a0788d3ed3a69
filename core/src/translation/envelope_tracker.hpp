#pragma once
// Follows the reader's envelope events (ISA/GS, UNB/UNG) so each transaction can be given its
// canonical source: standard, version, set, control numbers, sender and receiver (padding
// trimmed), file and byte offset of its ST/UNH.
#include <edigate/envelope.hpp>

#include <canonical/envelope.hpp>
#include <edigate/reader.hpp>

#include <optional>
#include <string>

namespace edigate::translation {

class EnvelopeTracker {
 public:
  /// `standard`: the format plugin's ("X12", "EDIFACT").
  EnvelopeTracker(std::string standard, std::string file);

  void interchange_begin(const Event& event);
  void group_begin(const Event& event);
  void group_end();
  void interchange_end();

  /// The interchange header's facts; nullopt outside an interchange (bare EDIFACT messages).
  const std::optional<EnvelopeFacts>& interchange() const { return interchange_; }
  /// True when the interchange or group header around the current transaction had errors: its
  /// transactions are not translated (an acknowledgement would reject them too).
  bool envelope_rejected() const { return interchange_rejected_ || group_rejected_; }

  /// The source of a (materialised) transaction event.
  canonical::Source source(const Event& transaction) const;

 private:
  std::string standard_;  ///< "x12" / "edifact" as canonical messages spell it
  std::string file_;
  std::optional<EnvelopeFacts> interchange_;
  std::string group_control_;
  bool interchange_rejected_ = false;
  bool group_rejected_ = false;
};

}  // namespace edigate::translation

#pragma once
// Who sent an interchange: ISA05/ISA06 or UNB S002, read from the header segment (per
// interchange) or sniffed from the first bytes of a file (so the reader can be opened with the
// sending partner's tolerance before anything is read).
#include "partners/registry.hpp"

#include <edigate/delimiters.hpp>
#include <edigate/segment.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace edigate::translation {

struct Sender {
  partners::Family family = partners::Family::x12;
  std::string qualifier;  ///< ISA05 / UNB 0007 (padding trimmed)
  std::string id;         ///< ISA06 / UNB 0004 (padding trimmed)
  /// "X12 sender ZZ/ACME (ISA05/ISA06)", "EDIFACT sender 5412345000013:14 (UNB S002)".
  std::string describe() const;
};

/// The sender of the first interchange in `head` (up to the first few KiB of a file), or
/// nullopt when no ISA or UNB header can be read there (EBCDIC, bare EDIFACT messages, junk).
std::optional<Sender> sniff_sender(std::string_view head);

/// Sender and receiver of an ISA or UNB header segment as a reader delivers it.
struct Parties {
  Sender sender;
  Sender receiver;
};
std::optional<Parties> parties_of(const Segment& header, const Delimiters& delimiters);

/// The profile claiming that sender identity, or nullptr.
std::shared_ptr<const partners::Profile> find_partner(const partners::RegistrySnapshot& registry, const Sender& sender);

}  // namespace edigate::translation

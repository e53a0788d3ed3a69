#pragma once
// The rendered interchange read back with the format plugin's own reader and validated against
// the transaction-set schemas, before anything is written: a value that does not fit its
// element (too long, a date such as 20261345, a code not in its list) is refused here rather
// than sent to the partner as invalid EDI.
#include "partners/profile.hpp"
#include "translation/services.hpp"

#include <edigate/format_plugin.hpp>

#include <string_view>
#include <vector>

namespace edigate::translation {

struct RenderedProblems {
  /// Per transaction, in the order they were written (0-based): its errors (empty when valid).
  std::vector<std::vector<Error>> transactions;
  /// Problems of the interchange or group envelopes (our identities, dates, counts).
  std::vector<Error> envelope;
};

/// Reads `edi` back and validates each transaction: reader errors, then the schema the
/// partner's document of that set and `direction` is validated with (document_schema.hpp: its
/// schema file or library variant, else the installed table; a set without one is checked by the
/// reader only). Warnings are not reported.
Result<RenderedProblems> check_rendered(const Services& services, FormatPlugin& format, std::string_view edi,
                                        const partners::Profile& partner, partners::Direction direction);

}  // namespace edigate::translation

#pragma once
// `edigate partners check`: each file in a partner's samples/ folder must translate without
// error, and round-trip where maps allow:
//  - EDI input: canonical A -> render (outbound map of the same type: the partner's, else the
//    base map of the set) as the partner would send it -> EDI -> translate -> canonical B;
//  - canonical samples (.json/.jsonl holding edigate.canonical/v1 messages): A -> render with
//    the partner's outbound map -> EDI -> translate back (the partner's inbound map of the set,
//    else the base map) -> B;
//  - carrier JSON input translates only (there is no JSON outbound).
// A == B ignoring message_id and source (and direction for canonical samples, which a round
// trip flips); the first differing JSON path is reported.
#include "partners/registry.hpp"
#include "translation/services.hpp"

#include <edigate/error.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace edigate::translation {

struct SampleResult {
  std::filesystem::path file;
  bool ok = false;
  std::string summary;        ///< "2 message(s), round trip equal" or what failed
  std::vector<Error> errors;  ///< positioned problems behind a failure
};

/// With `registry`, an EDI sample must also route to `partner` by its envelope (sender claimed
/// by this profile, receiver one of ours), as the gateway would route it.
SampleResult check_sample(const Services& services, const partners::Profile& partner, const std::filesystem::path& file,
                          const partners::RegistrySnapshot* registry = nullptr);

/// Every regular, non-hidden file under <profile folder>/samples (sorted); empty when none.
std::vector<SampleResult> check_samples(const Services& services, const partners::Profile& partner,
                                        const partners::RegistrySnapshot* registry = nullptr);

}  // namespace edigate::translation

#pragma once
// Builds a Destination from a declared endpoint (partner profile `<destinations>`, or the
// gateway configuration's, which use the same Endpoint shape).
//   webhook: url (required), signing-secret, auth-header (secret references), timeout-seconds
//            (default 10), ca-file (relative: to the profile folder), types
//   folder:  path (required; relative: to the gateway's data directory), types
// Errors are ErrorCategory::configuration: `delivery.kind.unknown`, `delivery.setting.missing`,
// `delivery.setting.invalid`, the secret's own (partners/secret.hpp), the webhook's
// (`delivery.webhook.*`).
#include "delivery/destination.hpp"
#include "partners/profile.hpp"

#include <edigate/result.hpp>

#include <filesystem>
#include <memory>
#include <string_view>

namespace edigate::delivery {

struct FactoryContext {
  std::filesystem::path data_dir;        ///< base of relative folder paths
  std::filesystem::path profile_folder;  ///< base of relative secret files and CA files
  std::filesystem::path config_file;     ///< named in errors (partner.xml or gateway.xml)
};

Result<std::unique_ptr<Destination>> make_destination(const partners::Endpoint& endpoint,
                                                      const FactoryContext& context);

/// Whether the endpoint takes messages of `type`: its `types` setting lists them separated by
/// commas or spaces; no setting (or an empty one) takes every type.
bool endpoint_accepts(const partners::Endpoint& endpoint, std::string_view type);

}  // namespace edigate::delivery

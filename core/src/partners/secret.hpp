#pragma once
// Reading a secret reference (profile.hpp SecretRef: env:NAME or file:PATH) at the moment a
// transport or destination is built, never at profile load (a profile check must not need
// production secrets). Error messages name the reference, never the value.
#include "partners/profile.hpp"

#include <edigate/result.hpp>

#include <filesystem>
#include <string>

namespace edigate::partners {

/// env:NAME: the variable's value (`partner.secret.missing` when unset or empty).
/// file:PATH: the file's bytes without trailing CR/LF (editors add one); a relative PATH is
/// taken from `base` (the profile folder). `partner.secret.unreadable` when it cannot be read,
/// `partner.secret.missing` when it is empty. Errors are ErrorCategory::configuration.
Result<std::string> resolve_secret(const SecretRef& ref, const std::filesystem::path& base);

}  // namespace edigate::partners

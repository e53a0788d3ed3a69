#pragma once
// Loading one partner profile: XSD check (partners/partner.xsd, embedded), then reading with
// pugixml, then the rules an XSD cannot say (secrets are references, separators distinct,
// identities and document types fit the standard). Every problem is an Error at file:line:col.
#include "partners/profile.hpp"

#include <edigate/result.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace edigate::partners {

/// The XSD text compiled into the library (generated from partners/partner.xsd).
extern const std::string_view kPartnerXsd;

/// Largest partner.xml accepted; a profile is a few kilobytes.
inline constexpr std::size_t kMaxProfileBytes = 4 << 20;

/// Reads and checks `path` (partners/<id>/partner.xml). Codes: partner.file.unreadable,
/// partner.file.invalid (XSD, with line/column), partner.secret.inline, partner.invalid.
Result<std::shared_ptr<const Profile>> load_profile(const std::filesystem::path& path);

/// Same from memory; `file` names the input in positions and gives the profile folder.
Result<std::shared_ptr<const Profile>> load_profile_from_memory(std::string_view xml,
                                                                const std::filesystem::path& file);

}  // namespace edigate::partners

#pragma once
// A trading partner profile (partners/<id>/partner.xml, see partners/partner.xsd): who the
// partner is on the wire, what it sends and receives, with which maps, how it is acknowledged
// and how leniently it is read. Immutable once loaded; shared as shared_ptr<const Profile>.
#include <edigate/delimiters.hpp>
#include <edigate/reader.hpp>
#include <edigate/report.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace edigate::partners {

/// json: a carrier tracking API partner (JSON documents, no envelopes or identities).
enum class Family : std::uint8_t { x12, edifact, json };

/// "x12-004010", "x12-005010", "edifact-d96a", "edifact-d01b", "json".
struct Standard {
  Family family = Family::x12;
  std::string key;      ///< as written in the profile: "x12-004010"
  std::string version;  ///< schema version key: "004010", "005010", "D96A", "D01B"; empty for json
  std::string name;     ///< the format plugin's standard(): "X12", "EDIFACT"; empty for json
};

struct X12Identity {
  std::string isa_qualifier;  ///< ISA05/ISA07
  std::string isa_id;         ///< ISA06/ISA08 without padding
  std::string gs_id;          ///< GS02/GS03; empty when not given
};

struct EdifactIdentity {
  std::string unb_id;         ///< UNB S002/S003 0004/0010
  std::string unb_qualifier;  ///< 0007; empty when not given
  std::string ung_id;         ///< UNG S006/S007; empty when not given
  std::string ung_qualifier;
};

/// A party on some standard's envelopes, as the format plugin's EnvelopeFacts name it.
struct Party {
  std::string standard;   ///< the plugin's standard(), upper case: "X12", "EDIFACT"
  std::string qualifier;  ///< empty: matches any qualifier (after an exact match was looked for)
  std::string id;
  std::string group_qualifier;  ///< the party in group headers (GS02/GS03, UNG S006/S007), when
  std::string group_id;         ///< it differs from the interchange's; empty otherwise
};

struct Identities {
  std::vector<X12Identity> x12;
  std::vector<EdifactIdentity> edifact;
  std::vector<std::string> as2;
  std::vector<Party> other;  ///< <identity standard=...>: a standard core knows nothing about
  bool empty() const { return x12.empty() && edifact.empty() && as2.empty() && other.empty(); }
  /// Every envelope party, whatever element declared it (<x12>, <edifact>, <identity>).
  std::vector<Party> parties() const;
  /// Whether `standard`'s party (qualifier, id) is one of these (a declared party without a
  /// qualifier matches any qualifier).
  bool claims(std::string_view standard, std::string_view qualifier, std::string_view id) const;
  bool has_standard(std::string_view standard) const;
};

enum class Direction : std::uint8_t { inbound, outbound };

struct DocumentType {
  std::string type;  ///< ST01 / UNH 0065: "850", "ORDERS"; JSON partners: "tracking"
  Direction direction = Direction::inbound;
  std::string map;             ///< as written: relative to the profile folder, else to --maps
  std::string schema;          ///< optional schema override, as written; empty when none
  std::string schema_variant;  ///< installed library variant to validate with ("EANCOM"); empty: the default choice
  std::uint32_t line = 0;      ///< where it is declared, for messages
};

enum class FunctionalAck : std::uint8_t { automatic, x997, x999, none };
using Ta1Policy = edigate::Ta1Policy;  // one policy type for profiles and acknowledgements

struct AckPolicy {
  FunctionalAck functional = FunctionalAck::automatic;
  Ta1Policy ta1 = Ta1Policy::on_error;
  bool contrl = true;
  std::uint32_t expect_within_minutes = 1440;  ///< 0: no ack expected for what we send

  /// 997 or 999 for this partner's version ("auto": 999 from 005010 on). none when switched off.
  FunctionalAck resolved(const Standard& standard) const;
};

enum class ControlScope : std::uint8_t { partner, gateway };

struct ControlNumbers {
  std::uint64_t interchange_start = 1;
  std::uint64_t group_start = 1;
  std::uint64_t transaction_start = 1;
  ControlScope scope = ControlScope::partner;
  bool transaction_reset_per_group = false;
};

/// env:NAME or file:PATH. The value is never read at load time (a profile check must not need
/// production secrets); `resolve_secret` reads it when a transport needs it.
struct SecretRef {
  enum class Kind : std::uint8_t { env, file } kind = Kind::env;
  std::string name;  ///< variable name or path (relative paths: to the profile folder)
};

/// A transport or destination as declared. The XSD fixes its shape; the transport milestone
/// reads the settings it needs by attribute name.
struct Endpoint {
  std::string kind;  ///< "sftp", "as2", "http", "folder", "webhook"
  std::string name;
  std::map<std::string, std::string> settings;  ///< every non-secret attribute, defaults filled in
  std::map<std::string, SecretRef> secrets;     ///< attributes typed SecretRef in the XSD
};

struct Profile {
  std::string id;
  std::string name;
  bool enabled = true;
  Standard standard;
  std::string utc_offset;  ///< "-05:00" for partner times without a zone; empty when not given
  Identities identities;   ///< the partner's
  Identities local;        ///< ours towards this partner (may be empty)
  Delimiters delimiters;   ///< outbound separators (defaults for the standard when absent)
  bool send_una = true;    ///< EDIFACT: write a UNA segment
  std::vector<DocumentType> documents;
  AckPolicy acks;
  Tolerance tolerance;
  bool unknown_receiver_is_warning = false;  ///< <tolerance unknown-receiver-is-warning="true">
  /// <tolerance business-rule-violations="reject">: a value failing a business rule fails the
  /// transaction instead of reaching the message with a warning (mapping/business_rules.hpp).
  bool reject_business_rules = false;
  ControlNumbers control_numbers;
  std::vector<Endpoint> transports;
  std::vector<Endpoint> destinations;

  std::filesystem::path file;    ///< partner.xml as loaded
  std::filesystem::path folder;  ///< its folder: base for relative map and schema paths

  /// Reader options for input from this partner (tolerance applied).
  ReaderOptions reader_options() const;
  /// The declared document of that type and direction, or nullptr.
  const DocumentType* document(const std::string& type, Direction direction) const;
  /// Where a map or schema reference points: the profile folder when the file is there, else
  /// `maps_dir`. `partner.reference.outside` when the reference is absolute, goes through
  /// '..', or (through a symlink) lands outside both folders.
  Result<std::filesystem::path> resolve(const std::string& reference, const std::filesystem::path& maps_dir) const;
};

/// Why a map/schema reference may not be used as written ("an absolute path", "a path through
/// '..'"), or empty when it may.
std::string reference_problem(const std::string& reference);

const char* to_string(Direction d);
const char* to_string(FunctionalAck a);
const char* to_string(Ta1Policy p);

}  // namespace edigate::partners

#pragma once
// The gateway configuration (`edigate serve --config FILE`, core/schemas/gateway.xsd): where the
// data, partners and maps live, the admin listener, workers, intake, delivery, priorities,
// duplicates, and the gateway's own destinations and routes. Immutable once loaded.
//
// Paths: folders named in the file are relative to the file; folder destinations (the gateway's
// and the partner profiles') are relative to the data directory. Every path in a loaded
// GatewayConfig is absolute.
#include "partners/profile.hpp"

#include <edigate/result.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::gateway_config {

/// HOST:PORT as parsed from `listen` (IPv6 hosts without their brackets). Port 0: any free port.
struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
  std::string to_string() const;  ///< "127.0.0.1:8470", "[::1]:8470"
};

/// "127.0.0.1:8470", "[::1]:0", "localhost:8470"; `gateway.listen.invalid` otherwise.
Result<ListenAddress> parse_listen(std::string_view text);

struct Admin {
  ListenAddress listen{"127.0.0.1", 8470};
  /// The bearer token's source; `file:` paths are absolute after loading.
  partners::SecretRef token{partners::SecretRef::Kind::env, "EDIGATE_ADMIN_TOKEN"};
  std::uint64_t max_body_bytes = 10 << 20;
};

struct Workers {
  std::uint32_t count = 2;
  std::uint32_t queue_limit = 1000;
  /// Send and deliver items a worker claims at once (deliveries recorded in one commit);
  /// 1 = one at a time.
  std::uint32_t batch = 16;
};

/// An extra intake folder for one partner, besides DATA/inbox/<partner-id>/.
struct ExtraInbox {
  std::string partner;
  std::filesystem::path dir;
  std::uint32_t line = 0;  ///< where it is declared, for messages
};

struct Intake {
  std::uint32_t poll_ms = 500;
  std::uint32_t stable_ms = 1000;  ///< a file is complete when size and mtime held this long
  bool done_marker = false;        ///< take only files with a NAME.done beside them
  std::vector<ExtraInbox> extra_inboxes;
};

/// A setting of a listener or endpoint override, with where it is written (for messages).
struct TransportSetting {
  std::string value;
  std::uint32_t line = 0;
};

/// <transports><listener type="as2">: a gateway-level listener of a transport plugin.
struct Listener {
  std::string type;
  std::map<std::string, std::string> options;  ///< as written (secrets as env:/file: references)
  std::uint32_t line = 0;
};

/// <transports><endpoint partner name>: this environment's values for a profile endpoint.
struct EndpointOverride {
  std::string partner;
  std::string name;
  bool enabled = true;
  std::map<std::string, std::string> options;  ///< replace the profile's settings of the same name
  std::uint32_t line = 0;
};

struct Transports {
  bool profile_endpoints = true;  ///< open the endpoints partner profiles declare
  std::uint32_t max_concurrent_polls = 4;
  std::vector<Listener> listeners;
  std::vector<EndpointOverride> endpoints;
  const EndpointOverride* override_for(std::string_view partner, std::string_view name) const {
    for (const auto& e : endpoints)
      if (e.partner == partner && e.name == name) return &e;
    return nullptr;
  }
};

struct Delivery {
  std::uint32_t max_attempts = 10;
  std::uint32_t base_ms = 1000;
  std::uint32_t cap_ms = 300000;
  std::uint32_t jitter_percent = 20;
  std::uint32_t timeout_ms = 30000;
  std::uint32_t breaker_failures = 5;
  std::uint32_t breaker_open_ms = 60000;
};

/// Priority lanes by canonical message type; lower lanes are worked first.
struct Priorities {
  std::map<std::string, std::uint32_t> lanes;  ///< type -> lane
  std::uint32_t default_lane = 1;
  /// The default: ship_notice and tracking_event (lane 0) before the rest (1) before invoice (2).
  static Priorities defaults();
  std::uint32_t lane_of(std::string_view type) const;
};

struct Route {
  std::string partner = "*";       ///< "*" or a partner id
  std::vector<std::string> types;  ///< empty: every type
  std::string destination;         ///< a gateway destination's name
  std::string fallback;            ///< empty when none
  std::uint32_t line = 0;          ///< where it is declared, for messages
  bool matches(std::string_view partner_id, std::string_view type) const;
};

struct GatewayConfig {
  std::filesystem::path file;  ///< the configuration file as loaded (absolute)
  std::filesystem::path data_dir;
  std::filesystem::path partners_dir;
  std::filesystem::path maps_dir;
  std::filesystem::path plugins_dir;  ///< empty: the default plugin search
  std::filesystem::path schemas_dir;  ///< empty: the default schema search
  Admin admin;
  Workers workers;
  std::uint32_t retention_days = 90;
  Intake intake;
  Transports transports;
  Delivery delivery;
  Priorities priorities = Priorities::defaults();
  std::uint32_t duplicate_window_days = 30;
  /// Folder destinations' `path` is absolute (under data_dir when written relative).
  std::vector<partners::Endpoint> destinations;
  std::vector<Route> routes;

  const partners::Endpoint* destination(std::string_view name) const;
  /// DATA/inbox, DATA/outbox: the folder intake and the outbound drop for file partners.
  std::filesystem::path inbox_dir() const { return data_dir / "inbox"; }
  std::filesystem::path outbox_dir() const { return data_dir / "outbox"; }
};

/// Command-line values that win over the file (`--data`, `--listen`), so that several instances
/// and tests can run side by side on one configuration.
struct Overrides {
  std::optional<std::filesystem::path> data_dir;  ///< relative: to the current directory
  std::optional<std::string> listen;
};

/// The XSD text compiled into the library (generated from core/schemas/gateway.xsd).
extern const std::string_view kGatewayXsd;

/// Largest gateway.xml accepted.
inline constexpr std::size_t kMaxGatewayBytes = 4 << 20;

/// Reads and checks `path`. Codes (all at file:line:col where a place exists):
/// gateway.file.unreadable, gateway.file.invalid (DOCTYPE, XSD: unknown element or attribute,
/// bad value), gateway.secret.inline (a secret attribute holding a value instead of env:/file:),
/// gateway.listen.invalid, gateway.route.unknown_destination, gateway.type.unknown (a route or
/// priority naming something that is not a canonical message type), gateway.invalid.
Result<GatewayConfig> load_gateway_config(const std::filesystem::path& path, const Overrides& overrides = {});

/// Same from memory; `file` names the input in positions and is the base for relative paths.
Result<GatewayConfig> load_gateway_config_from_memory(std::string_view xml, const std::filesystem::path& file,
                                                      const Overrides& overrides = {});

}  // namespace edigate::gateway_config

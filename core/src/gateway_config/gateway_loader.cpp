// Reading gateway.xml: the safe XML reader (no DOCTYPE, XSD check at file:line:col), then the
// rules the XSD cannot say (secrets are references, listen parses, routes name known
// destinations and canonical types), then paths made absolute.
#include "canonical/envelope.hpp"
#include "config/safe_xml.hpp"
#include "gateway_config/gateway_config.hpp"
#include "partners/profile_rules.hpp"

#include <pugixml.hpp>

#include <cstring>

namespace edigate::gateway_config {
namespace {

namespace fs = std::filesystem;
using config::local_name;

std::vector<std::string> split_types(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    auto comma = list.find(',');
    out.emplace_back(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return out;
}

// Relative paths in the file are relative to the file; lexically_normal so messages and
// comparisons see one spelling.
fs::path under(const fs::path& base, const std::string& written) {
  fs::path p(written);
  return (p.is_absolute() ? p : base / p).lexically_normal();
}

class Reader {
 public:
  Reader(std::string_view xml, const fs::path& file, const Overrides& overrides)
      : xml_(xml),
        file_(fs::absolute(file).lexically_normal()),
        name_(file.string()),
        overrides_(overrides),
        where_(xml, name_) {}

  Result<GatewayConfig> run() {
    pugi::xml_document doc;
    EDIGATE_TRY_VOID(config::load_config_xml(doc, {"gateway.xsd", kGatewayXsd}, xml_, name_, "gateway.file.invalid"));
    GatewayConfig g;
    g.file = file_;
    const fs::path base = file_.parent_path();
    pugi::xml_node root = doc.document_element();
    pugi::xml_node destinations, routes;
    for (pugi::xml_node n : root.children()) {
      if (n.type() != pugi::node_element) continue;
      std::string_view tag = local_name(n);
      if (tag == "data")
        g.data_dir = under(base, n.attribute("dir").value());
      else if (tag == "partners")
        g.partners_dir = under(base, n.attribute("dir").value());
      else if (tag == "maps")
        g.maps_dir = under(base, n.attribute("dir").value());
      else if (tag == "plugins")
        g.plugins_dir = under(base, n.attribute("dir").value());
      else if (tag == "schemas")
        g.schemas_dir = under(base, n.attribute("dir").value());
      else if (tag == "admin")
        EDIGATE_TRY_VOID(read_admin(n, base, g.admin));
      else if (tag == "workers") {
        g.workers.count = uint_attr(n, "count", g.workers.count);
        g.workers.queue_limit = uint_attr(n, "queue-limit", g.workers.queue_limit);
        g.workers.batch = uint_attr(n, "batch", g.workers.batch);
      } else if (tag == "retention")
        g.retention_days = uint_attr(n, "days", g.retention_days);
      else if (tag == "intake")
        read_intake(n, base, g.intake);
      else if (tag == "transports")
        read_transports(n, g.transports);
      else if (tag == "delivery")
        EDIGATE_TRY_VOID(read_delivery(n, g.delivery));
      else if (tag == "priorities")
        EDIGATE_TRY_VOID(read_priorities(n, g.priorities));
      else if (tag == "duplicates")
        g.duplicate_window_days = uint_attr(n, "window-days", g.duplicate_window_days);
      else if (tag == "destinations")
        destinations = n;
      else if (tag == "routes")
        routes = n;
    }
    if (overrides_.data_dir) g.data_dir = fs::absolute(*overrides_.data_dir).lexically_normal();
    if (overrides_.listen) {
      auto listen = parse_listen(*overrides_.listen);
      if (!listen) {
        Error e = std::move(listen).error();
        e.message = "--listen: " + e.message;
        return e;
      }
      g.admin.listen = *listen;
    }
    // Destinations after the data directory is final: their relative folders live under it.
    if (destinations) EDIGATE_TRY_VOID(read_destinations(destinations, g));
    if (routes) EDIGATE_TRY_VOID(read_routes(routes, g));
    return g;
  }

 private:
  static std::uint32_t uint_attr(const pugi::xml_node& n, const char* name, std::uint32_t fallback) {
    pugi::xml_attribute a = n.attribute(name);
    return a.empty() ? fallback : a.as_uint();  // the XSD has checked the range
  }

  Result<partners::SecretRef> secret(const pugi::xml_node& n, const char* attr, const fs::path& base) {
    auto ref = partners::parse_secret_ref(n.attribute(attr).value());
    if (!ref) {
      // Never echo the value: it may be the secret itself.
      Error err("gateway.secret.inline", std::string("'") + attr + "' must reference a secret, not contain it");
      err.expected = "env:NAME or file:PATH";
      return where_.at_attribute(n, attr, std::move(err).as(ErrorCategory::configuration));
    }
    if (ref->kind == partners::SecretRef::Kind::file) ref->name = under(base, ref->name).string();
    return *ref;
  }

  Result<void> read_admin(const pugi::xml_node& n, const fs::path& base, Admin& a) {
    if (pugi::xml_attribute l = n.attribute("listen"); !l.empty()) {
      auto listen = parse_listen(l.value());
      if (!listen) return where_.at_attribute(n, "listen", std::move(listen).error());
      a.listen = *listen;
    }
    if (!n.attribute("token").empty()) {
      EDIGATE_TRY(a.token, secret(n, "token", base));
    }
    if (pugi::xml_attribute m = n.attribute("max-body-bytes"); !m.empty()) a.max_body_bytes = m.as_ullong();
    return {};
  }

  void read_intake(const pugi::xml_node& n, const fs::path& base, Intake& in) {
    in.poll_ms = uint_attr(n, "poll-ms", in.poll_ms);
    in.stable_ms = uint_attr(n, "stable-ms", in.stable_ms);
    if (!n.attribute("done-marker").empty()) in.done_marker = n.attribute("done-marker").as_bool();
    for (pugi::xml_node box : n.children()) {
      if (box.type() != pugi::node_element) continue;
      in.extra_inboxes.push_back({box.attribute("partner").value(), under(base, box.attribute("dir").value()),
                                  where_.line_of(static_cast<std::size_t>(box.offset_debug()))});
    }
  }

  Result<void> read_delivery(const pugi::xml_node& n, Delivery& d) {
    d.max_attempts = uint_attr(n, "max-attempts", d.max_attempts);
    d.base_ms = uint_attr(n, "base-ms", d.base_ms);
    d.cap_ms = uint_attr(n, "cap-ms", d.cap_ms);
    d.jitter_percent = uint_attr(n, "jitter-percent", d.jitter_percent);
    d.timeout_ms = uint_attr(n, "timeout-ms", d.timeout_ms);
    d.breaker_failures = uint_attr(n, "breaker-failures", d.breaker_failures);
    d.breaker_open_ms = uint_attr(n, "breaker-open-ms", d.breaker_open_ms);
    if (d.cap_ms < d.base_ms)
      return where_.at_attribute(
          n, "cap-ms",
          Error("gateway.invalid", "the backoff cap is below its base")
              .want("cap-ms >= base-ms (" + std::to_string(d.base_ms) + ")", std::to_string(d.cap_ms))
              .as(ErrorCategory::configuration));
    return {};
  }

  Result<void> known_type(const pugi::xml_node& n, const char* attr, const std::string& type) {
    if (canonical::is_canonical_type(type)) return {};
    return where_.at_attribute(n, attr,
                               Error("gateway.type.unknown", "not a canonical message type")
                                   .want("purchase_order, invoice, ship_notice, ... (docs/canonical)", type)
                                   .as(ErrorCategory::configuration));
  }

  Result<void> read_priorities(const pugi::xml_node& n, Priorities& p) {
    p.lanes.clear();  // given: replaces the default lanes entirely
    p.default_lane = uint_attr(n, "default-lane", 1);
    for (pugi::xml_node t : n.children()) {
      if (t.type() != pugi::node_element) continue;
      std::string name = t.attribute("name").value();
      EDIGATE_TRY_VOID(known_type(t, "name", name));
      p.lanes[name] = t.attribute("lane").as_uint();
    }
    return {};
  }

  void read_transports(const pugi::xml_node& node, Transports& t) {
    if (auto a = node.attribute("profile-endpoints"); !a.empty()) t.profile_endpoints = a.as_bool();
    t.max_concurrent_polls = uint_attr(node, "max-concurrent-polls", t.max_concurrent_polls);
    auto options = [](const pugi::xml_node& n) {
      std::map<std::string, std::string> out;
      for (pugi::xml_node o : n.children())
        if (o.type() == pugi::node_element) out[o.attribute("name").value()] = o.attribute("value").value();
      return out;
    };
    for (pugi::xml_node n : node.children()) {
      if (n.type() != pugi::node_element) continue;
      const std::uint32_t line = where_.line_of(static_cast<std::size_t>(n.offset_debug()));
      if (local_name(n) == "listener") {
        t.listeners.push_back({n.attribute("type").value(), options(n), line});
      } else {
        const pugi::xml_attribute enabled = n.attribute("enabled");
        t.endpoints.push_back({n.attribute("partner").value(), n.attribute("name").value(),
                               enabled.empty() || enabled.as_bool(), options(n), line});
      }
    }
  }

  Result<void> read_destinations(const pugi::xml_node& node, GatewayConfig& g) {
    const fs::path base = file_.parent_path();
    for (pugi::xml_node n : node.children()) {
      if (n.type() != pugi::node_element) continue;
      partners::Endpoint e;
      e.kind = std::string(local_name(n));
      e.name = n.attribute("name").value();
      for (pugi::xml_attribute a : n.attributes()) {
        std::string key = a.name();
        if (key == "name" || key.rfind("xmlns", 0) == 0) continue;
        if (partners::is_secret_attribute(key)) {
          EDIGATE_TRY(partners::SecretRef ref, secret(n, key.c_str(), base));
          e.secrets.emplace(key, std::move(ref));
        } else {
          e.settings.emplace(key, a.value());
        }
      }
      if (auto types = n.attribute("types"); !types.empty())
        for (const std::string& t : split_types(types.value())) EDIGATE_TRY_VOID(known_type(n, "types", t));
      if (e.kind == "folder") e.settings["path"] = under(g.data_dir, e.settings["path"]).string();
      partners::fill_endpoint_defaults(e);
      g.destinations.push_back(std::move(e));
    }
    return {};
  }

  Result<void> read_routes(const pugi::xml_node& node, GatewayConfig& g) {
    for (pugi::xml_node n : node.children()) {
      if (n.type() != pugi::node_element) continue;
      Route r;
      if (!n.attribute("partner").empty()) r.partner = n.attribute("partner").value();
      if (!n.attribute("types").empty()) r.types = split_types(n.attribute("types").value());
      for (const std::string& t : r.types) EDIGATE_TRY_VOID(known_type(n, "types", t));
      r.destination = n.attribute("destination").value();
      r.fallback = n.attribute("fallback").value();
      r.line = where_.line_of(static_cast<std::size_t>(n.offset_debug()));
      for (const char* attr : {"destination", "fallback"}) {
        const std::string& name = std::strcmp(attr, "destination") == 0 ? r.destination : r.fallback;
        if (name.empty() || g.destination(name)) continue;
        std::string known;
        for (const auto& d : g.destinations) known += (known.empty() ? "" : ", ") + d.name;
        return where_.at_attribute(
            n, attr,
            Error("gateway.route.unknown_destination", "the route names no destination of this file's <destinations>")
                .want(known.empty() ? "a <destinations> entry" : "one of " + known, name)
                .as(ErrorCategory::configuration));
      }
      if (r.fallback == r.destination)
        return where_.at_attribute(n, "fallback",
                                   Error("gateway.invalid", "a route's fallback is its own destination")
                                       .want("another destination", r.fallback)
                                       .as(ErrorCategory::configuration));
      g.routes.push_back(std::move(r));
    }
    return {};
  }

  std::string_view xml_;
  fs::path file_;
  std::string name_;  // the file as the caller named it, for positions
  const Overrides& overrides_;
  config::TextPositions where_;
};

}  // namespace

std::string ListenAddress::to_string() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<ListenAddress> parse_listen(std::string_view text) {
  auto bad = [&](const char* why) {
    return Error("gateway.listen.invalid", std::string("listen address ") + why)
        .want("HOST:PORT such as 127.0.0.1:8470 or [::1]:8470 (port 0: any free port)", std::string(text))
        .as(ErrorCategory::configuration);
  };
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return bad("has no host and port");
  std::string_view host = text.substr(0, colon), port = text.substr(colon + 1);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return bad("has an unclosed IPv6 bracket");
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return bad("needs brackets around an IPv6 host");
  }
  if (port.empty() || port.size() > 5) return bad("has no valid port");
  std::uint32_t value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return bad("has no valid port");
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (value > 65535) return bad("has a port above 65535");
  return ListenAddress{std::string(host), static_cast<std::uint16_t>(value)};
}

Priorities Priorities::defaults() {
  Priorities p;
  p.lanes = {{"ship_notice", 0}, {"tracking_event", 0}, {"invoice", 2}};
  p.default_lane = 1;
  return p;
}

std::uint32_t Priorities::lane_of(std::string_view type) const {
  auto it = lanes.find(std::string(type));
  return it == lanes.end() ? default_lane : it->second;
}

bool Route::matches(std::string_view partner_id, std::string_view type) const {
  if (partner != "*" && partner != partner_id) return false;
  if (types.empty()) return true;
  for (const auto& t : types)
    if (t == type) return true;
  return false;
}

const partners::Endpoint* GatewayConfig::destination(std::string_view name) const {
  for (const auto& d : destinations)
    if (d.name == name) return &d;
  return nullptr;
}

Result<GatewayConfig> load_gateway_config_from_memory(std::string_view xml, const std::filesystem::path& file,
                                                      const Overrides& overrides) {
  return Reader(xml, file, overrides).run();
}

Result<GatewayConfig> load_gateway_config(const std::filesystem::path& path, const Overrides& overrides) {
  EDIGATE_TRY(std::string text,
              config::read_config_file(path, kMaxGatewayBytes, "gateway.file.unreadable", "gateway.file.unreadable"));
  return load_gateway_config_from_memory(text, path, overrides);
}

}  // namespace edigate::gateway_config

#include "transport_host/endpoint_config.hpp"

#include "partners/profile_rules.hpp"
#include "partners/secret.hpp"

namespace edigate::transport_host {
namespace {

struct Given {
  std::map<std::string, std::string> text;             ///< as written
  std::map<std::string, partners::SecretRef> secrets;  ///< already parsed by the profile loader
};

std::string names_of(const std::vector<TransportOption>& declared) {
  std::string out;
  for (const auto& o : declared) out += (out.empty() ? "" : ", ") + o.name;
  return out.empty() ? "no settings" : out;
}

/// A secret that cannot be read, with the profile and setting it belongs to (never its value).
Result<std::string> named(Result<std::string> secret, const std::string& where, const std::string& setting) {
  if (secret) return secret;
  Error e = std::move(secret).error();
  e.message = where + ": '" + setting + "': " + e.message;
  return e;
}

/// Checks and resolves `given` against `declared` into `options` and `secrets`.
Result<void> settle_options(const std::vector<TransportOption>& declared, const Given& given,
                            const std::filesystem::path& base, const std::string& where,
                            std::map<std::string, std::string>& options, std::map<std::string, std::string>& secrets) {
  auto find = [&](const std::string& name) -> const TransportOption* {
    for (const auto& o : declared)
      if (o.name == name) return &o;
    return nullptr;
  };
  auto unknown = [&](const std::string& name) {
    return Error("transport.option.unknown", where + ": unknown setting '" + name + "'")
        .want("one of " + names_of(declared), name)
        .as(ErrorCategory::configuration);
  };
  for (const auto& [name, ref] : given.secrets) {
    const TransportOption* o = find(name);
    if (!o) return unknown(name);
    if (!o->secret)
      return Error("transport.option.invalid", where + ": '" + name + "' is not a secret setting")
          .as(ErrorCategory::configuration);
    EDIGATE_TRY(secrets[name], named(partners::resolve_secret(ref, base), where, name));
  }
  for (const auto& [name, value] : given.text) {
    const TransportOption* o = find(name);
    if (!o) return unknown(name);
    if (!o->secret) {
      options[name] = value;
      continue;
    }
    auto ref = partners::parse_secret_ref(value);
    if (!ref)  // never echo the value: it may be the secret itself
      return Error("transport.secret.inline", where + ": '" + name + "' must reference a secret, not contain it")
          .want("env:NAME or file:PATH", "")
          .as(ErrorCategory::configuration);
    EDIGATE_TRY(secrets[name], named(partners::resolve_secret(*ref, base), where, name));
  }
  for (const auto& o : declared) {
    const bool present = o.secret ? secrets.count(o.name) > 0 : options.count(o.name) > 0;
    if (present) continue;
    if (o.required)
      return Error("transport.option.missing", where + ": the required setting '" + o.name + "' is missing")
          .want(o.description.empty() ? o.name : o.description, "")
          .as(ErrorCategory::configuration);
    if (!o.secret && !o.default_value.empty()) options[o.name] = o.default_value;
  }
  return {};
}

}  // namespace

Result<TransportConfig> endpoint_config(const partners::Profile& profile, const partners::Endpoint& endpoint,
                                        const gateway_config::EndpointOverride* override, const TransportSpec& spec,
                                        const std::filesystem::path& data_dir) {
  const std::string where = profile.file.string() + ": transport '" + endpoint.name + "' (" + endpoint.kind + ")";
  Given given{endpoint.settings, endpoint.secrets};
  // Defaults the profile loader filled in for the built-in elements are settings like any other;
  // an override replaces a setting of the same name, secret or not.
  if (override) {
    for (const auto& [name, value] : override->options) {
      given.secrets.erase(name);
      given.text[name] = value;
    }
  }
  TransportConfig c;
  c.partner = profile.id;
  c.name = endpoint.name;
  c.base = profile.folder;
  c.work_dir = data_dir / "transports" / profile.id / endpoint.name;
  EDIGATE_TRY_VOID(settle_options(spec.options, given, profile.folder, where, c.options, c.secrets));
  return c;
}

Result<ListenerConfig> listener_config(const gateway_config::Listener& listener, const TransportSpec& spec,
                                       const gateway_config::GatewayConfig& gateway) {
  const std::string where =
      gateway.file.string() + ":" + std::to_string(listener.line) + ": listener '" + listener.type + "'";
  if (spec.listener.empty())
    return Error("transport.listener.unsupported", where + ": the " + listener.type + " transport has no listener")
        .as(ErrorCategory::configuration);
  ListenerConfig c;
  c.type = listener.type;
  c.base = gateway.file.parent_path();
  c.work_dir = gateway.data_dir / "transports" / listener.type;
  EDIGATE_TRY_VOID(settle_options(spec.listener, Given{listener.options, {}}, c.base, where, c.options, c.secrets));
  return c;
}

}  // namespace edigate::transport_host

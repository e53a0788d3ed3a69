#include "transport_host/transport_set.hpp"

#include "transport_host/endpoint_config.hpp"

namespace edigate::transport_host {

OpenEndpoint::~OpenEndpoint() {
  if (endpoint) endpoint->stop();
  endpoint.reset();  // before the plugin: its code runs the destructor
}

OpenListener::~OpenListener() {
  if (listener) listener->stop();
  listener.reset();
}

TransportSet::TransportSet(const plugin_host::PluginHost& plugins, TransportHost& host)
    : plugins_(plugins), host_(host) {}

TransportSet::~TransportSet() { close(); }

namespace {

std::chrono::milliseconds interval_of(const TransportConfig& c) {
  try {
    if (const std::string ms = c.option("poll-ms"); !ms.empty()) return std::chrono::milliseconds(std::stoul(ms));
    if (const std::string s = c.option("poll-seconds"); !s.empty()) return std::chrono::seconds(std::stoul(s));
  } catch (const std::exception&) {
    // not a number: the default below (the plugin reports the setting when it reads it)
  }
  return std::chrono::seconds(60);
}

bool same(const TransportConfig& a, const TransportConfig& b) {
  return a.partner == b.partner && a.name == b.name && a.base == b.base && a.options == b.options &&
         a.secrets == b.secrets;
}

/// The gateway's own folder endpoint and the extra inboxes of gateway.xml.
std::vector<TransportConfig> gateway_folder_configs(const gateway_config::GatewayConfig& g) {
  auto base = [&](std::string partner, std::string name) {
    TransportConfig c;
    c.partner = std::move(partner);
    c.name = std::move(name);
    c.base = g.file.parent_path();
    c.work_dir = g.data_dir / "transports" / "folder";
    c.options = {{"poll-ms", std::to_string(g.intake.poll_ms)},
                 {"stable-ms", std::to_string(g.intake.stable_ms)},
                 {"done-marker", g.intake.done_marker ? "true" : "false"},
                 {"max-files", std::to_string(g.workers.queue_limit)},
                 {"threads", "8"}};
    return c;
  };
  std::vector<TransportConfig> out;
  TransportConfig own = base("", "");
  own.options["inbox-root"] = g.inbox_dir().string();
  own.options["outbox-root"] = g.outbox_dir().string();
  out.push_back(std::move(own));
  for (const auto& box : g.intake.extra_inboxes) {
    TransportConfig c = base(box.partner, "inbox:" + box.dir.filename().string());
    c.options["inbox"] = box.dir.string();
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<OpenEndpoint>> TransportSet::open(const TransportConfig& config, const std::string& type) {
  auto plugin = plugins_.transport(type);
  if (!plugin)
    return Error("transport.plugin.missing", "partner '" + config.partner + "', transport '" + config.name +
                                                 "': no transport plugin of type '" + type + "' is loaded")
        .as(ErrorCategory::configuration);
  const TransportSpec spec = plugin->spec();
  auto e = std::make_shared<OpenEndpoint>();
  e->plugin = plugin;
  e->type = type;
  e->config = config;
  e->interval = interval_of(config);
  std::error_code ec;
  std::filesystem::create_directories(config.work_dir, ec);
  EDIGATE_TRY(e->endpoint, plugin->open(config, host_));
  const EndpointRole role = e->endpoint->role();
  e->polls = spec.polls && role.polls;
  e->sends = spec.sends ? role.sends : EndpointRole::Sends::nothing;
  return e;
}

std::vector<Error> TransportSet::configure(const gateway_config::GatewayConfig& gateway,
                                           const std::vector<std::shared_ptr<const partners::Profile>>& profiles) {
  std::vector<Error> errors;
  std::vector<std::pair<TransportConfig, std::string>> wanted;  // config, type
  for (auto& c : gateway_folder_configs(gateway)) {
    auto plugin = plugins_.transport("folder");
    if (!plugin) {
      errors.push_back(Error("transport.plugin.missing",
                             "no folder transport plugin is loaded: DATA/inbox is not read and partner documents "
                             "cannot be written to DATA/outbox")
                           .as(ErrorCategory::configuration));
      break;
    }
    // The gateway's folder settings are complete already; the plugin's defaults fill the rest.
    for (const auto& o : plugin->spec().options)
      if (!o.default_value.empty()) c.options.emplace(o.name, o.default_value);
    wanted.emplace_back(std::move(c), "folder");
  }
  for (const auto& profile : profiles) {
    if (!profile->enabled) continue;
    for (const auto& e : profile->transports) {
      const auto* override = gateway.transports.override_for(profile->id, e.name);
      const bool enabled = override ? override->enabled : gateway.transports.profile_endpoints;
      if (!enabled) continue;
      auto plugin = plugins_.transport(e.kind);
      if (!plugin) {
        errors.push_back(Error("transport.plugin.missing", profile->file.string() + ": transport '" + e.name +
                                                               "': no transport plugin of type '" + e.kind +
                                                               "' is loaded")
                             .as(ErrorCategory::configuration));
        continue;
      }
      auto config = endpoint_config(*profile, e, override, plugin->spec(), gateway.data_dir);
      if (!config) {
        errors.push_back(std::move(config).error());
        continue;
      }
      wanted.emplace_back(std::move(*config), e.kind);
    }
  }

  std::map<std::string, std::shared_ptr<OpenEndpoint>> current;
  {
    std::lock_guard lock(mutex_);
    current = endpoints_;
  }
  std::map<std::string, std::shared_ptr<OpenEndpoint>> next;
  std::vector<std::string> order;
  for (auto& [config, type] : wanted) {
    const std::string key = config.partner + "/" + config.name;
    if (next.count(key)) continue;  // the XSD keeps names unique per partner; be safe anyway
    auto it = current.find(key);
    if (it != current.end() && it->second->type == type && same(it->second->config, config)) {
      next[key] = it->second;
      order.push_back(key);
      continue;
    }
    auto opened = open(config, type);
    if (!opened) {
      errors.push_back(std::move(opened).error());
      continue;
    }
    next[key] = std::move(*opened);
    order.push_back(key);
  }
  std::lock_guard lock(mutex_);
  endpoints_ = std::move(next);
  order_ = std::move(order);
  return errors;
}

std::vector<Error> TransportSet::start_listeners(const gateway_config::GatewayConfig& gateway) {
  std::vector<Error> errors;
  for (const auto& l : gateway.transports.listeners) {
    auto plugin = plugins_.transport(l.type);
    if (!plugin) {
      errors.push_back(Error("transport.plugin.missing", gateway.file.string() + ":" + std::to_string(l.line) +
                                                             ": no transport plugin of type '" + l.type +
                                                             "' is loaded for this listener")
                           .as(ErrorCategory::configuration));
      continue;
    }
    auto config = listener_config(l, plugin->spec(), gateway);
    if (!config) {
      errors.push_back(std::move(config).error());
      continue;
    }
    std::error_code ec;
    std::filesystem::create_directories(config->work_dir, ec);
    auto started = plugin->listen(*config, host_);
    if (!started) {
      errors.push_back(std::move(started).error());
      continue;
    }
    auto open = std::make_shared<OpenListener>();
    open->plugin = plugin;
    open->type = l.type;
    open->listener = std::move(*started);
    std::lock_guard lock(mutex_);
    listeners_.push_back(std::move(open));
  }
  return errors;
}

bool OpenEndpoint::sends_type(const std::string& type) const {
  switch (sends) {
    case EndpointRole::Sends::everything:
      return true;
    case EndpointRole::Sends::acknowledgements:
      return is_acknowledgement(type);
    case EndpointRole::Sends::nothing:
      return false;
  }
  return false;
}

std::shared_ptr<OpenEndpoint> TransportSet::sender_for(const std::string& partner, const std::string& name,
                                                       const std::string& type) const {
  std::lock_guard lock(mutex_);
  if (!name.empty()) {
    auto it = endpoints_.find(partner + "/" + name);
    return it != endpoints_.end() && it->second->sends_type(type) ? it->second : nullptr;
  }
  for (const auto& key : order_) {
    const auto& e = endpoints_.at(key);
    if (e->config.partner == partner && e->sends_type(type)) return e;
  }
  auto own = endpoints_.find("/");
  return own != endpoints_.end() ? own->second : nullptr;
}

std::vector<std::shared_ptr<OpenEndpoint>> TransportSet::endpoints() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<OpenEndpoint>> out;
  for (const auto& key : order_) out.push_back(endpoints_.at(key));
  return out;
}

std::vector<std::shared_ptr<OpenListener>> TransportSet::listeners() const {
  std::lock_guard lock(mutex_);
  return listeners_;
}

void TransportSet::close() {
  std::vector<std::shared_ptr<OpenListener>> listeners;
  std::map<std::string, std::shared_ptr<OpenEndpoint>> endpoints;
  {
    std::lock_guard lock(mutex_);
    listeners.swap(listeners_);
    endpoints.swap(endpoints_);
    order_.clear();
  }
  listeners.clear();
  endpoints.clear();
}

}  // namespace edigate::transport_host

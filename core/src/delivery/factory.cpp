#include "delivery/factory.hpp"

#include "delivery/folder.hpp"
#include "delivery/webhook.hpp"
#include "partners/secret.hpp"

#include <charconv>

namespace edigate::delivery {

namespace {

Error config_error(const FactoryContext& ctx, const partners::Endpoint& e, std::string code, std::string message) {
  Error err(std::move(code), "destination '" + e.name + "' (" + e.kind + "): " + message);
  err.position.file = ctx.config_file.string();
  err.category = ErrorCategory::configuration;
  return err;
}

const std::string* setting(const partners::Endpoint& e, const char* key) {
  auto it = e.settings.find(key);
  return it == e.settings.end() || it->second.empty() ? nullptr : &it->second;
}

Result<std::string> secret(const partners::Endpoint& e, const char* key, const FactoryContext& ctx) {
  auto it = e.secrets.find(key);
  if (it == e.secrets.end()) return std::string();
  auto value = partners::resolve_secret(it->second, ctx.profile_folder);
  if (!value) {
    Error err = std::move(value).error();
    err.message = "destination '" + e.name + "' " + key + ": " + err.message;
    err.position.file = ctx.config_file.string();
    return err;
  }
  return std::move(value).value();
}

Result<std::unique_ptr<Destination>> make_webhook(const partners::Endpoint& e, const FactoryContext& ctx) {
  const std::string* url = setting(e, "url");
  if (!url) return config_error(ctx, e, "delivery.setting.missing", "no url");
  WebhookSettings s;
  s.url = *url;
  if (const std::string* t = setting(e, "timeout-seconds")) {
    int seconds = 0;
    auto [end, ec] = std::from_chars(t->data(), t->data() + t->size(), seconds);
    if (ec != std::errc() || end != t->data() + t->size() || seconds < 1 || seconds > 3600)
      return config_error(ctx, e, "delivery.setting.invalid", "timeout-seconds")
          .want("whole seconds from 1 to 3600", *t);
    s.timeout = std::chrono::seconds(seconds);
  }
  if (const std::string* ca = setting(e, "ca-file")) {
    std::filesystem::path p = *ca;
    s.ca_file = (p.is_relative() ? ctx.profile_folder / p : p).string();
  }
  EDIGATE_TRY(s.signing_secret, secret(e, "signing-secret", ctx));
  EDIGATE_TRY(s.auth_header, secret(e, "auth-header", ctx));
  auto hook = WebhookDestination::create(e.name, std::move(s));
  if (!hook) {
    Error err = std::move(hook).error();
    err.position.file = ctx.config_file.string();
    return err;
  }
  return std::unique_ptr<Destination>(std::move(hook).value());
}

Result<std::unique_ptr<Destination>> make_folder(const partners::Endpoint& e, const FactoryContext& ctx) {
  const std::string* path = setting(e, "path");
  if (!path) return config_error(ctx, e, "delivery.setting.missing", "no path");
  std::filesystem::path p = *path;
  if (p.is_relative()) {
    if (ctx.data_dir.empty())
      return config_error(ctx, e, "delivery.setting.invalid", "a relative path needs the gateway's data directory")
          .want("an absolute path", *path);
    p = ctx.data_dir / p;
  }
  return std::unique_ptr<Destination>(std::make_unique<FolderDestination>(e.name, p.lexically_normal()));
}

}  // namespace

Result<std::unique_ptr<Destination>> make_destination(const partners::Endpoint& endpoint,
                                                      const FactoryContext& context) {
  if (endpoint.kind == "webhook") return make_webhook(endpoint, context);
  if (endpoint.kind == "folder") return make_folder(endpoint, context);
  return config_error(context, endpoint, "delivery.kind.unknown", "unknown destination kind")
      .want("webhook or folder", endpoint.kind);
}

bool endpoint_accepts(const partners::Endpoint& endpoint, std::string_view type) {
  const std::string* types = setting(endpoint, "types");
  if (!types) return true;
  std::string_view rest = *types;
  while (!rest.empty()) {
    const auto start = rest.find_first_not_of(", \t");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const auto end = rest.find_first_of(", \t");
    if (rest.substr(0, end) == type) return true;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end);
  }
  return false;
}

}  // namespace edigate::delivery

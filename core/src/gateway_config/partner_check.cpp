#include "gateway_config/partner_check.hpp"

#include "gateway_config/destinations.hpp"

#include <array>
#include <map>

namespace edigate::gateway_config {
namespace {

constexpr std::array<const char*, 8> kCanonicalTypes = {"purchase_order", "purchase_order_ack", "ship_notice",
                                                        "invoice",        "warehouse_order",    "warehouse_advice",
                                                        "tracking_event", "functional_ack"};

Error at_line(const GatewayConfig& g, std::uint32_t line, Error e) {
  e.position.file = g.file.string();
  e.position.line = line;
  return std::move(e).as(ErrorCategory::configuration);
}

}  // namespace

std::vector<Error> check_against_partners(const GatewayConfig& g, const partners::RegistrySnapshot& snapshot) {
  std::vector<Error> out;
  for (const Route& r : g.routes)
    if (r.partner != "*" && !snapshot.find(r.partner))
      out.push_back(at_line(g, r.line,
                            Error("gateway.route.unknown_partner", "the route names a partner no profile has")
                                .want("a partner id from " + g.partners_dir.string() + " or *", r.partner)));

  std::map<std::filesystem::path, std::uint32_t> folders;  // folder -> line that declared it (0: DATA/inbox/<id>)
  for (const auto& [id, profile] : snapshot.by_id) folders.emplace((g.inbox_dir() / id).lexically_normal(), 0);
  for (const ExtraInbox& box : g.intake.extra_inboxes) {
    if (!snapshot.find(box.partner))
      out.push_back(at_line(g, box.line,
                            Error("gateway.intake.unknown_partner", "the inbox is for a partner no profile has")
                                .want("a partner id from " + g.partners_dir.string(), box.partner)));
    auto [it, added] = folders.emplace(box.dir.lexically_normal(), box.line);
    if (!added)
      out.push_back(at_line(g, box.line,
                            Error("gateway.intake.overlap", "this inbox folder is already scanned (" +
                                                                (it->second ? "line " + std::to_string(it->second)
                                                                            : std::string("DATA/inbox/<partner>")) +
                                                                "): its files would be taken twice")
                                .want("a folder of its own", box.dir.string())));
  }

  for (const auto& [id, profile] : snapshot.by_id) {
    if (!profile->enabled) continue;
    std::string unrouted;
    for (const char* type : kCanonicalTypes)
      if (route_message(g, *profile, type).empty()) unrouted += (unrouted.empty() ? "" : ", ") + std::string(type);
    if (!unrouted.empty()) {
      Error e("gateway.route.none",
              "partner " + id + " has no destination for " + unrouted + ": such messages would wait unrouted");
      e.position.file = g.file.string();
      out.push_back(std::move(e).warn().as(ErrorCategory::configuration));
    }
  }
  return out;
}

}  // namespace edigate::gateway_config

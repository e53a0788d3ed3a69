// gateway.xml against the partner profiles: unknown partners, overlapping inboxes, types with
// nowhere to go.
#include "gateway_config/partner_check.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using namespace edigate::gateway_config;
namespace fs = std::filesystem;

namespace {

GatewayConfig gateway(const std::string& body, const fs::path& partners) {
  auto r = load_gateway_config_from_memory(
      "<gateway xmlns=\"urn:edigate:gateway:1\"><data dir=\"/data\"/>"
      "<partners dir=\"" +
          partners.string() + "\"/><maps dir=\"m\"/>\n" + body + "</gateway>",
      "/etc/gw/gateway.xml");
  INFO((r ? "" : r.error().to_string()));
  REQUIRE(r);
  return *r;
}

const fs::path kPartners = fs::path(EDIGATE_SOURCE_DIR) / "partners";

}  // namespace

TEST_CASE("the sample gateway configuration passes the partner checks without a warning", "[gateway_config]") {
  auto g = load_gateway_config(fs::path(EDIGATE_SOURCE_DIR) / "samples" / "gateway" / "gateway.xml");
  REQUIRE(g);
  partners::PartnerRegistry registry(g->partners_dir);
  auto snapshot = registry.snapshot();
  REQUIRE(snapshot->by_id.size() >= 5);
  auto problems = check_against_partners(*g, *snapshot);
  for (const auto& p : problems) INFO(p.to_string());
  CHECK(problems.empty());
}

TEST_CASE("routes and inboxes naming unknown partners are errors at their line", "[gateway_config]") {
  GatewayConfig g = gateway(R"(<intake>
    <inbox partner="nobody" dir="/mnt/a"/>
    <inbox partner="acme-retail" dir="/mnt/a"/>
    <inbox partner="eurofood" dir="/data/inbox/eurofood"/>
  </intake>
  <destinations><folder name="all" path="all"/></destinations>
  <routes>
    <route partner="ghost" destination="all"/>
    <route destination="all"/>
  </routes>)",
                            kPartners);
  partners::PartnerRegistry registry(kPartners);
  auto problems = check_against_partners(g, *registry.snapshot());
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].code == "gateway.route.unknown_partner");
  CHECK(problems[0].to_string().find("/etc/gw/gateway.xml:9: ") == 0);
  CHECK(problems[0].found == "ghost");
  CHECK(problems[1].code == "gateway.intake.unknown_partner");
  CHECK(problems[1].position.line == 3);
  CHECK(problems[2].code == "gateway.intake.overlap");
  CHECK(problems[2].position.line == 4);
  CHECK(problems[2].message.find("line 3") != std::string::npos);
  CHECK(problems[3].code == "gateway.intake.overlap");
  CHECK(problems[3].position.line == 5);
  CHECK(problems[3].message.find("DATA/inbox/<partner>") != std::string::npos);
  for (const auto& p : problems) CHECK_FALSE(p.is_warning());
}

TEST_CASE("a partner whose messages of some type have nowhere to go is a warning naming the types",
          "[gateway_config]") {
  GatewayConfig g = gateway(R"(<destinations><folder name="erp" path="erp"/></destinations>
  <routes><route types="purchase_order,invoice,purchase_order_ack,ship_notice,warehouse_order,warehouse_advice,functional_ack" destination="erp"/></routes>)",
                            kPartners);
  partners::PartnerRegistry registry(kPartners);
  auto problems = check_against_partners(g, *registry.snapshot());
  // Only tracking_event is unrouted, and only for partners without a destination taking it
  // (bluegrass-freight and ups-api send theirs to their own tms webhook).
  REQUIRE_FALSE(problems.empty());
  for (const auto& p : problems) {
    INFO(p.to_string());
    CHECK(p.code == "gateway.route.none");
    CHECK(p.is_warning());
    CHECK(p.message.find("no destination for tracking_event:") != std::string::npos);
    CHECK(p.message.find("bluegrass-freight") == std::string::npos);
    CHECK(p.message.find("ups-api") == std::string::npos);
  }
}

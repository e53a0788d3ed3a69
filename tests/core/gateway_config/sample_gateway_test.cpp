// samples/gateway/gateway.xml runs on its own over the example partners: every destination a
// profile names exists in it and every canonical type of every partner reaches a folder.
#include "gateway_config/destinations.hpp"
#include "partners/profile_loader.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <array>

#include "canonical/envelope.hpp"

using namespace edigate;
using namespace edigate::gateway_config;
namespace fs = std::filesystem;

namespace {
const fs::path kSample = fs::path(EDIGATE_SOURCE_DIR) / "samples" / "gateway" / "gateway.xml";
const auto kCanonicalTypes = canonical::canonical_types();
}  // namespace

TEST_CASE("the sample gateway configuration routes every example partner's messages to folders under --data",
          "[gateway_config][samples]") {
  edigate::test::TempDir data("gateway-sample");
  Overrides o;
  o.data_dir = data.path;
  auto loaded = load_gateway_config(kSample, o);
  INFO((loaded ? "" : loaded.error().to_string()));
  REQUIRE(loaded);
  const GatewayConfig& g = *loaded;
  CHECK(g.data_dir == data.path);
  CHECK(g.partners_dir == fs::path(EDIGATE_SOURCE_DIR) / "partners");
  CHECK(g.maps_dir == fs::path(EDIGATE_SOURCE_DIR) / "maps");
  REQUIRE(fs::is_directory(g.partners_dir));
  REQUIRE(fs::is_directory(g.maps_dir));
  for (const auto& d : g.destinations) {
    INFO(d.name);
    CHECK(d.kind == "folder");  // works with nothing else running
    CHECK(fs::path(d.settings.at("path")).lexically_relative(data.path).string().rfind("..", 0) != 0);
  }

  int partners_seen = 0;
  for (const auto& entry : fs::directory_iterator(g.partners_dir)) {
    const fs::path file = entry.path() / "partner.xml";
    if (!fs::is_regular_file(file)) continue;
    auto p = partners::load_profile(file);
    INFO(file.string());
    REQUIRE(p);
    ++partners_seen;
    for (const auto& own : (*p)->destinations) {
      INFO((*p)->id << " names destination " << own.name);
      CHECK(g.destination(own.name) != nullptr);
    }
    for (const auto& d : partner_destinations(g, **p)) {
      INFO((*p)->id << " destination " << d.name);
      CHECK(d.kind == "folder");
      CHECK(fs::path(d.settings.at("path")).lexically_relative(data.path).string().rfind("..", 0) != 0);
    }
    for (std::string_view type : kCanonicalTypes) {
      INFO((*p)->id << " " << type);
      auto targets = route_message(g, **p, type);
      REQUIRE_FALSE(targets.empty());
      CHECK(targets[0].destination.kind == "folder");
    }
  }
  CHECK(partners_seen >= 5);
}

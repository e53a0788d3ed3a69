#pragma once
// What the stage tests run on: the example partners and base maps, a real store in a temporary
// data directory, one folder destination "erp" with a route of every type to it, and the
// gateway's folder transport (DATA/outbox) with a store-backed transport host.
#include "pipeline/process_stage.hpp"
#include "pipeline/stage_context.hpp"
#include "runtime/runtime.hpp"
#include "store/store.hpp"
#include "transport_host/local_transports.hpp"

#include <catch2/catch.hpp>

#include "temp_dir.hpp"

namespace edigate::test {

/// A gateway configuration with one folder destination "erp" and a route of every type to it.
inline std::shared_ptr<const gateway_config::GatewayConfig> erp_for_everything(const std::filesystem::path& data) {
  auto config = std::make_shared<gateway_config::GatewayConfig>();
  config->data_dir = data;
  partners::Endpoint erp;
  erp.kind = "folder";
  erp.name = "erp";
  erp.settings["path"] = (data / "delivered" / "erp").string();
  config->destinations.push_back(erp);
  gateway_config::Route route;
  route.destination = "erp";
  config->routes.push_back(route);
  return config;
}

/// Runs every ready process item (validate, acknowledge, translate, route) of `store`; returns
/// how many ran. Fails the test on the first item that does not succeed.
inline int drain_inputs(store::Store& store, pipeline::StageContext& ctx) {
  int ran = 0;
  const store::WorkKind kinds[] = {store::WorkKind::process};
  while (true) {
    auto item = store.claim(kinds, "test", 60000);
    REQUIRE(item.ok());
    if (!item.value()) return ran;
    auto done = pipeline::process_input(ctx, *item.value());
    INFO((done.ok() ? "" : done.error().to_string()));
    REQUIRE(done.ok());
    ++ran;
  }
}

struct StageHarness {
  TempDir dir{"pipeline"};
  std::unique_ptr<runtime::Runtime> runtime;
  std::unique_ptr<store::Store> store;
  pipeline::RouteTable routes{erp_for_everything(dir.path / "data")};
  std::unique_ptr<pipeline::StageContext> ctx;
  std::unique_ptr<transport_host::LocalTransports> transports;

  StageHarness() {
    runtime::RuntimeOptions o;
    o.plugin_dirs = {std::filesystem::path(EDIGATE_BUILD_DIR) / "plugins"};
    o.schema_dirs = {std::filesystem::path(EDIGATE_BUILD_DIR) / "share" / "edigate" / "schemas"};
    o.partners_dir = std::filesystem::path(EDIGATE_SOURCE_DIR) / "partners";
    o.maps_dir = std::filesystem::path(EDIGATE_SOURCE_DIR) / "maps";
    std::vector<Error> warnings;
    auto rt = runtime::Runtime::open(o, warnings);
    REQUIRE(rt.ok());
    runtime = std::move(rt).value();
    auto st = store::open_sqlite_store(dir.path / "data", {});
    REQUIRE(st.ok());
    store = std::move(st).value();
    ctx.reset(new pipeline::StageContext{*runtime, *store, routes, dir.path / "data", {}});
    auto local = transport_host::LocalTransports::open(runtime->plugins(), *store, dir.path / "data");
    REQUIRE(local.ok());
    transports = std::move(local).value();
  }

  /// Runs every ready process item (validate, acknowledge, translate, route); returns how many.
  int drain_inputs() { return test::drain_inputs(*store, *ctx); }
};

}  // namespace edigate::test

#pragma once
// The real pipeline stages over a real store, run one work item at a time: what `edigate serve`
// does, without its threads, so the operations commands (db, replay, reprocess, trace, report)
// can be tested against databases built by the real thing. The configuration is
// samples/gateway/gateway.xml (folder destinations under the data directory), optionally
// edited; the example partners and maps of the source tree.
#include "delivery/retry_policy.hpp"
#include "gateway_config/gateway_config.hpp"
#include "pipeline/deliver_stage.hpp"
#include "pipeline/destination_set.hpp"
#include "pipeline/outbound_stage.hpp"
#include "pipeline/process_stage.hpp"
#include "pipeline/send_stage.hpp"
#include "runtime/runtime.hpp"
#include "store/store.hpp"
#include "transport_host/local_transports.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "temp_dir.hpp"

namespace edigate::test {

inline std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline const std::filesystem::path& source_dir() {
  static const std::filesystem::path dir = EDIGATE_SOURCE_DIR;
  return dir;
}

struct GatewayHarness {
  TempDir dir{"ops"};
  std::filesystem::path data = dir.path / "data";
  std::filesystem::path partners = dir.path / "partners";
  gateway_config::GatewayConfig config;
  std::unique_ptr<runtime::Runtime> runtime;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<pipeline::RouteTable> routes;
  std::unique_ptr<pipeline::StageContext> ctx;
  std::unique_ptr<transport_host::LocalTransports> transports;
  std::unique_ptr<pipeline::DestinationSet> destinations;
  std::unique_ptr<delivery::RetryPolicy> retry;

  /// `edit` changes the configuration text; partners in `left_out` are not onboarded (yet).
  explicit GatewayHarness(const std::function<void(std::string&)>& edit = {}, std::set<std::string> left_out = {}) {
    const auto file = source_dir() / "samples" / "gateway" / "gateway.xml";
    std::string xml = read_bytes(file);
    if (edit) edit(xml);
    gateway_config::Overrides overrides;
    overrides.data_dir = data;
    auto loaded = gateway_config::load_gateway_config_from_memory(xml, file, overrides);
    INFO((loaded ? "" : loaded.error().to_string()));
    REQUIRE(loaded.ok());
    config = std::move(loaded).value();
    // The partners folder is the test's own, so a partner can be onboarded mid-test.
    std::filesystem::create_directories(partners);
    for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "partners")) {
      if (left_out.count(entry.path().filename().string())) continue;
      std::filesystem::copy(entry.path(), partners / entry.path().filename(), std::filesystem::copy_options::recursive);
    }
    config.partners_dir = partners;
    runtime::RuntimeOptions o;
    o.plugin_dirs = {std::filesystem::path(EDIGATE_BUILD_DIR) / "plugins"};
    o.schema_dirs = {std::filesystem::path(EDIGATE_BUILD_DIR) / "share" / "edigate" / "schemas"};
    o.partners_dir = partners;
    o.maps_dir = source_dir() / "maps";
    std::vector<Error> warnings;
    auto rt = runtime::Runtime::open(o, warnings);
    REQUIRE(rt.ok());
    runtime = std::move(rt).value();
    auto st = store::open_sqlite_store(data, {});
    REQUIRE(st.ok());
    store = std::move(st).value();
    routes = std::make_unique<pipeline::RouteTable>(pipeline::RouteTable::from_config(config));
    ctx.reset(new pipeline::StageContext{*runtime, *store, *routes, data, {}});
    transports = std::move(transport_host::LocalTransports::open(runtime->plugins(), *store, data)).value();
    const auto& d = config.delivery;
    destinations = std::make_unique<pipeline::DestinationSet>(
        std::make_shared<const gateway_config::GatewayConfig>(config), *runtime,
        delivery::BreakerOptions{d.breaker_failures, std::chrono::milliseconds(d.breaker_open_ms)});
    retry = std::make_unique<delivery::RetryPolicy>(delivery::RetryOptions{
        std::chrono::milliseconds(d.base_ms), std::chrono::milliseconds(d.cap_ms), d.max_attempts});
  }

  /// Onboards a partner left out at the start, as an operator would, and reloads the profiles.
  void onboard(const std::string& partner) {
    std::filesystem::copy(source_dir() / "partners" / partner, partners / partner,
                          std::filesystem::copy_options::recursive);
    runtime->reload();
    destinations->forget_partner_destinations();
  }

  std::int64_t receive(const std::filesystem::path& file, const std::string& hint = "") {
    const std::string name = file.filename().string();
    auto r = store->receive({"folder", name, hint, name, read_bytes(file)});
    REQUIRE(r.ok());
    return r.value().input_id;
  }

  /// A canonical submission from the first line of a partner sample (.jsonl), as the ERP posts it.
  std::string submit(const std::filesystem::path& jsonl) {
    const std::string text = read_bytes(jsonl);
    auto submitted = pipeline::submit_outbound(*ctx, text.substr(0, text.find('\n')), "test");
    INFO((submitted ? "" : submitted.error().to_string()));
    REQUIRE(submitted.ok());
    return submitted.value().message_id;
  }

  /// Runs every due work item of every kind, as the workers would; returns how many ran.
  int drain() {
    const store::WorkKind kinds[] = {store::WorkKind::process, store::WorkKind::render, store::WorkKind::send,
                                     store::WorkKind::deliver};
    int ran = 0;
    for (; ran < 10000; ++ran) {
      auto item = store->claim(kinds, "test", 60000);
      REQUIRE(item.ok());
      if (!item.value()) break;
      const store::WorkItem& w = *item.value();
      auto done = w.kind == store::WorkKind::process  ? pipeline::process_input(*ctx, w)
                  : w.kind == store::WorkKind::render ? pipeline::render_outbound(*ctx, w)
                  : w.kind == store::WorkKind::send   ? pipeline::send_outbound(*ctx, transports->set(), w)
                                                      : pipeline::deliver_message(*ctx, *destinations, *retry, w);
      INFO((done.ok() ? "" : done.error().to_string()));
      REQUIRE(done.ok());
    }
    return ran;
  }

  std::vector<store::MessageRecord> messages() {
    auto m = store->messages({});
    REQUIRE(m.ok());
    return m.value();
  }

  /// Files in a folder under the data directory, sorted.
  std::vector<std::string> files_in(const std::string& rel) const {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto& e : std::filesystem::directory_iterator(data / rel, ec)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

/// Runs an edigate command in-process: its exit code, stdout and stderr.
struct CommandRun {
  int code = -1;
  std::string out, err;
};

template <typename Command>
CommandRun run_cli(Command command, std::vector<std::string> words) {
  std::ostringstream out, err;
  CommandRun r;
  r.code = command(words, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace edigate::test

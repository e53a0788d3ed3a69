// SFTP pickup for `make bench` (bench/sftp_bench.py starts the server and runs this): the SFTP
// transport plugin loaded from BUILD/plugins as the gateway loads it, one endpoint opened through
// transport_host::endpoint_config, polling a private sshd's inbox into a real SQLite store
// (GatewayTransportHost: every file committed before its remote delete) until COUNT files are
// taken. Prints one JSON line: files, bytes, seconds, files_per_s, polls.
//
// usage: edigate_sftp_bench PLUGIN DATA PROFILE COUNT
//   PLUGIN  path of libedigate_sftp.so     DATA  a fresh data directory for the store
//   PROFILE a partner.xml with one <sftp> endpoint on the server (the inbox already filled)
#include "partners/profile_loader.hpp"
#include "plugin_host/plugin_host.hpp"
#include "store/store.hpp"
#include "transport_host/endpoint_config.hpp"
#include "transport_host/gateway_transport_host.hpp"

#include <chrono>
#include <cstdio>
#include <string>

using namespace edigate;

namespace {
int fail(const std::string& what) {
  std::fprintf(stderr, "edigate_sftp_bench: %s\n", what.c_str());
  return 1;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) return fail("usage: edigate_sftp_bench PLUGIN DATA PROFILE COUNT");
  const std::size_t count = std::stoul(argv[4]);
  plugin_host::PluginHost plugins;
  if (auto loaded = plugins.load_file(argv[1]); !loaded) return fail(loaded.error().to_string());
  auto plugin = plugins.transport("sftp");
  if (!plugin) return fail("no sftp plugin in " + std::string(argv[1]));
  auto store = store::open_sqlite_store(argv[2], {});
  if (!store) return fail(store.error().to_string());
  transport_host::GatewayTransportHost host(**store, nullptr, nullptr, static_cast<std::uint32_t>(count + 1000), {});
  auto profile = partners::load_profile(argv[3]);
  if (!profile) return fail(profile.error().to_string());
  if ((*profile)->transports.empty()) return fail("the profile has no transport");
  auto config =
      transport_host::endpoint_config(**profile, (*profile)->transports.front(), nullptr, plugin->spec(), argv[2]);
  if (!config) return fail(config.error().to_string());
  auto endpoint = plugin->open(*config, host);
  if (!endpoint) return fail(endpoint.error().to_string());

  // The clock starts before the first connection: login is part of a pickup.
  const auto started = std::chrono::steady_clock::now();
  std::size_t taken = 0, polls = 0;
  while (taken < count && polls < 1000) {
    auto n = (*endpoint)->poll(host);
    ++polls;
    if (!n) return fail(n.error().to_string());
    taken += *n;
    if (*n == 0) break;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::uint64_t bytes = 0;
  for (std::int64_t id = 1; id <= static_cast<std::int64_t>(taken); ++id)
    if (auto in = (*store)->input(id)) bytes += in->size;
  std::printf("{\"files\": %zu, \"bytes\": %llu, \"seconds\": %.4f, \"files_per_s\": %.1f, \"polls\": %zu}\n", taken,
              static_cast<unsigned long long>(bytes), seconds, seconds > 0 ? static_cast<double>(taken) / seconds : 0.0,
              polls);
  endpoint->reset();
  return taken == count ? 0 : fail("took " + std::to_string(taken) + " of " + std::to_string(count) + " files");
}

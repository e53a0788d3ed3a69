// The folder transport plugin as the gateway uses it: loaded from build/plugins, opened from a
// profile's <folder> element through the host's settings check, storing into a real store.
#include "plugin_host/plugin_host.hpp"
#include "store/store.hpp"
#include "transport_host/endpoint_config.hpp"
#include "transport_host/gateway_transport_host.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "temp_dir.hpp"

using namespace edigate;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Folder {
  test::TempDir dir{"file-transport"};
  plugin_host::PluginHost plugins;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<transport_host::GatewayTransportHost> host;
  std::unique_ptr<TransportEndpoint> endpoint;
  int log_fd = -1;
  std::unique_ptr<log::JsonLog> log;

  explicit Folder(std::map<std::string, std::string> settings, std::uint32_t queue_limit = 100) {
    REQUIRE(plugins.load_file(fs::path(EDIGATE_BUILD_DIR) / "plugins/libedigate_file.so").ok());
    store = std::move(store::open_sqlite_store(dir.path / "data", {})).value();
    log_fd = ::open((dir.path / "gateway.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    REQUIRE(log_fd >= 0);
    log = std::make_unique<log::JsonLog>(log_fd);
    host = std::make_unique<transport_host::GatewayTransportHost>(*store, log.get(), nullptr, queue_limit,
                                                                  std::function<void()>{});
    partners::Profile p;
    p.id = "acme";
    p.file = dir.path / "partners/acme/partner.xml";
    p.folder = dir.path / "partners/acme";
    partners::Endpoint e;
    e.kind = "folder";
    e.name = "drop";
    e.settings = std::move(settings);
    auto plugin = plugins.transport("folder");
    REQUIRE(plugin);
    auto config = transport_host::endpoint_config(p, e, nullptr, plugin->spec(), dir.path / "data");
    INFO((config ? "" : config.error().to_string()));
    REQUIRE(config.ok());
    auto opened = plugin->open(*config, *host);
    INFO((opened ? "" : opened.error().to_string()));
    REQUIRE(opened.ok());
    endpoint = std::move(*opened);
  }
  ~Folder() {
    endpoint.reset();  // before the plugin library goes
    host.reset();
    log.reset();
    ::close(log_fd);
  }
  std::string log_text() const { return read_text(dir.path / "gateway.log"); }
};

}  // namespace

TEST_CASE("the folder transport stores a complete file, then archives it", "[transports][file]") {
  Folder f({{"inbox", "in"}, {"archive", "archive"}, {"stable-ms", "0"}});
  test::write_text(f.dir.path / "partners/acme/in/po-1.edi", "ISA*...");
  test::write_text(f.dir.path / "partners/acme/in/.po-2.edi.tmp", "still being written");
  auto taken = f.endpoint->poll(*f.host);
  REQUIRE(taken.ok());
  CHECK(*taken == 1);
  CHECK_FALSE(fs::exists(f.dir.path / "partners/acme/in/po-1.edi"));
  CHECK(read_text(f.dir.path / "partners/acme/archive/po-1.edi") == "ISA*...");
  CHECK(fs::exists(f.dir.path / "partners/acme/in/.po-2.edi.tmp"));  // never a half-written file
  auto input = f.store->input(1);
  REQUIRE(input.ok());
  CHECK(input->partner_hint == "acme");
  CHECK(input->transport == "folder:drop");
  CHECK(f.store->input_bytes(1).value() == "ISA*...");
}

TEST_CASE("the folder transport leaves files in place while the gateway is full", "[transports][file]") {
  Folder f({{"inbox", "in"}, {"stable-ms", "0"}}, 1);
  test::write_text(f.dir.path / "partners/acme/in/a.edi", "A");
  test::write_text(f.dir.path / "partners/acme/in/b.edi", "B");
  REQUIRE(f.endpoint->poll(*f.host).value() == 1);  // one slot in the queue
  CHECK(f.endpoint->poll(*f.host).value() == 0);    // full: nothing read, nothing removed
  std::size_t left = 0;
  for (const auto& e : fs::directory_iterator(f.dir.path / "partners/acme/in")) left += e.is_regular_file();
  CHECK(left == 1);
}

TEST_CASE("the folder transport writes a document whole under its own name, never outside the outbox",
          "[transports][file]") {
  Folder f(std::map<std::string, std::string>{{"outbox", "out"}});
  const auto sent = f.endpoint->send({7, "acme", "997", "../../escape-997.edi", "ISA*997~", 0});
  CHECK(sent.kind == SendResult::Kind::delivered);
  CHECK(read_text(f.dir.path / "partners/acme/out/escape-997.edi") == "ISA*997~");
  CHECK_FALSE(fs::exists(f.dir.path / "escape-997.edi"));
  for (const auto& e : fs::directory_iterator(f.dir.path / "partners/acme/out"))
    CHECK(e.path().filename().string().front() != '.');  // no temporary left behind
}

TEST_CASE("an outbox that cannot be a folder is a permanent failure naming it", "[transports][file]") {
  Folder f(std::map<std::string, std::string>{{"outbox", "out"}});
  test::write_text(f.dir.path / "partners/acme/out", "a file where the folder should be");
  const auto sent = f.endpoint->send({8, "acme", "997", "a.edi", "x", 0});
  CHECK(sent.kind == SendResult::Kind::permanent);
  CHECK(sent.detail.find("partners/acme/out") != std::string::npos);
}

TEST_CASE("a folder endpoint with neither inbox nor outbox is refused at open", "[transports][file]") {
  plugin_host::PluginHost plugins;
  REQUIRE(plugins.load_file(fs::path(EDIGATE_BUILD_DIR) / "plugins/libedigate_file.so").ok());
  auto plugin = plugins.transport("folder");
  REQUIRE(plugin);
  test::TempDir dir("file-transport");
  auto store = std::move(store::open_sqlite_store(dir.path / "data", {})).value();
  transport_host::GatewayTransportHost host(*store, nullptr, nullptr, 10, {});
  TransportConfig c;
  c.partner = "acme";
  c.name = "empty";
  for (const auto& o : plugin->spec().options)
    if (!o.default_value.empty()) c.options[o.name] = o.default_value;
  auto opened = plugin->open(c, host);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().code == "transport.file.config");
}

TEST_CASE("a file larger than max-file-bytes is not read: moved to .failed/ with an error naming it, the rest stored",
          "[transports][file]") {
  Folder f({{"inbox", "in"}, {"stable-ms", "0"}, {"max-file-bytes", "16"}});
  test::write_text(f.dir.path / "partners/acme/in/big.edi", std::string(17, 'X'));
  test::write_text(f.dir.path / "partners/acme/in/small.edi", "ISA*small");
  auto taken = f.endpoint->poll(*f.host);
  REQUIRE(taken.ok());
  CHECK(*taken == 1);
  CHECK(f.store->input_bytes(1).value() == "ISA*small");
  CHECK_FALSE(f.store->input(2).ok());  // the large one was not stored
  CHECK_FALSE(fs::exists(f.dir.path / "partners/acme/in/big.edi"));
  CHECK(read_text(f.dir.path / "partners/acme/in/.failed/big.edi") == std::string(17, 'X'));
  const std::string log = f.log_text();
  CHECK(log.find("intake.file.too_large") != std::string::npos);
  CHECK(log.find("big.edi: 17 bytes, more than max-file-bytes (16") != std::string::npos);
  // Not offered again: the next scan takes nothing.
  auto again = f.endpoint->poll(*f.host);
  REQUIRE(again.ok());
  CHECK(*again == 0);
}

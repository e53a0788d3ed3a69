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
#include <vector>

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
  test::TempDir dir;
  plugin_host::PluginHost plugins;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<transport_host::GatewayTransportHost> host;
  std::unique_ptr<TransportEndpoint> endpoint;
  int log_fd = -1;
  std::unique_ptr<log::JsonLog> log;

  /// `base`: where its folders go (default: the system temp dir).
  explicit Folder(std::map<std::string, std::string> settings, std::uint32_t queue_limit = 100,
                  const fs::path& base = {})
      : dir("file-transport", base) {
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

namespace {

/// A /proc/self/status figure in KiB ("VmHWM", "VmRSS").
std::uint64_t status_kib(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stoull(line.substr(key.size() + 1));
  return 0;
}

/// Writes `bytes` bytes of X12-looking lines to `path` a megabyte at a time.
void write_big_file(const fs::path& path, std::uint64_t bytes) {
  fs::create_directories(path.parent_path());
  std::string block;
  while (block.size() < (1u << 20))
    block += "ST*850*0001~BEG*00*SA*PO-4711**20261203~PO1*1*10*EA*9.95**VP*SKU-1~SE*4*0001~\n";
  block.resize(1u << 20);
  std::ofstream out(path, std::ios::binary);
  for (std::uint64_t left = bytes; left > 0;) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, block.size()));
    out.write(block.data(), static_cast<std::streamsize>(n));
    left -= n;
  }
  REQUIRE(out.good());
}

std::size_t blob_files(const fs::path& data) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(data / "blobs", ec))
    n += e.is_regular_file() && e.path().parent_path().filename() != "incoming";
  return n;
}

}  // namespace

TEST_CASE(
    "a 200 MiB file is streamed into the store with the gateway's peak memory far below its size, and "
    "the same file again is a duplicate",
    "[transports][file][stream]") {
  constexpr std::uint64_t kSize = 200ull << 20;
  // Under the build folder, removed when the test ends (the Folder's TempDir).
  Folder f({{"inbox", "in"}, {"stable-ms", "0"}}, 100, fs::path(EDIGATE_BUILD_DIR) / "test-tmp");
  const fs::path file = f.dir.path / "partners/acme/in/catalog.edi";
  write_big_file(file, kSize);
  // Peak RSS from here on: "5" resets VmHWM to the current RSS (Linux >= 4.0).
  std::ofstream("/proc/self/clear_refs") << "5";
  const std::uint64_t before_kib = status_kib("VmRSS");

  auto taken = f.endpoint->poll(*f.host);
  INFO((taken ? "" : taken.error().to_string()));
  REQUIRE(taken.ok());
  CHECK(*taken == 1);
  const std::uint64_t peak_kib = status_kib("VmHWM");
  INFO("RSS before " << before_kib << " KiB, peak during intake " << peak_kib << " KiB");
  CHECK(peak_kib < before_kib + 32 * 1024);  // one chunk and the store's caches, not the file
  CHECK(peak_kib < (kSize >> 10) / 4);
  CHECK_FALSE(fs::exists(file));  // committed, so removed
  const auto first = f.store->input(1).value();
  CHECK(first.size == kSize);
  const fs::path blob = f.dir.path / "data/blobs" / first.sha256.substr(0, 2) / first.sha256;
  REQUIRE(fs::exists(blob));
  CHECK(fs::file_size(blob) == kSize);

  // The partner drops the same file again: a recorded duplicate, no second blob, nothing queued.
  write_big_file(file, kSize);
  REQUIRE(f.endpoint->poll(*f.host).value() == 1);
  const auto again = f.store->input(2).value();
  CHECK(again.state == "duplicate");
  CHECK(again.duplicate_of == 1);
  CHECK(again.sha256 == first.sha256);
  CHECK(blob_files(f.dir.path / "data") == 1);
  CHECK(f.store->queue_counts(store::WorkKind::process).value().ready == 1);
  CHECK(status_kib("VmHWM") < before_kib + 32 * 1024);
}
